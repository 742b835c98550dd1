/**
 * The `kq` launcher (built to dist/kq.cjs; bin/kq.cjs runs it): starts the CLI — src/cli/main.ts, built as one
 * CommonJS bundle, dist/cli.cjs — through V8's code cache, so a short command does not spend its time parsing and
 * compiling the CLI's JavaScript.
 *
 * Why: `kq compile '<query>'` is over in milliseconds, so its process time is mostly start-up, and most of that was
 * V8 parsing the ~0.5 MB of JavaScript it loads (about 20 ms) and compiling the functions the run calls. Node 20 has no
 * compile cache for ES modules (`module.enableCompileCache` is Node ≥ 22.1), but `vm.Script` takes and makes V8 code
 * cache data (`cachedData`, `createCachedData()`, Node docs "vm: class vm.Script"). Measured on Node 20.20, 2 cores
 * (whole processes, paired alternating runs, median CPU time; `npm run bench:cold`): `kq compile '<query>'` went
 * from 2.1× `node -e 0` (ES module chunks, no cache) to about 1.5× with the cache, 0.74× the CPU time it took before.
 * A run without a cache (the first of each command, or `KQ_NO_CODE_CACHE=1`) costs about 7 % more than before: the
 * one bundle holds every command, so V8 pre-parses all of it. The launcher is CommonJS (bin/kq.cjs) because an ES
 * module entry starts Node's ES module loader, ~6 % of a short command.
 *
 * How, and why it is safe:
 * - The cache (codeCache.ts) is a file per command (`compile`, `fmt`, …; `none` for no command) in the user's cache
 *   directory (`cacheDirectory`), named by the package version, the Node version and architecture, the SHA-256 of
 *   the bundle the build wrote (computed by scripts/build.mjs, not at run time: that cost ~4 ms a run), and the
 *   bundle's size and modification time. V8 itself checks only the source's length against cached data, so the hash
 *   and the file's size and time in the name are what keep a cache from ever meeting a different bundle.
 * - A cache that V8 rejects (another V8 or other flags; a damaged file) is ignored and written anew; a cache that
 *   cannot be read or written (no home directory, a read-only disk) is simply not used. Every such failure is
 *   ignored: the CLI then runs exactly as without a cache. `KQ_NO_CODE_CACHE=1` turns the cache off.
 * - A cache is written once, after a command that was given no `--help`/`--version` finishes with status 0 or 1
 *   (a usage error, status 2, writes nothing, so a mistyped command name leaves no file), to a temporary file renamed
 *   into place (atomic: a concurrent `kq` reads the old file or the new one, never half of one). It is made after
 *   the run (`createCachedData()` then holds every function the run compiled), so the next run of that command
 *   compiles almost nothing. Files of this cache not written for 30 days are removed when a new one is written.
 *
 * `kq --version` (alone) is answered here without loading the CLI, or any Node module the cache needs (node:crypto,
 * node:vm, …, loaded with codeCache.ts only when a command runs): bare Node speed.
 */
import { version } from './version.js';

/**
 * Runs `kq` on the real process (argv, stdio, exit code): the CLI bundle dist/cli.cjs beside this module, through
 * the code cache (codeCache.ts); `kq --version` alone without it.
 */
export async function run(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
    // What main.ts prints for these arguments, without loading it.
    process.stdout.write(`${version}\n`);
    return;
  }
  const { runCachedBundle } = await import('./codeCache.js');
  const { join } = await import('node:path');
  await runCachedBundle(join(__dirname, 'cli.cjs'), argv);
}
