/** Showing results: coloured JSON, terminal safety, query results with matches, JSON lines. */
import { stripVTControlCharacters } from 'node:util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { highlightJson, jsonResult, layoutJson, renderResult, terminalSafe } from '../../src/cli/repl/render.js';
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

test('renderResult of a query with loaded records: count and the first few', () => {
  const s = new ReplSession({}, { readFile: () => '{"_type":"customer","customer_name":"bob"}\n{"_type":"customer","customer_name":"al"}' });
  s.run('.load x');
  const text = renderResult(s.run('customer_name:bob'), { color: false });
  assert.match(text, '1 of 2 loaded records matches:');
  assert.match(text, '  {"_type":"customer","customer_name":"bob"}');
  assert.match(text, 'note[KQ2015]');
});

test('renderResult of a query with errors: the code frame', () => {
  const text = renderResult(new ReplSession({}, { readFile: () => '' }).run('x:1'), { color: false });
  assert.match(text, "error[KQ2001]: Unknown field 'x'.");
  assert.match(text, '1 | x:1');
});

test('jsonResult: one line per result', () => {
  const s = new ReplSession({}, { readFile: () => '' });
  const line = jsonResult(s.run('conversation_status:open'));
  assert.not.match(line, '\n');
  assert.equal(JSON.parse(line).criteria, { queryContext: 'conversation', and: [{ conversation_status: { equals: 'open' } }] });
  assert.equal(JSON.parse(jsonResult(s.run('.nested on'))), { command: '.nested', ok: true, output: 'nested: on', data: { nested: true } });
  assert.is(jsonResult({ kind: 'empty' }), '');
});

test.run();
