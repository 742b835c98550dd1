/**
 * The browser-test harness: find a system Chromium, pack the project as `npm pack` would publish it, bundle a
 * scratch app for the browser with esbuild, serve it from 127.0.0.1 under a Content-Security-Policy, and load it in
 * headless Chromium (puppeteer-core, which never downloads a browser), recording everything that went wrong on the
 * page: CSP violations, uncaught errors, console errors, failed or outside requests.
 *
 * Nothing here reaches the network: the package's own dependencies are resolved from the project's node_modules
 * (esbuild `nodePaths`), the server listens on 127.0.0.1 only, and the page's requests to any other origin are
 * aborted and reported.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { isBuiltin } from 'node:module';
import type { AddressInfo } from 'node:net';
import { delimiter, join } from 'node:path';
import * as esbuild from 'esbuild';
import puppeteer, { type Browser } from 'puppeteer-core';
import { test } from 'uvu';

// --- Finding Chromium ------------------------------------------------------------------------------------------------

/** The executables looked for on PATH, in order: Debian's, Ubuntu's and Google's names for Chromium/Chrome. */
export const chromiumNames = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'] as const;

/**
 * Where Chromium is. `path` is an executable file when found. `explicit` is true when it came from (or was asked
 * for by) the KQ_CHROMIUM environment variable: a KQ_CHROMIUM that names no executable file is a `problem`, never
 * a reason to skip.
 */
export interface ChromiumLookup {
  readonly path?: string;
  readonly explicit: boolean;
  readonly problem?: string;
}

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Finds Chromium: `KQ_CHROMIUM` when set, else the first of {@link chromiumNames} on `PATH`. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): ChromiumLookup {
  const given = env.KQ_CHROMIUM?.trim();
  if (given) {
    return isExecutableFile(given)
      ? { path: given, explicit: true }
      : { explicit: true, problem: `KQ_CHROMIUM=${given} is not an executable file` };
  }
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const name of chromiumNames) {
    for (const dir of dirs) {
      const candidate = join(dir, name);
      if (isExecutableFile(candidate)) return { path: candidate, explicit: false };
    }
  }
  return { explicit: false, problem: `Chromium was not found (looked for ${chromiumNames.join(', ')} on PATH, and KQ_CHROMIUM is unset)` };
}

/** Whether this run is CI's: `CI` set to anything but empty, `0` or `false` (CI systems set `CI=true`). */
export function onCI(env: NodeJS.ProcessEnv = process.env): boolean {
  const ci = env.CI?.trim().toLowerCase();
  return ci !== undefined && ci !== '' && ci !== '0' && ci !== 'false';
}

/** How to get Chromium, for the skip line and for failures. */
export const installHint = 'install it with `sudo apt-get install chromium`, or set KQ_CHROMIUM to a Chromium or Chrome executable';

/**
 * The browser tests of one file: `register` is uvu's `test`, or `test.skip` when Chromium is missing outside CI (one
 * line says so, naming `what` and how to install it); under CI, or with `KQ_CHROMIUM` set, the tests run and fail
 * without a browser. `launch()` starts Chromium, or throws with {@link installHint} when there is none.
 */
export function browserTests(what: string): { readonly register: typeof test; readonly launch: () => Promise<Browser> } {
  const chromium = findChromium();
  const skip = chromium.path === undefined && !chromium.explicit && !onCI();
  if (skip) console.log(`Chromium was not found, so the ${what} are skipped: ${installHint}.`);
  return {
    register: skip ? (test.skip as unknown as typeof test) : test,
    launch: async () => {
      if (chromium.path === undefined) throw new Error(`${chromium.problem}: ${installHint}`);
      return launchChromium(chromium.path);
    },
  };
}

/**
 * Launches headless Chromium (`headless: true` is Chromium's new headless mode, `--headless=new`), over a pipe
 * rather than a debugging port, with `--no-sandbox` when running as root (Chromium refuses to start as root with its
 * sandbox). `timeout` bounds the launch and every protocol call, in milliseconds.
 */
