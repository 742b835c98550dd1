/**
 * The playground page in headless Chromium (puppeteer-core, the system's Chromium: test/helpers/browser.ts), served
 * by `startPlayground({port: 0})` from the built dist/playground/ under its strict policy (`script-src 'self'`,
 * `style-src 'self' 'nonce-…'`): typing a query shows its criteria (equal to what Node compiles), a typo gets a lint
 * marker whose fix applies, completion opens on Ctrl-Space and while typing, Enter and pasted line breaks never
 * break the line, hover explains a field, and the matching records equal `search` in Node. Every problem the page
 * had — CSP violations (recorded by a listener installed before the page's scripts), uncaught errors, console
 * errors, failed requests — fails the last test. The last test also takes the page's screenshot; with
 * KQ_UPDATE_SCREENSHOT=1 (`npm run playground:screenshot`) it is written to docs/playground.png, otherwise only checked
 * to be a PNG (a test run leaves the work tree as it was).
 *
 * When Chromium is missing the tests are skipped with a line saying how to install it, except under CI (CI=true).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compile, createLanguageService } from '../../src/index.js';
import { search } from '../../src/evaluate/index.js';
import { startPlayground, type Playground } from '../../src/node/index.js';
import { browserTests, closeBrowser } from '../helpers/browser.js';
import { ensureBuilt } from './built.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const now = '2026-11-30T15:00:00Z'; // the page's clock (src/playground/app.ts), the sample data's "now"

const { register, launch } = browserTests('playground browser tests');

// --- One server, one browser, one tab for the whole file -----------------------------------------------------------------

let playground: Playground | undefined;
let browser: Browser | undefined;
let tab: Page | undefined;
const problems: string[] = [];

async function page(): Promise<Page> {
  if (tab !== undefined) return tab;
  await ensureBuilt(root);
  playground = await startPlayground({ port: 0 });
  browser = await launch();
  const p = await browser.newPage();
  p.setDefaultTimeout(10_000);
  await p.setViewport({ width: 1280, height: 860 });
  // Installed by DevTools before any of the page's scripts (and exempt from its CSP): every violation is recorded.
  await p.evaluateOnNewDocument(() => {
    const seen: string[] = [];
    (window as unknown as { __kqViolations: string[] }).__kqViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`));
  });
  p.on('pageerror', (error: unknown) => problems.push(`page error: ${error instanceof Error ? error.message : String(error)}`));
  p.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  p.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`));
  p.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  await p.goto(playground.url, { waitUntil: 'load' });
  await p.waitForSelector('html[data-kq-ready], html[data-kq-error]');
  const error = await p.evaluate(() => document.documentElement.dataset.kqError);
  if (error !== undefined) throw new Error(`the page did not start: ${error}`);
  return (tab = p);
}

/** The editor's text. */
const editorText = (p: Page) => p.$eval('.cm-content', (el) => (el as HTMLElement).innerText.replace(/\n$/, ''));
/** The text of the element with `data-testid`. */
const testid = (p: Page, id: string) => p.$eval(`[data-testid="${id}"]`, (el) => el.textContent ?? '');

/** Replaces the editor's text by typing `text` (select all, delete, type), as a user would. */
async function typeQuery(p: Page, text: string): Promise<void> {
  await p.click('.cm-content');
  await p.keyboard.down('Control');
  await p.keyboard.press('a');
  await p.keyboard.up('Control');
  await p.keyboard.press('Backspace');
  await p.keyboard.type(text, { delay: 5 });
  await p.keyboard.press('Escape'); // close the completion list typing opened
}

