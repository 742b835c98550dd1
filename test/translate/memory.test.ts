import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Runs boundedMemory.ts with a 64 MB old space: inputs several times larger must go through it. */
function run(format: string, megabytes: number) {
  return spawnSync(process.execPath, ['--max-old-space-size=64', '--import', 'tsx', 'test/translate/boundedMemory.ts', format, String(megabytes)], {
    cwd: root,
    encoding: 'utf8',
  });
}

test('text: a 256 MB input (and a 32 MB line) under a 64 MB heap', () => {
  const r = run('text', 256);
  assert.is(r.status, 0, r.stderr.slice(-2000));
  const [, records, tooLong] = /records (\d+) tooLong (\d+)/.exec(r.stdout)!;
  assert.ok(Number(records) > 4000, r.stdout);
  assert.is(tooLong, '1');
});

test('json: a 128 MB array on one line, under a 64 MB heap', () => {
  const r = run('json', 128);
  assert.is(r.status, 0, r.stderr.slice(-2000));
  const records = Number(/records (\d+)/.exec(r.stdout)![1]);
  assert.ok(records > 125_000, r.stdout);
});

test.run();
