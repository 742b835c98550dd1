/**
 * `search`: sorting (several keys, missing values last, several values, stable ties), pages with the target's
 * limits and the response's `meta`, and the record types a context searches. Named by the body and the page asked.
 */
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { maxPage, maxPageSize, search, SearchError } from '../../src/evaluate/index.js';
import { compareCodePoints } from '../../src/evaluate/sort.js';
import { fcOptions } from '../helpers/fc.js';

const people = [
  { id: 1, customer_name: 'bob', customer_created_at: '2024-01-02T00:00:00Z', customer_conversations_count: 3 },
  { id: 2, customer_name: 'Alice', customer_created_at: '2024-01-01T00:00:00Z', customer_conversations_count: 3 },
  { id: 3, customer_created_at: '2024-01-03T00:00:00Z', customer_conversations_count: 1 },
  { id: 4, customer_name: 'alice', customer_conversations_count: [9, 0] },
  { id: 5, customer_name: 'Zed', customer_created_at: 'not a date' },
];
const ids = (data: readonly { id: number }[]) => data.map((r) => r.id);

test('{"sort":[{"customer_name":"asc"}]}: code-point order (upper case first), missing last', () => {
  const r = search({ queryContext: 'customer', sort: [{ customer_name: 'asc' }] }, people);
  assert.equal(ids(r.data), [2, 5, 4, 1, 3]);
});

test('{"sort":[{"customer_name":"desc"}]}: missing still last', () => {
  const r = search({ queryContext: 'customer', sort: [{ customer_name: 'desc' }] }, people);
  assert.equal(ids(r.data), [1, 4, 5, 2, 3]);
});

test('{"sort":[{"customer_created_at":"asc"}]}: by instant; an unreadable date is missing', () => {
  const r = search({ queryContext: 'customer', sort: [{ customer_created_at: 'asc' }] }, people);
  assert.equal(ids(r.data), [2, 1, 3, 4, 5]);
});

test('{"sort":[{"customer_conversations_count":"desc"},{"customer_created_at":"asc"}]}: several keys; the largest of several values for desc', () => {
  const r = search({ queryContext: 'customer', sort: [{ customer_conversations_count: 'desc' }, { customer_created_at: 'asc' }] }, people);
  assert.equal(ids(r.data), [4, 2, 1, 3, 5]);
});

test('{"sort":[{"customer_conversations_count":"asc"}]}: the smallest of several values for asc; ties keep input order', () => {
  const r = search({ queryContext: 'customer', sort: [{ customer_conversations_count: 'asc' }] }, people);
  assert.equal(ids(r.data), [4, 3, 1, 2, 5]);
});

test('{"sort":[{"customer_done":"asc"}]}: a sort-only attribute sorts numbers before strings', () => {
  const rows = [{ id: 1, customer_done: 'b' }, { id: 2, customer_done: 10 }, { id: 3 }, { id: 4, customer_done: 2 }, { id: 5, customer_done: 'a' }];
  assert.equal(ids(search({ queryContext: 'customer', sort: [{ customer_done: 'asc' }] }, rows).data), [4, 2, 5, 1, 3]);
});

test('no sort: input order', () => {
  assert.equal(ids(search({ queryContext: 'customer' }, people).data), [1, 2, 3, 4, 5]);
});

/** Strings rich in surrogates, halves of pairs and characters just above them. */
const surrogateText = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.array(fc.constantFrom('\ud800', '\udc00', '\udbff', '\udfff', '\ud800\udc00', '\udbff\udfff', '\ue000', '\uffff', 'A', 'a'), { maxLength: 6 }).map((p) => p.join('')),
);

test('compareCodePoints orders by code point: astral characters after U+FFFF, lone surrogates by their value', () => {
  fc.assert(
    fc.property(surrogateText, surrogateText, (a, b) => {
      const byCodePoint = (s: string) => [...s].map((c) => c.codePointAt(0)!);
      const x = byCodePoint(a);
      const y = byCodePoint(b);
      let expected = 0;
      for (let i = 0; i < Math.min(x.length, y.length) && expected === 0; i++) expected = Math.sign(x[i]! - y[i]!);
      if (expected === 0) expected = Math.sign(x.length - y.length);
      // Lone surrogates are one code point each; they compare by value like any other.
      assert.is(Math.sign(compareCodePoints(a, b)), expected, `${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
    }),
    fcOptions(1000),
  );
});

const many = Array.from({ length: 1234 }, (_, i) => ({ id: i, conversation_priority: (i % 5) + 1, _type: i % 2 ? 'conversation' : 'customer' }));

test('page 1 of {"and":[{"conversation_priority":{"gte":4}}]} over 1,234 records of two types: meta as the real response', () => {
  const r = search({ queryContext: 'conversation', and: [{ conversation_priority: { gte: 4 } }] }, many);
  // Only the conversations (odd ids) with priority 4 or 5.
  const expected = many.filter((x) => x._type === 'conversation' && x.conversation_priority >= 4);
  assert.equal(r.meta, { page: 1, pageSize: 100, total: expected.length, totalPages: Math.ceil(expected.length / 100) });
  assert.equal(ids(r.data), ids(expected.slice(0, 100)));
});

test('page 3, pageSize 7: the third slice', () => {
  const r = search({ queryContext: 'customer' }, many.filter((x) => x._type === 'customer'), { page: 3, pageSize: 7 });
  assert.equal(ids(r.data), [28, 30, 32, 34, 36, 38, 40]);
  assert.equal(r.meta, { page: 3, pageSize: 7, total: 617, totalPages: 89 });
});

test('page 100, pageSize 1 over 617 matches: served; totalPages is uncapped (617)', () => {
  const r = search({ queryContext: 'customer' }, many.filter((x) => x._type === 'customer'), { page: maxPage, pageSize: 1 });
  assert.equal(ids(r.data), [198]);
  assert.is(r.meta.totalPages, 617);
});

test('page 9 of 2 pages: empty data, meta still counts', () => {
  const r = search({ queryContext: 'customer' }, [{}, {}, {}], { page: 9, pageSize: 2 });
  assert.equal(r.data, []);
  assert.equal(r.meta, { page: 9, pageSize: 2, total: 3, totalPages: 2 });
});

test('pageSize 500 is served, 501 is refused (parameter pageSize)', () => {
  assert.is(search({ queryContext: 'customer' }, many, { pageSize: maxPageSize }).data.length, 500);
  try {
    search({ queryContext: 'customer' }, many, { pageSize: 501 });
    assert.unreachable('no error');
  } catch (e) {
    assert.instance(e, SearchError);
    assert.equal((e as SearchError).problems.map((p) => p.parameter), ['pageSize']);
  }
});

for (const [opts, parameter] of [
  [{ page: 101 }, 'page'],
  [{ page: 0 }, 'page'],
  [{ page: 1.5 }, 'page'],
  [{ pageSize: 0 }, 'pageSize'],
  [{ pageSize: Number.NaN }, 'pageSize'],
] as const) {
  test(`search with ${JSON.stringify(opts)} is refused (parameter ${parameter})`, () => {
    assert.throws(
      () => search({ queryContext: 'customer' }, [], opts),
      (e: unknown) => e instanceof SearchError && e.problems.length === 1 && e.problems[0]!.parameter === parameter,
    );
  });
}

test('a bad body and a bad page are reported together', () => {
  assert.throws(
    () => search({ queryContext: 'customer', and: [{ nope: { equals: 1 } }] }, [], { page: 101 }),
    (e: unknown) => e instanceof SearchError && e.problems.length === 2,
  );
});

test.run();
