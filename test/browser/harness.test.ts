/**
 * The browser-test harness itself (test/helpers/browser.ts), without a browser: finding Chromium, telling CI from a
 * developer's run, deciding whether dist/ is fresh, recording Node built-ins in a browser bundle, serving with a CSP
 * header, and summarising a page's problems. These run wherever the tests run, Chromium or not.
 */
import { chmod, mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { bundleForBrowser, distIsFresh, findChromium, onCI, problems, serve, type PageReport } from '../helpers/browser.js';

let scratch: string | undefined;
async function tempDir(): Promise<string> {
  scratch ??= await mkdtemp(join(tmpdir(), 'kq-harness-'));
  return mkdtemp(join(scratch, 'case-'));
}

/** Writes `path` (creating folders) with `text`; executable when `mode` says so. */
async function file(path: string, text: string, mode = 0o644): Promise<string> {
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, text);
  await chmod(path, mode);
  return path;
}

const script = '#!/bin/sh\nexit 0\n';

// --- findChromium ------------------------------------------------------------------------------------------------------

test('findChromium: KQ_CHROMIUM=<an executable file>', async () => {
  const exe = await file(join(await tempDir(), 'my-chrome'), script, 0o755);
  assert.equal(findChromium({ KQ_CHROMIUM: exe, PATH: '' }), { path: exe, explicit: true });
});

test('findChromium: KQ_CHROMIUM=<a file that is not executable> is a problem, not a skip', async () => {
  const plain = await file(join(await tempDir(), 'chromium'), script, 0o644);
  const found = findChromium({ KQ_CHROMIUM: plain, PATH: '' });
  assert.is(found.path, undefined);
  assert.is(found.explicit, true);
  assert.match(found.problem ?? '', 'is not an executable file');
});

test('findChromium: PATH=<a>:<b> with google-chrome in a and chromium in b finds chromium', async () => {
  const dir = await tempDir();
  await file(join(dir, 'a', 'google-chrome'), script, 0o755);
  const chromium = await file(join(dir, 'b', 'chromium'), script, 0o755);
  assert.equal(findChromium({ PATH: [join(dir, 'a'), join(dir, 'b')].join(delimiter) }), { path: chromium, explicit: false });
});

test('findChromium: PATH=<a> with chromium-browser, and a non-executable chromium, in a', async () => {
  const dir = await tempDir();
  await file(join(dir, 'chromium'), script, 0o644);
  const browser = await file(join(dir, 'chromium-browser'), script, 0o755);
  assert.equal(findChromium({ PATH: dir }), { path: browser, explicit: false });
});

test('findChromium: PATH=<a folder without a browser>', async () => {
  const found = findChromium({ PATH: await tempDir() });
  assert.is(found.path, undefined);
  assert.is(found.explicit, false);
  assert.match(found.problem ?? '', 'Chromium was not found');
});

// --- onCI --------------------------------------------------------------------------------------------------------------

test('onCI: CI=true, CI=1, CI=yes are CI; unset, empty, 0 and false are not', () => {
  assert.equal(['true', '1', 'yes', 'TRUE'].map((CI) => onCI({ CI })), [true, true, true, true]);
  assert.equal([undefined, '', ' ', '0', 'false', 'False'].map((CI) => onCI(CI === undefined ? {} : { CI })), [false, false, false, false, false, false]);
});

// --- distIsFresh -------------------------------------------------------------------------------------------------------

test('distIsFresh: dist/ built after src/ changed, then src/ edited, then a src/ folder changed, then dist/ missing', async () => {
  const root = await tempDir();
  const at = (seconds: number) => new Date(Date.UTC(2024, 0, 1, 0, 0, seconds));
  const touch = async (path: string, seconds: number) => {
    await file(join(root, path), 'x');
    await utimes(join(root, path), at(seconds), at(seconds));
  };
  for (const input of ['src/index.ts', 'src/deep/a.ts', 'package.json', 'scripts/build.mjs', 'tsconfig.json', 'tsconfig.build.json']) await touch(input, 10);
  await touch('dist/index.js', 20);
  await touch('dist/types/index.d.ts', 21);
  // Folders count too (a deleted source file changes only its folder); these were made just now.
  for (const folder of ['src', 'src/deep', 'scripts', 'dist', 'dist/types']) await utimes(join(root, folder), at(10), at(10));
  assert.is(distIsFresh(root), true);
  await touch('src/deep/a.ts', 30);
  assert.is(distIsFresh(root), false);
  await touch('dist/index.js', 40);
  assert.is(distIsFresh(root), false, 'dist/types/index.d.ts is older than src/deep/a.ts');
  await touch('dist/types/index.d.ts', 40);
  assert.is(distIsFresh(root), true);
  await utimes(join(root, 'src', 'deep'), at(50), at(50));
  assert.is(distIsFresh(root), false, 'a file was added to or removed from src/deep');
  await rm(join(root, 'dist', 'types'), { recursive: true });
  assert.is(distIsFresh(root), false);
});

