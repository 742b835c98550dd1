/**
 * The REPL session without a terminal: queries, dot-commands and loaded records, named by the input typed.
 */
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { jsonResult, renderResult } from '../../src/cli/repl/render.js';
import { ReplSession, type ReplResult, type SessionLimits } from '../../src/cli/repl/session.js';
import { fcOptions } from '../helpers/fc.js';

const now = '2024-06-24T12:00:00Z';

const records = [
  { _type: 'conversation', conversation_status: 'open', conversation_priority: 4, conversation_created_at: '2024-06-20T10:00:00Z' },
  { _type: 'conversation', conversation_status: 'done', conversation_priority: 1, conversation_created_at: '2024-05-01T10:00:00Z' },
  { _type: 'conversation', conversation_status: 'open', conversation_priority: 2, conversation_created_at: '2024-06-23T10:00:00Z' },
  { _type: 'customer', customer_name: 'Bob' },
];

/** A session whose `.load` reads `files` (path → content), within `limits`. */
function session(files: Record<string, string> = {}, limits: SessionLimits = {}) {
  return new ReplSession(
    { now },
    {
      async *read(path, maxBytes) {
        if (!Object.hasOwn(files, path)) throw new Error(`ENOENT: no such file '${path}'`);
        const content = files[path]!;
        if (Buffer.byteLength(content) > maxBytes) throw new Error(`over the ${maxBytes} bytes that .load reads`);
        yield content;
      },
    },
    limits,
  );
}

function command(r: ReplResult) {
  if (r.kind !== 'command') throw new Error(`expected a command result, got ${r.kind}`);
  return r;
}

function query(r: ReplResult) {
  if (r.kind !== 'query') throw new Error(`expected a query result, got ${r.kind}`);
  return r;
}

test('conversation_status:open (a query: its criteria)', async () => {
  const r = query(await session().run('conversation_status:open'));
  assert.equal(r.criteria, { queryContext: 'conversation', and: [{ conversation_status: { equals: 'open' } }] });
  assert.is(r.matches, undefined);
});

test('x:1 (a query with errors: diagnostics, no criteria)', async () => {
  const r = query(await session().run('x:1'));
  assert.is(r.criteria, undefined);
  assert.is(r.diagnostics[0]!.code, 'KQ2001');
});

test('"" and "   " (blank input: nothing)', async () => {
  assert.equal(await session().run(''), { kind: 'empty' });
  assert.equal(await session().run('   '), { kind: 'empty' });
});

test('.tz America/New_York, then customer_updated_at>=today', async () => {
  const s = session();
  assert.is(command(await s.run('.tz america/new_york')).output, 'tz: America/New_York');
  assert.is(query(await s.run('customer_updated_at>=today')).criteria!.timeZone, 'America/New_York');
  assert.is(command(await s.run('.tz none')).output, 'tz: not set');
  assert.is(query(await s.run('customer_updated_at>=today')).criteria!.timeZone, undefined);
});

test('.tz Mars/Olympus (not a zone)', async () => {
  const r = command(await session().run('.tz Mars/Olympus'));
  assert.is(r.ok, false);
  assert.match(r.output, 'unknown time zone');
});

test('.context conversation, then refund', async () => {
  const s = session();
  assert.ok(command(await s.run('.context conversation')).ok);
  assert.is(query(await s.run('refund')).criteria!.queryContext, 'conversation');
  assert.match(command(await s.run('.context')).output, 'context: conversation');
});

test('.context conversations (did you mean)', async () => {
  assert.match(command(await session().run('.context conversations')).output, 'did you mean conversation');
});

test('.now 2020-01-01T00:00:00Z, then conversation_created_at>=today', async () => {
  const s = session();
  assert.ok(command(await s.run('.now 2020-01-01T00:00:00Z')).ok);
  assert.equal(query(await s.run('conversation_created_at>=today')).criteria!.and, [{ conversation_created_at: { gte: '2020-01-01' } }]);
  assert.is(command(await s.run('.now 2020-01-01')).ok, false);
  assert.match(command(await s.run('.now real')).output, 'real time');
});

test('.nested on, then a OR -b', async () => {
  const s = session();
  assert.is(query(await s.run('a OR -b')).criteria, undefined);
  assert.is(command(await s.run('.nested on')).output, 'nested: on');
  assert.ok(query(await s.run('a OR -b')).criteria);
  assert.is(command(await s.run('.nested maybe')).ok, false);
});

test('.fields status', async () => {
  const r = command(await session().run('.fields status'));
  assert.match(r.output, 'conversation_status');
  assert.ok((r.data as string[]).every((n) => n.includes('status')));
  assert.is(command(await session().run('.fields zzzz')).ok, false);
});

test('.describe conversation_status', async () => {
  const r = command(await session().run('.describe conversation_status'));
  assert.match(r.output, 'conversation_status — list field of conversation');
  assert.match(r.output, 'one of snoozed, open, done');
  assert.is(command(await session().run('.describe')).ok, false);
});

test('.explain (the last query), .explain <query>, .explain with no query yet', async () => {
  const s = session();
  assert.is(command(await s.run('.explain')).ok, false);
  await s.run('conversation_status:done');
  assert.is(command(await s.run('.explain')).output, 'conversations that are done');
  assert.is(command(await s.run('.explain customer_name:bob')).output, 'customers whose name is "bob"');
  const bad = command(await s.run('.explain x:1'));
  assert.is(bad.ok, false);
  assert.is(bad.diagnostics![0]!.code, 'KQ2001');
});

test('.format conversation_status:( open OR done )', async () => {
  const r = command(await session().run('.format conversation_status:( open OR done )'));
  assert.ok(r.ok);
  assert.is(r.output, (r.data as { text: string }).text);
  assert.ok(!r.output.includes('( '));
  assert.is(command(await session().run('.format (a')).ok, false);
});

