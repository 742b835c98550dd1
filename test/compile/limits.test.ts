/**
 * Kustomer's limits on the search body, one table per limit. Source: the OpenAPI schema of the search body
 * (kustomer-api-live.md §1c): `and`, `or`, `not` are arrays of at most 20 items (`maxItems: 20`), `sort` at most 5
 * keys (`maxItems: 5`). Each limit: at the limit it compiles; one over it is KQ3005 spanning the overflowing terms;
 * with `nested: true` an over-full and/or/not array is regrouped into nested groups of the same meaning (AND of
 * ANDs; OR of ORs; the `not` array's overflow as one nested `or`, since "none of x…" is "not any of x…"); and the
 * criteria schema (validateCriteria) and decompile agree.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decompile, validateCriteria } from '../../src/index.js';
import { evaluate } from '../../src/evaluate/index.js';
import { body, brief, run } from './helpers.js';

/** `n` distinct single-criterion conversation terms: `conversation_message_count:0` … (`>=0` … with `op` '>='). */
const terms = (n: number, op = ':'): string[] => Array.from({ length: n }, (_, i) => `conversation_message_count${op}${i}`);
/** The criterion of term `i`. */
const criterion = (i: number, op = 'equals') => ({ conversation_message_count: { [op]: i } });

/** Where term `i` starts in `parts.join(sep)`. */
function startOf(parts: readonly string[], sep: string, i: number): number {
  return parts.slice(0, i).reduce((n, p) => n + p.length + sep.length, 0);
}

/**
 * One array: its name, how its terms are joined and written, the operator of its terms (`>=` for the AND, so that
 * its meaning is not always false; `<` for the OR, whose equalities would merge into one `in`), and what 45 such terms mean for a record with `count` messages.
 */
type GroupRow = [array: 'and' | 'or' | 'not', sep: string, wrap: (t: string) => string, op: [string, string], meaning: (count: number) => boolean];
/** The query of `parts` joined by `sep`, in parentheses (an OR under a directive must be), with its context. */
const query = (parts: readonly string[], sep: string): string => `(${parts.join(sep)}) context:conversation`;
const groupRows: GroupRow[] = [
  ['and', ' AND ', (t) => t, ['>=', 'gte'], (count) => count >= 44],
  // Equalities on one field in an OR merge into one `in` (a single criterion): the OR's terms are comparisons.
  ['or', ' OR ', (t) => t, ['<', 'lt'], (count) => count < 44],
  ['not', ' AND ', (t) => `-${t}`, [':', 'equals'], (count) => count < 0 || count >= 45],
];

for (const [array, sep, wrap, [textOp, op], meaning] of groupRows) {
  test(`20 terms in '${array}' compile (at the limit, api-live §1c)`, () => {
    const parts = terms(20, textOp).map(wrap);
    const c = body(query(parts, sep));
    assert.is((c[array] as unknown[]).length, 20);
  });

  test(`21 terms in '${array}' are KQ3005 spanning the 21st (api-live §1c maxItems 20)`, () => {
    const parts = terms(21, textOp).map(wrap);
    const text = query(parts, sep);
    const r = run(text);
    assert.is(r.criteria, undefined);
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    const start = 1 + startOf(parts, sep, 20);
    assert.equal(brief(errors), [['KQ3005', start, start + parts[20]!.length]]);
    assert.match(errors[0]!.message, `21 items in '${array}'`);
    assert.match(errors[0]!.help ?? '', 'Split the search');
  });

  test(`45 terms in '${array}' are one KQ3005 spanning terms 21 to 45`, () => {
    const parts = terms(45, textOp).map(wrap);
    const text = query(parts, sep);
    const errors = run(text).diagnostics.filter((d) => d.severity === 'error');
    assert.equal(brief(errors), [['KQ3005', 1 + startOf(parts, sep, 20), 1 + startOf(parts, sep, 44) + parts[44]!.length]]);
  });

  test(`45 terms in '${array}' [nested] regroup into nested groups of at most 20, same meaning`, () => {
    const parts = terms(45, textOp).map(wrap);
    const text = query(parts, sep);
    const c = body(text, { nested: true });
    const items = c[array] as unknown[];
    const inner = array === 'and' ? 'and' : 'or';
    const runs = [0, 20, 40].map((from) => ({ [inner]: Array.from({ length: Math.min(20, 45 - from) }, (_, i) => criterion(from + i, op)) }));
    assert.equal(items, runs);
    // The meaning is unchanged: on records with each count, the regrouped body matches exactly as the 45 terms say.
    for (const count of [-1, 0, 19, 20, 43, 44, 45, 99]) {
      assert.is(evaluate(c, { conversation_message_count: count }), meaning(count), `count ${count}`);
    }
  });
}

