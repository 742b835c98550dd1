/**
 * The REPL session without a terminal: queries, dot-commands and loaded records, named by the input typed.
 */
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { jsonResult, renderResult } from '../../src/cli/repl/render.js';
import { ReplSession, type ReplResult } from '../../src/cli/repl/session.js';
import { fcOptions } from '../helpers/fc.js';

const now = '2024-06-24T12:00:00Z';

const records = [
  { _type: 'conversation', conversation_status: 'open', conversation_priority: 4, conversation_created_at: '2024-06-20T10:00:00Z' },
  { _type: 'conversation', conversation_status: 'done', conversation_priority: 1, conversation_created_at: '2024-05-01T10:00:00Z' },
  { _type: 'conversation', conversation_status: 'open', conversation_priority: 2, conversation_created_at: '2024-06-23T10:00:00Z' },
  { _type: 'customer', customer_name: 'Bob' },
];

function session(files: Record<string, string> = {}) {
  return new ReplSession({ now }, {
    readFile(path) {
      if (!Object.hasOwn(files, path)) throw new Error(`ENOENT: no such file '${path}'`);
      return files[path]!;
    },
  });
}

function command(r: ReplResult) {
  if (r.kind !== 'command') throw new Error(`expected a command result, got ${r.kind}`);
  return r;
}

function query(r: ReplResult) {
  if (r.kind !== 'query') throw new Error(`expected a query result, got ${r.kind}`);
  return r;
}

test('conversation_status:open (a query: its criteria)', () => {
  const r = query(session().run('conversation_status:open'));
  assert.equal(r.criteria, { queryContext: 'conversation', and: [{ conversation_status: { equals: 'open' } }] });
  assert.is(r.matches, undefined);
});

test('x:1 (a query with errors: diagnostics, no criteria)', () => {
  const r = query(session().run('x:1'));
  assert.is(r.criteria, undefined);
  assert.is(r.diagnostics[0]!.code, 'KQ2001');
});

test('"" and "   " (blank input: nothing)', () => {
  assert.equal(session().run(''), { kind: 'empty' });
  assert.equal(session().run('   '), { kind: 'empty' });
});

test('.tz America/New_York, then customer_updated_at>=today', () => {
  const s = session();
  assert.is(command(s.run('.tz america/new_york')).output, 'tz: America/New_York');
  assert.is(query(s.run('customer_updated_at>=today')).criteria!.timeZone, 'America/New_York');
  assert.is(command(s.run('.tz none')).output, 'tz: not set');
  assert.is(query(s.run('customer_updated_at>=today')).criteria!.timeZone, undefined);
});

test('.tz Mars/Olympus (not a zone)', () => {
  const r = command(session().run('.tz Mars/Olympus'));
  assert.is(r.ok, false);
  assert.match(r.output, 'unknown time zone');
});

test('.context conversation, then refund', () => {
  const s = session();
  assert.ok(command(s.run('.context conversation')).ok);
  assert.is(query(s.run('refund')).criteria!.queryContext, 'conversation');
  assert.match(command(s.run('.context')).output, 'context: conversation');
});

test('.context conversations (did you mean)', () => {
  assert.match(command(session().run('.context conversations')).output, 'did you mean conversation');
});

test('.now 2020-01-01T00:00:00Z, then conversation_created_at>=today', () => {
  const s = session();
  assert.ok(command(s.run('.now 2020-01-01T00:00:00Z')).ok);
  assert.equal(query(s.run('conversation_created_at>=today')).criteria!.and, [{ conversation_created_at: { gte: '2020-01-01' } }]);
  assert.is(command(s.run('.now 2020-01-01')).ok, false);
  assert.match(command(s.run('.now real')).output, 'real time');
});

test('.nested on, then a OR -b', () => {
  const s = session();
  assert.is(query(s.run('a OR -b')).criteria, undefined);
  assert.is(command(s.run('.nested on')).output, 'nested: on');
  assert.ok(query(s.run('a OR -b')).criteria);
  assert.is(command(s.run('.nested maybe')).ok, false);
});

test('.fields status', () => {
  const r = command(session().run('.fields status'));
  assert.match(r.output, 'conversation_status');
  assert.ok((r.data as string[]).every((n) => n.includes('status')));
  assert.is(command(session().run('.fields zzzz')).ok, false);
});

test('.describe conversation_status', () => {
  const r = command(session().run('.describe conversation_status'));
  assert.match(r.output, 'conversation_status — list field of conversation');
  assert.match(r.output, 'one of snoozed, open, done');
  assert.is(command(session().run('.describe')).ok, false);
});