/** Waits until the element with `data-testid` reads `expected` (a function of its text), or fails with what it read. */
async function waitForText(p: Page, id: string, expected: (text: string) => boolean, what: string): Promise<string> {
  const deadline = Date.now() + 8_000;
  let text = '';
  while (Date.now() < deadline) {
    text = await testid(p, id);
    if (expected(text)) return text;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${id} never showed ${what}; it reads: ${text.slice(0, 500)}`);
}

// --- Tests ---------------------------------------------------------------------------------------------------------------

register("the page's styles load under style-src 'self' 'nonce-…' (CodeMirror's injected <style> carries the nonce)", async () => {
  const p = await page();
  const facts = await p.evaluate(() => ({
    display: getComputedStyle(document.querySelector('.cm-editor')!).display,
    styleNonces: Array.from(document.querySelectorAll('style')).map((s) => s.nonce !== ''),
    metaNonce: document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')!.nonce !== '',
  }));
  assert.is(facts.display, 'flex', "CodeMirror's base theme (display: flex) applied");
  assert.ok(facts.styleNonces.length >= 1 && facts.styleNonces.every(Boolean), `style elements: ${JSON.stringify(facts.styleNonces)}`);
  assert.ok(facts.metaNonce);
});

register('conversation_status:open conversation_priority>=4 typed: the criteria, explanation and records as Node computes them', async () => {
  const p = await page();
  const query = 'conversation_status:open conversation_priority>=4';
  await typeQuery(p, query);
  assert.is(await editorText(p), query);
  const expected = compile(query, { now }).criteria;
  await waitForText(p, 'criteria', (t) => t === JSON.stringify(expected, null, 2), 'the compiled criteria');
  await waitForText(p, 'explanation', (t) => t === createLanguageService({ now }).explain(query), 'the explanation');
  const records = (await readFile(join(root, 'examples', 'data', 'support.ndjson'), 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  const total = search(expected, records).meta.total;
  assert.ok(total > 0);
  const results = await waitForText(p, 'results', (t) => t.startsWith(`${total} of 398 records match`), `${total} of 398`);
  const rows = await p.$$eval('[data-testid="results"] tbody tr', (trs) => trs.length);
  assert.is(rows, Math.min(total, 8), results);
  // Highlighting from the service's semantic tokens.
  const fields = await p.$$eval('.cm-content .cm-kq-field', (els) => els.map((e) => e.textContent));
  assert.equal(fields, ['conversation_status', 'conversation_priority']);
});

register("conversation_statu:open typed: a lint marker, the suggestion, and its fix applied from the tooltip", async () => {
  const p = await page();
  await typeQuery(p, 'conversation_statu:open');
  await p.waitForSelector('.cm-lintRange-error');
  const marked = await p.$eval('.cm-lintRange-error', (el) => el.textContent);
  assert.is(marked, 'conversation_statu');
  const diagnostics = await waitForText(p, 'diagnostics', (t) => t.includes('KQ2001'), 'KQ2001');
  assert.match(diagnostics, "fix: Replace with 'conversation_status'");
  assert.match(await testid(p, 'criteria'), /no criteria/);
  await p.hover('.cm-lintRange-error');
  await p.waitForSelector('.cm-tooltip-lint .cm-diagnosticAction');
  const actions = await p.$$eval('.cm-tooltip-lint .cm-diagnosticAction', (els) => els.map((e) => e.textContent));
  assert.ok(actions.includes("Replace with 'conversation_status'"), actions.join(', '));
  const index = actions.indexOf("Replace with 'conversation_status'");
  await (await p.$$('.cm-tooltip-lint .cm-diagnosticAction'))[index]!.click();
  assert.is(await editorText(p), 'conversation_status:open');
  await waitForText(p, 'criteria', (t) => t === JSON.stringify(compile('conversation_status:open', { now }).criteria, null, 2), 'the fixed criteria');
  await p.waitForFunction(() => document.querySelector('.cm-lintRange-error') === null);
});

register('Ctrl-Space in an empty editor, and typing conversation_st: completion items; Enter accepts conversation_status', async () => {
  const p = await page();
  await typeQuery(p, '');
  await p.keyboard.down('Control');
  await p.keyboard.press('Space');
  await p.keyboard.up('Control');
  await p.waitForSelector('.cm-tooltip-autocomplete li');
  const first = await p.$$eval('.cm-tooltip-autocomplete li', (lis) => lis.length);
  assert.ok(first >= 5, `${first} items`);
  await p.keyboard.press('Escape');
  await p.keyboard.type('conversation_st', { delay: 20 });
  const service = createLanguageService({ now }).complete('conversation_st', 15);
  const expected = service.items.map((i) => i.label);
  // The list is asked again on every keystroke: wait for the one of the whole word (the service's, in its order).
  const shown = await p
    .waitForFunction(
      (want: string[]) => {
        const labels = Array.from(document.querySelectorAll('.cm-tooltip-autocomplete .cm-completionLabel')).map((e) => e.textContent);
        return JSON.stringify(labels) === JSON.stringify(want);
      },
      {},
      expected,
    )
    .then(
      () => true,
      () => false,
    );
  const labels = await p.$$eval('.cm-tooltip-autocomplete .cm-completionLabel', (els) => els.map((e) => e.textContent));
  assert.ok(shown, `shown: ${labels.join(', ')}`);
  assert.equal(labels, expected);
  // CodeMirror ignores Enter for a list shown less than `interactionDelay` (75 ms) ago (so a fast Enter submits).
  await new Promise((r) => setTimeout(r, 200));
  await p.keyboard.press('Enter'); // accepts the selected item: the completion keymap comes before Enter-to-submit
  assert.is(await editorText(p), service.items[0]!.edit.newText);
  assert.is(await p.$$eval('.cm-content .cm-line', (lines) => lines.length), 1);
});

register('Enter and a pasted "a\\nb" never break the line: "customer_tags:vip\\ncustomer_locale:es-ES" pastes as one line', async () => {
  const p = await page();
  await typeQuery(p, 'customer_tags:vip');
  await p.keyboard.press('Enter');
  await p.keyboard.down('Shift');
  await p.keyboard.press('Enter');
  await p.keyboard.up('Shift');
  assert.is(await editorText(p), 'customer_tags:vip');
  await p.$eval('.cm-content', (el) => {
    const data = new DataTransfer();
    data.setData('text/plain', '\ncustomer_locale:es-ES\r\n');
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  assert.is(await editorText(p), 'customer_tags:vip customer_locale:es-ES ');
  assert.is(await p.$$eval('.cm-content .cm-line', (lines) => lines.length), 1);
});

register('hover over conversation_priority: a tooltip from the service', async () => {
  const p = await page();
  await typeQuery(p, 'conversation_priority>=4');
  const field = await p.waitForSelector('.cm-content .cm-kq-field');
  await p.mouse.move(0, 0);
  await field!.hover();
  await p.waitForSelector('.cm-tooltip-hover .cm-kq-hover');
  const shown = await p.$eval('.cm-tooltip-hover .cm-kq-hover', (el) => ({ text: el.textContent ?? '', strong: el.querySelector('strong')?.textContent }));
  // The service's Markdown (escapes `\_`, `**…**`), rendered: the title in <strong>, no backslash left.
  const markdown = createLanguageService({ now }).hover('conversation_priority>=4', 3)!.contents;
  const title = /^\*\*(.*)\*\*/.exec(markdown)![1]!.replace(/\\(.)/g, '$1');
  assert.is(shown.strong, title);
  assert.ok(shown.text.startsWith(title), shown.text);
  assert.not.match(shown.text, /\\/);
});

register('no CSP violation, page error, console error or failed request; the screenshot is a PNG', async () => {
  const p = await page();
  // A tidy state for the screenshot: a query with results, nothing open.
  await typeQuery(p, 'conversation_status:open conversation_priority>=4 sort:conversation_updated_at-desc');
  await waitForText(p, 'results', (t) => / of 398 records match/.test(t), 'results');
  await p.mouse.move(0, 0);
  await p.click('h1');
  await new Promise((r) => setTimeout(r, 300));
  const png = await p.screenshot({ fullPage: true, type: 'png' });
  assert.equal([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  if (process.env.KQ_UPDATE_SCREENSHOT === '1') {
    await mkdir(join(root, 'docs'), { recursive: true });
    await writeFile(join(root, 'docs', 'playground.png'), png);
  }
  const violations = await p.evaluate(() => (window as unknown as { __kqViolations: string[] }).__kqViolations);
  assert.equal([...violations, ...problems], []);
});

test.after(async () => {
  if (browser !== undefined) await closeBrowser(browser);
  await playground?.close();
});

test.run();
