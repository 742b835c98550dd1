/**
 * The org schema the names tests use: a few hand-written tags (with a deleted one, names with spaces, one name in
 * two cases, one that is not a bare word), 5,000 generated tags, users (two named "Sam Lee"), teams, queues and the
 * pulling user. Ids are 24-hex with digits and letters (the schema's id pattern wants both).
 */
import type { OrgSchema } from '../../src/schema/org/types.js';

/** A 24-hex id: `prefix` (6 hex characters with a letter) then `n` in hex. */
export function idOf(prefix: string, n: number): string {
  return `${prefix}${n.toString(16).padStart(18, '0')}`;
}

export const ids = {
  billing: idOf('aa0001', 1),
  vip: idOf('aa0001', 2),
  billingIssue: idOf('aa0001', 3),
  refundOld: idOf('aa0001', 4),
  refund: idOf('aa0001', 5),
  upperUrgent: idOf('aa0001', 6),
  lowerUrgent: idOf('aa0001', 7),
  weird: idOf('aa0001', 8),
  orWord: idOf('aa0001', 9),
  ada: idOf('bb0002', 1),
  samA: idOf('bb0002', 2),
  samB: idOf('bb0002', 3),
  grace: idOf('bb0002', 4),
  tier2: idOf('cc0003', 1),
  support: idOf('cc0003', 2),
  billingQueue: idOf('dd0004', 1),
  defaultQueue: idOf('dd0004', 2),
} as const;

/** The generated tags: `gen-0000` … `gen-4999`, ids `ee0005…`. */
export const generatedTagCount = 5_000;
export const generatedTags = Array.from({ length: generatedTagCount }, (_, i) => ({
  id: idOf('ee0005', i),
  name: `gen-${String(i).padStart(4, '0')}`,
}));

export const schema: OrgSchema = {
  version: 1,
  pulledAt: '2026-01-01T00:00:00.000Z',
  objects: {},
  klasses: [],
  lookups: {
    tags: [
      { id: ids.billing, name: 'billing' },
      { id: ids.vip, name: 'vip' },
      { id: ids.billingIssue, name: 'Billing Issue' },
      { id: ids.refundOld, name: 'refund', deleted: true },
      { id: ids.refund, name: 'refund' },
      { id: ids.upperUrgent, name: 'Urgent' },
      { id: ids.lowerUrgent, name: 'urgent' },
      { id: ids.weird, name: 'a "quoted" (tag)' },
      { id: ids.orWord, name: 'OR' },
      ...generatedTags,
    ],
    users: [
      { id: ids.ada, name: 'Ada Lovelace', email: 'ada@example.com' },
      { id: ids.samA, name: 'Sam Lee', email: 'sam.lee@example.com' },
      { id: ids.samB, name: 'Sam Lee', email: 'slee@example.com' },
      { id: ids.grace, name: 'Grace Hopper', email: 'grace@example.com', displayName: 'Amazing Grace' },
    ],
    teams: [
      { id: ids.tier2, name: 'Tier 2' },
      { id: ids.support, name: 'support', displayName: 'Support' },
    ],
    queues: [
      { id: ids.billingQueue, name: 'billing', displayName: 'Billing' },
      { id: ids.defaultQueue, name: 'DEFAULT_QUEUE', system: true },
    ],
  },
  currentUser: { id: ids.ada, name: 'Ada Lovelace', email: 'ada@example.com' },
};

/** The hand-written lookups only (no generated tags): small enough to print in a test's name. */
export const smallSchema: OrgSchema = {
  ...schema,
  lookups: { ...schema.lookups, tags: schema.lookups.tags!.slice(0, schema.lookups.tags!.length - generatedTagCount) },
};

/** The small schema without a current user. */
export const smallSchemaWithoutMe: OrgSchema = { ...smallSchema, currentUser: undefined } as OrgSchema;

/** The same schema without a current user (`@me` is then an error). */
export const schemaWithoutMe: OrgSchema = { ...schema, currentUser: undefined } as OrgSchema;
