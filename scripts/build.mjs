#!/usr/bin/env node
/**
 * Builds the package into dist/ (run by `npm run build`, and by `npm ci` / `npm install` through `prepare`).
 *
 * The package has five public entries, one per seam (src/<seam>/index.ts): `.` (src/index.ts, the isomorphic core),
 * `./evaluate`, `./render`, `./client` (the fetch-based Kustomer API client) and `./node` (Node only). The builds,
 * in parallel (esbuild; source maps with the sources inlined, so a user's stack trace names src/… files):
 *
 * - dist/esm/{index,evaluate,render,client}.js  for bundlers and browsers (the `default` export condition): ES2022, platform
 *   neutral, every dependency left as an import so a host app shares its own copies and tree-shakes them; shared code
 *   in chunks (`splitting`), so the entries share one core (one set of caches, one `QueryError` class).
 * - dist/{index,evaluate,render,client,node}.js  for Node's `import` (the `node` condition): chevrotain is bundled in —
 *   imported unbundled, its ESM build opens ~640 lodash-es files, which made the cold start several times the budget
 *   (see bench/coldstart.ts) — and every other dependency stays an import; chunks shared as above.
 * - dist/kustomer-query.cjs  for `require()`: all four seams in one CommonJS bundle (esbuild cannot split CJS, and
 *   one bundle keeps one core), chevrotain bundled (ESM-only; Node 20 before 20.19 cannot `require()` an ES module),
 *   other dependencies `require()`d; dist/{index,evaluate,render,client,node}.cjs are one-line stubs picking a seam from it.
 * - dist/esm/codemirror.js  `kustomer-query/codemirror`, the CodeMirror 6 extension, in the browser build above
 *   (@codemirror/* stay imports: they are the host's, optional peer dependencies); no Node or CJS build.
 * - dist/playground/  the page `kq playground` serves: app.js (everything bundled, CodeMirror included), index.html,
 *   style.css and support.ndjson (examples/data/), copied.
 * - dist/cli.cjs  the `kq` CLI (src/cli/main.ts): everything bundled, one CommonJS file, identifiers minified; run by
 *   dist/kq.cjs (src/cli/launch.ts, the launcher bin/kq.cjs requires) through V8's code cache. Commands still run
 *   only their own code (each command's modules are lazily initialised in the bundle).
 * - dist/translate-worker.js  the worker thread of `translate({jobs})`, which src/node/pool.ts starts from beside
 *   whichever module is running (dist/ for every Node build above, the CLI's included): everything bundled.
 * - `tsc -p tsconfig.build.json`: declarations into dist/types, each mirrored as a .d.cts with relative `./x.js`
 *   specifiers rewritten to `./x.cjs` (the types of the `require` conditions; TS1479 under `module: node16` without
 *   skipLibCheck otherwise).
 *
 * Prints each output's size (bytes and gzip bytes; source maps not counted). Exits non-zero on any failure.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const require = createRequire(import.meta.url);
const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));

/** Dependencies that ship only as ES modules; bundled into the Node builds (see above). */
const ESM_ONLY = ['chevrotain'];
/** Every dependency of the package (subpaths included by esbuild's package matching). */
const dependencies = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies, ...pkg.optionalDependencies });
/** What the Node library builds leave as imports / `require()`s: everything but the ESM-only dependencies. */
const nodeExternal = dependencies.filter((name) => !ESM_ONLY.includes(name));

/** The public entries: subpath → source. `node` is Node-only and has no browser build. */
const entries = { index: 'src/index.ts', evaluate: 'src/evaluate/index.ts', render: 'src/render/index.ts', client: 'src/client/index.ts', node: 'src/node/index.ts' };
/**
 * The bundler/browser builds: the isomorphic entries, and `./codemirror` (the CodeMirror 6 extension; browser only,
 * so not in `entries`: the Node builds and the CJS bundle would `require()` the optional @codemirror/* peers).
 */
const browserEntries = { index: entries.index, evaluate: entries.evaluate, render: entries.render, client: entries.client, codemirror: 'src/codemirror/index.ts' };

/** Bundled CommonJS dependencies (picocolors, cli-progress in the CLI) call `require`; give the ESM bundles one. */
const esmRequireBanner = { js: "import { createRequire as __kqCreateRequire } from 'node:module'; const require = __kqCreateRequire(import.meta.url);" };

/**
 * Compile-time constants of every build: `__KQ_PRODUCTION__` turns off chevrotain's grammar validations when the
 * parser is built (src/syntax/parser.ts; ~4 ms of the first parse). The tests run src/ through tsx, where the constant
 * is undefined, so the validations still run there. bench/internals.ts bundles with the same value.
 */
