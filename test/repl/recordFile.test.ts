/**
 * `.load`'s file reader — `openRecordFile` with `regularOnly` (node/recordReader.ts) under `loadRecords`: regular
 * files only, streamed, within a size limit; named by the file.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { openRecordFile } from '../../src/node/index.js';
import { loadRecords } from '../../src/cli/repl/records.js';
import { tempDir } from '../helpers/tempDir.js';

const dir = () => tempDir('kq-load-');

/** The file's content as text, or the error message. */
async function read(path: string, maxBytes = 1 << 20, regularOnly = true): Promise<string> {
  const out: Buffer[] = [];
  try {
    for await (const chunk of openRecordFile(path, { regularOnly, maxTotalBytes: maxBytes })) out.push(Buffer.from(chunk));
    return Buffer.concat(out).toString('utf8');
  } catch (e) {
    return `error: ${e instanceof Error ? e.message : String(e)}`;
  }
}

test('records.ndjson (LF and CRLF line breaks; the last line without one): loaded', async () => {
  const file = join(dir(), 'records.ndjson');
  writeFileSync(file, '{"a":1}\r\n{"b":2}\n\n{"c":3}');
  assert.is(await read(file), '{"a":1}\r\n{"b":2}\n\n{"c":3}');
  assert.equal(await loadRecords(openRecordFile(file, { regularOnly: true })), { ok: true, records: [{ a: 1 }, { b: 2 }, { c: 3 }] });
});

test('/dev/zero (a device: refused before reading, with or without regularOnly)', async () => {
  assert.is(await read('/dev/zero'), 'error: a character device, not a regular file');
  assert.is(await read('/dev/zero', 1 << 20, false), 'error: a character device, not a regular file');
});

test('a folder, and a missing file', async () => {
  assert.is(await read(dir()), 'error: a folder, not a regular file');
  assert.match(await read(join(dir(), 'none')), 'ENOENT');
});

test('a FIFO with no writer (refused with regularOnly, not waited for)', async () => {
  const fifo = join(dir(), 'fifo');
  try {
    execFileSync('mkfifo', [fifo]);
  } catch {
    return; // no mkfifo on this machine
  }
  assert.is(await read(fifo), 'error: a pipe, not a regular file');
});

test('big.ndjson over maxBytes (refused by its size)', async () => {
  const file = join(dir(), 'big.ndjson');
  writeFileSync(file, '{"a":1}\n'.repeat(1000));
  assert.is(await read(file, 4096), 'error: 7.8 KB, over the 4 KB limit');
  assert.is((await read(file, 8000)).length, 8000);
});

test('/proc/self/status (a regular file whose size says 0: the limit holds while reading)', async () => {
  if (!existsSync('/proc/self/status')) return; // not Linux
  assert.match(await read('/proc/self/status', 64), 'is longer than 64 bytes, the limit for one input');
  assert.match(await read('/proc/self/status'), /^Name:/m);
});

test('loadRecords over openRecordFile: big.ndjson at the limit loads, past it the message names the limit', async () => {
  const file = join(dir(), 'big.ndjson');
  writeFileSync(file, '{"a":1}\n'.repeat(3));
  assert.equal(await loadRecords(openRecordFile(file, { regularOnly: true, maxTotalBytes: 24 })), { ok: true, records: [{ a: 1 }, { a: 1 }, { a: 1 }] });
  assert.equal(await loadRecords(openRecordFile(file, { regularOnly: true, maxTotalBytes: 23 })), { ok: false, message: '24 bytes, over the 23 bytes limit' });
});

test('loadRecords of [{"a":1}, 2, {"b":"\\xff"}] (a JSON array: element problems named by line and element)', async () => {
  const bytes = Buffer.concat([Buffer.from('[{"a":1},\n2,\n{"b":"'), Buffer.from([0xff]), Buffer.from('"}]')]);
  const r = await loadRecords([bytes]);
  assert.equal(r, { ok: false, message: 'line 2 (element 2 of the array) is not a JSON object (a record); line 3 (element 3 of the array) is not valid UTF-8' });
});

test('loadRecords of an array of 11 records with maxRecords 10 (more records than the limit)', async () => {
  assert.equal(await loadRecords([JSON.stringify(Array(11).fill({ a: 1 }))], 10), { ok: false, message: 'more than 10 records (.load keeps at most 10)' });
});

test.run();
