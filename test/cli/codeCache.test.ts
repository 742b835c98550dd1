/**
 * The `kq` launcher (src/cli/launch.ts, src/cli/codeCache.ts): the built CLI run through V8's code cache. Each test
 * runs bin/kq.cjs in a fresh process with its own cache directory (XDG_CACHE_HOME), and checks that the output is the
 * same with a cache, without one, with a damaged one and where none can be written. Also the pure helpers that name
 * the cache file and find its directory.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cacheDirectory, cacheKey, checksum, frameCache, unframeCache } from '../../src/cli/codeCache.js';

const root = new URL('../../', import.meta.url);
if (!existsSync(new URL('dist/cli.cjs', root)) || !existsSync(new URL('dist/kq.cjs', root))) {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'ignore' });
}

const QUERY = 'conversation_status:open AND conversation_priority>=3';
const EXPECTED = { queryContext: 'conversation', and: [{ conversation_status: { equals: 'open' } }, { conversation_priority: { gte: 3 } }] };

/** Runs `node bin/kq.cjs ...args` with the cache under `cacheHome` (and `env` added). */
function kq(args: string[], cacheHome: string, env: Record<string, string> = {}) {
  const { KQ_NO_CODE_CACHE: _, ...rest } = process.env;
  return spawnSync(process.execPath, ['bin/kq.cjs', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000, // a run that hangs (as a damaged cache once made it) fails the test instead of the whole suite
    env: { ...rest, NO_COLOR: '1', XDG_CACHE_HOME: cacheHome, ...env },
  });
}