const productionDefine = { __KQ_PRODUCTION__: 'true' };

const common = {
  absWorkingDir: root,
  define: productionDefine,
  bundle: true,
  write: false,
  metafile: true,
  logLevel: 'warning',
  minifySyntax: true,
  minifyWhitespace: true,
  sourcemap: 'linked',
  sourcesContent: true,
};
const nodeCommon = { ...common, platform: 'node', target: 'node20' };

/** The CJS bundle's entry: every seam as a namespace. */
const cjsEntry = {
  contents: Object.entries(entries)
    .map(([name, file]) => `export * as ${name} from './${file}';`)
    .join('\n'),
  resolveDir: root,
  sourcefile: 'kustomer-query.cjs.ts',
  loader: 'ts',
};

/**
 * The playground page (`kq playground`, src/playground/): app.js bundles everything it uses — the core, the
 * evaluator, the CodeMirror extension and CodeMirror itself (dev dependencies: an installed package needs none) —
 * for browsers, minified; index.html, style.css and the sample records are copied beside it (see copyPlayground).
 */
const playgroundBuild = {
  ...common,
  entryPoints: { app: 'src/playground/app.ts' },
  outdir: 'dist/playground',
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  sourcemap: false, // a page for trying queries: ~2 MiB of map with sources is not worth shipping
};
/** Files the playground serves as they are: dist/playground/<name> ← source. */
const playgroundFiles = {
  'index.html': 'src/playground/index.html',
  'style.css': 'src/playground/style.css',
  'support.ndjson': 'examples/data/support.ndjson',
};

const builds = [
  playgroundBuild,
  { ...common, entryPoints: browserEntries, outdir: 'dist/esm', format: 'esm', platform: 'neutral', target: 'es2022', splitting: true, packages: 'external', chunkNames: 'chunk-[hash]' },
  { ...nodeCommon, entryPoints: entries, outdir: 'dist', format: 'esm', splitting: true, external: nodeExternal, chunkNames: 'chunk-[hash]' },
  // `import.meta` is empty in CJS; src/node/pool.ts uses `__filename` there instead, so esbuild's warning is moot.
  { ...nodeCommon, stdin: cjsEntry, outfile: 'dist/kustomer-query.cjs', format: 'cjs', external: nodeExternal, logOverride: { 'empty-import-meta': 'silent' } },
  // The CLI, src/cli/main.ts, as ONE CommonJS bundle, run by the launcher below through V8's code cache
  // (src/cli/launch.ts: Node 20 caches no compiled ES modules; `vm.Script` takes cache data for a script). Commands
  // still load only when they run: each command's modules (`import()`ed by src/cli/commands/index.ts) become lazily
  // initialised closures in the bundle. Identifiers are minified (a private file: ~30 % fewer bytes to read, hash and
  // cache; 5 % less CPU for `kq compile`); its source map names the sources.
  { ...nodeCommon, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.cjs', format: 'cjs', minifyIdentifiers: true, logOverride: { 'empty-import-meta': 'silent' } },
  { ...nodeCommon, entryPoints: ['src/node/worker.ts'], outfile: 'dist/translate-worker.js', format: 'esm', banner: esmRequireBanner },
];

/**
 * The launcher bin/kq.cjs runs (src/cli/launch.ts): answers `kq --version`, else runs dist/cli.cjs through the code
 * cache. Built after dist/cli.cjs is written: `__KQ_CLI_SHA256__` is the SHA-256 (first 32 hex digits) of that file,
 * which names its cache files (src/cli/codeCache.ts), so the launcher need not hash 0.8 MB on every run.
 */
const launcherBuild = { ...nodeCommon, entryPoints: ['src/cli/launch.ts'], outfile: 'dist/kq.cjs', format: 'cjs' };

/** Runs `node <script> ...args` in the project root; rejects on a non-zero exit, naming the step `label`. */
function run(label, script, args) {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: root, stdio: 'inherit' });
    child.on('error', fail);
    child.on('close', (code, signal) =>
      code === 0 ? done() : fail(new Error(`${label} ${args.join(' ')} failed (exit ${signal ?? code})`)),
    );
  });
}

