import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import type * as NodePty from 'node-pty';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { NOW } from './helpers.js';
import { kq as run } from '../helpers/cli.js';
import { main } from '../../src/cli/main.js';
import { tempDir } from '../helpers/tempDir.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = tempDir('kq-translate-');

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}


/** `kq` with stdin as a stream too (or only through readStdin when `stream` is false). */
const kq = (args: string[], stdin = '', stream = true) => run(args, stdin, stream);

const now = ['--now', NOW];
const jsonLines = (out: string) => out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

const saved = file('saved.kq', '# saved searches\nconversation_status:open\n\nconversation_statu:open\ncustomer_name:jane sort:customer_name\n');

test('kq translate saved.kq (JSONL out, summary on stderr, exit 1 on a failed record)', async () => {
  const r = await kq(['translate', saved, ...now]);
  assert.is(r.status, 1);
  const records = jsonLines(r.out);
  assert.equal(records.map((x) => [x.line, x.ok]), [[2, true], [4, false], [5, true]]);
  assert.equal(records[0]!.criteria, { queryContext: 'conversation', and: [{ conversation_status: { equals: 'open' } }] });
  assert.match(String(records[1]!.frame), "error[KQ2001]: Unknown field 'conversation_statu'.");
  assert.match(r.err, /^kq translate: 3 records: 2 ok, 1 with errors \(KQ2001 ×1\) in [\d.]+ s/);
});

test('kq translate saved.kq --allow-errors (exit 0)', async () => {
  assert.is((await kq(['translate', saved, '--allow-errors', ...now])).status, 0);
});

test('kq translate - (stdin as a stream, and as readStdin) with --input-format jsonl', async () => {
  const input = '{"id": "a", "query": "conversation_status:open"}\n{"id": "b", "query": "conversation_status:done"}\n';
  for (const stream of [true, false]) {
    const r = await kq(['translate', '-', '--input-format', 'jsonl', ...now], input, stream);
    assert.is(r.status, 0, r.err);
    assert.equal(jsonLines(r.out).map((x) => x.fields), [{ id: 'a' }, { id: 'b' }]);
  }
});

test('kq translate (no argument) reads stdin as text', async () => {
  const r = await kq(['translate', ...now], 'conversation_status:open\n');
  assert.is(r.status, 0);
  assert.is(jsonLines(r.out)[0]!.query, 'conversation_status:open');
});

test('kq translate saved.kq --format json (one JSON array)', async () => {
  const r = await kq(['translate', saved, '--format', 'json', '--allow-errors', ...now]);
  const array = JSON.parse(r.out) as { line: number }[];
  assert.equal(array.map((x) => x.line), [2, 4, 5]);
  const empty = await kq(['translate', file('empty.kq', ''), '--format', 'json']);
  assert.equal(JSON.parse(empty.out), []);
  assert.is(empty.status, 0);
});

test('kq translate saved.csv --format csv (carried columns back as columns)', async () => {
  const csv = file('saved.csv', 'id,name,query\n1,"Open, VIP",conversation_status:open\n2,"two\nlines",x:1\n');
  const r = await kq(['translate', csv, '--format', 'csv', ...now]);
  assert.is(r.status, 1);
  const rows = parse(r.out, { columns: true }) as Record<string, string>[];
  assert.equal(Object.keys(rows[0]!), ['line', 'id', 'name', 'ok', 'query', 'criteria', 'codes', 'diagnostics', 'frame']);
  assert.equal(rows.map((x) => [x.line, x.id, x.name, x.ok, x.codes]), [
    ['2', '1', 'Open, VIP', 'true', ''],
    ['3', '2', 'two\nlines', 'false', 'KQ2001'],
  ]);
  assert.equal(JSON.parse(rows[0]!.criteria!), { queryContext: 'conversation', and: [{ conversation_status: { equals: 'open' } }] });
  assert.match(rows[1]!.frame!, 'error[KQ2001]');
});

test('kq translate saved.jsonl --format csv (carried fields as one JSON column)', async () => {
  const jsonl = file('saved.jsonl', '{"id": 1, "query": "conversation_status:open"}\n');
  const r = await kq(['translate', jsonl, '--format', 'csv', ...now]);
  const rows = parse(r.out, { columns: true }) as Record<string, string>[];
  assert.equal(JSON.parse(rows[0]!.fields!), { id: 1 });
});

test('kq translate --out file (nothing on stdout)', async () => {
  const out = join(dir, 'out.jsonl');
  const r = await kq(['translate', saved, '--out', out, '--allow-errors', ...now]);
  assert.is(r.out, '');
  assert.equal(jsonLines(readFileSync(out, 'utf8')).map((x) => x.line), [2, 4, 5]);
});

