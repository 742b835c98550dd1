/**
 * Records to search, streamed: the one reader behind `kq run --data` and the REPL's `.load` — NDJSON (one JSON
 * object a line, blank lines skipped) or one JSON array of objects (when the first non-blank character is `[`),
 * read element by element (jsonTexts.ts, the same reader as `translate`'s `jsonl` and `json` inputs).
 *
 * Each record keeps its source text, exactly as written, so that a match can be printed unchanged:
 * `JSON.stringify(JSON.parse(x))` would turn `12345678901234567890` into `12345678901234567000`, `1e400` into `null`
 * and `-0` into `0`. Records are plain JSON objects keyed by search attribute names (src/evaluate/record.ts); they
 * are never used as prototypes or merged, so keys such as `__proto__` stay data (JSON.parse defines own keys).
 *
 * Limits, the same for `kq run`, `.load` and `kq translate` ({@link recordLimits}):
 * - one record (an NDJSON line, an array element) at most 16 MiB — a longer one is an error, and is never held in
 *   memory whole;
 * - at most 1 GiB read in all, from a file or a stream (stdin): past it reading stops with an
 *   InputTooLargeError (lines.ts); a regular file over it is refused before a byte is read.
 * Memory is one chunk (64 KiB) and one record, plus whatever the caller keeps. Bytes are strict UTF-8 (a line with an
 * invalid sequence is an error naming it). Files: {@link openRecordFile} reads regular files and pipes; with
 * `regularOnly` (the REPL, which must not block on a FIFO) only regular files.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { isRecord } from '../evaluate/record.js';
import { jsonTextTooDeep, maxRecordDepth } from './jsonDepth.js';
import { readJsonTexts, type JsonText } from './jsonTexts.js';
import { byteSize, InputTooLargeError, type Chunk } from './lines.js';
import { defaultMaxRecordBytes, defaultMaxTotalBytes } from './records.js';

/**
 * The limits of every record reader of `kq` (`kq run --data`, `.load`, `kq translate`/`translate()`), in bytes:
 * `maxRecordBytes`, one record (16 MiB, {@link defaultMaxRecordBytes}); `maxTotalBytes`, the whole input (1 GiB).
 */
export const recordLimits = { maxRecordBytes: defaultMaxRecordBytes, maxTotalBytes: defaultMaxTotalBytes } as const;

/** One record read: its 1-based `line`, its `element` number in an array (from 1), the parsed object, its text as written (white space around it trimmed). */
export interface JsonRecord {
  readonly line: number;
  readonly element?: number;
  readonly record: Record<string, unknown>;
  readonly source: string;
}

/**
 * A record that could not be read: its `line` (and `element`), and `problem` — for a record (`structural` false)
 * a predicate (`not valid JSON: …`, `not a JSON object (a record)`, `not valid UTF-8`, `longer than … bytes, the
 * limit`, `nested deeper than 1000 levels, the limit`); for the array itself a sentence (`the array is not closed
 * (expected ']')`). {@link recordProblemText} words it as `kq run` prints it.
 */
export interface RecordProblem {
  readonly line: number;
  readonly element?: number;
  readonly problem: string;
  readonly structural: boolean;
}

/** What {@link readRecords} yields, in batches: records and problems, in input order. */
export type RecordItem = JsonRecord | RecordProblem;

/** Options of {@link readRecords}: the limits (default {@link recordLimits}). */
export interface ReadRecordsOptions {
  readonly maxRecordBytes?: number;
  readonly maxTotalBytes?: number;
}

/** The record of one JSON text, or its problem. */
function recordOf(t: JsonText): RecordItem {
  const at = { line: t.line, ...(t.element !== undefined ? { element: t.element } : {}) };
  if (t.error !== undefined) return { ...at, problem: t.problem, structural: t.structural };
  const source = t.text.trim();
  if (jsonTextTooDeep(source)) return { ...at, problem: `nested deeper than ${maxRecordDepth} levels, the limit`, structural: false };
  let value: unknown;
  try {
    if (source === '') throw new Error('expected a value');
    value = JSON.parse(source);
  } catch (e) {
    return { ...at, problem: `not valid JSON: ${(e as Error).message}`, structural: false };
  }
  if (!isRecord(value)) return { ...at, problem: 'not a JSON object (a record)', structural: false };
  return { ...at, record: value, source };
}

