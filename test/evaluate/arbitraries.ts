/**
 * Generators for the differential properties (not a test file): queries over a small set of fields, one or two of
 * each kind, with values drawn from pools that records draw from too, so that comparisons hit; and records that
 * hit the interesting values — the first and last millisecond of local days in the query's time zone (DST days
 * among them), instants the relative dates resolve to, missing fields, `null`, empty and several-element lists,
 * tokens in mixed case, values of the wrong type.
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { allows } from '../../src/check/operators.js';
import { parse, type CompileOptions } from '../../src/index.js';
import { analyze } from '../../src/check/check.js';
import type { FieldKind } from '../../src/options.js';
import type { ComparisonOperator } from '../../src/syntax/ast.js';

/** A field of the generated queries, with the query values and the record values it draws from. */
interface PoolField {
  readonly name: string;
  readonly kind: FieldKind;
  /** Values as query text (already quoted where needed). */
  readonly query: readonly string[];
  /** Values records hold (datetime fields draw instants elsewhere). */
  readonly record: readonly unknown[];
}

const tagWords = ['vip', 'VIP', 'gold', 'churn-risk', 'b2b'];
const nameWords = ['Jane', 'jane', 'JANE', 'Doe', '"jane doe"', '"Doe Jane"', 'Gold', 'gold'];
const nameValues = ['Jane Doe', 'jane doe', 'JANE DOE', 'Jane', 'jane', 'Doe Jane', 'Gold', 'gold', 'GOLD tier', '', 'ORD-1234'];
const textWords = ['refund', 'Refund', '"double charged"', '"charged double"', 'ORD-1234', 'ord-1234', 'charged', '"-"'];
const textValues = [
  'I was double charged, please refund',
  'REFUND requested',
  'Double-Charged twice',
  'charged double',
  'order ORD-1234 refunds',
  'refunded',
  '',
  '-',
];
const keywordWords = ['ORD-1234', 'ord-1234', 'A1', '"a b"'];
const keywordValues = ['ORD-1234', 'ord-1234', 'A1', 'a b', 'A B', 1234, true];

/** The days queries use (repeats weigh more): DST changes in several zones, leap day, year ends, the first and last storable days. */
export const days = [
  '2024-03-10', // US DST starts
  '2024-11-03', // US DST ends
  '2024-03-31', // EU DST starts
  '2024-10-27', // EU DST ends
  '2024-09-08', // Chile: midnight does not exist
  '2024-04-07', // Chile and Lord Howe: DST ends
  '2024-02-29',
  '2024-12-31',
  '2025-01-01',
  // The first and last storable days weigh more: storage ends next to them (dates.ts minStoredMs).
  '0000-01-01',
  '0000-01-01',
  '9999-12-31',
  '9999-12-31',
  '9999-12-31',
];

/** Instants queries use. */
const instants = ['2024-03-10T07:00:00.000Z', '2024-03-10T06:59:59.999Z', '2024-11-03T05:30:00Z', '2024-12-31T23:59:59.999+14:00'];

/** Relative dates queries use. */
const relatives = ['now', 'now-7d', 'now-1d/d', 'today', 'yesterday', 'tomorrow', 'now+1h', 'now/w', '-7d', 'now-1M/d'];

/** The time zones queries are read in; `null` is none (GMT). */
export const zones = [
  null,
  'UTC',
  'America/New_York',
  'Europe/Paris',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
  'America/Santiago',
  'Australia/Lord_Howe',
] as const;

/** The clocks relative dates resolve against. */
export const clocks = ['2024-03-10T06:30:00Z', '2024-11-03T05:30:00Z', '2024-12-31T23:30:00Z'];

const dateQuery = [...days, ...instants, ...relatives];