test('kq translate --check (file:line:col: code severity: message, for CI)', async () => {
  const path = file('check.kq', 'conversation_status:open\n\n  conversation_statu:open\nlower and upper\n');
  const r = await kq(['translate', path, '--check', ...now]);
  assert.is(r.status, 1);
  assert.is(
    r.out,
    `${path}:3:3: KQ2001 error: Unknown field 'conversation_statu'.\n${path}:4:7: KQ1012 warning: 'and' is searched for as a word; to combine terms, write 'AND' in upper case.\n`,
  );
  const ok = await kq(['translate', file('ok.kq', 'conversation_status:open\n'), '--check', ...now]);
  assert.is(ok.status, 0);
  assert.is(ok.out, '');
});

test('kq translate --check on JSONL: unreadable records at column 1', async () => {
  const path = file('check.jsonl', '{"query": "conversation_status:open"}\nnot json\n{"id": 1}\n');
  const r = await kq(['translate', path, '--check']);
  assert.match(r.out, `${path}:2:1: KQ5001 error: Not valid JSON`);
  assert.match(r.out, `${path}:3:1: KQ5003 error: The record has no 'query' field.`);
});

test('kq translate bodies.jsonl --to text (saved searches back to text)', async () => {
  const body = { queryContext: 'conversation', and: [{ conversation_status: { equals: 'open' } }] };
  const path = file('bodies.jsonl', `${JSON.stringify({ id: 's1', name: 'Open', data: body })}\n`);
  const r = await kq(['translate', path, '--to', 'text']);
  assert.is(r.status, 0, r.err);
  const [record] = jsonLines(r.out);
  assert.equal(record!.fields, { id: 's1', name: 'Open' });
  assert.equal(record!.criteria, body);
  assert.is(typeof record!.query, 'string');
});

test('kq translate usage errors exit 2: a missing file, --to json, --jobs 0, --format xml, csv with --to text', async () => {
  const cases = [
    ['translate', join(dir, 'missing.kq')],
    ['translate', saved, '--to', 'json'],
    ['translate', saved, '--jobs', '0'],
    ['translate', saved, '--format', 'xml'],
    ['translate', file('x.csv', 'query\n'), '--to', 'text'],
    ['translate', saved, '--tz', 'Mars/Olympus'],
    ['translate', saved, 'second.kq'],
  ];
  for (const args of cases) {
    const r = await kq(args);
    assert.is(r.status, 2, `${args.join(' ')}: ${r.err}`);
    assert.match(r.err, /^kq: /);
  }
});

test('kq translate from a terminal with no file is a usage error', async () => {
  let err = '';
  const status = await main(['translate'], { stdout: () => {}, stderr: (t) => (err += t), readStdin: async () => '', stdinIsTTY: true, color: false });
  assert.is(status, 2);
  assert.match(err, 'no input');
});

test('kq --help lists translate', async () => {
  const r = await kq(['--help']);
  assert.match(r.out, 'kq translate <file|->');
  assert.match(r.out, '--jobs <n>');
});

test('bin/kq.js translate --jobs 2 (the built worker) matches --jobs 1', () => {
  if (!existsSync(join(root, 'dist', 'translate-worker.js'))) spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'ignore' });
  const lines = Array.from({ length: 3000 }, (_, i) => (i % 7 === 0 ? 'x:1' : i % 11 === 0 ? '# c' : `conversation_priority:${i % 5}`));
  const path = file('many.kq', lines.join('\r\n'));
  const run = (jobs: string) => spawnSync(process.execPath, ['bin/kq.js', 'translate', path, '--jobs', jobs, ...now], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  const one = run('1');
  const two = run('2');
  assert.is(one.status, 1, one.stderr);
  assert.is(two.status, 1, two.stderr);
  assert.is(two.stdout, one.stdout);
  assert.is(jsonLines(two.stdout).length, 3000 - Math.floor(3000 / 11) + Math.floor(3000 / 77));
});

test('a progress bar on a terminal (node-pty), none through a pipe', async () => {
  const path = file('progress.kq', 'conversation_status:open\n'.repeat(3000));
  const args = ['--import', 'tsx', 'src/cli/main.ts', 'translate', path, '--out', join(dir, 'progress.jsonl'), ...now];
  const pty = createRequire(import.meta.url)('node-pty') as typeof NodePty;
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  const child = pty.spawn(process.execPath, args, { name: 'xterm', cols: 120, rows: 30, cwd: root, env: { ...env, TERM: 'xterm' } });
  let raw = '';
  child.onData((d) => (raw += d));
  const code = await new Promise<number>((resolve) => child.onExit(({ exitCode }) => resolve(exitCode)));
  assert.is(code, 0, raw);
  assert.match(raw, /translate \[[=-]+\] \d+% \| [\d,]+ records/);
  assert.match(raw, 'kq translate: 3,000 records: 3,000 ok, 0 with errors');
  const piped = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  assert.is(piped.status, 0);
  assert.not.match(piped.stderr, 'translate [');
  assert.match(piped.stderr, /^kq translate: 3,000 records/);
});

test.run();
