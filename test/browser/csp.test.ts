/**
 * The packed package in a real browser under a strict Content-Security-Policy (issue #10: an isomorphic core that
 * bundles for the browser with no Node built-ins and runs with no `new Function`/`eval`).
 *
 * 1. `npm pack` the project (the tarball a user installs; see packProject in test/helpers/browser.ts for when it
 *    rebuilds), extract it into a scratch app's node_modules/kustomer-query, and bundle the app's entry
 *    (test/browser/page/main.js, which imports `compile, complete, format, explain, decompile` from
 *    'kustomer-query' and runs the table of test/browser/table.ts) with esbuild for the browser, minified. The
 *    package's own dependencies resolve from this project's node_modules: nothing is installed, nothing fetched.
 * 2. Serve the page from 127.0.0.1 with `Content-Security-Policy: script-src 'self'; object-src 'none'; base-uri
 *    'none'` (no 'unsafe-eval', no inline scripts) and load it in headless Chromium (one launch for the file).
 * 3. Assert: no CSP violation, page error, console error or failed request; each row's result equals what Node
 *    computes from src/index.ts for the same row; the bundle imports no Node built-in.
 A regression pair proves that the harness can fail: `new Function('return 1')()` under the same CSP must be
 * refused and recorded, and without the CSP must run.
 *
 * The pack is from the fresh dist/ with `--ignore-scripts` (about 2 s with the bundles), or, when dist/ is older
 * than its sources, a full `npm pack` that runs `prepare`, the build (about 10 s more): never a stale tarball.
 * The Node side imports src/index.ts, the same code once dist/ is fresh.
 *
 * Chromium is the system's (KQ_CHROMIUM, or chromium / chromium-browser / google-chrome on PATH). When it is
 * missing, the browser tests are skipped with one line saying how to install it, except under CI (CI=true), where
 * they fail; the built-in check needs no browser and always runs.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'puppeteer-core';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as kq from '../../src/index.js';
import {
  browserTests,
  bundleForBrowser,
  closeBrowser,
  extractPackage,
  loadPage,
  packProject,
  problems,
  serve,
  type LocalServer,
  type PageReport,
} from '../helpers/browser.js';
import { rows, runTable, type RowResult } from './table.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');

/** The policy under test: scripts only from the page's own origin, no eval, no plugins, no <base>. */
const csp = "script-src 'self'; object-src 'none'; base-uri 'none'";

const { register, launch } = browserTests('browser tests');

// --- Shared state: one browser, one scratch folder, servers closed at the end -------------------------------------------

let scratch: string | undefined;
let browser: Browser | undefined;
const servers: LocalServer[] = [];

/** A promise made once, on first call. */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}

const scratchDir = once(async () => (scratch = await mkdtemp(join(tmpdir(), 'kq-browser-'))));

const session = once(async (): Promise<Browser> => (browser = await launch()));

/** An HTML page that loads the CSP listener, then `script` (an ES module), and has a `<pre id="results">`. */
function html(script: string): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<meta charset="utf-8">',
    '<title>kustomer-query under CSP</title>',
    // Without an icon link the browser asks for /favicon.ico, a 404 in the report.
    '<link rel="icon" href="data:,">',
    '<script src="/csp-listener.js"></script>',
    `<script type="module" src="${script}"></script>`,
    '<pre id="results"></pre>',
    '</html>',
  ].join('\n');
}

/** Serves `index.html` loading `script` (plus the listener) with `headers`, loads it in the shared browser. */
async function open(script: { path: string; body: string | Uint8Array }, headers: Record<string, string>): Promise<PageReport> {
  const b = await session();
  const listener = await readFile(join(here, 'page', 'csp-listener.js'), 'utf8');
  const server = await serve(
    {
      '/index.html': { body: html(script.path), type: 'text/html; charset=utf-8' },
      '/csp-listener.js': { body: listener, type: 'text/javascript; charset=utf-8' },
      [script.path]: { body: script.body, type: 'text/javascript; charset=utf-8' },
    },
    headers,
  );
  servers.push(server);
  try {
    return await loadPage(b, `${server.origin}/index.html`);
  } finally {
    await server.close();
  }
}

// --- The app: pack, bundle, load ------------------------------------------------------------------------------------

/** The scratch app built out of the packed package: its browser bundle, and the Node built-ins it would need. */
interface AppBuild {
  readonly code: Uint8Array;
  readonly builtins: readonly string[];
}

