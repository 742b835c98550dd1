/**
 * Bytes → text, strictly: the one way `kq` reads a text input (a `.kq` file, a query or criteria on stdin, `kq fmt`'s
 * input, `kq decompile --file`). A byte sequence that is not UTF-8 is an error naming the byte offset and line,
 * never silently U+FFFD (which `kq fmt` would then write back into the file). A leading byte order mark is dropped.
 * UTF-8 as defined by the WHATWG Encoding Standard's decoder (`TextDecoder('utf-8', {fatal: true})`), the same as
 * RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF.
 */
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { byteSize } from './lines.js';

/** Thrown by {@link decodeUtf8}: where the first invalid byte sequence is. */
export class Utf8Error extends Error {
  /**
   * `name`: the input's name (a file, `stdin`); `offset`: the 0-based byte offset of the first invalid sequence;
   * `line`: its 1-based line.
   */
  constructor(
    readonly input: string,
    readonly offset: number,
    readonly line: number,
  ) {
    super(`${input}:${line}: not valid UTF-8 (at byte ${offset}; kq reads UTF-8 text)`);
    this.name = 'Utf8Error';
  }
}

/** The offset of the first byte that does not start (or continue) a well-formed UTF-8 sequence, or -1 (RFC 3629 §4). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b === 0xe0) [need, lo] = [2, 0xa0];
    else if (b === 0xed) [need, hi] = [2, 0x9f];
    else if (b >= 0xe1 && b <= 0xef) need = 2;
    else if (b === 0xf0) [need, lo] = [3, 0x90];
    else if (b === 0xf4) [need, hi] = [3, 0x8f];
    else if (b >= 0xf1 && b <= 0xf3) need = 3;
    else return i;
    if (i + need >= n) return i; // the input ends inside the sequence
    const second = bytes[i + 1]!;
    if (second < lo || second > hi) return i;
    for (let k = 2; k <= need; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return -1;
}

/**
 * `bytes` as UTF-8 text (a leading byte order mark dropped). Throws a {@link Utf8Error} naming `name`, the byte
 * offset and the line of the first invalid sequence.
 */
export function decodeUtf8(bytes: Uint8Array, name: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const offset = Math.max(0, firstInvalidUtf8(bytes));
    let line = 1;
    for (let i = bytes.indexOf(0x0a); i !== -1 && i < offset; i = bytes.indexOf(0x0a, i + 1)) line++;
    throw new Utf8Error(name, offset, line);
  }
}

/** The most bytes {@link readTextFile} reads: 256 MiB (query files and criteria are small; this stops `/dev/zero`). */
export const maxTextBytes = 256 * 1024 * 1024;

/**
 * The text of the file at `path`, strictly decoded ({@link decodeUtf8}). Throws an Error saying why it cannot: the
 * file cannot be opened, is a folder or a device, or is over `maxBytes` (default {@link maxTextBytes}); or a
 * Utf8Error.
 */
export function readTextFile(path: string, maxBytes = maxTextBytes): string {
  const fd = openSync(path, 'r');
  let bytes: Buffer;
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new Error(`${path} is a folder, not a file`);
    if (stat.isCharacterDevice() || stat.isBlockDevice()) throw new Error(`${path} is a device, not a file`);
    if (stat.size > maxBytes) throw new Error(`${path} is ${byteSize(stat.size)}, over the ${byteSize(maxBytes)} limit`);
    bytes = readFileSync(fd);
    if (bytes.length > maxBytes) throw new Error(`${path} is over the ${byteSize(maxBytes)} limit`);
  } finally {
    closeSync(fd);
  }
  return decodeUtf8(bytes, path);
}