export const poolFields: readonly PoolField[] = [
  { name: 'conversation_status', kind: 'list', query: ['open', 'snoozed', 'done'], record: ['open', 'snoozed', 'done', 'OPEN'] },
  { name: 'customer_tags', kind: 'list', query: tagWords, record: [...tagWords, 'Vip'] },
  { name: 'customer_name', kind: 'string', query: nameWords, record: nameValues },
  { name: 'customer_custom_tierStr', kind: 'string', query: nameWords, record: nameValues },
  { name: 'customer_externalId', kind: 'string_notanalyzed', query: keywordWords, record: keywordValues },
  { name: 'conversation_customer_id', kind: 'string_notanalyzed', query: keywordWords, record: keywordValues },
  { name: 'message_body', kind: 'text', query: textWords, record: textValues },
  { name: 'conversation_custom_notesTxt', kind: 'text', query: textWords, record: textValues },
  { name: 'customer_any_text', kind: 'any', query: [...textWords, 'jane'], record: textValues },
  { name: 'conversation_priority', kind: 'number', query: ['1', '2', '3', '4', '5'], record: [1, 2, 3, 4, 5, 3.5, '3', 'abc', 0] },
  { name: 'customer_custom_scoreNum', kind: 'number', query: ['-1', '0', '2.5', '3', '10', '1e1'], record: [-1, 0, 2.5, 3, 10, -0, '2.5', 'x', 1e21] },
  { name: 'conversation_sla_breached', kind: 'boolean', query: ['true', 'false', 'TRUE'], record: [true, false, 'true', 'false', 'yes', 1] },
  { name: 'message_direction', kind: 'boolean', query: ['in', 'out'], record: ['in', 'out', 'IN', true] },
  { name: 'conversation_created_at', kind: 'datetime', query: dateQuery, record: [] },
  { name: 'customer_updated_at', kind: 'datetime', query: dateQuery, record: [] },
  { name: 'customer_custom_renewAt', kind: 'datetime', query: dateQuery, record: [] },
];

/** Values that may follow `op` on a field. */
function valuesFor(f: PoolField, op: ComparisonOperator | 'range'): readonly string[] {
  if (op === '~' || (op === ':' && (f.kind === 'text' || f.kind === 'any'))) return f.kind === 'list' ? f.query : [...textWords, ...nameWords];
  if (op === 'range') return f.kind === 'datetime' ? dateQuery : f.query;
  return f.query;
}

/** One field term over the pool: comparisons, value lists, ranges, "is set". */
const fieldTerm: fc.Arbitrary<string> = fc.constantFrom(...poolFields).chain((f) => {
  const options: fc.Arbitrary<string>[] = [fc.constantFrom(`${f.name}:*`, `has:${f.name}`, `no:${f.name}`, `-${f.name}:*`)];
  for (const op of [':', '=', '!=', '~', '>', '>=', '<', '<='] as const) {
    if (!allows(f.kind, op, 'single')) continue;
    options.push(fc.constantFrom(...valuesFor(f, op)).map((v) => `${f.name}${op}${v}`));
  }
  for (const op of [':', '=', '~', '!='] as const) {
    if (!allows(f.kind, op, 'list')) continue;
    const v = fc.constantFrom(...valuesFor(f, op));
    options.push(fc.array(v, { minLength: 2, maxLength: 3 }).map((vs) => `${f.name}${op}(${vs.join(' OR ')})`));
    options.push(
      fc.array(v.filter((x) => !x.startsWith('"')), { minLength: 2, maxLength: 3 }).map((vs) => `${f.name}${op}${vs.join(',')}`),
    );
  }
  if (allows(f.kind, ':', 'range')) {
    const v = fc.constantFrom(...valuesFor(f, 'range'));
    options.push(
      fc
        .tuple(fc.option(v, { nil: '*' }), fc.option(v, { nil: '*' }), fc.constantFrom('..', '[]', '{}', '[}', '{]'))
        .map(([a, b, form]) => (form === '..' ? `${f.name}:${a}..${b}` : `${f.name}:${form[0]}${a} TO ${b}${form[1]}`)),
    );
  }
  return fc.oneof(...options);
});

/** A bare word or a phrase: full-text search. */
const textTerm = fc.constantFrom(...textWords, 'jane', '"Jane Doe"', 'GOLD');

/** A query over the pool fields: terms under AND, OR, NOT, `-` and parentheses. */
export const poolQuery: fc.Arbitrary<string> = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fieldTerm,
    fieldTerm,
    textTerm,
    fc.tuple(tie('expr'), fc.constantFrom(' AND ', ' ', ' OR '), tie('expr')).map(([a, op, b]) => `(${a})${op}(${b})`),
    fc.tuple(tie('expr'), tie('expr'), tie('expr')).map(([a, b, c]) => `${a} OR ${b} OR ${c}`),
    tie('expr').map((e) => `NOT (${e})`),
    tie('expr').map((e) => `-(${e})`),
  ),
})).expr;

