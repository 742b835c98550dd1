/**
 * The JSON texts of a byte stream of records — NDJSON (JSON Lines) or one JSON array, streamed — each with the line it
 * starts on: the one reading layer under `translate`'s `jsonl` and `json` inputs (sources.ts) and the records of
 * `kq run --data` and the REPL's `.load` (recordReader.ts).
 *
 * - NDJSON: one JSON text a line; blank lines are skipped (their numbers still count); a line longer than the
 *   per-record limit is an error, and is not kept in memory (lines.ts).
 * - A JSON array: its elements, found by a scan of its structure and never parsed whole (jsonArraySource.ts), in
 *   memory for one element; an element longer than the limit is an error.
 * - `auto`: an array when the first non-blank character (after a byte order mark) is `[`, else NDJSON.
 *
 * Bytes are UTF-8, strictly: a line with an invalid sequence is an error (KQ5005), never U+FFFD. A byte order mark
 * at the start is dropped. The texts are not parsed here: each stays exactly as written, so a caller can print it
 * back unchanged (`12345678901234567890`, `1e400`, `-0` survive).
 */
import { inputError } from './inputErrors.js';
import { readJsonArray } from './jsonArraySource.js';
import { readLines, type Chunk, type Line } from './lines.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

/**
 * One JSON text of the input, or why one could not be read. `line`: the 1-based line it starts on; `element`: its
 * number in the array, from 1 (absent for NDJSON and a single top-level object). An error has its KQ5xxx
 * `diagnostic` (what `translate` reports), and `problem`, the same in a few words for messages: for a record
 * (`structural` false) a predicate that reads after "is" (`not valid UTF-8`, `longer than 16777216 bytes, the
 * limit`); for the array itself (`structural` true, KQ5009) a sentence (`the array is not closed (expected ']')`).
 */
export type JsonText =
  | { readonly line: number; readonly element?: number; readonly text: string; readonly error?: undefined }
  | { readonly line: number; readonly element?: number; readonly text?: undefined; readonly error: Diagnostic; readonly problem: string; readonly structural: boolean };

/** How {@link readJsonTexts} reads: NDJSON, a JSON array, or whichever the first non-blank character says. */
export type JsonTextFormat = 'jsonl' | 'json' | 'auto';

/** Options of {@link readJsonTexts}: the limits, in bytes (see recordReader.ts `recordLimits` for the CLI's). */
export interface ReadJsonTextsOptions {
  readonly format: JsonTextFormat;
  /** The longest record (an NDJSON line, an array element; for an element, in UTF-16 code units). */
  readonly maxRecordBytes: number;
  /** The most bytes read in all; past it, reading throws an InputTooLargeError (lines.ts). Default: no limit. */
  readonly maxTotalBytes?: number;
}

/** NDJSON lines as JSON texts: blank lines skipped, unreadable lines (invalid UTF-8, too long) as errors. */
export async function* jsonLineTexts(lines: AsyncIterable<Line[]>, maxRecordBytes: number): AsyncGenerator<JsonText[]> {
  for await (const batch of lines) {
    const out: JsonText[] = [];
    for (const line of batch) {
      if (line.problem === 'utf8') out.push({ line: line.number, error: inputError('InvalidUtf8', { line: line.number }), problem: 'not valid UTF-8', structural: false });
      else if (line.problem === 'tooLong') {
        out.push({ line: line.number, error: inputError('RecordTooLong', { max: maxRecordBytes }), problem: `longer than ${maxRecordBytes} bytes, the limit`, structural: false });
      } else if (line.text.trim() !== '') out.push({ line: line.number, text: line.text });
    }
    if (out.length > 0) yield out;
  }
}

const BOM = [0xef, 0xbb, 0xbf] as const;

function isBlankByte(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/**
 * Whether `chunks` hold a JSON array (the first byte that is not white space or a leading byte order mark is `[`),
 * and the chunks again, whole (those read to decide are replayed). Reads no further than the first such byte, nor
 * past `maxBytes` bytes of white space (then: not an array). Closing the returned chunks early closes `chunks`.
 */
export async function sniffArray(chunks: AsyncIterable<Chunk> | Iterable<Chunk>, maxBytes: number): Promise<{ array: boolean; chunks: AsyncIterable<Chunk> }> {
  const iterator = (Symbol.asyncIterator in chunks ? chunks[Symbol.asyncIterator]() : (chunks as Iterable<Chunk>)[Symbol.iterator]()) as
    | AsyncIterator<Chunk>
    | Iterator<Chunk>;
  const seen: Chunk[] = [];
  let array = false;
  let offset = 0;
  let done = false;
  /** Bytes of a leading byte order mark seen so far. */
  let bom = 0;
  search: for (;;) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    const chunk = next.value;
    seen.push(chunk);
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    for (let i = 0; i < bytes.length; i++, offset++) {
      const c = bytes[i]!;
      // A byte order mark (EF BB BF) at the very start is skipped.
      if (offset === bom && bom < 3 && c === BOM[bom]) {
        bom++;
        continue;
      }
      if (isBlankByte(c)) continue;
      array = c === 0x5b;
      break search;
    }
    if (offset > maxBytes) break;
  }
  const replay = async function* (): AsyncGenerator<Chunk> {
    try {
      yield* seen;
      if (done) return;
      for (;;) {
        const next = await iterator.next();
        if (next.done) {
          done = true;
          return;
        }
        yield next.value;
      }
    } finally {
      // Stopped early (a `break`, an error downstream): close the source, so that a file is closed at once.
      if (!done) await iterator.return?.();
    }
  };
  return { array, chunks: replay() };
}

/**
 * The JSON texts of `chunks` (bytes, or text encoded again as UTF-8), in order, in batches (see the module
 * comment). Memory: one chunk and one record. Throws only what reading `chunks` throws, and an
 * InputTooLargeError past `maxTotalBytes`; everything wrong in the content is a {@link JsonText} error.
 */
export async function* readJsonTexts(chunks: AsyncIterable<Chunk> | Iterable<Chunk>, opts: ReadJsonTextsOptions): AsyncGenerator<JsonText[]> {
  let format = opts.format;
  let input: AsyncIterable<Chunk> | Iterable<Chunk> = chunks;
  if (format === 'auto') {
    const sniffed = await sniffArray(chunks, opts.maxRecordBytes);
    format = sniffed.array ? 'json' : 'jsonl';
    input = sniffed.chunks;
  }
  const total = opts.maxTotalBytes !== undefined ? { maxTotalBytes: opts.maxTotalBytes } : {};
  if (format === 'json') yield* readJsonArray(readLines(input, { segments: true, ...total }), opts.maxRecordBytes);
  else yield* jsonLineTexts(readLines(input, { maxLineBytes: opts.maxRecordBytes, ...total }), opts.maxRecordBytes);
}
