/**
 * The lines of a file, streamed: node:readline over a file stream, so that `.load` never holds more than the records
 * it keeps (and one line) in memory. Only regular files are read — a device (`/dev/zero`), a FIFO or a folder is
 * refused before anything is read — and at most `maxBytes` bytes: a file whose size is over the limit is refused at
 * once, and one that grows past it while being read stops with an error.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { Transform } from 'node:stream';
import { byteSize } from './records.js';

/** What a file that is not a regular file is, for the error message. */
function sortOf(stats: { isDirectory(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isFIFO(): boolean; isSocket(): boolean }): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isFIFO()) return 'a pipe';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Yields the lines of the regular file at `path` (UTF-8; `\n` or `\r\n` line breaks removed). Throws (when iterated)
 * an Error whose message says why: the file cannot be opened, is not a regular file, or is over `maxBytes` bytes.
 * The file is opened without blocking (a FIFO with no writer is refused, not waited for) and checked on its open
 * descriptor, so what is read is what was checked.
 */
export async function* fileLines(path: string, maxBytes: number): AsyncGenerator<string> {
  const handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new Error(`${sortOf(stats)}, not a regular file`);
    if (stats.size > maxBytes) throw new Error(`${byteSize(stats.size)}, over the ${byteSize(maxBytes)} that .load reads`);
    let bytes = 0;
    const limit = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        if (bytes > maxBytes) done(new Error(`over the ${byteSize(maxBytes)} that .load reads (it grew while being read)`));
        else done(null, chunk);
      },
    });
    const source = handle.createReadStream({ autoClose: false });
    source.on('error', (e) => limit.destroy(e));
    source.pipe(limit);
    const rl = createInterface({ input: limit, crlfDelay: Infinity });
    try {
      for await (const line of rl) yield line;
    } finally {
      rl.close();
      source.destroy();
    }
  } finally {
    await handle.close();
  }
}
