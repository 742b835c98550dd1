import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { read, summary, withBadBytes } from './helpers.js';

const jsonl = { inputFormat: 'jsonl' } as const;

test('jsonl: {id, name, query} carries id and name through', async () => {
  const [r] = await read('{"id": 7, "name": "Open", "query": "conversation_status:open", "extra": {"a": [1]}}\n', jsonl);
  assert.equal(r, {
    line: 1,
    fields: { id: 7, name: 'Open', extra: { a: [1] } },
    fieldsJson: '{"id":7,"name":"Open","extra":{"a":[1]}}',
    ok: true,
    query: 'conversation_status:open',
    criteria: { queryContext: 'conversation', and: [{ conversation_status: { equals: 'open' } }] },
    diagnostics: [],
  });
});

test('jsonl: bad JSON, no query, a non-string query, an array: one error record each, in order', async () => {
  const input = [
    '{"id": 1, "query": "conversation_status:open"}',
    '{"id": 2, "query": "conversation_status:open"', // truncated
    '{"id": 3}',
    '{"id": 4, "query": 42}',
    '{"id": 5, "query": null}',
    '[1, 2]',
    '',
    '"conversation_status:done"',
    '{"id": 8, "query": "x:1"}',
  ].join('\n');
  const results = await read(input, jsonl);
  assert.equal(summary(results), [
    [1, true, ''],
    [2, false, 'KQ5001'],
    [3, false, 'KQ5003'],
    [4, false, 'KQ5004'],
    [5, false, 'KQ5004'],
    [6, false, 'KQ5002'],
    [8, true, ''],
    [9, false, 'KQ2001'],
  ]);
  assert.equal(results[2]!.fields, { id: 3 });
  assert.equal(results[3]!.fields, { id: 4 });
  assert.match(results[3]!.diagnostics[0]!.message, 'a number');
  assert.match(results[1]!.frame!, 'error[KQ5001]: Not valid JSON');
});

test('jsonl: CRLF, a BOM, blank lines and no final newline', async () => {
  const results = await read('\uFEFF{"query": "conversation_status:open"}\r\n\r\n  \r\n{"query": "conversation_status:done"}', jsonl);
  assert.equal(summary(results), [
    [1, true, ''],
    [4, true, ''],
  ]);
});

test('jsonl: invalid UTF-8 in a line is KQ5005, not U+FFFD in the query', async () => {
  const results = await read(withBadBytes('{"query": "customer_name:@"}\n{"query": "conversation_status:open"}\n'), jsonl);
  assert.equal(summary(results), [
    [1, false, 'KQ5005'],
    [2, true, ''],
  ]);
});

test('jsonl: a field named __proto__ is carried as an ordinary field', async () => {
  const [r] = await read('{"__proto__": {"polluted": true}, "constructor": 1, "query": "conversation_status:open"}\n', jsonl);
  assert.ok(Object.hasOwn(r!.fields!, '__proto__'));
  assert.equal(JSON.parse(JSON.stringify(r!.fields)), JSON.parse('{"__proto__": {"polluted": true}, "constructor": 1}'));
  assert.is(({} as Record<string, unknown>).polluted, undefined);
});

test('jsonl: a very long line', async () => {
  const query = `customer_name:${'a'.repeat(300_000)}`;
  const [r] = await read(`${JSON.stringify({ id: 1, query })}\n`, jsonl, 4096);
  assert.ok(r!.ok);
  assert.is(r!.query, query);
});

test.run();
