import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compile, decompile } from '../../src/index.js';
import { hostileValue } from '../helpers/ast.js';
import { fcOptions } from '../helpers/fc.js';
import { directives, query } from '../helpers/queries.js';

const now = '2026-11-30T15:00:00Z';

test('compile(decompile(compile(q))) deep-equals compile(q), for generated queries (flat and nested)', () => {
  fc.assert(
    fc.property(query, directives, fc.boolean(), (q, d, nested) => {
      const original = compile(`(${q}) ${d}`, { now, nested }).criteria;
      if (!original) return;
      const back = decompile(original, { now });
      assert.ok(back.text !== undefined, `decompile failed: ${JSON.stringify(back.diagnostics)} for ${JSON.stringify(original)}`);
      assert.equal(compile(back.text!, { now, nested }).criteria, original, `text: ${back.text}`);
    }),
    fcOptions(1000),
  );
});

// --- generated criteria bodies --------------------------------------------------------------------------------------

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

const day = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const instant = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
const word = fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/);

/** Fields by kind, each with values in the form the compiler emits. */
const pool: { name: string; ops: string[]; value: fc.Arbitrary<string | number | boolean>; ordered?: boolean }[] = [
  { name: 'conversation_status', ops: ['equals', 'in', 'not_set'], value: fc.constantFrom('open', 'snoozed', 'done') },
  { name: 'conversation_tags', ops: ['equals', 'in', 'not_set'], value: hostileValue },
  { name: 'customer_name', ops: ['equals', 'contains', 'in', 'not_set'], value: hostileValue },
  { name: 'conversation_sub_status', ops: ['equals', 'in', 'not_set'], value: word },
  { name: 'conversation_priority', ops: ['equals', 'gt', 'gte', 'lt', 'lte', 'in', 'not_set'], value: fc.integer({ min: 1, max: 5 }), ordered: true },
  { name: 'conversation_message_count', ops: ['equals', 'gt', 'gte', 'lt', 'lte', 'in'], value: fc.integer({ min: -1000, max: 1000 }), ordered: true },
  { name: 'customer_updated_at', ops: ['equals', 'gt', 'gte', 'lt', 'lte', 'not_set'], value: fc.oneof(day, instant), ordered: true },
  { name: 'conversation_ended', ops: ['equals', 'not_set'], value: fc.boolean() },
  { name: 'message_body', ops: ['contains'], value: word },
  { name: 'any_text', ops: ['contains'], value: hostileValue },
  { name: 'customer_custom_tierStr', ops: ['equals', 'contains', 'not_set'], value: word },
  { name: 'kobject_custom_ecomm-order_totalNum', ops: ['gte', 'lt', 'equals'], value: fc.integer({ min: 0, max: 10_000 }), ordered: true },
];

/** One criterion on `field`: one operator, or (ordered kinds) a lower and an upper bound in one object. */
function criterionOn(i: number): fc.Arbitrary<Json> {
  const f = pool[i]!;
  const one = fc.constantFrom(...f.ops).chain((op): fc.Arbitrary<Json> => {
    if (op === 'in') return fc.uniqueArray(f.value, { minLength: 2, maxLength: 3, selector: (v) => JSON.stringify(v) }).map((vs) => ({ [f.name]: { in: vs } }));
    if (op === 'not_set') return fc.constantFrom<Json>('', true).map((v) => ({ [f.name]: { not_set: v } }));
    return f.value.map((v) => ({ [f.name]: { [op]: v } }));
  });
  if (!f.ordered) return one;
  const two = fc.tuple(f.value, f.value, fc.constantFrom('gt', 'gte'), fc.constantFrom('lt', 'lte'), fc.boolean()).map(([a, b, lo, hi, flip]) => {
    const [x, y] = [a, b].sort((p, q) => (p < q ? -1 : p > q ? 1 : 0));
    return { [f.name]: flip ? { [hi]: y!, [lo]: x! } : { [lo]: x!, [hi]: y! } } as Json;
  });
  return fc.oneof(one, two);
}

/** Criteria on distinct fields (so the compiler's `in` merging does not apply). */
const distinct = (min: number, max: number) =>
  fc.uniqueArray(fc.integer({ min: 0, max: pool.length - 1 }), { minLength: min, maxLength: max }).chain((is) => fc.tuple(...is.map(criterionOn)));

const arrayOrSingle = (items: Json[]): fc.Arbitrary<Json> => (items.length === 1 ? fc.constantFrom<Json>(items, items[0]!) : fc.constant(items));

/** A flat body as the API documents it, in every accepted spelling. */
const body: fc.Arbitrary<Record<string, Json>> = fc
  .record(
    {
      queryContext: fc.constantFrom('customer', 'conversation', 'message'),
      and: distinct(0, 3).chain(arrayOrSingle),
      or: fc.oneof(
        fc.constant<Json>([]),
        distinct(2, 3).chain((items) =>
          fc.tuple(...items.map((it) => fc.constantFrom<Json>(it, { not: [it] }))).map((xs) => xs as Json),
        ),
      ),
      not: distinct(0, 2)
        .map((items) => items.filter((it) => Object.keys(Object.values(it as Record<string, Record<string, Json>>)[0]!).length === 1))
        .chain(arrayOrSingle),
      sort: fc.oneof(
        fc.constant<Json>([{ customer_name: 'asc' }, { customer_created_at: 'desc' }]),
        fc.constant<Json>({ customer_updated_at: 'desc' }),
        fc.constant<Json>({ customer_created_at: { order: 'desc' } }),
      ),
      timeZone: fc.constantFrom('America/New_York', 'UTC', 'Asia/Kolkata'),
    },
    { requiredKeys: ['queryContext'] },
  )
  .map((b) => b as Record<string, Json>);

