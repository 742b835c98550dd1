/** `.load`'s file reader: regular files only, streamed line by line, within a size limit; named by the file. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fileLines } from '../../src/cli/repl/fileLines.js';
import { readRecords } from '../../src/cli/repl/records.js';

const dir = () => mkdtempSync(join(tmpdir(), 'kq-lines-'));

/** All the lines, or the error message. */
async function read(path: string, maxBytes = 1 << 20): Promise<string[] | string> {
  const out: string[] = [];
  try {
    for await (const line of fileLines(path, maxBytes)) out.push(line);
    return out;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

test('records.ndjson (LF and CRLF line breaks; the last line without one)', async () => {
  const file = join(dir(), 'records.ndjson');
  writeFileSync(file, '{"a":1}\r\n{"b":2}\n\n{"c":3}');
  assert.equal(await read(file), ['{"a":1}', '{"b":2}', '', '{"c":3}']);
});

test('/dev/zero (a device: refused before reading)', async () => {
  assert.is(await read('/dev/zero'), 'a character device, not a regular file');
});

test('a folder, and a missing file', async () => {
  assert.is(await read(dir()), 'a folder, not a regular file');
  assert.match(await read(join(dir(), 'none')) as string, 'ENOENT');
});

test('a FIFO with no writer (refused, not waited for)', async () => {
  const fifo = join(dir(), 'fifo');
  try {
    execFileSync('mkfifo', [fifo]);
  } catch {
    return; // no mkfifo on this machine
  }
  assert.is(await read(fifo), 'a pipe, not a regular file');
});

test('big.ndjson over maxBytes (refused by its size)', async () => {
  const file = join(dir(), 'big.ndjson');
  writeFileSync(file, '{"a":1}\n'.repeat(1000));
  assert.is(await read(file, 4096), '7.8 KB, over the 4 KB that .load reads');
  assert.is((await read(file, 8000)).length, 1000);
});

test('/proc/self/status (a regular file whose size says 0: the limit holds while reading)', async () => {
  if (!existsSync('/proc/self/status')) return; // not Linux
  assert.is(await read('/proc/self/status', 64), 'over the 64 bytes that .load reads (it grew while being read)');
  assert.ok(((await read('/proc/self/status')) as string[]).some((l) => l.startsWith('Name:')));
});

test('readRecords over fileLines: big.ndjson at the limit loads, past it the message names the limit', async () => {
  const file = join(dir(), 'big.ndjson');
  writeFileSync(file, '{"a":1}\n'.repeat(3));
  assert.equal(await readRecords(fileLines(file, 24)), { ok: true, records: [{ a: 1 }, { a: 1 }, { a: 1 }] });
  assert.equal(await readRecords(fileLines(file, 23)), { ok: false, message: '24 bytes, over the 23 bytes that .load reads' });
});

test.run();