export function launchChromium(executablePath: string, timeout = 20_000): Promise<Browser> {
  const asRoot = process.getuid?.() === 0;
  return puppeteer.launch({
    executablePath,
    headless: true,
    pipe: true,
    timeout,
    protocolTimeout: timeout,
    args: [...(asRoot ? ['--no-sandbox'] : []), '--disable-dev-shm-usage', '--no-default-browser-check'],
  });
}

// --- Packing the project ---------------------------------------------------------------------------------------------

/**
 * The newest modification time (ms) of `path` and, for a folder, of every file and folder under it (a folder's
 * time changes when a file is added, removed or renamed in it); 0 when `path` does not exist.
 */
function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() || entry.isDirectory()) latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

/**
 * Whether dist/ was built after every input of the build changed: dist/index.js and dist/types/index.d.ts both
 * exist and are newer than src/, package.json, scripts/build.mjs and the tsconfigs (a make-style comparison of
 * modification times; `npm ci`, `npm install` and `npm run build` leave it fresh).
 */
export function distIsFresh(root: string): boolean {
  const outputs = [join(root, 'dist', 'index.js'), join(root, 'dist', 'types', 'index.d.ts')];
  if (!outputs.every(existsSync)) return false;
  const built = Math.min(...outputs.map((o) => statSync(o).mtimeMs));
  const inputs = ['src', 'package.json', 'scripts/build.mjs', 'tsconfig.json', 'tsconfig.build.json'].map((p) => newest(join(root, p)));
  return built >= Math.max(...inputs);
}

/** Runs a command to completion; rejects with its output when it fails. */
function run(command: string, args: readonly string[], cwd: string): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code, signal) =>
      code === 0 ? done(output) : fail(new Error(`${command} ${args.join(' ')} failed (exit ${signal ?? code}):\n${output.slice(-4000)}`)),
    );
  });
}

/** The npm that runs this test when started by `npm test` (its npm-cli.js), else `npm` on PATH. */
function npmCommand(): [string, string[]] {
  const execpath = process.env.npm_execpath;
  return execpath && /npm-cli\.js$/.test(execpath) ? [process.execPath, [execpath]] : ['npm', []];
}

/** The result of {@link packProject}: the tarball's path, and whether `npm pack` ran the build (`prepare`). */
export interface PackedProject {
  readonly tarball: string;
  readonly built: boolean;
}

/**
 * `npm pack`s the project at `root` into the folder `dest`: the tarball a user installs. When dist/ is fresh
 * ({@link distIsFresh}) the pack runs with `--ignore-scripts` (about 1.5 s); otherwise `npm pack` runs `prepare`,
 * the full build (about 10 s), so the tarball never holds a stale build.
 */
export async function packProject(root: string, dest: string): Promise<PackedProject> {
  const built = !distIsFresh(root);
  const [npm, prefix] = npmCommand();
  await mkdir(dest, { recursive: true });
  await run(npm, [...prefix, 'pack', '--pack-destination', dest, ...(built ? [] : ['--ignore-scripts'])], root);
  const tarballs = (await readdir(dest)).filter((f) => f.endsWith('.tgz'));
  if (tarballs.length !== 1) throw new Error(`npm pack left ${tarballs.length} tarballs in ${dest}`);
  return { tarball: join(dest, tarballs[0]!), built };
}

/** Extracts an npm tarball (whose files are under `package/`) into `dir`, with the system `tar`. */
export async function extractPackage(tarball: string, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await run('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1'], dir);
}

// --- Bundling --------------------------------------------------------------------------------------------------------

/** A Node built-in module that a browser bundle would have imported, and the file that imported it. */
export interface BuiltinImport {
  readonly path: string;
  readonly importer: string;
}