test('sort with 5 keys compiles (at the limit, api-live §1c)', () => {
  const c = body('sort:customer_name sort:customer_gender sort:customer_created_at sort:customer_updated_at sort:customer_modified_at');
  assert.is(c.sort!.length, 5);
});

test('sort with 6 keys is KQ3005 spanning the 6th (api-live §1c maxItems 5)', () => {
  const keys = ['customer_name', 'customer_gender', 'customer_created_at', 'customer_updated_at', 'customer_modified_at', 'customer_activity_at'];
  const parts = keys.map((k) => `sort:${k}`);
  const text = parts.join(' ');
  const r = run(text, { nested: true });
  const start = startOf(parts, ' ', 5);
  assert.equal(brief(r.diagnostics.filter((d) => d.severity === 'error')), [['KQ3005', start, text.length]]);
  assert.is(r.criteria, undefined);
});

test('sort with 6 keys of which one repeats compiles: 5 distinct keys (KQ2014 on the repeat)', () => {
  const r = run('sort:customer_name sort:customer_gender sort:customer_name sort:customer_created_at sort:customer_updated_at sort:customer_modified_at');
  assert.equal(brief(r.diagnostics.filter((d) => d.severity !== 'info')).map(([code]) => code), ['KQ2014']);
  assert.is(r.criteria!.sort!.length, 5);
});

const criteriaRows: [name: string, body: object, valid: boolean][] = [
  ['and of 20', { queryContext: 'conversation', and: Array.from({ length: 20 }, (_, i) => criterion(i)) }, true],
  ['and of 21', { queryContext: 'conversation', and: Array.from({ length: 21 }, (_, i) => criterion(i)) }, false],
  ['or of 21', { queryContext: 'conversation', or: Array.from({ length: 21 }, (_, i) => criterion(i)) }, false],
  ['not of 21', { queryContext: 'conversation', not: Array.from({ length: 21 }, (_, i) => criterion(i)) }, false],
  ['nested and of 21', { queryContext: 'conversation', and: [{ and: Array.from({ length: 21 }, (_, i) => criterion(i)) }] }, false],
  ['sort of 5', { queryContext: 'customer', sort: ['customer_name', 'customer_gender', 'customer_created_at', 'customer_updated_at', 'customer_modified_at'].map((k) => ({ [k]: 'asc' })) }, true],
  ['sort of 6', { queryContext: 'customer', sort: ['customer_name', 'customer_gender', 'customer_created_at', 'customer_updated_at', 'customer_modified_at', 'customer_activity_at'].map((k) => ({ [k]: 'asc' })) }, false],
];

for (const [name, criteria, valid] of criteriaRows) {
  test(`validateCriteria: ${name} is ${valid ? 'valid' : 'invalid (maxItems)'}`, () => {
    const v = validateCriteria(criteria);
    assert.is(v.valid, valid, JSON.stringify(v.errors));
    if (!valid) assert.match(v.errors.map((e) => e.message).join(' '), 'the most Kustomer');
  });

  test(`decompile: ${name} ${valid ? 'decompiles' : 'is KQ4013 at the array'}`, () => {
    const r = decompile(criteria);
    if (valid) {
      assert.ok(r.text !== undefined, JSON.stringify(r.diagnostics));
      return;
    }
    assert.is(r.text, undefined);
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    assert.equal(errors.map((d) => d.code), ['KQ4013']);
    const key = Object.keys(criteria).find((k) => k !== 'queryContext')!;
    assert.is(errors[0]!.pointer, name.startsWith('nested') ? `/${key}/0/and` : `/${key}`);
  });
}

test.run();
