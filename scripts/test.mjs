#!/usr/bin/env node
/**
 * Runs the test suite with uvu and prints one summary line, `N passed, M failed`, for CI.
 *
 *   node scripts/test.mjs                      every test/**\/*.test.ts
 *   node scripts/test.mjs test/dates           the *.test.ts files under test/dates
 *   node scripts/test.mjs test/dates/x.test.ts one file (several paths may be given)
 *   node scripts/test.mjs -b                   options starting with '-' go to uvu (-b/--bail)
 *
 * uvu runs as `node --import tsx node_modules/uvu/bin.js <dir> '\.test\.ts$' --no-color`: the `--import tsx` form,
 * because `uvu -r tsx` switches uvu to its CommonJS runner, which cannot load the ESM-only chevrotain. uvu's pattern
 * is a RegExp tested against each file's path below <dir>, so helpers and fixtures in test/ that are not named
 * `*.test.ts` are never run as tests.
 *
 * uvu's output is streamed through unchanged. Its closing `Total:` / `Passed:` / `Skipped:` lines are then read
 * (skipped tests are not in Total, so failed = Total - Passed) and the summary line is printed last. The exit code
 * is non-zero when uvu fails (a failing test, a file that does not load), when no test ran (uvu itself exits 0
 * then), or when the totals cannot be read. A failed run that reports no failing test (uvu crashed before its
 * totals) is summarised with at least 1 failed, so that the line never reads as a success.
 */
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const uvuBin = join(root, 'node_modules', 'uvu', 'bin.js');
const TEST_FILE = '\\.test\\.ts$';

const args = process.argv.slice(2);
const uvuFlags = args.filter((a) => a.startsWith('-'));
const paths = args.filter((a) => !a.startsWith('-'));

/** One uvu run: the directory it searches and the RegExp its files must match. */
function target(path) {
  const full = resolve(path);
  if (!existsSync(full)) {
    console.error(`test.mjs: no such file or directory: ${path}`);
    process.exit(2);
  }
  if (statSync(full).isDirectory()) return { dir: relative(root, full) || '.', pattern: TEST_FILE };
  const escaped = basename(full).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return { dir: relative(root, dirname(full)) || '.', pattern: `^${escaped}$` };
}

/** Runs uvu once, streaming its output; resolves to its exit code and what it printed on stdout. */
function runUvu({ dir, pattern }) {
  return new Promise((done) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', uvuBin, dir, pattern, '--no-color', ...uvuFlags],
      // KQ_NO_CODE_CACHE: the tests that start `kq` must not leave V8 code caches in the user's cache directory
      // (src/cli/launch.ts); the code-cache tests give their own processes a temporary one.
      { cwd: root, env: { ...process.env, FORCE_COLOR: '0', KQ_NO_CODE_CACHE: '1' }, stdio: ['inherit', 'pipe', 'inherit'] },
    );
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      process.stdout.write(chunk);
    });
    child.on('error', (error) => {
      console.error(`test.mjs: could not start uvu: ${error.message}`);
      done({ code: 1, stdout });
    });
    child.on('close', (code, signal) => done({ code: signal ? 1 : (code ?? 1), stdout }));
  });
}

/** The last `<label>: <n>` line of uvu's output, or undefined. */
function lastCount(output, label) {
  const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
  const matches = [...plain.matchAll(new RegExp(`^\\s*${label}:\\s+(\\d+)\\s*$`, 'gm'))];
  return matches.length > 0 ? Number(matches[matches.length - 1][1]) : undefined;
}

let total = 0;
let passed = 0;
let broken = false; // uvu failed, or its totals could not be read
for (const t of paths.length > 0 ? paths.map(target) : [{ dir: 'test', pattern: TEST_FILE }]) {
  const { code, stdout } = await runUvu(t);
  const runTotal = lastCount(stdout, 'Total');
  const runPassed = lastCount(stdout, 'Passed');
  if (code !== 0) {
    // A failing test is already in uvu's report; say more only when uvu stopped without one.
    if (runTotal === undefined || runTotal === runPassed) {
      console.error(`test.mjs: uvu exited with code ${code} (${t.dir})`);
    }
    broken = true;
  }
  if (runTotal === undefined || runPassed === undefined || lastCount(stdout, 'Skipped') === undefined) {
    console.error(`test.mjs: could not read uvu's Total/Passed/Skipped lines (${t.dir})`);
    broken = true;
    continue;
  }
  total += runTotal;
  passed += runPassed;
}

let failed = total - passed;
if (broken && failed === 0) failed = 1;
if (total === 0 && !broken) console.error('test.mjs: no tests ran');
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = broken || failed > 0 || total === 0 ? 1 : 0;
