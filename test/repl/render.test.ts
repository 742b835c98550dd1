/** Showing results: coloured JSON, terminal safety, query results with matches, JSON lines. */
import { stripVTControlCharacters } from 'node:util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { highlightJson, jsonResult, layoutJson, renderResult, terminalSafe } from '../../src/cli/repl/render.js';
import { cutToWidth, displayWidth } from '../../src/render/index.js';
import { ReplSession } from '../../src/cli/repl/session.js';

const criteria = { queryContext: 'conversation', and: [{ conversation_priority: { gte: 4 } }, { conversation_sla_breached: { equals: true } }] };

test('highlightJson: keys cyan, strings green, numbers yellow, booleans magenta; stripped, plain JSON', () => {
  const coloured = highlightJson(criteria, true);
  assert.match(coloured, '\x1b[36m"queryContext"\x1b[39m');
  assert.match(coloured, '\x1b[32m"conversation"\x1b[39m');
  assert.match(coloured, '\x1b[33m4\x1b[39m');
  assert.match(coloured, '\x1b[35mtrue\x1b[39m');
  assert.equal(JSON.parse(stripVTControlCharacters(coloured)), criteria);
  assert.is(stripVTControlCharacters(coloured), highlightJson(criteria, false));
});

test('layoutJson: top-level keys and array items one per line, criteria on one line', () => {
  assert.is(
    layoutJson(criteria),
    '{\n  "queryContext": "conversation",\n  "and": [\n    {"conversation_priority":{"gte":4}},\n    {"conversation_sla_breached":{"equals":true}}\n  ]\n}',
  );
  for (const v of [null, 3, 'x', [], {}, [1, [2]], { a: [], b: { c: [1] } }]) assert.equal(JSON.parse(layoutJson(v)), v);
});

test('terminalSafe: bidi overrides and escapes become \\u escapes', () => {
  assert.is(terminalSafe('a\u202eb\x1b[2Jc\nd'), 'a\\u202eb\\u001b[2Jc\nd');
  assert.equal(JSON.parse(highlightJson({ x: 'a\u202eb' }, false)), { x: 'a\u202eb' });
});

/** A session whose `.load` reads `content`, whatever the path. */
const withRecords = (content: string) =>
  new ReplSession({}, {
    async *read() {
      yield content;
    },
  });

test('renderResult of a query with loaded records: count and the first few', async () => {
  const s = withRecords('{"_type":"customer","customer_name":"bob"}\n{"_type":"customer","customer_name":"al"}');
  await s.run('.load x');
  const text = renderResult(await s.run('customer_name:bob'), { color: false });
  assert.match(text, '1 of 2 loaded records matches:');
  assert.match(text, '  {"_type":"customer","customer_name":"bob"}');
  assert.match(text, 'note[KQ2015]');
});

test('renderResult of a query with errors: the code frame', async () => {
  const text = renderResult(await withRecords('').run('x:1'), { color: false });
  assert.match(text, "error[KQ2001]: Unknown field 'x'.");
  assert.match(text, '1 | x:1');
});

test('jsonResult: one line per result', async () => {
  const s = withRecords('');
  const line = jsonResult(await s.run('conversation_status:open'));
  assert.not.match(line, '\n');
  assert.equal(JSON.parse(line).criteria, { queryContext: 'conversation', and: [{ conversation_status: { equals: 'open' } }] });
  assert.equal(JSON.parse(jsonResult(await s.run('.nested on'))), { command: '.nested', ok: true, output: 'nested: on', data: { nested: true } });
  assert.is(jsonResult({ kind: 'empty' }), '');
});

/** A record whose `customer_name` is `name`, for the cut tests. */
const named = (name: string) => ({ _type: 'customer', customer_name: name });

test('renderResult with width 30: a record of emoji is cut between code points, never inside a surrogate pair', async () => {
  const s = withRecords(JSON.stringify(named('😀'.repeat(40))));
  await s.run('.load x');
  const text = renderResult(await s.run('customer_name:*'), { color: false, width: 30 });
  const line = text.split('\n').find((l) => l.startsWith('  {'))!;
  assert.ok(line.endsWith('…'), line);
  assert.not.match(line, /[\ud800-\udbff](?![\udc00-\udfff])/);
  assert.ok(displayWidth(line) <= 30, `${displayWidth(line)} columns`);
});

test('renderResult with width 30: CJK text takes two columns a character', async () => {
  const s = withRecords(JSON.stringify(named('测试'.repeat(20))));
  await s.run('.load x');
  const line = renderResult(await s.run('customer_name:*'), { color: false, width: 30 }).split('\n').find((l) => l.startsWith('  {'))!;
  assert.ok(displayWidth(line) <= 30 && displayWidth(line) >= 28, `${displayWidth(line)} columns: ${line}`);
});

test('cutToWidth: ASCII, combining marks, a family emoji, and text that fits', () => {
  assert.is(cutToWidth('abcdef', 4), 'abc…');
  assert.is(cutToWidth('abc', 3), 'abc');
  assert.is(cutToWidth('e\u0301e\u0301e\u0301e\u0301', 3), 'e\u0301e\u0301…');
  assert.is(cutToWidth('👩‍👩‍👧👩‍👩‍👧x', 4), '👩‍👩‍👧…');
  assert.is(displayWidth('测a😀'), 5);
  assert.is(cutToWidth('😀😀', 1), '😀…');
});

test.run();
