/**
 * `kq serve`: the CLI (run from source through tsx, as a child process) starts the server, prints its URL and
 * settings without the key, answers over HTTP, and exits 0 on SIGTERM; bad flags are usage errors (exit 2).
 */
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { kq } from '../helpers/cli.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Starts `kq serve args` with `env`; resolves once it has printed its URL. */
function serve(args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), 'serve', ...args], {
    cwd: root,
    env: { ...process.env, KQ_SERVE_API_KEY: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const url = new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed: ${out} ${err}`)), 20_000);
    child.stdout.on('data', () => {
      const m = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1]!);
      }
    });
    child.on('exit', () => reject(new Error(`kq serve exited: ${err}`)));
  });
  return { child, url, exited, output: () => ({ out, err }) };
}

const body = JSON.stringify({ queryContext: 'customer', and: [{ customer_updated_at: { gte: '2016-01-01' } }], sort: [{ customer_updated_at: 'asc' }] });

test('kq serve --port 0 --api-key s3cret-key --rate-limit 5/s: prints the URL and settings (no key), answers, stops on SIGTERM', async () => {
  const s = serve(['--port', '0', '--api-key', 's3cret-key', '--rate-limit', '5/s', '--reset-unit', 'seconds-from-now', '--seed', '42']);
  const url = await s.url;
  const ok = await fetch(`${url}/v1/customers/search?pageSize=3`, { method: 'POST', headers: { authorization: 'Bearer s3cret-key' }, body });
  assert.is(ok.status, 200);
  assert.is(ok.headers.get('x-ratelimit-limit'), '5');
  assert.is(((await ok.json()) as { meta: { total: number } }).meta.total, 40); // the bundled data
  assert.is((await fetch(`${url}/v1/customers/search`, { method: 'POST', headers: { authorization: 'Bearer other' }, body })).status, 401);
  s.child.kill('SIGTERM');
  assert.is(await s.exited, 0);
  const { out, err } = s.output();
  assert.not.ok(out.includes('s3cret-key') || err.includes('s3cret-key'));
  assert.match(out, 'Bearer key required (1 configured)');
  assert.match(out, '5/s per key');
  assert.match(out, 'seconds-from-now');
  assert.match(out, 'seed 42');
  assert.match(out, 'examples/data/support.ndjson (398 records)');
});

test('kq serve with KQ_SERVE_API_KEY and --data: the key from the environment; without one, any key is accepted', async () => {
  const s = serve(['--data', join(root, 'examples/data/support.ndjson')], { KQ_SERVE_API_KEY: 'env-key' });
  const url = await s.url;
  assert.is((await fetch(`${url}/v1/customers/search`, { method: 'POST', headers: { authorization: 'Bearer env-key' }, body })).status, 200);
  assert.is((await fetch(`${url}/v1/customers/search`, { method: 'POST', headers: { authorization: 'Bearer x' }, body })).status, 401);
  s.child.kill('SIGINT');
  assert.is(await s.exited, 0);
  assert.not.ok(s.output().out.includes('env-key'));
  const any = serve([]);
  const anyUrl = await any.url;
  assert.is((await fetch(`${anyUrl}/v1/customers/search`, { method: 'POST', headers: { authorization: 'Bearer whatever' }, body })).status, 200);
  any.child.kill('SIGTERM');
  assert.is(await any.exited, 0);
  assert.match(any.output().out, 'any key is accepted');
});

test('kq serve --host 0.0.0.0 / --rate-limit fast / --reset-unit ms / --port 70000 / --data - → exit 2', async () => {
  for (const args of [['--host', '0.0.0.0'], ['--rate-limit', 'fast'], ['--reset-unit', 'ms'], ['--port', '70000'], ['--data', '-'], ['extra']]) {
    const r = await kq(['serve', ...args]);
    assert.is(r.status, 2, args.join(' '));
    assert.match(r.err, 'kq: ');
  }
});

test('kq serve --data missing.ndjson → exit 1 with the file named', async () => {
  const r = await kq(['serve', '--data', join(root, 'no-such-file.ndjson')]);
  assert.is(r.status, 1);
  assert.match(r.err, 'no-such-file.ndjson');
});

test.run();
