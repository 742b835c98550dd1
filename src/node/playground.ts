/**
 * The playground's web server (`kq playground`, and {@link startPlayground} for tests and scripts): serves the page
 * built by scripts/build.mjs into dist/playground/ (index.html, app.js, style.css, support.ndjson) from 127.0.0.1
 * only, under a strict Content-Security-Policy:
 *
 *   default-src 'none'; script-src 'self'; style-src 'self' 'nonce-<n>'; connect-src 'self'; img-src data:;
 *   base-uri 'none'; form-action 'none'; frame-ancestors 'none'
 *
 * No inline script and no eval anywhere. CodeMirror writes its styles into a `<style>` element at run time
 * (style-mod); instead of `style-src 'unsafe-inline'`, that element carries a nonce: a fresh one for every response
 * (16 random bytes, base64 — CSP Level 3 §2.3.1 asks nonces to be unguessable and new for each response), written in
 * the page's `<meta name="csp-nonce" nonce="…">` and given to CodeMirror with `EditorView.cspNonce` (its facet for
 * exactly this, @codemirror/view). Element `style` attributes set from script through the CSSOM, as CodeMirror
 * does, are not governed by `style-src`.
 *
 * Requests whose `Host` is not this server's loopback address and port are refused (421), so a web page cannot
 * reach the server through a DNS-rebound name.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The port `kq playground` listens on when none is given. */
export const defaultPlaygroundPort = 8787;

/** Options of {@link startPlayground}. */
export interface PlaygroundOptions {
  /** The TCP port on 127.0.0.1; 0 picks a free one. Default {@link defaultPlaygroundPort}. */
  readonly port?: number;
  /** The folder of the built page (default: `playground/` beside the running build, i.e. dist/playground/). */
  readonly dir?: string;
}

/** A running playground: its address (`http://127.0.0.1:<port>/`), the port, and `close` (resolves when closed). */
export interface Playground {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** The files of the page: served path → file name in the folder, and Content-Type. */
const pageFiles: Readonly<Record<string, { file: string; type: string }>> = {
  '/index.html': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/style.css': { file: 'style.css', type: 'text/css; charset=utf-8' },
  '/support.ndjson': { file: 'support.ndjson', type: 'application/x-ndjson; charset=utf-8' },
};

/** Where the page's `<meta name="csp-nonce">` takes the response's nonce. */
const noncePlaceholder = '__CSP_NONCE__';

/** The Content-Security-Policy of a response whose style nonce is `nonce`. */
export function playgroundPolicy(nonce: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "connect-src 'self'",
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The URL of this module: import.meta.url in ESM; in the CommonJS bundle, the bundle's own file (as pool.ts). */
function moduleUrl(): string {
  return typeof __filename === 'string' ? pathToFileURL(__filename).href : import.meta.url;
}

/**
 * The built page's folder: `playground/` beside the running build (dist/), or, when this module runs from source
 * (src/node/playground.ts under tsx), the project's dist/playground/.
 */
export function playgroundDir(): string {
  const here = moduleUrl();
  const candidates = [new URL('./playground/', here), new URL('../../dist/playground/', here)].map((u) => fileURLToPath(u));
  return candidates.find((dir) => existsSync(`${dir}/index.html`)) ?? candidates[0]!;
}

/**
 * Starts the playground server on 127.0.0.1 (see the module comment for what it serves and its policy). Rejects
 * when the page was not built (`npm run build` makes dist/playground/) or the port cannot be bound (EADDRINUSE,
 * EACCES: the error of `listen`).
 */
export async function startPlayground(options: PlaygroundOptions = {}): Promise<Playground> {
  const port = options.port ?? defaultPlaygroundPort;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`port must be a whole number 0–65535, got ${port}`);
  const dir = options.dir ?? playgroundDir();
  const files = new Map<string, { body: Buffer; type: string }>();
  for (const [path, { file, type }] of Object.entries(pageFiles)) {
    try {
      files.set(path, { body: await readFile(`${dir}/${file}`), type });
    } catch (error) {
      throw new Error(`the playground page is not built (${dir}/${file}: ${(error as NodeJS.ErrnoException).code ?? error}); run \`npm run build\``);
    }
  }
  const template = files.get('/index.html')!.body.toString('utf8');
  if (!template.includes(noncePlaceholder)) throw new Error(`${dir}/index.html has no ${noncePlaceholder} for the CSP nonce`);

  let bound = 0;
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const nonce = randomBytes(16).toString('base64');
    res.setHeader('Content-Security-Policy', playgroundPolicy(nonce));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    res.setHeader('Cache-Control', 'no-store');
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${bound}` && host !== `localhost:${bound}`) {
      res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' }).end('misdirected request: this server answers for 127.0.0.1 only\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }).end('method not allowed\n');
      return;
    }
    let path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/') path = '/index.html';
    const file = files.get(path);
    if (file === undefined) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    const body = path === '/index.html' ? Buffer.from(template.replaceAll(noncePlaceholder, nonce)) : file.body;
    res.writeHead(200, { 'Content-Type': file.type, 'Content-Length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  const server = createServer(handle);
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', fail);
      done();
    });
  });
  bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}/`,
    port: bound,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
