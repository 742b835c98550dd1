/**
 * The compiler's internal stages as the built package runs them: `bench/stages.ts` times lex, parse, check, lower and
 * emit one by one, which the public entries do not expose. This bundles a small entry that re-exports them with the
 * options of the Node library build (scripts/build.mjs: esbuild, bundle, node20, ESM, chevrotain bundled, the
 * production `define`s, syntax minified) into `node_modules/.cache/kq-bench/`, and imports it. Bundled, not run
 * through tsx, for the reason given in built.ts (tsx's `keepNames` makes compile ~3× slower than what users run); and
 * under node_modules because tsx transforms (and so slows) a `.js` file imported from elsewhere, e.g. the OS temp
 * directory: measured 53 µs of CPU per typical compile there against 14 µs for the same file run by plain node.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './built.js';

/** The stages, by the names bench/stages.ts prints. */
export type Internals = typeof import('./internals-entry.js');

/**
 * The compile-time constants of production builds: must match `productionDefine` in scripts/build.mjs (chevrotain's
 * grammar validations skipped; they still run in tests, where the constant is undefined).
 */
const PRODUCTION_DEFINE = { __KQ_PRODUCTION__: 'true' };

/** Builds and imports the internal stages; `cleanup` removes the temporary bundle. */
export async function importInternals(): Promise<{ mod: Internals; cleanup: () => void }> {
  const esbuild = await import('esbuild');
  const cache = join(ROOT, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'kq-bench-'));
  const pkg = (await import('../package.json', { with: { type: 'json' } })).default as { dependencies: Record<string, string> };
  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: { internals: 'bench/internals-entry.ts' },
    outdir: dir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    external: Object.keys(pkg.dependencies).filter((d) => d !== 'chevrotain'),
    define: PRODUCTION_DEFINE,
    minifySyntax: true,
    logLevel: 'warning',
  });
  const mod = (await import(pathToFileURL(join(dir, 'internals.js')).href)) as Internals;
  return { mod, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
