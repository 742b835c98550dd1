/**
 * The code cache of the `kq` launcher (launch.ts; the module comment there says why and how): runs the CLI bundle
 * dist/cli.cjs with V8 code cache data kept per command in the user's cache directory. Every failure to read or write
 * the cache is ignored; the CLI then runs as without one.
 */
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
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
  // The specification: a relative path in XDG_CACHE_HOME is invalid and ignored.
  if (env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME)) return join(env.XDG_CACHE_HOME, 'kustomer-query');
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

/**
 * A cache file is {@link MAGIC}, the data's length and its {@link checksum} (32-bit little-endian each), then V8's
 * data. V8 checks that data was made by the same V8 for the same source, but not that its bytes are intact: a
 * hostile tester changed single bytes of cache files and got segfaults, V8 fatal errors, hangs at full CPU and false
 * KQ9001 errors, on every run after (the process died before it could rewrite the file). A file whose frame does not
 * check is not given to V8; the run compiles without it and writes a good one.
 */
const MAGIC = 0x3138564b; // "KV81" read as a little-endian 32-bit number
const HEADER = 12;

/**
 * A 32-bit checksum of `data`: FNV-1a over its 32-bit little-endian words, then its last 0–3 bytes. Each step is a
 * bijection of the running value for a given word, so any change confined to one word is always detected; other
 * changes go undetected with probability 2^-32. ~1 ms for the ~0.7 MB of a command's data.
 */
export function checksum(data: Uint8Array): number {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const words = data.byteLength >>> 2;
  let h = 0x811c9dc5;
  for (let i = 0; i < words; i++) h = Math.imul(h ^ view.getUint32(i * 4, true), 0x01000193);
  for (let i = words * 4; i < data.byteLength; i++) h = Math.imul(h ^ data[i]!, 0x01000193);
  return h >>> 0;
}

/** V8's data in a cache file's frame ({@link MAGIC}). */
export function frameCache(data: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(HEADER + data.byteLength);
  out.writeUInt32LE(MAGIC, 0);
  out.writeUInt32LE(data.byteLength, 4);
  out.writeUInt32LE(checksum(data), 8);
  out.set(data, HEADER);
  return out;
}

/** V8's data from a cache file's bytes, or undefined when the frame does not check (wrong magic, length or sum). */
export function unframeCache(file: Buffer): Buffer | undefined {
  if (file.byteLength < HEADER || file.readUInt32LE(0) !== MAGIC) return undefined;
  const length = file.readUInt32LE(4);
  if (length !== file.byteLength - HEADER) return undefined;
  const data = file.subarray(HEADER);
  return checksum(data) === file.readUInt32LE(8) ? data : undefined;
}

/** The V8 data of the cache file at `path`, or undefined when it cannot be read or does not check. */
function readOrUndefined(path: string): Buffer | undefined {
  try {
    return unframeCache(readFileSync(path));
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
    writeCache(dir, name, frameCache(script.createCachedData()));
  }
}