/**
 * The records of `chunks` (bytes; text is encoded as UTF-8 again), NDJSON or a JSON array (see the module comment),
 * in input order, in batches; a record that cannot be read is a {@link RecordProblem} in its place, and reading goes
 * on. Throws what reading `chunks` throws, and an InputTooLargeError past `maxTotalBytes`.
 */
export async function* readRecords(chunks: AsyncIterable<Chunk> | Iterable<Chunk>, opts: ReadRecordsOptions = {}): AsyncGenerator<RecordItem[]> {
  const texts = readJsonTexts(chunks, {
    format: 'auto',
    maxRecordBytes: opts.maxRecordBytes ?? recordLimits.maxRecordBytes,
    maxTotalBytes: opts.maxTotalBytes ?? recordLimits.maxTotalBytes,
  });
  for await (const batch of texts) yield batch.map(recordOf);
}

/** True for a {@link RecordProblem}. */
export function isProblem(item: RecordItem): item is RecordProblem {
  return 'problem' in item;
}

/**
 * A problem as `kq run` prints it: `records.json:3: element 2 (from 1) of the array is not valid JSON: …`,
 * `records.ndjson:2: not a JSON object (a record)`, `stdin:1: the array is not closed (expected ']')`.
 */
export function recordProblemText(p: RecordProblem, name: string): string {
  if (p.structural) return `${name}:${p.line}: ${p.problem}`;
  return `${name}:${p.line}: ${p.element !== undefined ? `element ${p.element} (from 1) of the array is ` : ''}${p.problem}`;
}

/** What a file that is not a regular file is, for messages. */
function sortOf(stats: { isDirectory(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isFIFO(): boolean; isSocket(): boolean }): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isFIFO()) return 'a pipe';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Options of {@link openRecordFile}. */
export interface OpenRecordFileOptions {
  /** Refuse pipes too (the REPL: a FIFO with no writer would block it); default false. */
  readonly regularOnly?: boolean;
  /** The most bytes read (default `recordLimits.maxTotalBytes`): a bigger regular file is refused at once. */
  readonly maxTotalBytes?: number;
}

/**
 * The bytes of the file at `path`, in chunks of 64 KiB, for {@link readRecords}. Regular files, and pipes unless
 * `regularOnly`; a folder, a device (`/dev/zero`) or a socket is refused before anything is read, as is a regular
 * file over `maxTotalBytes`; one that grows past it while being read throws an InputTooLargeError. The file is
 * opened without blocking and checked on its open descriptor, so what is read is what was checked. Errors (thrown
 * when iterated) say why: `a character device, not a regular file`, `7.8 KB, over the 4 KB limit`, or the system's
 * message (ENOENT …).
 */
export async function* openRecordFile(path: string, opts: OpenRecordFileOptions = {}): AsyncGenerator<Uint8Array> {
  const maxTotalBytes = opts.maxTotalBytes ?? recordLimits.maxTotalBytes;
  const handle = await open(path, constants.O_RDONLY | (opts.regularOnly ? (constants.O_NONBLOCK ?? 0) : 0));
  try {
    const stats = await handle.stat();
    const pipe = stats.isFIFO() && !opts.regularOnly;
    if (!stats.isFile() && !pipe) throw new Error(`${sortOf(stats)}, not a regular file`);
    if (stats.size > maxTotalBytes) throw new Error(`${byteSize(stats.size)}, over the ${byteSize(maxTotalBytes)} limit`);
    let total = 0;
    for await (const chunk of handle.createReadStream({ autoClose: false, highWaterMark: 1 << 16 })) {
      total += (chunk as Buffer).length;
      if (total > maxTotalBytes) throw new InputTooLargeError(maxTotalBytes, path);
      yield chunk as Buffer;
    }
  } finally {
    await handle.close();
  }
}
