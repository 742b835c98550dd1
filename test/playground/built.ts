/**
 * The playground tests need the built page (dist/playground/, made by scripts/build.mjs): when dist/ is older than
 * its sources ({@link distIsFresh}), build it once (about 10–40 s), so a test never runs a stale page.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { distIsFresh } from '../helpers/browser.js';

let building: Promise<void> | undefined;

/** Resolves when dist/ (the playground page included) is fresh; runs `node scripts/build.mjs` when it is not. */
export function ensureBuilt(root: string): Promise<void> {
  if (distIsFresh(root)) return Promise.resolve();
  return (building ??= new Promise<void>((done, fail) => {
    const child = spawn(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? done() : fail(new Error(`the build failed (exit ${code}):\n${output.slice(-3000)}`))));
  }));
}