/** Interesting instants for a zone and a clock: the edges of the pool's days and of the relative dates. */
export function anchorsFor(zone: string | null, clock: string): number[] {
  const z = zone ?? 'UTC';
  const out: number[] = [];
  for (const d of days) {
    const start = DateTime.fromISO(d, { zone: z });
    const next = DateTime.fromISO(d, { zone: 'UTC' }).plus({ days: 1 });
    const end = DateTime.fromObject({ year: next.year, month: next.month, day: next.day }, { zone: z });
    if (start.isValid) out.push(start.toMillis());
    if (end.isValid) out.push(end.toMillis());
  }
  for (const i of instants) out.push(Date.parse(i));
  const now = DateTime.fromISO(clock, { zone: z });
  for (const t of [
    now,
    now.minus({ days: 7 }),
    now.plus({ hours: 1 }),
    now.startOf('day'),
    now.startOf('day').minus({ days: 1 }),
    now.startOf('day').plus({ days: 1 }),
    now.startOf('day').plus({ days: 2 }),
    now.startOf('week'),
    now.minus({ months: 1 }).startOf('day'),
  ]) {
    out.push(t.toMillis());
  }
  return out;
}

/** An instant as a record would hold it: ISO in UTC, ISO with the zone's offset, a date only, or epoch ms. */
function instantValue(ms: number, zone: string | null): fc.Arbitrary<unknown> {
  const utc = DateTime.fromMillis(ms, { zone: 'UTC' });
  if (!utc.isValid) return fc.constant(null);
  const iso = utc.year >= 0 && utc.year <= 9999 ? new Date(ms).toISOString() : utc.toISO();
  const local = DateTime.fromMillis(ms, { zone: zone ?? 'UTC' }).toISO({ suppressMilliseconds: false });
  return fc.constantFrom<unknown>(iso, iso, local ?? iso, iso.slice(0, 10), ms);
}

/**
 * A datetime element: an anchor give or take a millisecond or an hour — mostly one of the query's own (`near`),
 * else one of the pool's — or something that is not a date.
 */
function dateElement(anchors: readonly number[], near: readonly number[], zone: string | null): fc.Arbitrary<unknown> {
  const around = (list: readonly number[]) =>
    fc.tuple(fc.constantFrom(...list), fc.constantFrom(-1, 0, 0, 1, -3_600_000, 3_600_000)).chain(([a, d]) => instantValue(a + d, zone));
  return fc.oneof(
    { weight: near.length ? 8 : 0, arbitrary: near.length ? around(near) : fc.constant(null) },
    { weight: 4, arbitrary: around(anchors) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>('not a date', '2024-02-30', '2024-03-10T25:00:00Z', '2024-03-10T12:00:00', '+010000-01-01T00:00:00Z', '') },
  );
}

/** A field's value in a record: absent, null, an empty list, one element, or several. */
function fieldValue(element: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constant([]) },
    { weight: 6, arbitrary: element },
    { weight: 3, arbitrary: fc.array(element, { minLength: 1, maxLength: 3 }) },
  );
}

/**
 * A record over the pool fields (each one present or not), read against `zone` and `clock`; `near` are the edges of
 * the query's own dates (see {@link queryAnchors}), which datetime values mostly sit on.
 */
export function poolRecord(zone: string | null, clock: string, near: readonly number[] = []): fc.Arbitrary<Record<string, unknown>> {
  const anchors = anchorsFor(zone, clock);
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const f of poolFields) {
    const element = f.kind === 'datetime' ? dateElement(anchors, near, zone) : fc.constantFrom(...f.record);
    model[f.name] = fieldValue(element);
  }
  // An explicit any_text is rare (one record in five): most records get theirs from their text attributes.
  const explicit = fc.oneof(
    { weight: 4, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fieldValue(fc.constantFrom(...textValues, ...nameValues)) },
  );
  return fc.tuple(fc.record(model, { requiredKeys: [], noNullPrototype: true }), explicit).map(([r, anyText]) =>
    anyText === undefined ? r : { ...r, any_text: anyText },
  );
}

/**
 * The edges of the dates `text` compares with, as the checker reads them (relative dates resolved at `opts.now`,
 * days in the query's zone): each instant, and the first instant of each local day and of the day after.
 */
export function queryAnchors(text: string, opts: CompileOptions): number[] {
  const { ast } = parse(text);
  if (!ast) return [];
  const checked = analyze(ast, opts);
  const zone = checked.timeZone ?? 'UTC';
  const out: number[] = [];
  for (const typed of checked.valueOf.values()) {
    if (typed.type !== 'date') continue;
    if (typed.date.kind === 'instant') out.push(Date.parse(typed.date.iso));
    else {
      const start = DateTime.fromISO(typed.date.day, { zone });
      const next = DateTime.fromISO(typed.date.day, { zone: 'UTC' }).plus({ days: 1 });
      const end = DateTime.fromObject({ year: next.year, month: next.month, day: next.day }, { zone });
      if (start.isValid) out.push(start.toMillis());
      if (end.isValid) out.push(end.toMillis());
    }
  }
  return out;
}
