/**
 * `kq search` end to end: the CLI spawned as a process (KUSTOMER_API_KEY and KUSTOMER_BASE_URL in its environment)
 * against the stand-in in a child process: an export past the cap (ids compared with the generated records), the
 * formats, a query with errors (code frame, exit 1, no request), no key (exit 2), a wrong key (exit 1, the key never
 * printed), and SIGINT (exit 130, a checkpoint that `--resume` completes exactly).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startChildServer, type ChildServer } from './childServer.js';

const key = 'cli-secret-key-42';
const n = 3000;
const main = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
let server: ChildServer;

interface Run {
  readonly status: number | null;
  readonly signal: string | null;
  readonly out: string;
  readonly err: string;
}

/** Runs `kq search …args` with the key and base URL in the environment (overridable); `onOut` sees stdout chunks. */
function kqSearch(args: string[], env: Record<string, string | undefined> = {}, onOut?: (chunk: string, child: ReturnType<typeof spawn>) => void): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', main, 'search', ...args], {
    env: { ...process.env, KUSTOMER_API_KEY: key, KUSTOMER_BASE_URL: server.url, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    out += d;
    onOut?.(d, child);
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  return new Promise((resolve) => child.on('close', (status, signal) => resolve({ status, signal, out, err })));
}

const allIds = Array.from({ length: n }, (_, i) => i.toString(16).padStart(24, '0'));
const idsOf = (ndjson: string) => ndjson.split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { id: string }).id);

test.before(async () => {
  server = await startChildServer(n, 20, key);
});
test.after(async () => {
  await server.close();
});

test('kq search context:customer --all --page-size 20: 3,000 records once each past the cap, a summary', async () => {
  const r = await kqSearch(['context:customer', '--all', '--page-size', '20', '--rpm', '0']);
  assert.is(r.status, 0, r.err);
  const ids = idsOf(r.out);
  assert.is(new Set(ids).size, ids.length);
  assert.equal([...ids].sort(), allIds);
  assert.match(r.err, /kq search: 3000 record\(s\), \d+ request\(s\), [2-9] window\(s\), 0 retries/);
  assert.match(r.err, /--resume '\{"since":"2025-01-01T00:00:19.000Z"/);
  assert.not.match(r.out + r.err, new RegExp(key));
});

test('records are written exactly as received (NDJSON of the API data items)', async () => {
  const r = await kqSearch(['context:customer', '--limit', '2']);
  assert.is(r.status, 0, r.err);
  const lines = r.out.trim().split('\n');
  assert.is(lines.length, 2);
  const rec = JSON.parse(lines[0]!) as Record<string, unknown>;
  assert.equal(Object.keys(rec), ['type', 'id', 'attributes', 'relationships', 'links']);
  assert.is(JSON.stringify(rec), lines[0]);
  assert.match(r.err, /3000 record\(s\) match; showing 2/);
});

test('--format csv, --format json and --ids-only', async () => {
  const csv = await kqSearch(['context:customer', '--limit', '3', '--format', 'csv']);
  assert.is(csv.out.split('\n')[0], 'id,type,name,createdAt,updatedAt,tags,custom.tierStr');
  assert.is(csv.out.trim().split('\n').length, 4);
  const json = await kqSearch(['context:customer', '--limit', '3', '--format', 'json']);
  assert.is((JSON.parse(json.out) as unknown[]).length, 3);
  const ids = await kqSearch(['context:customer', '--limit', '3', '--ids-only']);
  assert.ok(ids.out.trim().split('\n').every((l) => /^[0-9a-f]{24}$/.test(l)));
});

test('a query with errors: a code frame, exit 1, no request', async () => {
  const r = await kqSearch(['customer_nope:1']);
  assert.is(r.status, 1);
  assert.match(r.err, /Unknown field 'customer_nope'/);
  assert.match(r.err, /\^\^\^/);
  assert.is(r.out, '');
});

test('no KUSTOMER_API_KEY: exit 2 with what to set', async () => {
  const r = await kqSearch(['context:customer'], { KUSTOMER_API_KEY: undefined });
  assert.is(r.status, 2);
  assert.match(r.err, /KUSTOMER_API_KEY/);
});

test('a wrong key: exit 1, 401 naming KUSTOMER_API_KEY, the key never printed', async () => {
  const r = await kqSearch(['context:customer'], { KUSTOMER_API_KEY: 'not-the-right-key-7' });
  assert.is(r.status, 1);
  assert.match(r.err, /401/);
  assert.match(r.err, /KUSTOMER_API_KEY/);
  assert.not.match(r.out + r.err, /not-the-right-key-7/);
});

test('SIGINT mid-export: exit 130 with a checkpoint; --resume completes it with nothing twice', async () => {
  let sent = false;
  const first = await kqSearch(['context:customer', '--all', '--page-size', '20', '--rpm', '0'], {}, (_chunk, child) => {
    if (!sent) {
      sent = true;
      child.kill('SIGINT');
    }
  });
  assert.is(first.status, 130, first.err);
  assert.match(first.err, /interrupted after/);
  const m = /to resume: --resume '(.*)'\n/.exec(first.err);
  assert.ok(m, first.err);
  const head = idsOf(first.out);
  assert.ok(head.length > 0 && head.length < n, `${head.length} records before the interrupt`);
  const rest = await kqSearch(['context:customer', '--page-size', '20', '--rpm', '0', '--resume', m![1]!]);
  assert.is(rest.status, 0, rest.err);
  const ids = [...head, ...idsOf(rest.out)];
  assert.is(new Set(ids).size, ids.length, 'nothing twice');
  assert.equal([...ids].sort(), allIds);
});

test.run();