test('.explain (the last query), .explain <query>, .explain with no query yet', () => {
  const s = session();
  assert.is(command(s.run('.explain')).ok, false);
  s.run('conversation_status:done');
  assert.is(command(s.run('.explain')).output, 'conversations that are done');
  assert.is(command(s.run('.explain customer_name:bob')).output, 'customers whose name is "bob"');
  const bad = command(s.run('.explain x:1'));
  assert.is(bad.ok, false);
  assert.is(bad.diagnostics![0]!.code, 'KQ2001');
});

test('.format conversation_status:( open OR done )', () => {
  const r = command(session().run('.format conversation_status:( open OR done )'));
  assert.ok(r.ok);
  assert.is(r.output, (r.data as { text: string }).text);
  assert.ok(!r.output.includes('( '));
  assert.is(command(session().run('.format (a')).ok, false);
});

test('.decompile {"queryContext":"conversation","and":[{"conversation_status":{"equals":"open"}}]}', () => {
  const r = command(session().run('.decompile {"queryContext":"conversation","and":[{"conversation_status":{"equals":"open"}}]}'));
  assert.ok(r.ok);
  assert.match(r.output, 'conversation_status:open');
  assert.match(command(session().run('.decompile {oops')).output, 'not JSON');
  const bad = command(session().run('.decompile {"queryContext":"conversation","and":[{"x":{"equals":1}}]}'));
  assert.is(bad.ok, false);
  assert.ok(bad.diagnostics!.length > 0);
});

test('.load records.ndjson, then conversation_status:open (2 of 4 match)', () => {
  const s = session({ 'records.ndjson': records.map((r) => JSON.stringify(r)).join('\n') });
  assert.is(command(s.run('.load records.ndjson')).output, 'loaded 4 record(s) from records.ndjson');
  const r = query(s.run('conversation_status:open'));
  assert.equal(r.matches, { total: 2, loaded: 4, first: [records[0], records[2]] });
});

test('.load, then conversation_priority>=1 sort:conversation_created_at-desc context:conversation (first few, in order)', () => {
  const s = session({ 'r.json': JSON.stringify(records) });
  s.run('.load r.json');
  const r = query(s.run('conversation_priority>=1 sort:conversation_created_at-desc context:conversation'));
  assert.is(r.matches!.total, 3);
  assert.equal(r.matches!.first, [records[2], records[0], records[1]]);
});

test('.load missing.ndjson, .load bad.ndjson, .load none', () => {
  const s = session({ 'bad.ndjson': '{"a":1}\nnot json\n[1]\n' });
  assert.match(command(s.run('.load missing.ndjson')).output, 'cannot read missing.ndjson');
  const bad = command(s.run('.load bad.ndjson'));
  assert.is(bad.ok, false);
  assert.match(bad.output, 'line 2');
  assert.match(bad.output, 'line 3 is not a JSON object');
  assert.is(s.records, null);
  assert.is(command(s.run('.load none')).output, 'no records loaded');
});

test('.help lists every command; .bogus is an error; .exit exits', () => {
  const help = command(session().run('.help')).output;
  for (const c of ['.context', '.tz', '.now', '.nested', '.fields', '.describe', '.explain', '.format', '.decompile', '.load', '.help', '.exit']) {
    assert.match(help, c);
  }
  assert.match(command(session().run('.bogus')).output, 'unknown command .bogus');
  assert.equal(session().run('.exit'), { kind: 'exit' });
});

test('.5 is a query; .refund is an (unknown) dot-command', () => {
  assert.is(session().run('.5').kind, 'query');
  assert.is(session().run('.refund').kind, 'command');
});

test('any input line: a result, shown as text and as one line of JSON that parses back (property)', () => {
  const s = session({ 'r.ndjson': records.map((r) => JSON.stringify(r)).join('\n') });
  s.run('.load r.ndjson');
  const piece = fc.constantFrom('.tz', '.context', '.now', '.nested', '.fields', '.describe', '.explain', '.format', '.decompile', '.load', '.help', '.', ' ', 'conversation_status:', '(', ')', '"', '{', '}', '[', ']', ':', 'x', '\u202e', '\x1b', '__proto__', 'none', '{"queryContext":"note"}', 'now-7d', '*');
  fc.assert(
    fc.property(fc.array(fc.oneof(piece, fc.string({ maxLength: 5 })), { maxLength: 8 }), (parts) => {
      const r = s.run(parts.join(''));
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