/** The result of {@link bundleForBrowser}: the bundle, and every Node built-in it would have needed. */
export interface BrowserBundle {
  readonly code: Uint8Array;
  readonly builtins: readonly BuiltinImport[];
}

/**
 * An esbuild plugin that records imports of Node built-ins (`node:fs`, `fs`, …) that esbuild cannot resolve for the
 * browser, and marks them external so the build goes on and every one is reported, not just the first. A package's
 * own `browser` field mapping a built-in away (`"fs": false`) is honoured: only what esbuild fails to resolve counts.
 */
function builtinRecorder(found: BuiltinImport[]): esbuild.Plugin {
  return {
    name: 'record-node-builtins',
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData === 'record-node-builtins' || !isBuiltin(args.path)) return undefined;
        const resolved = await build.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: 'record-node-builtins',
        });
        if (resolved.errors.length === 0) return undefined; // esbuild resolves it again, the same way
        found.push({ path: args.path, importer: args.importer });
        return { path: args.path, external: true };
      });
    },
  };
}

/**
 * Bundles `entry` for the browser as a user's build would: esbuild, `platform: 'browser'`, ESM, minified. Bare
 * imports resolve from the entry's own node_modules first, then from `nodePaths`. Rejects on any build error.
 */
export async function bundleForBrowser(entry: string, workingDir: string, nodePaths: readonly string[]): Promise<BrowserBundle> {
  const builtins: BuiltinImport[] = [];
  const result = await esbuild.build({
    entryPoints: [entry],
    absWorkingDir: workingDir,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    minify: true,
    write: false,
    outfile: join(workingDir, 'out', 'app.js'),
    nodePaths: [...nodePaths],
    logLevel: 'silent',
    plugins: [builtinRecorder(builtins)],
  });
  const [output] = result.outputFiles;
  if (output === undefined) throw new Error(`esbuild wrote no output for ${entry}`);
  return { code: output.contents, builtins };
}

// --- Serving ---------------------------------------------------------------------------------------------------------

/** One file served: its body and `Content-Type`. */
export interface ServedFile {
  readonly body: string | Uint8Array;
  readonly type: string;
}

/** A running local server: its origin (`http://127.0.0.1:<port>`), paths asked for that it did not have, and close. */
export interface LocalServer {
  readonly origin: string;
  readonly notFound: string[];
  close(): Promise<void>;
}

/**
 * Serves `files` (by path, e.g. `/index.html`) from 127.0.0.1 on a free port, with `headers` on every response
 * (the Content-Security-Policy goes there) and `no-store` caching. Any other path is a 404, recorded in `notFound`.
 */
