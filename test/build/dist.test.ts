/**
 * The built package (dist/, made by `npm ci` through `prepare`, or `npm run build`): every file package.json's
 * `exports` names exists and loads the way its condition says — Node `import`, `require`, and the bundler build —
 * and a stack trace through the built code names our source files (source maps with their sources).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };

/** Every file path named anywhere under package.json `exports`. */
function targets(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (node && typeof node === 'object') return Object.values(node).flatMap(targets);
  return [];
}

/** Runs `node [args] -e code` in the project root (the package resolves itself by name); returns stdout, stderr, status. */
function node(code: string, args: string[] = []): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(process.execPath, [...args, '--input-type=module', '-e', code], { cwd: root, encoding: 'utf8' });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

test('every file named by package.json exports exists', () => {
  const missing = [...new Set(targets(pkg.exports))].filter((f) => !existsSync(join(root, f)));
  assert.equal(missing, [], 'run `npm run build`');
});

test("import('kustomer-query') in Node compiles conversation_status:open", () => {
  const r = node("const { compile } = await import('kustomer-query'); console.log(JSON.stringify(compile('conversation_status:open').criteria));");
  assert.is(r.stderr, '');
  assert.equal(JSON.parse(r.stdout), { queryContext: 'conversation', and: [{ conversation_status: { equals: 'open' } }] });
});

test("require('kustomer-query') and require('kustomer-query/evaluate') share one core", () => {
  const r = node(
    "import { createRequire } from 'node:module'; const require = createRequire(process.cwd() + '/');" +
      "const core = require('kustomer-query'); const ev = require('kustomer-query/evaluate');" +
      "const c = core.compile('conversation_priority>=4').criteria;" +
      "console.log(JSON.stringify([ev.evaluate(c, { conversation_priority: 5 }), ev.evaluate(c, { conversation_priority: 3 })]));",
  );
  assert.is(r.stderr, '');
  assert.equal(JSON.parse(r.stdout), [true, false]);
});

test('the bundler build (dist/esm) imports its dependencies by name and no Node built-in', () => {
  for (const file of ['dist/esm/index.js', 'dist/esm/evaluate.js', 'dist/esm/render.js', 'dist/esm/client.js']) {
    const text = readFileSync(join(root, file), 'utf8');
    assert.not.match(text, /from\s*["']node:|require\(/, file);
  }
});

test('a stack trace through the built code names src/ files (source maps ship with their sources)', () => {
  const r = node(
    "const { search } = await import('kustomer-query/evaluate');" +
      "try { search({ queryContext: 'customer', and: 5 }, []); } catch (e) { console.log(e.stack); }",
    ['--enable-source-maps'],
  );
  assert.match(r.stdout, /src\/evaluate\/criteria\.ts:\d+/);
  // The evaluator's code sits in dist/evaluate.js or, being shared with kustomer-query/node (src/serve), in a chunk.
  const maps = readdirSync(join(root, 'dist')).filter((f) => f.endsWith('.js.map')).map((f) => JSON.parse(readFileSync(join(root, 'dist', f), 'utf8')) as { sources: string[]; sourcesContent?: string[] });
  assert.ok(maps.some((map) => map.sources.some((s) => s.includes('src/evaluate/'))));
  for (const map of maps) assert.is(map.sourcesContent?.length, map.sources.length);
});

/**
 * Type-checks `source` as a consumer file named `file` in a scratch project whose node_modules/kustomer-query links to
 * this package, with `tsc --strict --module node16` and no skipLibCheck: every declaration file it reaches is checked.
 * Returns tsc's output ('' when clean).
 */
function typeCheckConsumer(file: string, source: string, packageType: 'commonjs' | 'module'): string {
  const dir = mkdtempSync(join(tmpdir(), 'kq-types-'));
  try {
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(root, join(dir, 'node_modules', 'kustomer-query'), 'junction');
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: packageType }));
    writeFileSync(join(dir, file), source);
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const r = spawnSync(process.execPath, [tsc, '--noEmit', '--strict', '--module', 'node16', '--moduleResolution', 'node16', '--types', 'node', '--typeRoots', join(root, 'node_modules', '@types'), join(dir, file)], { cwd: dir, encoding: 'utf8' });
    return `${r.stdout}${r.stderr}`.trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const consumer = [
  "import * as core from 'kustomer-query';",
  "import * as evaluate from 'kustomer-query/evaluate';",
  "import * as render from 'kustomer-query/render';",
  "import * as node from 'kustomer-query/node';",
  "export const criteria = core.compile('conversation_status:open').criteria;",
  'export const used = [evaluate.search, render.renderDiagnostics, node.translate];',
].join('\n');

test('a CommonJS TypeScript consumer (one.cts, module node16, no skipLibCheck) type-checks against the .d.cts types', () => {
  assert.is(typeCheckConsumer('one.cts', consumer, 'commonjs'), '');
});

test('an ES module TypeScript consumer (one.mts, module node16, no skipLibCheck) type-checks against the .d.ts types', () => {
  assert.is(typeCheckConsumer('one.mts', consumer, 'module'), '');
});

test.run();