/** The cache files under `cacheHome`. */
function cacheFiles(cacheHome: string): string[] {
  const dir = join(cacheHome, 'kustomer-query');
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

function freshHome(): string {
  return mkdtempSync(join(tmpdir(), 'kq-code-cache-'));
}

test(`bin/kq.cjs compile '${QUERY}': the first run writes the cache, the second reads it; same output`, () => {
  const home = freshHome();
  try {
    const first = kq(['compile', '--compact', QUERY], home);
    assert.is(first.status, 0, first.stderr);
    assert.equal(JSON.parse(first.stdout), EXPECTED);
    const files = cacheFiles(home);
    assert.is(files.length, 1);
    assert.match(files[0]!, /^cli-\d+\.\d+\.\d+.*-node\d+\.\d+\.\d+-[a-z0-9]+-[0-9a-f]{32}-[0-9a-z]+-[0-9a-z]+-compile\.v8$/);
    const written = readFileSync(join(home, 'kustomer-query', files[0]!));
    assert.ok(written.length > 0);
    const second = kq(['compile', '--compact', QUERY], home);
    assert.is(second.status, 0, second.stderr);
    assert.is(second.stdout, first.stdout);
    assert.is(second.stderr, first.stderr);
    // Read, not written again.
    assert.equal(readFileSync(join(home, 'kustomer-query', files[0]!)), written);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});

test('bin/kq.cjs compile with a damaged cache file: same output, the file written anew', () => {
  const home = freshHome();
  try {
    assert.is(kq(['compile', '--compact', QUERY], home).status, 0);
    const [file] = cacheFiles(home);
    const path = join(home, 'kustomer-query', file!);
    const garbage = Buffer.alloc(4096, 0x5a);
    writeFileSync(path, garbage);
    const r = kq(['compile', '--compact', QUERY], home);
    assert.is(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout), EXPECTED);
    assert.not.equal(readFileSync(path), garbage);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});

test('bin/kq.cjs compile with one byte of the cache file changed (at every 64 KiB): same output, no error, the file written anew', () => {
  // A hostile tester's find: V8 does not check its data's bytes; one changed byte gave segfaults, V8 fatal errors,
  // hangs and false KQ9001 errors on every run. The launcher's own checksum now refuses such a file.
  const home = freshHome();
  try {
    assert.is(kq(['compile', '--compact', QUERY], home).status, 0);
    const [file] = cacheFiles(home);
    const path = join(home, 'kustomer-query', file!);
    const good = readFileSync(path);
    for (let at = 100; at < good.byteLength; at += 65_536) {
      const damaged = Buffer.from(good);
      damaged[at] = damaged[at]! ^ 0xff;
      writeFileSync(path, damaged);
      const r = kq(['compile', '--compact', QUERY], home);
      assert.is(r.status, 0, `byte ${at}: ${r.stderr}`);
      assert.is(r.stderr, '', `byte ${at}`);
      assert.equal(JSON.parse(r.stdout), EXPECTED, `byte ${at}`);
      assert.ok(unframeCache(readFileSync(path)) !== undefined, `byte ${at}: the file is written anew, intact`);
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});

test('frameCache / unframeCache: data comes back; a changed byte, a cut or a wrong magic is refused', () => {
  const data = Buffer.from(Array.from({ length: 1001 }, (_, i) => (i * 7) & 255));
  const framed = frameCache(data);
  assert.equal(unframeCache(framed), data);
  for (const at of [0, 4, 8, 12, 500, framed.byteLength - 1]) {
    const damaged = Buffer.from(framed);
    damaged[at] = damaged[at]! ^ 1;
    assert.is(unframeCache(damaged), undefined, `byte ${at}`);
  }
  assert.is(unframeCache(framed.subarray(0, framed.byteLength - 1)), undefined);
  assert.is(unframeCache(Buffer.alloc(0)), undefined);
  assert.is(checksum(new Uint8Array([1, 2, 3, 4, 5])) === checksum(new Uint8Array([1, 2, 3, 4, 6])), false);
});

test('bin/kq.cjs compile where no cache can be written (XDG_CACHE_HOME is a file): same output, no error', () => {
  const home = freshHome();
  try {
    const notADirectory = join(home, 'file');
    writeFileSync(notADirectory, 'x');
    const r = kq(['compile', '--compact', QUERY], notADirectory);
    assert.is(r.status, 0, r.stderr);
    assert.is(r.stderr, '');
    assert.equal(JSON.parse(r.stdout), EXPECTED);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});

test('a bundle changed after the build (a patch in place) gets a cache file of its own: same output', () => {
  const home = freshHome();
  try {
    // The launcher and the bundle alone, as installed: the CLI bundle needs no other file for `kq compile`.
    const dist = join(home, 'dist');
    mkdirSync(dist);
    for (const file of ['kq.cjs', 'cli.cjs']) copyFileSync(new URL(`dist/${file}`, root), join(dist, file));
    const launcher = join(home, 'run.cjs');
    writeFileSync(launcher, `require(${JSON.stringify(join(dist, 'kq.cjs'))}).run();\n`);
    const runLauncher = () =>
      spawnSync(process.execPath, [launcher, 'compile', '--compact', QUERY], { encoding: 'utf8', env: { ...process.env, KQ_NO_CODE_CACHE: '', XDG_CACHE_HOME: home } });
    const before = runLauncher();
    assert.is(before.status, 0, before.stderr);
    assert.is(cacheFiles(home).length, 1);
    appendFileSync(join(dist, 'cli.cjs'), '\n// patched\n');
    const after = runLauncher();
    assert.is(after.status, 0, after.stderr);
    assert.is(after.stdout, before.stdout);
    assert.is(cacheFiles(home).length, 2);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});

test('bin/kq.cjs with KQ_NO_CODE_CACHE=1 writes no cache', () => {
  const home = freshHome();
  try {
    const r = kq(['compile', '--compact', QUERY], home, { KQ_NO_CODE_CACHE: '1' });
    assert.is(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout), EXPECTED);
    assert.equal(cacheFiles(home), []);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});

test("bin/kq.cjs: a usage error (exit 2), --help and --version write no cache; 'conversation_statu:open' (exit 1) does", () => {
  const home = freshHome();
  try {
    assert.is(kq(['frobnicate'], home).status, 2);
    assert.is(kq(['compile', '--help'], home).status, 0);
    const version = kq(['--version'], home);
    assert.is(version.status, 0);
    const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { version: string };
    assert.is(version.stdout, `${pkg.version}\n`);
    assert.is(kq(['-v'], home).stdout, version.stdout);
    // The launcher answers `--version` alone itself; with another flag main.ts does: the same text.
    assert.is(kq(['--version', '--no-color'], home).stdout, version.stdout);
    assert.equal(cacheFiles(home), []);
    const wrong = kq(['check', 'conversation_statu:open'], home);
    assert.is(wrong.status, 1);
    assert.match(wrong.stderr, 'error[KQ2001]');
    assert.is(cacheFiles(home).length, 1);
    assert.match(cacheFiles(home)[0]!, /-check\.v8$/);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});

test('cacheKey: the command name, none, or other', () => {
  assert.is(cacheKey(['compile', 'a:b']), 'compile');
  assert.is(cacheKey(['--no-color', 'fmt', '-']), 'fmt');
  assert.is(cacheKey(['--version']), 'none');
  assert.is(cacheKey([]), 'none');
  assert.is(cacheKey(['--file', 'x.kq']), 'other');
  assert.is(cacheKey(['../../etc']), 'other');
  assert.is(cacheKey(['Compile']), 'other');
});

test('cacheDirectory: XDG_CACHE_HOME, then the platform default under the home directory', () => {
  assert.is(cacheDirectory({ XDG_CACHE_HOME: '/c' }, 'linux'), join('/c', 'kustomer-query'));
  // A relative XDG_CACHE_HOME is invalid (XDG Base Directory Specification) and ignored.
  assert.match(cacheDirectory({ XDG_CACHE_HOME: 'relcache' }, 'linux') ?? '', /\.cache[\\/]kustomer-query$/);
  assert.is(cacheDirectory({ LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local' }, 'win32'), join('C:\\Users\\a\\AppData\\Local', 'kustomer-query', 'Cache'));
  assert.match(cacheDirectory({}, 'darwin') ?? '', /Library[\\/]Caches[\\/]kustomer-query$/);
  assert.match(cacheDirectory({}, 'linux') ?? '', /\.cache[\\/]kustomer-query$/);
});

test.run();
