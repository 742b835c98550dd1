/**
 * The built package the benchmark times. `npm run bench` runs under tsx, and tsx transforms TypeScript with esbuild's
 * `keepNames` (hard-coded), which wraps every function and closure the compiler creates in a `__name(…)` call
 * (an `Object.defineProperty`): timing `src/` through tsx measured compile about 3× slower than the code users run.
 * So the benches import the built ESM entry instead, found or made here.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The project root (the parent of `bench/`). */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The newest modification time of any file under `dir` (ms since the epoch). */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** The built module to time, and a note for the report when it is not a fresh `dist/index.js`. */
export interface BuiltModule {
  readonly url: string;
  readonly label: string;
  readonly note?: string;
  /** Removes any temporary files made for it. */
  readonly cleanup: () => void;
}

/**
 * The built ESM entry to time. `dist/index.js` when it exists and is newer than every file in `src/`; otherwise
 * runs `npm run build` first. When that build fails (e.g. an entry of the CLI is missing), bundles `src/index.ts`
 * itself with the same esbuild options as the library's ESM build (`scripts/build.mjs`: bundle, node20, ESM,
 * packages external) into a temporary directory whose `node_modules` links to the project's, and says so.
 */
export async function builtModule(log: (line: string) => void): Promise<BuiltModule> {
  const dist = join(ROOT, 'dist', 'index.js');
  const none = () => {};
  const srcNewest = newestMtime(join(ROOT, 'src'));
  if (existsSync(dist) && statSync(dist).mtimeMs >= srcNewest) {
    return { url: pathToFileURL(dist).href, label: 'dist/index.js', cleanup: none };
  }
  log(
    existsSync(dist)
      ? 'build: dist/index.js is older than src/ — running `npm run build` first.'
      : 'build: dist/index.js is missing — running `npm run build` first.',
  );
  let buildError = '';
  try {
    execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'build'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
    });
  } catch (e) {
    const err = e as { stderr?: string; stdout?: string; message: string };
    buildError = `${err.stdout ?? ''}${err.stderr ?? ''}`.trim() || err.message;
  }
  if (!buildError && existsSync(dist)) return { url: pathToFileURL(dist).href, label: 'dist/index.js', cleanup: none };

  const reason = buildError.split('\n').filter(Boolean).pop() ?? 'no dist/index.js after the build';
  log(`build: \`npm run build\` FAILED (${reason}).`);
  log('build: falling back to an esbuild bundle of src/index.ts made like the ESM library build.');
  const esbuild = await import('esbuild');
  const dir = mkdtempSync(join(tmpdir(), 'kq-bench-'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'junction');

  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: { index: 'src/index.ts', evaluate: 'src/evaluate/index.ts', node: 'src/node/index.ts' },
    outdir: dir,
    splitting: true,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
  return {
    url: pathToFileURL(join(dir, 'index.js')).href,
    label: 'esbuild bundle of src (as dist/index.js)',
    note: `npm run build failed: ${reason}`,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The package's public API as the benches use it: the root entry with the `evaluate` and `node` seams. */
export type Package = typeof import('../src/index.js') & typeof import('../src/evaluate/index.js') & typeof import('../src/node/index.js');

/** Imports the built root entry `built.url` and its sibling seams (`evaluate.js`, `node.js`) as one object. */
export async function importPackage(built: BuiltModule): Promise<Package> {
  const [root, evaluate, node] = await Promise.all([
    import(built.url),
    import(new URL('./evaluate.js', built.url).href),
    import(new URL('./node.js', built.url).href),
  ]);
  return { ...root, ...evaluate, ...node } as Package;
}