export async function serve(files: Readonly<Record<string, ServedFile>>, headers: Readonly<Record<string, string>>): Promise<LocalServer> {
  const notFound: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const file = files[path];
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    if (file === undefined || req.method !== 'GET') {
      notFound.push(`${req.method} ${path}`);
      res.statusCode = 404;
      res.end();
      return;
    }
    res.setHeader('Content-Type', file.type);
    res.end(file.body);
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', done);
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    notFound,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

// --- Loading a page --------------------------------------------------------------------------------------------------

/**
 * A `securitypolicyviolation` event as the page's listener (test/browser/page/csp-listener.js) recorded it:
 * the directive broken (`script-src`), what was blocked (`eval`, or a URL), and where.
 */
export interface CspViolation {
  readonly directive: string;
  readonly blockedURI: string;
  readonly sourceFile: string;
  readonly lineNumber: number;
  readonly sample: string;
}

/** Everything a page did that the browser tests check: what it wrote in `#results`, and every problem. */
export interface PageReport {
  /** The text of the page's `<pre id="results">` once the page marked itself done. */
  readonly text: string;
  /** The error the page's own scripts recorded (`data-kq-error` on `<html>`), if any. */
  readonly pageScriptError?: string;
  readonly violations: readonly CspViolation[];
  readonly pageErrors: readonly string[];
  readonly consoleErrors: readonly string[];
  /** Requests that failed, got an HTTP error status, or went to another origin (aborted). */
  readonly badRequests: readonly string[];
}

/** `line` cut to `max` characters with "…" (ajv's failed-compile console errors carry whole functions). */
function cut(line: string, max = 300): string {
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

/**
 * The problems in `report`, one line each, in the order of the report; empty when the page ran cleanly. Lines are
 * cut to 300 characters, and repeats are collapsed into one line ending `(×n)`.
 */
export function problems(report: PageReport): string[] {
  const lines = [
    ...(report.pageScriptError === undefined ? [] : [`page script error: ${report.pageScriptError}`]),
    ...report.violations.map((v) => `CSP violation: ${v.directive} blocked ${v.blockedURI} at ${v.sourceFile}:${v.lineNumber}${v.sample ? ` (${v.sample})` : ''}`),
    ...report.pageErrors.map((e) => `page error: ${e}`),
    ...report.consoleErrors.map((e) => `console error: ${e}`),
    ...report.badRequests.map((r) => `request: ${r}`),
  ].map((line) => cut(line));
  const counts = new Map<string, number>();
  for (const line of lines) counts.set(line, (counts.get(line) ?? 0) + 1);
  return [...counts].map(([line, n]) => (n === 1 ? line : `${line} (×${n})`));
}

/** Closes `browser`, killing its process when a polite close has not finished within `timeout` ms. */
export async function closeBrowser(browser: Browser, timeout = 5_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const closed = await Promise.race([
    browser.close().then(
      () => true,
      () => false,
    ),
    new Promise<false>((done) => (timer = setTimeout(() => done(false), timeout))),
  ]);
  clearTimeout(timer);
  if (!closed) browser.process()?.kill('SIGKILL');
}

/**
 * Opens `url` in a new tab of `browser` and waits (at most `timeout` ms) until the page's scripts mark `<html>` with
 * `data-kq-done` or `data-kq-error`; then reads `#results` and the violations the page's listener recorded
 * (`window.__kqViolations`). Puppeteer's evaluation is used only to read: code it runs is exempt from the page's
 * CSP, so every call under test must run from the page's own scripts. The tab is always closed.
 */
export async function loadPage(browser: Browser, url: string, timeout = 15_000): Promise<PageReport> {
  const origin = new URL(url).origin;
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];
  const badRequests: string[] = [];
  const page = await browser.newPage();
  try {
    page.setDefaultTimeout(timeout);
    page.on('pageerror', (error: unknown) => pageErrors.push(error instanceof Error ? `${error.name}: ${error.message}` : String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('requestfailed', (request) => {
      if (new URL(request.url()).origin === origin) badRequests.push(`${request.url()} failed: ${request.failure()?.errorText ?? '?'}`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400) badRequests.push(`${response.url()} → HTTP ${response.status()}`);
    });
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      const target = request.url();
      if (target.startsWith('data:') || new URL(target).origin === origin) {
        void request.continue();
      } else {
        badRequests.push(`${target} is outside ${origin} (aborted)`);
        void request.abort();
      }
    });
    await page.goto(url, { waitUntil: 'load', timeout });
    await page.waitForSelector('html[data-kq-done], html[data-kq-error]', { timeout });
    const read = (await page.evaluate(
      `JSON.stringify({ text: document.getElementById('results')?.textContent ?? '', error: document.documentElement.dataset.kqError, violations: window.__kqViolations ?? null })`,
    )) as string;
    const { text, error, violations } = JSON.parse(read) as { text: string; error?: string; violations: CspViolation[] | null };
    if (violations === null) throw new Error('the page has no window.__kqViolations: its CSP listener script did not run');
    return { text, ...(error === undefined ? {} : { pageScriptError: error }), violations, pageErrors, consoleErrors, badRequests };
  } finally {
    await page.close().catch(() => undefined);
  }
}
