/**
 * criteriaInWords on bodies no compile makes: it takes any value and never throws — deep nesting and cycles are read
 * as far as they go, and what is left is shown as a short JSON preview.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { criteriaInWords } from '../../src/index.js';
import { jsonPreview } from '../../src/criteria/index.js';

test('{and: [20,000 nested {and: [...]}]}: a reading, no stack overflow', () => {
  let deep: unknown = { x: { equals: 1 } };
  for (let i = 0; i < 20_000; i++) deep = { and: [deep] };
  const text = criteriaInWords({ queryContext: 'customer', and: [deep] });
  assert.ok(text.startsWith('customers'));
  assert.ok(text.length < 2_000, `${text.length} characters`);
});

test('a body whose and holds itself (a cycle): a reading, no TypeError', () => {
  const body: { queryContext: string; and: unknown[] } = { queryContext: 'customer', and: [] };
  body.and.push(body);
  const text = criteriaInWords(body);
  assert.ok(text.startsWith('customers'));
});

test('jsonPreview: cycles and depth become …, long text is cut, a throwing getter is …', () => {
  const cyc: Record<string, unknown> = { a: 1 };
  cyc['self'] = cyc;
  assert.is(jsonPreview(cyc), '{"a":1,"self":…}');
  assert.is(jsonPreview([[[[1]]]], 200, 2), '[[…]]');
  assert.is(jsonPreview('x'.repeat(500), 20).length, 20);
  const getter = Object.defineProperty({}, 'boom', { enumerable: true, get: () => { throw new Error('no'); } });
  assert.is(jsonPreview(getter), '{"boom":…}');
  assert.is(jsonPreview({ a: [1, 'b', null, true] }), '{"a":[1,"b",null,true]}');
});

test.run();
