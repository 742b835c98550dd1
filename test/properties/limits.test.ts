/**
 * Properties of Kustomer's body limits (kustomer-api-live.md §1c, the OpenAPI schema's `maxItems`: 20 items in each
 * of `and`, `or`, `not`; 5 sort keys): compile never emits a body over them, and a query over them is always KQ3005.
 * fast-check prints the seed of a failure; replay it with FC_SEED=<seed>.
 */
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compile, validateCriteria } from '../../src/index.js';
import { fcOptions } from '../helpers/fc.js';
import { directives, query } from '../helpers/queries.js';

const now = '2026-11-30T15:00:00Z';
const maxItems = 20;
const maxSort = 5;

/** Sort keys Kustomer documents (kustomer-search-api.md §6.1), distinct. */
const sortable = ['customer_name', 'customer_gender', 'customer_created_at', 'customer_updated_at', 'customer_modified_at', 'customer_activity_at', 'customer_last_seen_at', 'customer_signed_up_at'];

/**
 * A query with exactly `and`, `or`, `not` criteria in those arrays and `sort` sort keys: terms that never merge
 * (`>=` on distinct numbers in the AND, `<` in the OR, negated equalities on distinct numbers) on one number field.
 */
const counted = fc.record({
  and: fc.integer({ min: 0, max: 45 }),
  or: fc.integer({ min: 0, max: 45 }),
  not: fc.integer({ min: 0, max: 45 }),
  sort: fc.integer({ min: 0, max: sortable.length }),
});

function text(n: { and: number; or: number; not: number; sort: number }): string {
  const f = 'conversation_message_count';
  const parts = [
    ...Array.from({ length: n.and }, (_, i) => `${f}>=${i}`),
    ...Array.from({ length: n.not }, (_, i) => `-${f}:${i}`),
  ];
  // An OR of one term is no OR group: it lands in `and`.
  if (n.or > 1) parts.push(`(${Array.from({ length: n.or }, (_, i) => `${f}<${i}`).join(' OR ')})`);
  else if (n.or === 1) parts.push(`${f}<0`);
  const sorts = sortable.slice(0, n.sort).map((k) => `sort:${k}`);
  return [parts.join(' AND '), 'context:conversation', ...sorts].filter((p) => p !== '').join(' ');
}

test('a query over a limit is always KQ3005 (one per array over it), and within them never', () => {
  fc.assert(
    fc.property(counted, (n) => {
      const q = text(n);
      const r = compile(q, { now });
      const andCount = n.and + (n.or === 1 ? 1 : 0);
      const orCount = n.or > 1 ? n.or : 0;
      const over = [andCount > maxItems, orCount > maxItems, n.not > maxItems].filter(Boolean).length;
      const tooMany = r.diagnostics.filter((d) => d.code === 'KQ3005');
      if (n.sort > maxSort) {
        // Too many sort keys stop compile at the checker, before the arrays are counted.
        assert.equal(tooMany.length, 1, q);
        assert.match(tooMany[0]!.message, "in 'sort'");
        return;
      }
      assert.is(tooMany.length, over, q);
      assert.is(r.criteria === undefined, over > 0, q);
      if (r.criteria) {
        assert.is(r.criteria.and?.length ?? 0, andCount);
        assert.is(r.criteria.or?.length ?? 0, orCount);
        assert.is(r.criteria.not?.length ?? 0, n.not);
        assert.is(r.criteria.sort?.length ?? 0, n.sort);
      }
    }),
    fcOptions(300),
  );
});

/** Every array of `item`'s groups (at any depth) holds at most 20 items. */
function withinLimits(items: readonly unknown[] | undefined): boolean {
  if (items === undefined) return true;
  if (items.length > maxItems) return false;
  return items.every((item) => {
    const [key, value] = Object.entries(item as object)[0]!;
    return key === 'and' || key === 'or' || key === 'not' ? withinLimits(value as unknown[]) : true;
  });
}

test('compile of generated queries (nested, up to 60 conjuncts) never emits an array over 20 items or over 5 sort keys', () => {
  fc.assert(
    fc.property(fc.array(query, { minLength: 1, maxLength: 60 }), directives, fc.boolean(), (qs, dirs, nested) => {
      const joined = qs.map((q) => `(${q})`).join(nested ? ' AND ' : ' OR ');
      const q = dirs ? `(${joined}) ${dirs}` : joined;
      const r = compile(q, { now, nested });
      if (!r.criteria) {
        // Without nested groups a generated query may not fit: only the shape errors may stop it.
        assert.ok(!nested, `nested compile failed: ${q}\n${JSON.stringify(r.diagnostics.map((d) => d.code))}`);
        assert.ok(r.diagnostics.every((d) => d.severity !== 'error' || /^KQ300[1-5]$/.test(d.code)), JSON.stringify(r.diagnostics.map((d) => d.code)));
        return;
      }
      for (const key of ['and', 'or', 'not'] as const) assert.ok(withinLimits(r.criteria[key]), `${key} over the limit: ${q}`);
      assert.ok((r.criteria.sort?.length ?? 0) <= maxSort);
      const v = validateCriteria(r.criteria);
      assert.ok(v.valid, JSON.stringify(v.errors));
    }),
    fcOptions(200),
  );
});

test.run();
