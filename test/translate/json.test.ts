import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { read, summary, withBadBytes } from './helpers.js';

const json = { inputFormat: 'json' } as const;

test('json: an array of records over several lines, each with the line it starts on', async () => {
  const input = `[
  {"id": 1, "query": "conversation_status:open"},
  {
    "id": 2,
    "query": "x:1"
  },
  "conversation_status:done"
]
`;
  const results = await read(input, json);
  assert.equal(summary(results), [
    [2, true, ''],
    [3, false, 'KQ2001'],
    [7, true, ''],
  ]);
  assert.equal(results[1]!.fields, { id: 2 });
});

test('json: strings holding brackets, commas and escaped quotes do not split elements', async () => {
  const input = '[{"name": "a, [b] {c} \\"d\\" \\\\", "query": "\\"x, y\\" conversation_status:open"}, {"query": "conversation_status:done"}]';
  const results = await read(input, json);
  assert.equal(summary(results), [
    [1, true, ''],
    [1, true, ''],
  ]);
  assert.equal(results[0]!.fields, { name: 'a, [b] {c} "d" \\' });
});

test('json: one bad element is an error record; the others are read', async () => {
  const results = await read('[\n{"query": "conversation_status:open"},\n{"query": oops},\n{"id": 3},\n{"query": "conversation_status:done"}\n]', json);
  assert.equal(summary(results), [
    [2, true, ''],
    [3, false, 'KQ5001'],
    [4, false, 'KQ5003'],
    [5, true, ''],
  ]);
});

test("json: a missing ']' is a KQ5009 record after the last element", async () => {
  assert.equal(summary(await read('[{"query": "conversation_status:open"},\n{"query": "conversation_status:done"}\n', json)), [
    [1, true, ''],
    [2, true, ''],
    [2, false, 'KQ5009'],
  ]);
});

test('json: content after the array is KQ5009; not an array is KQ5009', async () => {
  assert.equal(summary(await read('["conversation_status:open"]\n["more"]', json)), [
    [1, true, ''],
    [2, false, 'KQ5009'],
  ]);
  assert.equal(summary(await read('42', json)), [[1, false, 'KQ5009']]);
});

test('json: one object is one record; an empty file and [] are none', async () => {
  assert.equal(summary(await read('\uFEFF{\n  "query": "conversation_status:open"\n}\n', json)), [[1, true, '']]);
  assert.equal(await read('', json), []);
  assert.equal(await read('[ ]', json), []);
});

test('json: invalid UTF-8 inside an element spoils that element only', async () => {
  const input = withBadBytes('[{"query": "conversation_status:open"},\n{"query": "customer_name:@"},\n{"query": "conversation_status:done"}]');
  assert.equal(summary(await read(input, json)), [
    [1, true, ''],
    [2, false, 'KQ5005'],
    [3, true, ''],
  ]);
});

test('json: an element over maxRecordBytes is KQ5006', async () => {
  const input = `[{"query": "conversation_status:open"}, {"query": "${'a'.repeat(5000)}"}, "conversation_status:done"]`;
  assert.equal(summary(await read(input, { ...json, maxRecordBytes: 1000 })), [
    [1, true, ''],
    [1, false, 'KQ5006'],
    [1, true, ''],
  ]);
});

test('json: every chunk size gives the same records, CRLF too', async () => {
  const input = '\uFEFF[\r\n{"a": "x,]", "query": "conversation_status:open"},\r\n"测试"\r\n]\r\n';
  const expected = await read(input, json);
  assert.is(expected.length, 2);
  for (let size = 1; size <= 9; size++) assert.equal(await read(input, json, size), expected, `chunk size ${size}`);
});

test.run();
