/**
 * `kustomer-query/codemirror` as a host app uses it, in headless Chromium: `npm pack` the project, extract it into a
 * scratch app's node_modules, bundle test/codemirror/page/host.js (its own `@codemirror/*`, resolved from this
 * project's node_modules, and the extension from the package's `./codemirror` export) with esbuild for the browser,
 * and serve it under `script-src 'self'; style-src 'nonce-…'`. The editor is in multi-line mode (a `.kq` file):
 * comment lines highlighted as comments and never linted, each line its own query, and `updateOptions` changing the
 * schema of the live editor. Also: the bundle holds one copy of @codemirror/state (two would break CodeMirror's
 * `instanceof` checks), and no page problem (CSP violation, error, failed request).
 *
 * Skipped without Chromium (a line says how to install it), except under CI (CI=true).
 */
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import type { Browser, Page } from 'puppeteer-core';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { browserTests, closeBrowser, extractPackage, packProject, serve, type LocalServer } from '../helpers/browser.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');

const { register, launch } = browserTests('CodeMirror browser tests');

let scratch: string | undefined;
let server: LocalServer | undefined;
let browser: Browser | undefined;
let tab: Page | undefined;
let statePackages = 0;
const problems: string[] = [];

async function page(): Promise<Page> {
  if (tab !== undefined) return tab;
  scratch = await mkdtemp(join(tmpdir(), 'kq-codemirror-'));
  const { tarball } = await packProject(root, join(scratch, 'pack'));
  const app = join(scratch, 'app');
  await extractPackage(tarball, join(app, 'node_modules', 'kustomer-query'));
  await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'kq-codemirror-host', private: true, type: 'module' }));
  await cp(join(here, 'page', 'host.js'), join(app, 'src', 'host.js'));
  const built = await esbuild.build({
    entryPoints: [join(app, 'src', 'host.js')],
    absWorkingDir: app,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    minify: true,
    write: false,
    metafile: true,
    outfile: join(app, 'out', 'host.js'),
    nodePaths: [join(root, 'node_modules')],
    logLevel: 'silent',
  });
  statePackages = new Set(
    Object.keys(built.metafile.inputs)
      .filter((p) => p.includes('@codemirror/state/'))
      .map((p) => p.slice(0, p.indexOf('@codemirror/state/'))),
  ).size;
  const nonce = randomBytes(16).toString('base64');
  const html = [
    '<!doctype html><html lang="en"><meta charset="utf-8"><title>host</title><link rel="icon" href="data:,">',
    `<meta name="csp-nonce" nonce="${nonce}">`,
    '<script type="module" src="/host.js"></script>',
    '<div id="editor"></div></html>',
  ].join('\n');
  server = await serve(
    {
      '/index.html': { body: html, type: 'text/html; charset=utf-8' },
      '/host.js': { body: built.outputFiles[0]!.contents, type: 'text/javascript; charset=utf-8' },
    },
    { 'Content-Security-Policy': `default-src 'none'; script-src 'self'; style-src 'nonce-${nonce}'; img-src data:; base-uri 'none'` },
  );
  browser = await launch();
  const p = await browser.newPage();
  p.setDefaultTimeout(10_000);
  await p.evaluateOnNewDocument(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP: ${e.effectiveDirective} blocked ${e.blockedURI || 'inline'}`));
  });
  p.on('pageerror', (error: unknown) => problems.push(`page error: ${error instanceof Error ? error.message : String(error)}`));
  p.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  p.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  await p.goto(`${server.origin}/index.html`, { waitUntil: 'load' });
  await p.waitForSelector('html[data-kq-ready]');
  return (tab = p);
}

/** The lint markers' texts, once the linter has run (it runs 200 ms after the last change). */
async function markers(p: Page, severity = 'error'): Promise<string[]> {
  await new Promise((r) => setTimeout(r, 600));
  return p.$$eval(`.cm-lintRange-${severity}`, (els) => els.map((e) => e.textContent ?? ''));
}

register('the bundle of a host app holds one @codemirror/state (the package leaves CodeMirror to the host)', async () => {
  await page();
  assert.is(statePackages, 1);
});

register('.kq file: the # line is a comment (marked, never linted); each query line is read on its own', async () => {
  const p = await page();
  const comments = await p.$$eval('.cm-kq-comment', (els) => els.map((e) => e.textContent));
  assert.equal(comments, ['# open conversations, by priority']);
  const fields = await p.$$eval('.cm-kq-field', (els) => els.map((e) => e.textContent));
  assert.equal(fields, ['conversation_statu', 'customer_custom_tierStr', 'conversation_priority']);
  assert.equal(await markers(p), ['conversation_statu', 'customer_custom_tierStr']);
});

register('updateOptions(view, {customAttributes: [customer_custom_tierStr]}) clears the unknown-attribute marker', async () => {
  const p = await page();
  await p.evaluate(() => {
    const kq = (window as unknown as { __kq: { view: unknown; updateOptions: (v: unknown, o: unknown) => void } }).__kq;
    kq.updateOptions(kq.view, { customAttributes: [{ name: 'customer_custom_tierStr', values: ['gold', 'silver'] }] });
  });
  assert.equal(await markers(p), ['conversation_statu']);
});

register('Enter typed at the end of a .kq file adds a line (multi-line mode keeps line breaks)', async () => {
  const p = await page();
  await p.click('.cm-content');
  await p.keyboard.down('Control');
  await p.keyboard.press('End');
  await p.keyboard.up('Control');
  // A completion list opened by an earlier step would take the Enter: close it, and let the editor settle.
  await p.keyboard.press('Escape');
  await p.waitForFunction(() => document.querySelector('.cm-tooltip-autocomplete') === null);
  const before = await p.$$eval('.cm-line', (lines) => lines.length);
  await p.keyboard.press('Enter');
  await p.keyboard.type('conversation_status:open');
  await p.waitForFunction(() => document.querySelector('.cm-line:last-child')?.textContent === 'conversation_status:open');
  assert.is(await p.$$eval('.cm-line', (lines) => lines.length), before + 1);
});

register('no CSP violation, page error or failed request in the host app', async () => {
  await page();
  assert.equal(problems, []);
});

test.after(async () => {
  if (browser !== undefined) await closeBrowser(browser);
  await server?.close();
  if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
});

test.run();