const asArray = (v: Json | undefined): Json[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const opOrder = ['gt', 'gte', 'lt', 'lte'];

/** Canonical form: arrays, two-operator objects split (lower bound first), not_set "", `in` of one as equals, a single OR item in `and`. */
function canon(c: Record<string, Json>): Record<string, Json> {
  const split = (item: Json): Json[] => {
    const [field, ops] = Object.entries(item as Record<string, Json>)[0]!;
    if (field === 'not' || field === 'and' || field === 'or') return [{ [field]: asArray(ops).flatMap(field === 'and' ? split : grouped) }];
    const entries = Object.entries(ops as Record<string, Json>).sort(([a], [b]) => opOrder.indexOf(a) - opOrder.indexOf(b));
    return entries.map(([op, v]) => {
      if (op === 'not_set') return { [field]: { not_set: '' } };
      if (op === 'in' && Array.isArray(v) && v.length === 1) return { [field]: { equals: v[0]! } };
      if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) return { [field]: { [op]: new Date(v).toISOString() } };
      return { [field]: { [op]: v } };
    });
  };
  // In an OR or a NOT, the criteria of one two-operator object stay together, as an AND group.
  const grouped = (item: Json): Json[] => {
    const parts = split(item);
    return parts.length > 1 ? [{ and: parts }] : parts;
  };
  const and = asArray(c.and).flatMap(split);
  let or = asArray(c.or).flatMap(grouped);
  if (or.length === 1) {
    and.push(...or);
    or = [];
  }
  const not = asArray(c.not).flatMap(grouped);
  const sort = asArray(c.sort).flatMap((o) =>
    Object.entries(o as Record<string, Json>).map(([k, v]) => ({ [k]: typeof v === 'string' ? v : ((v as Record<string, Json>).order as Json) })),
  );
  const out: Record<string, Json> = { queryContext: c.queryContext! };
  if (and.length) out.and = and;
  if (or.length) out.or = or;
  if (not.length) out.not = not;
  if (sort.length) out.sort = sort;
  if (c.timeZone !== undefined) out.timeZone = c.timeZone;
  return out;
}

test('compile(decompile(c).text) equals c up to canonical form, for generated criteria bodies', () => {
  let accepted = 0;
  const runs = 1000;
  fc.assert(
    fc.property(body, (c) => {
      const back = decompile(c, { now });
      if (back.text === undefined) {
        // Only reversed ranges (KQ2016) and values the text would retype may be refused.
        assert.ok(back.diagnostics.every((d) => d.code === 'KQ2016' || d.code === 'KQ4008'), `refused: ${JSON.stringify(back.diagnostics)}`);
        return;
      }
      accepted++;
      const again = compile(back.text, { now, nested: true });
      assert.ok(again.criteria, `text does not compile: ${back.text} ${JSON.stringify(again.diagnostics)}`);
      assert.equal(canon(again.criteria as unknown as Record<string, Json>), canon(c), `text: ${back.text}`);
    }),
    fcOptions(runs),
  );
  assert.ok(accepted > runs / 2, `only ${accepted} of ${runs} bodies were accepted`);
});

test('conversation_priority>=4 conversation_priority<=2: decompiled as the two comparisons, and compiled back the same', () => {
  // A hostile tester's find: the reader merged the adjacent bounds into the range 4..2, which the checker refuses.
  const c = compile('conversation_priority>=4 conversation_priority<=2', { now: 0 }).criteria!;
  const d = decompile(c);
  assert.is(d.text, 'conversation_priority>=4 AND conversation_priority<=2 context:conversation');
  assert.equal(compile(d.text!, { now: 0 }).criteria, c);
});

test('adjacent bounds in either order, any numbers or days, empty or not: compile(decompile(c)) equals c', () => {
  const bound = fc.oneof(
    fc.integer({ min: -50, max: 50 }).map(String),
    fc.integer({ min: 0, max: 40 }).map((n) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString().slice(0, 10)),
  );
  fc.assert(
    fc.property(bound, bound, fc.constantFrom('>', '>='), fc.constantFrom('<', '<='), (a, b, lower, upper) => {
      const field = /^\d{4}-/.test(a) && /^\d{4}-/.test(b) ? 'conversation_created_at' : 'conversation_priority';
      if ((field === 'conversation_priority') !== (!/^\d{4}-/.test(a) && !/^\d{4}-/.test(b))) return; // mixed kinds
      const c = compile(`${field}${lower}${a} ${field}${upper}${b}`, { now: 0 }).criteria;
      if (!c) return;
      const d = decompile(c);
      assert.ok(d.text !== undefined, JSON.stringify(d.diagnostics));
      assert.equal(compile(d.text!, { now: 0 }).criteria, c);
    }),
    fcOptions(500),
  );
});

test.run();
