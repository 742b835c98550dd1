/** `kq repl` with piped input: one JSON result per line, no prompt; driven through the CLI's main. */
import { Readable } from 'node:stream';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { main, type CliIO } from '../../src/cli/main.js';

async function repl(lines: string[], args: string[] = []) {
  let out = '';
  let err = '';
  const io: CliIO = {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    readStdin: async () => lines.join('\n'),
    stdinIsTTY: false,
    stdin: Readable.from([lines.join('\n')]),
    color: false,
  };
  const status = await main(['repl', '--now', '2024-06-24T12:00:00Z', ...args], io);
  return { status, out, err, results: out.trim() === '' ? [] : out.trim().split('\n').map((l) => JSON.parse(l)) };
}

test('conversation_status:open / .tz Europe/Paris / conversation_created_at:today (one JSON line each, no prompt)', async () => {
  const r = await repl(['conversation_status:open', '', '.tz Europe/Paris', 'conversation_created_at:today']);
  assert.is(r.status, 0);
  assert.not.match(r.out, 'kq>');
  assert.is(r.results.length, 3);
  assert.equal(r.results[0].criteria, { queryContext: 'conversation', and: [{ conversation_status: { equals: 'open' } }] });
  assert.is(r.results[1].output, 'tz: Europe/Paris');
  assert.equal(r.results[2].criteria.and, [{ conversation_created_at: { gte: '2024-06-24' } }, { conversation_created_at: { lt: '2024-06-25' } }]);
});

test('x:1 (an error: exit status 1, the diagnostics in the JSON)', async () => {
  const r = await repl(['x:1', 'refund']);
  assert.is(r.status, 1);
  assert.is(r.results[0].criteria, null);
  assert.is(r.results[0].diagnostics[0].code, 'KQ2001');
  assert.ok(r.results[1].criteria);
});

test('.exit stops reading', async () => {
  const r = await repl(['refund', '.exit', 'more']);
  assert.is(r.results.length, 1);
});

test('--context conversation (the starting settings come from the flags)', async () => {
  const r = await repl(['refund'], ['--context', 'conversation']);
  assert.is(r.results[0].criteria.queryContext, 'conversation');
});

test('.load /dev/zero (refused at once: not a regular file; the session goes on)', async () => {
  const r = await repl(['.load /dev/zero', 'refund']);
  assert.is(r.status, 1);
  assert.is(r.results[0].ok, false);
  assert.is(r.results[0].output, 'cannot load /dev/zero: a character device, not a regular file');
  assert.ok(r.results[1].criteria);
});

test('kq repl extra (no query argument)', async () => {
  const r = await repl([], ['extra']);
  assert.is(r.status, 2);
  assert.match(r.err, 'takes no query argument');
});

test.run();