/** The scratch app loaded in the browser: the page's report and the rows' results it wrote. */
interface AppRun {
  readonly report: PageReport;
  readonly results: readonly RowResult[];
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

const build = once(async (): Promise<AppBuild> => {
  const dir = await scratchDir();
  const started = performance.now();
  const { tarball, built } = await packProject(root, join(dir, 'pack'));
  const appDir = join(dir, 'app');
  await extractPackage(tarball, join(appDir, 'node_modules', 'kustomer-query'));
  await writeFile(join(appDir, 'package.json'), JSON.stringify({ name: 'kq-csp-app', private: true, type: 'module' }));
  await cp(join(here, 'page', 'main.js'), join(appDir, 'src', 'main.js'));
  await cp(join(here, 'table.ts'), join(appDir, 'src', 'table.ts'));
  const nodePaths = [join(root, 'node_modules')];
  const bundle = await bundleForBrowser(join(appDir, 'src', 'main.js'), appDir, nodePaths);

  // Information, not an assertion: the size of a user's minified bundle of the five functions, and of the app.
  await writeFile(join(appDir, 'src', 'five.js'), "export { compile, complete, format, explain, decompile } from 'kustomer-query';\n");
  const five = await bundleForBrowser(join(appDir, 'src', 'five.js'), appDir, nodePaths);
  const size = (code: Uint8Array) => `${kib(code.length)} min, ${kib(gzipSync(code, { level: 9 }).length)} gzip -9`;
  console.log(
    `  browser bundle of kustomer-query (compile, complete, format, explain, decompile): ${size(five.code)}; ` +
      `test app with its table: ${size(bundle.code)}; packed ${built ? 'after a build (dist/ was stale)' : 'from the fresh dist/'}, ` +
      `bundled in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const builtins = [...bundle.builtins, ...five.builtins].map((b) => `${b.path} (imported by ${relative(appDir, b.importer)})`);
  return { code: bundle.code, builtins: [...new Set(builtins)] };
});

const app = once(async (): Promise<AppRun> => {
  const { code } = await build();
  const report = await open({ path: '/app.js', body: code }, { 'Content-Security-Policy': csp });
  const results = report.pageScriptError === undefined && report.text !== '' ? (JSON.parse(report.text) as RowResult[]) : [];
  return { report, results };
});

/** The app's run; when it could not run at all, a short error pointing at the test that shows why. */
async function appResults(): Promise<readonly RowResult[]> {
  let run: AppRun;
  try {
    run = await app();
  } catch {
    throw new Error(`no browser result: the app did not run (see the test "packed kustomer-query under CSP")`);
  }
  if (run.results.length === 0) throw new Error('no browser result: the app wrote none (see the test "packed kustomer-query under CSP")');
  return run.results;
}

const inNode = once(async () => new Map(runTable(kq).map((r) => [r.name, r])));

// --- Tests -------------------------------------------------------------------------------------------------------------

const probe = () => readFile(join(here, 'page', 'eval-probe.js'), 'utf8');

register(`new Function('return 1')() under ${csp}`, async () => {
  const report = await open({ path: '/probe.js', body: await probe() }, { 'Content-Security-Policy': csp });
  assert.ok(report.violations.length >= 1, `no securitypolicyviolation was recorded: ${JSON.stringify(report)}`);
  assert.equal(
    report.violations.map((v) => [v.directive, v.blockedURI]),
    report.violations.map(() => ['script-src', 'eval']),
  );
  assert.match(JSON.parse(report.text) as string, /^EvalError: /);
  assert.ok(problems(report).some((p) => p.startsWith('CSP violation: script-src blocked eval')), problems(report).join('\n'));
});

register(`new Function('return 1')() without a Content-Security-Policy`, async () => {
  const report = await open({ path: '/probe.js', body: await probe() }, {});
  assert.equal(problems(report), []);
  assert.is(JSON.parse(report.text), 1);
});

register(`packed kustomer-query under CSP: ${csp}`, async () => {
  const run = await app();
  assert.equal(problems(run.report), []);
  assert.equal(run.results.map((r) => r.name), rows.map((r) => r.name));
});

// Needs no browser, so it runs even where Chromium is missing.
test('packed kustomer-query bundled for the browser imports no Node built-in', async () => {
  assert.equal((await build()).builtins, []);
});

for (const row of rows) {
  register(row.name, async () => {
    const browserResult = (await appResults()).find((r) => r.name === row.name);
    assert.equal(browserResult, (await inNode()).get(row.name));
  });
}

test.after(async () => {
  await Promise.all(servers.map((s) => s.close().catch(() => undefined)));
  if (browser !== undefined) await closeBrowser(browser);
  if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
});

test.run();
