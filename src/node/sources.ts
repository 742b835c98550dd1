/**
 * Reading a bulk input into input records with line numbers: the `text` and `jsonl` formats here, `json` in
 * jsonArraySource.ts, `csv` in csvSource.ts, and arrays of records given to `translate` directly. Every source
 * streams: memory is bounded by one chunk, one record and one batch, whatever the size of the input.
 *
 * Formats by file extension (`inputFormatFor`): `.kq` `.txt` text, `.jsonl` `.ndjson` JSONL, `.json` JSON, `.csv`
 * CSV; anything else (and stdin) needs the format named.
 */
import { extname } from 'node:path';
import { readCsv } from './csvSource.js';
import { inputError } from './inputErrors.js';
import { recordFromJsonText, recordFromValue } from './jsonRecords.js';
import { readJsonTexts, type JsonText } from './jsonTexts.js';
import { kqQuery } from '../syntax/kqFormat.js';
import { maxRecordDepth, valueTooDeep } from './jsonDepth.js';
import { readLines, type Chunk, type Line } from './lines.js';
import type { Direction, InputFormat, SourceRecord } from './records.js';

/**
 * What `translate` reads: a Node readable stream or any async iterable of byte (or text) chunks, or one
 * `Uint8Array`, read in the input format; or an array (any synchronous iterable) whose elements are records already — query strings or objects with
 * `query` for text → criteria, criteria bodies or `{data: body, …}` objects for criteria → text.
 */
export type TranslateSource = AsyncIterable<Chunk> | Uint8Array | Iterable<unknown>;

/** The input format a file name's extension stands for, or undefined (`.kq`/`.txt`, `.jsonl`/`.ndjson`, `.json`, `.csv`). */
export function inputFormatFor(path: string): InputFormat | undefined {
  switch (extname(path).toLowerCase()) {
    case '.kq':
    case '.txt':
      return 'text';
    case '.jsonl':
    case '.ndjson':
      return 'jsonl';
    case '.json':
      return 'json';
    case '.csv':
      return 'csv';
    default:
      return undefined;
  }
}

/** The input formats each direction reads. */
export const formatsFor: Readonly<Record<Direction, readonly InputFormat[]>> = {
  criteria: ['text', 'jsonl', 'json', 'csv'],
  text: ['jsonl', 'json'],
};

/** Options of {@link readSource}. */
export interface ReadSourceOptions {
  readonly direction: Direction;
  readonly format: InputFormat;
  readonly maxRecordBytes: number;
  /** The most bytes read from a stream in all (an InputTooLargeError past it); default: no limit. */
  readonly maxTotalBytes?: number;
  readonly onHeader?: (columns: readonly string[]) => void;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<Chunk> {
  return typeof value === 'object' && value !== null && typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function';
}

/**
 * The input records of `source`, in order, in batches. Throws a TypeError when `source` is neither an async nor a
 * sync iterable, or when the format does not suit the direction (`formatsFor`); otherwise never throws on the
 * input's content, only what reading the stream throws (an I/O error).
 */
export function readSource(source: TranslateSource, opts: ReadSourceOptions): AsyncGenerator<SourceRecord[]> {
  const chunks = source instanceof Uint8Array ? [source] : isAsyncIterable(source) ? source : undefined;
  if (chunks) {
    if (!formatsFor[opts.direction].includes(opts.format)) {
      throw new TypeError(`translate: the ${opts.format} input format cannot be read for to: '${opts.direction}' (use ${formatsFor[opts.direction].join(' or ')})`);
    }
    const total = opts.maxTotalBytes !== undefined ? { maxTotalBytes: opts.maxTotalBytes } : {};
    switch (opts.format) {
      case 'text':
        return readTextLines(readLines(chunks, { maxLineBytes: opts.maxRecordBytes, ...total }), opts.maxRecordBytes);
      case 'jsonl':
      case 'json':
        // The same reader as `kq run --data` and `.load` (jsonTexts.ts): a JSON array is streamed element by element.
        return jsonRecords(readJsonTexts(chunks, { format: opts.format, maxRecordBytes: opts.maxRecordBytes, ...total }), opts.direction);
      case 'csv':
        return readCsv(readLines(chunks, { maxLineBytes: opts.maxRecordBytes, ...total }), opts.maxRecordBytes, opts.onHeader);
    }
  }
  if (source !== null && typeof source === 'object' && typeof (source as Iterable<unknown>)[Symbol.iterator] === 'function') {
    return readElements(source as Iterable<unknown>, opts.direction);
  }
  throw new TypeError('translate: the source must be a readable stream, an async iterable of chunks, or an array of records');
}

/** A line that could not be read (invalid UTF-8, too long) as an error record. */
function unreadable(line: Line, maxRecordBytes: number): SourceRecord {
  return {
    line: line.number,
    error: line.problem === 'utf8' ? inputError('InvalidUtf8', { line: line.number }) : inputError('RecordTooLong', { max: maxRecordBytes }),
  };
}

/**
 * `text`: the `.kq` format, one query per line as written (without the line ending), blank and `#` comment lines
 * skipped — read line by line with syntax/kqFormat.ts's `kqQuery`, the one definition of the format.
 */
async function* readTextLines(lines: AsyncIterable<Line[]>, maxRecordBytes: number): AsyncGenerator<SourceRecord[]> {
  for await (const batch of lines) {
    const out: SourceRecord[] = [];
    for (const line of batch) {
      if (line.problem) {
        out.push(unreadable(line, maxRecordBytes));
        continue;
      }
      const text = kqQuery(line.text);
      if (text !== undefined) out.push({ line: line.number, input: { kind: 'text', text } });
    }
    if (out.length > 0) yield out;
  }
}

/** `jsonl` and `json`: each JSON text as an input record (see jsonRecords.ts), or its error as an error record. */
async function* jsonRecords(texts: AsyncIterable<JsonText[]>, direction: Direction): AsyncGenerator<SourceRecord[]> {
  for await (const batch of texts) {
    yield batch.map((t): SourceRecord => (t.error === undefined ? recordFromJsonText(t.text, t.line, direction) : { line: t.line, error: t.error }));
  }
}

/**
 * The input record of an element of an array given to `translate`: KQ5010 when it nests deeper than
 * {@link maxRecordDepth} or refers to itself (jsonDepth.ts); KQ5002 when reading it throws (a getter, a proxy trap),
 * since a record that cannot be read is an error record, never an exception out of `translate`.
 */
function elementRecord(element: unknown, line: number, direction: Direction): SourceRecord {
  try {
    if (valueTooDeep(element)) return { line, error: inputError('RecordTooDeep', { max: maxRecordDepth }) };
    return recordFromValue(element, line, direction);
  } catch (e) {
    let message = 'a value that is not an Error';
    try {
      if (e instanceof Error && typeof e.message === 'string') message = e.message;
      else if (typeof e === 'string') message = e;
    } catch {
      // a hostile error object: keep the generic message
    }
    return { line, error: inputError('UnexpectedValue', { expected: 'a record whose fields can be read', found: `one that throws when read (${message})` }) };
  }
}

/** The elements of an array given to `translate`, numbered from 1. */
async function* readElements(elements: Iterable<unknown>, direction: Direction): AsyncGenerator<SourceRecord[]> {
  let out: SourceRecord[] = [];
  let index = 0;
  for (const element of elements) {
    out.push(elementRecord(element, ++index, direction));
    if (out.length >= 1024) {
      yield out;
      out = [];
    }
  }
  if (out.length > 0) yield out;
}
