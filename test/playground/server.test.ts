/**
 * The playground server without a browser (src/node/playground.ts, `kq playground`): what it serves, its
 * Content-Security-Policy with a fresh style nonce per response, that it answers on 127.0.0.1 for its own Host only,
 * and that `kq playground --port 0` from the built CLI (bin/kq.js → dist/kq.cjs → dist/cli.cjs, as installed) finds the built page.
 * The page in a real browser: page.test.ts.
 */
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { playgroundPolicy, startPlayground, type Playground } from '../../src/node/index.js';
import { ensureBuilt } from './built.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** One HTTP request to the playground, with an optional Host header of our choosing. */
function get(url: string, options: { method?: string; host?: string } = {}): Promise<Reply> {
  return new Promise((done, fail) => {
    const target = new URL(url);
    const req = request(
      { hostname: target.hostname, port: target.port, path: target.pathname, method: options.method ?? 'GET', headers: options.host ? { Host: options.host } : {} },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', fail);
    req.end();
  });
}

let playground: Playground | undefined;
async function server(): Promise<Playground> {
  await ensureBuilt(root);
  return (playground ??= await startPlayground({ port: 0 }));
}

test('GET / : the page, with a CSP whose style nonce is the one in <meta name="csp-nonce">', async () => {
  const { url } = await server();
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  const reply = await get(url);
  assert.is(reply.status, 200);
  assert.is(reply.headers['content-type'], 'text/html; charset=utf-8');
  const csp = String(reply.headers['content-security-policy']);
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
  assert.ok(nonce, csp);
  assert.is(Buffer.from(nonce!, 'base64').length, 16, '128 random bits');
  assert.is(csp, playgroundPolicy(nonce!));
  assert.not.match(csp, /unsafe-inline|unsafe-eval/);
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.ok(reply.body.includes(`<meta name="csp-nonce" nonce="${nonce}">`), 'the page carries the same nonce');
  assert.not.match(reply.body, /__CSP_NONCE__/);
  assert.not.match(reply.body, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script');
});

test('GET / twice: two different nonces', async () => {
  const { url } = await server();
  const nonces = await Promise.all([get(url), get(url)]).then((rs) => rs.map((r) => /'nonce-([^']+)'/.exec(String(r.headers['content-security-policy']))?.[1]));
  assert.ok(nonces[0] && nonces[1]);
  assert.is.not(nonces[0], nonces[1]);
});

test('GET /app.js, /style.css, /support.ndjson: the built files with their types', async () => {
  const { url } = await server();
  const app = await get(`${url}app.js`);
  assert.equal([app.status, app.headers['content-type']], [200, 'text/javascript; charset=utf-8']);
  assert.ok(app.body.length > 10_000);
  const css = await get(`${url}style.css`);
  assert.equal([css.status, css.headers['content-type']], [200, 'text/css; charset=utf-8']);
  const data = await get(`${url}support.ndjson`);
  assert.is(data.status, 200);
  assert.is(data.body.trim().split('\n').length, 398);
  assert.is(app.headers['x-content-type-options'], 'nosniff');
});

test('GET /../package.json, /nope: 404', async () => {
  const { url } = await server();
  assert.is((await get(`${url}nope`)).status, 404);
  assert.is((await get(`${url}..%2Fpackage.json`)).status, 404);
  assert.is((await get(`${url}app.js.map`)).status, 404);
});

test('POST /: 405', async () => {
  const { url } = await server();
  const reply = await get(url, { method: 'POST' });
  assert.is(reply.status, 405);
  assert.is(reply.headers.allow, 'GET, HEAD');
});

test('Host: evil.example:<port> (DNS rebinding): 421', async () => {
  const { url, port } = await server();
  assert.is((await get(url, { host: `evil.example:${port}` })).status, 421);
  assert.is((await get(url, { host: `localhost:${port}` })).status, 200);
});

test('startPlayground({port: 70000}) is refused', async () => {
  try {
    await startPlayground({ port: 70000 });
    assert.unreachable('should have thrown');
  } catch (error) {
    assert.instance(error, RangeError);
  }
});

test('startPlayground({dir: <a folder without the page>}) says to build', async () => {
  try {
    await startPlayground({ port: 0, dir: join(root, 'src') });
    assert.unreachable('should have thrown');
  } catch (error) {
    assert.match((error as Error).message, /npm run build/);
  }
});

test('kq playground --port 0 (bin/kq.js, the built CLI): prints its URL, serves the page, stops on SIGINT', async () => {
  await ensureBuilt(root);
  const child = spawn(process.execPath, [join(root, 'bin', 'kq.js'), 'playground', '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
  try {
    const url = await new Promise<string>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`no URL printed in 10 s; stderr: ${err}`)), 10_000);
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
        if (m) {
          clearTimeout(timer);
          done(m[0]);
        }
      });
    });
    const reply = await get(url);
    assert.is(reply.status, 200);
    assert.match(reply.body, /kustomer-query playground/);
  } finally {
    child.kill('SIGINT');
  }
  assert.is(await exited, 0, err);
});

test('kq playground --port http: usage error', async () => {
  const { kq } = await import('../helpers/cli.js');
  const run = await kq(['playground', '--port', 'http']);
  assert.is(run.status, 2);
  assert.match(run.err, /--port: expected a port number/);
});

test.after(async () => {
  await playground?.close();
});

test.run();