test('.decompile {"queryContext":"conversation","and":[{"conversation_status":{"equals":"open"}}]}', async () => {
  const r = command(await session().run('.decompile {"queryContext":"conversation","and":[{"conversation_status":{"equals":"open"}}]}'));
  assert.ok(r.ok);
  assert.match(r.output, 'conversation_status:open');
  assert.match(command(await session().run('.decompile {oops')).output, 'not JSON');
  const bad = command(await session().run('.decompile {"queryContext":"conversation","and":[{"x":{"equals":1}}]}'));
  assert.is(bad.ok, false);
  assert.ok(bad.diagnostics!.length > 0);
});

test('.load records.ndjson, then conversation_status:open (2 of 4 match)', async () => {
  const s = session({ 'records.ndjson': records.map((r) => JSON.stringify(r)).join('\n') });
  assert.is(command(await s.run('.load records.ndjson')).output, 'loaded 4 record(s) from records.ndjson');
  const r = query(await s.run('conversation_status:open'));
  assert.equal(r.matches, { total: 2, loaded: 4, first: [records[0], records[2]] });
});

test('.load, then conversation_priority>=1 sort:conversation_created_at-desc context:conversation (first few, in order)', async () => {
  const s = session({ 'r.json': JSON.stringify(records) });
  await s.run('.load r.json');
  const r = query(await s.run('conversation_priority>=1 sort:conversation_created_at-desc context:conversation'));
  assert.is(r.matches!.total, 3);
  assert.equal(r.matches!.first, [records[2], records[0], records[1]]);
});

test('.load missing.ndjson, .load bad.ndjson, .load none', async () => {
  const s = session({ 'bad.ndjson': '{"a":1}\nnot json\n[1]\n' });
  assert.match(command(await s.run('.load missing.ndjson')).output, 'cannot load missing.ndjson: ENOENT');
  const bad = command(await s.run('.load bad.ndjson'));
  assert.is(bad.ok, false);
  assert.match(bad.output, 'line 2');
  assert.match(bad.output, 'line 3 is not a JSON object');
  assert.is(s.records, null);
  assert.is(command(await s.run('.load none')).output, 'no records loaded');
});

test('.load big.ndjson (over the byte limit: refused, nothing loaded)', async () => {
  const s = session({ 'big.ndjson': '{"a":1}\n'.repeat(100) }, { maxLoadBytes: 500 });
  const r = command(await s.run('.load big.ndjson'));
  assert.is(r.ok, false);
  assert.match(r.output, 'cannot load big.ndjson: over the 500 bytes');
  assert.is(s.records, null);
});

test('.load many.ndjson and .load many.json (more records than the limit: refused)', async () => {
  const s = session({ 'many.ndjson': '{"a":1}\n'.repeat(11), 'many.json': JSON.stringify(Array(11).fill({ a: 1 })), 'ten.ndjson': '{"a":1}\n'.repeat(10) }, { maxLoadRecords: 10 });
  assert.match(command(await s.run('.load many.ndjson')).output, 'more than 10 records');
  assert.match(command(await s.run('.load many.json')).output, 'more than 10 records');
  assert.is(command(await s.run('.load ten.ndjson')).output, 'loaded 10 record(s) from ten.ndjson');
});

test('.load crlf.ndjson (CRLF line breaks, a BOM, blank lines)', async () => {
  const s = session({ 'crlf.ndjson': '\uFEFF{"a":1}\r\n\r\n{"b":2}\r\n' });
  assert.is(command(await s.run('.load crlf.ndjson')).output, 'loaded 2 record(s) from crlf.ndjson');
  assert.equal(s.records, [{ a: 1 }, { b: 2 }]);
});

test('.help lists every command; .bogus is an error; .exit exits', async () => {
  const help = command(await session().run('.help')).output;
  for (const c of ['.context', '.tz', '.now', '.nested', '.fields', '.describe', '.explain', '.format', '.decompile', '.load', '.help', '.exit']) {
    assert.match(help, c);
  }
  assert.match(command(await session().run('.bogus')).output, 'unknown command .bogus');
  assert.equal(await session().run('.exit'), { kind: 'exit' });
});

test('.5 is a query; .refund is an (unknown) dot-command', async () => {
  assert.is((await session().run('.5')).kind, 'query');
  assert.is((await session().run('.refund')).kind, 'command');
});

test('any input line: a result, shown as text and as one line of JSON that parses back (property)', async () => {
  const s = session({ 'r.ndjson': records.map((r) => JSON.stringify(r)).join('\n') });
  await s.run('.load r.ndjson');
  const piece = fc.constantFrom('.tz', '.context', '.now', '.nested', '.fields', '.describe', '.explain', '.format', '.decompile', '.load', '.help', '.', ' ', 'conversation_status:', '(', ')', '"', '{', '}', '[', ']', ':', 'x', '\u202e', '\x1b', '__proto__', 'none', '{"queryContext":"note"}', 'now-7d', '*');
  await fc.assert(
    fc.asyncProperty(fc.array(fc.oneof(piece, fc.string({ maxLength: 5 })), { maxLength: 8 }), async (parts) => {
      const r = await s.run(parts.join(''));
      assert.type(renderResult(r, { color: true }), 'string');
      const line = jsonResult(r);
      if (r.kind === 'query' || r.kind === 'command') {
        assert.not.match(line, '\n');
        assert.not.match(line, /[\u202e\u001b]/);
        assert.type(JSON.parse(line), 'object');
      }
    }),
    fcOptions(400),
  );
});

test.run();