// --- bundleForBrowser --------------------------------------------------------------------------------------------------

test("bundleForBrowser: import { readFileSync } from 'node:fs' and require('path') are recorded", async () => {
  const dir = await tempDir();
  const entry = await file(
    join(dir, 'src', 'main.js'),
    "import { readFileSync } from 'node:fs';\nconst path = require('path');\nconsole.log(readFileSync, path.sep);\n",
  );
  const bundle = await bundleForBrowser(entry, dir, []);
  assert.equal(
    bundle.builtins.map((b) => [b.path, b.importer]),
    [
      ['node:fs', entry],
      ['path', entry],
    ],
  );
});

test('bundleForBrowser: a package whose browser field maps fs to false is not recorded', async () => {
  const dir = await tempDir();
  const pkg = join(dir, 'node_modules', 'uses-fs');
  await file(join(pkg, 'package.json'), JSON.stringify({ name: 'uses-fs', main: 'index.js', browser: { fs: false } }));
  await file(join(pkg, 'index.js'), "const fs = require('fs');\nmodule.exports = () => typeof fs;\n");
  const entry = await file(join(dir, 'src', 'main.js'), "import usesFs from 'uses-fs';\nconsole.log(usesFs());\n");
  const bundle = await bundleForBrowser(entry, dir, []);
  assert.equal(bundle.builtins, []);
  assert.ok(bundle.code.length > 0);
});

test('bundleForBrowser: a bare import resolved only through nodePaths', async () => {
  const dir = await tempDir();
  const elsewhere = join(dir, 'elsewhere');
  await file(join(elsewhere, 'only-here', 'package.json'), JSON.stringify({ name: 'only-here', main: 'index.js' }));
  await file(join(elsewhere, 'only-here', 'index.js'), 'module.exports = "found via nodePaths";\n');
  const app = join(dir, 'app');
  const entry = await file(join(app, 'main.js'), "import text from 'only-here';\nconsole.log(text);\n");
  const bundle = await bundleForBrowser(entry, app, [elsewhere]);
  assert.match(new TextDecoder().decode(bundle.code), 'found via nodePaths');
  await bundleForBrowser(entry, app, []).then(
    () => assert.unreachable('resolved without nodePaths'),
    (error: Error) => assert.match(error.message, 'only-here'),
  );
});

// --- serve -------------------------------------------------------------------------------------------------------------

test("serve: GET /a.js with Content-Security-Policy script-src 'self', then GET /missing", async () => {
  const server = await serve({ '/a.js': { body: 'export {}', type: 'text/javascript' } }, { 'Content-Security-Policy': "script-src 'self'" });
  try {
    assert.match(server.origin, /^http:\/\/127\.0\.0\.1:\d+$/);
    const found = await fetch(`${server.origin}/a.js`);
    assert.is(found.status, 200);
    assert.is(found.headers.get('content-security-policy'), "script-src 'self'");
    assert.is(found.headers.get('content-type'), 'text/javascript');
    assert.is(await found.text(), 'export {}');
    const missing = await fetch(`${server.origin}/missing?x=1`);
    assert.is(missing.status, 404);
    assert.is(missing.headers.get('content-security-policy'), "script-src 'self'");
    assert.equal(server.notFound, ['GET /missing']);
  } finally {
    await server.close();
  }
});

// --- problems ----------------------------------------------------------------------------------------------------------

test('problems: a clean report, then one with repeated violations and a long console error', () => {
  const clean: PageReport = { text: '[]', violations: [], pageErrors: [], consoleErrors: [], badRequests: [] };
  assert.equal(problems(clean), []);
  const violation = { directive: 'script-src', blockedURI: 'eval', sourceFile: 'http://127.0.0.1:1/app.js', lineNumber: 5, sample: '' };
  const report: PageReport = {
    ...clean,
    pageScriptError: 'TypeError: x',
    violations: [violation, violation, violation],
    consoleErrors: [`Error compiling schema, function code: ${'x'.repeat(1000)}`],
    badRequests: ['http://example.invalid/ is outside http://127.0.0.1:1 (aborted)'],
  };
  const lines = problems(report);
  assert.equal(lines.slice(0, 2), ['page script error: TypeError: x', 'CSP violation: script-src blocked eval at http://127.0.0.1:1/app.js:5 (×3)']);
  assert.is(lines.length, 4);
  assert.is(lines[2]!.length, 301);
  assert.ok(lines[2]!.endsWith('…'));
  assert.is(lines[3], 'request: http://example.invalid/ is outside http://127.0.0.1:1 (aborted)');
});

test.after(async () => {
  if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
});

test.run();