/** Writes `x.d.cts` beside each `x.d.ts` under `dir`, relative `.js` specifiers made `.cjs`; returns the count. */
async function mirrorCjsTypes(dir) {
  const files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.d.ts'));
  const specifier = /(\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)(['"])(\.{1,2}\/[^'"]*?)\.js\2/gm;
  await Promise.all(
    files.map(async (file) => {
      const text = await readFile(join(dir, file), 'utf8');
      await writeFile(join(dir, file.replace(/\.d\.ts$/, '.d.cts')), esmOnlyTypeImports(text.replace(specifier, '$1$2$3.cjs$2')));
    }),
  );
  return files.length * 2;
}

/**
 * In a `.d.cts`, a type import from an ES-module-only package (chevrotain) is TS1541/TS1479 for a CommonJS consumer
 * under `module: node16` without skipLibCheck: written `import type { … } from 'pkg' with { 'resolution-mode': 'import' }`
 * (TypeScript ≥ 5.3) it resolves the package's ESM types instead. Every such import in the declarations is type-only.
 */
function esmOnlyTypeImports(text) {
  return text.replace(
    new RegExp(`^import (type )?\\{([^}]*)\\} from '(${ESM_ONLY.join('|')})';$`, 'gm'),
    (_, __, names, pkg) => `import type {${names.replace(/\btype\s+/g, '')}} from '${pkg}' with { 'resolution-mode': 'import' };`,
  );
}

function size(bytes) {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`;
}

async function main() {
  const started = performance.now();
  const missing = [...[...builds, launcherBuild].flatMap((b) => (b.entryPoints === undefined ? [] : Array.isArray(b.entryPoints) ? b.entryPoints : Object.values(b.entryPoints))), ...Object.values(playgroundFiles)]
    .filter((entry) => !existsSync(join(root, entry)));
  if (missing.length > 0) throw new Error(`missing entry point(s): ${[...new Set(missing)].join(', ')}`);

  await rm(dist, { recursive: true, force: true });
  await mkdir(dist, { recursive: true });

  const results = await Promise.all(builds.map((options) => esbuild.build(options)));
  const written = [];
  for (const result of results) {
    for (const file of result.outputFiles) {
      let contents = file.contents;
      // A `#!` line in an entry is kept by esbuild; the outputs are imported, never run directly.
      if (contents[0] === 0x23 && contents[1] === 0x21) {
        const newline = contents.indexOf(0x0a);
        contents = newline < 0 ? new Uint8Array() : contents.subarray(newline + 1);
      }
      await mkdir(dirname(file.path), { recursive: true });
      await writeFile(file.path, contents);
      if (file.path.endsWith('.map')) continue;
      written.push({ path: relative(root, file.path), bytes: contents.length, gzip: gzipSync(contents).length });
    }
  }

  const cliHash = createHash('sha256').update(await readFile(join(dist, 'cli.cjs'))).digest('hex').slice(0, 32);
  const launcher = await esbuild.build({ ...launcherBuild, define: { ...launcherBuild.define, __KQ_CLI_SHA256__: JSON.stringify(cliHash) } });
  for (const file of launcher.outputFiles) {
    await writeFile(file.path, file.contents);
    if (!file.path.endsWith('.map')) written.push({ path: relative(root, file.path), bytes: file.contents.length, gzip: gzipSync(file.contents).length });
  }

  for (const [name, source] of Object.entries(playgroundFiles)) {
    const contents = await readFile(join(root, source));
    await writeFile(join(dist, 'playground', name), contents);
    written.push({ path: `dist/playground/${name}`, bytes: contents.length, gzip: gzipSync(contents).length });
  }

  for (const name of Object.keys(entries)) {
    const stub = `'use strict';\n// The ${name === 'index' ? 'root' : name} entry of kustomer-query for require(): one seam of the one CommonJS bundle.\nmodule.exports = require('./kustomer-query.cjs').${name};\n`;
    await writeFile(join(dist, `${name}.cjs`), stub);
  }

  await run('tsc', require.resolve('typescript/bin/tsc'), ['-p', 'tsconfig.build.json']);
  if (!existsSync(join(dist, 'types', 'index.d.ts'))) throw new Error('tsc wrote no dist/types/index.d.ts');
  const mirrored = await mirrorCjsTypes(join(dist, 'types'));

  const width = Math.max(...written.map((w) => w.path.length));
  for (const w of written) {
    console.log(`  ${w.path.padEnd(width)}  ${size(w.bytes).padStart(10)}  ${size(w.gzip).padStart(10)} gzip`);
  }
  console.log(`  dist/types: ${mirrored} declaration files (.d.ts and .d.cts)`);
  console.log(`built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error) => {
  // esbuild has already printed its own errors (logLevel); this adds the reason the build stopped.
  console.error(`build failed: ${error?.message ?? error}`);
  process.exitCode = 1;
});
