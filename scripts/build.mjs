#!/usr/bin/env node
/**
 * Builds the package into dist/ (run by `npm run build`, and by `npm ci` / `npm install` through `prepare`).
 *
 * 1. Four esbuild bundles, in parallel (Node 20 syntax, no minification, no source maps):
 *    - dist/index.js   ESM library, entry src/index.ts, dependencies left as imports;
 *    - dist/index.cjs  CJS library for `require()`, dependencies left as `require()`s except the ESM-only ones
 *                      (chevrotain and its lodash-es), which are bundled in: Node 20 before 20.19 cannot
 *                      `require()` an ES module;
 *    - dist/cli.js     ESM CLI, entry src/cli/main.ts, dependencies left as imports, any `#!` line removed
 *                      (bin/kq.js carries the shebang and imports this file);
 *    - dist/translate-worker.js  ESM, entry src/translate/worker.ts: the worker thread of `translate({jobs})`, which
 *                      src/translate/pool.ts starts from beside whichever bundle is running.
 * 2. `tsc -p tsconfig.build.json`: declarations into dist/types (esbuild strips types without checking them).
 * 3. Every dist/types/**\/*.d.ts mirrored as a .d.cts beside it, with relative `./x.js` specifiers rewritten to
 *    `./x.cjs`: index.d.cts is the types of the `require` export condition, and the rest of the mirror keeps it from
 *    pointing CJS consumers at ESM declarations (TS1479 under `module: node16` without skipLibCheck).
 *
 * Prints each output's size (bytes and gzip bytes). Exits non-zero on any failure.
 */
import { spawn } from 'node:child_process';
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

/** Dependencies that ship only as ES modules: bundled into the CJS build, which would otherwise `require()` them. */
const ESM_ONLY = ['chevrotain'];
/** Everything else the package depends on stays external in the CJS build (subpaths included). */
const cjsExternal = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies, ...pkg.optionalDependencies }).filter(
  (name) => !ESM_ONLY.includes(name),
);

/** Bundled CommonJS dependencies (ajv) call `require`; give the ESM bundles one. */
const esmRequireBanner = { js: "import { createRequire as __kqCreateRequire } from 'node:module'; const require = __kqCreateRequire(import.meta.url);" };

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  write: false,
  metafile: true,
  logLevel: 'warning',
  minifySyntax: true,
  minifyWhitespace: true,
};

const builds = [
  // The ESM builds bundle their dependencies: chevrotain's ESM build alone opens ~640 lodash-es files at import,
  // which made the cold start (import + first compile) several times the 50 ms budget.
  { ...common, entryPoints: ['src/index.ts'], outfile: 'dist/index.js', format: 'esm', banner: esmRequireBanner },
  // `import.meta` is empty in CJS; src/translate/pool.ts uses `__filename` there instead, so esbuild's warning is moot.
  { ...common, entryPoints: ['src/index.ts'], outfile: 'dist/index.cjs', format: 'cjs', external: cjsExternal, logOverride: { 'empty-import-meta': 'silent' } },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', format: 'esm', banner: esmRequireBanner },
  // The worker thread of `translate({jobs})` / `kq translate --jobs`, found beside the bundle that starts it.
  { ...common, entryPoints: ['src/translate/worker.ts'], outfile: 'dist/translate-worker.js', format: 'esm', banner: esmRequireBanner },
];

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
      await writeFile(join(dir, file.replace(/\.d\.ts$/, '.d.cts')), text.replace(specifier, '$1$2$3.cjs$2'));
    }),
  );
  return files.length * 2;
}

function size(bytes) {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`;
}

async function main() {
  const started = performance.now();
  const missing = builds.flatMap((b) => b.entryPoints).filter((entry) => !existsSync(join(root, entry)));
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
      written.push({ path: relative(root, file.path), bytes: contents.length, gzip: gzipSync(contents).length });
    }
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
