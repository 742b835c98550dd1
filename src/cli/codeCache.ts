/**
 * The code cache of the `kq` launcher (launch.ts; the module comment there says why and how): runs the CLI bundle
 * dist/cli.cjs with V8 code cache data kept per command in the user's cache directory. Every failure to read or write
 * the cache is ignored; the CLI then runs as without one.
 */
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { version } from './version.js';

/** What dist/cli.cjs exports (src/cli/main.ts). */
interface CliModule {
  readonly run: () => Promise<void>;
}

/**
 * The SHA-256 (hex, first 32 digits) of dist/cli.cjs as the build wrote it, put here by scripts/build.mjs (an esbuild
 * `define`): hashing the bundle at run time cost ~4 ms a run (loading node:crypto ~3 ms, hashing 0.8 MB ~1 ms), 6 %
 * of Node's own start-up. The bundle's size and modification time go into the cache file's name beside it, so a
 * bundle changed after the build (a patch applied in place) never meets a cache made for the one the build wrote.
 * Undefined when not built (src/ run through tsx): then there is no cache.
 */
declare const __KQ_CLI_SHA256__: string | undefined;
const bundleHash: string | undefined = typeof __KQ_CLI_SHA256__ === 'string' ? __KQ_CLI_SHA256__ : undefined;

/** The flags main.ts reads before the command name (its `globalFlags`). */
const globalFlagArgs: ReadonlySet<string> = new Set(['-h', '-v', '--help', '--version', '--color', '--no-color']);

/** Cache files not written for this long are removed when a new one is written (ms). */
const staleAfterMs = 30 * 24 * 60 * 60 * 1000;

/**
 * The directory for the code cache: `$XDG_CACHE_HOME/kustomer-query`, else the platform's user cache directory
 * (`~/Library/Caches` on macOS, `%LOCALAPPDATA%` on Windows, `~/.cache` elsewhere, after the XDG Base Directory
 * Specification). Undefined when there is no home directory to put it in.
 */
export function cacheDirectory(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | undefined {
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'kustomer-query');
  if (platform === 'win32' && env.LOCALAPPDATA) return join(env.LOCALAPPDATA, 'kustomer-query', 'Cache');
  let home: string;
  try {
    home = homedir();
  } catch {
    return undefined;
  }
  if (!home) return undefined;
  return platform === 'darwin' ? join(home, 'Library', 'Caches', 'kustomer-query') : join(home, '.cache', 'kustomer-query');
}

/**
 * The part of a cache file's name that says which command's run made it: the first argument that is not a global
 * flag (as main.ts finds the command), when it looks like a command name (lower-case letters); `none` when there is
 * no such argument, `other` for anything else. Only a file name: main.ts still decides what the arguments mean.
 */
export function cacheKey(argv: readonly string[]): string {
  const first = argv.find((a) => !globalFlagArgs.has(a));
  if (first === undefined) return 'none';
  return /^[a-z]{1,32}$/.test(first) ? first : 'other';
}

/** Reads `path`, or undefined when it cannot be read. */
function readOrUndefined(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/** Writes `data` to `dir/name` through a temporary file and a rename; removes stale cache files. Never throws. */
function writeCache(dir: string, name: string, data: Buffer): void {
  try {
    mkdirSync(dir, { recursive: true });
    const temporary = join(dir, `${name}.${process.pid}.tmp`);
    writeFileSync(temporary, data);
    renameSync(temporary, join(dir, name));
    const now = Date.now();
    for (const file of readdirSync(dir)) {
      if (!file.startsWith('cli-') || file === name) continue;
      const path = join(dir, file);
      if (now - statSync(path).mtimeMs > staleAfterMs) rmSync(path, { force: true });
    }
  } catch {
    // No cache this time: the CLI has run, and the next run compiles as this one did.
  }
}

/**
 * Runs the CLI bundle at `bundlePath` (dist/cli.cjs: CommonJS, exporting main.ts's `run`) on the real process, with
 * `argv` the arguments after node and the script (they pick the cache file, {@link cacheKey}). Resolves when the
 * command has finished, after writing its cache when there was none or V8 rejected it.
 */
export async function runCachedBundle(bundlePath: string, argv: readonly string[]): Promise<void> {
  const fd = openSync(bundlePath, 'r');
  let bytes: Buffer;
  let stat: { size: number; mtimeMs: number };
  try {
    stat = fstatSync(fd);
    bytes = readFileSync(fd);
  } finally {
    closeSync(fd);
  }
  const dir = process.env.KQ_NO_CODE_CACHE || bundleHash === undefined ? undefined : cacheDirectory();
  let name: string | undefined;
  let cached: Buffer | undefined;
  if (dir !== undefined) {
    const changed = `${stat.size.toString(36)}-${Math.trunc(stat.mtimeMs).toString(36)}`;
    name = `cli-${version}-node${process.versions.node}-${process.arch}-${bundleHash}-${changed}-${cacheKey(argv)}.v8`;
    cached = readOrUndefined(join(dir, name));
  }
  // The CommonJS wrapper Node itself puts around a module; the bundle is run as require() would run it.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${bytes.toString('utf8')}\n})`, {
    filename: bundlePath,
    cachedData: cached,
  });
  const module = { exports: {} as CliModule };
  const wrapper = script.runInThisContext() as (e: object, r: NodeRequire, m: object, f: string, d: string) => void;
  wrapper(module.exports, createRequire(bundlePath), module, bundlePath, dirname(bundlePath));
  await module.exports.run();
  const wanted = cached === undefined || script.cachedDataRejected === true;
  const asked = argv.some((a) => a === '--help' || a === '-h' || a === '--version' || a === '-v');
  if (dir !== undefined && name !== undefined && wanted && !asked && (process.exitCode === 0 || process.exitCode === 1)) {
    writeCache(dir, name, script.createCachedData());
  }
}
