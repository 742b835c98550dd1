/**
 * `translate`: bulk translation as an async iterable — query texts to Kustomer criteria, or criteria bodies to query
 * texts — one result per input record, in input order, in bounded memory, on one thread or several.
 */
import { resolveClock } from '../dates/index.js';
import { resolveTimeZone } from '../dates/timeZone.js';
import type { CompileOptions } from '../options.js';
import { convert, toResult, type ConvertOptions } from './convert.js';
import { csvHeader, type OutputFormat } from './output.js';
import { ordered, TranslatePool } from './pool.js';
import { packBatch, serializeBatch, type RecordFormat } from './serialize.js';
import type { TallyCounts } from './summary.js';
import { defaultBatchSize, defaultMaxRecordBytes, defaultMaxTotalBytes, inputFormats, type InputFormat, type SourceRecord, type TranslateOptions, type TranslateResult } from './records.js';
import { readSource, type TranslateSource } from './sources.js';

/** Batches of exactly `size` records (the last one may be smaller), whatever batches the source gave. */
async function* rebatch(batches: AsyncIterable<SourceRecord[]>, size: number): AsyncGenerator<SourceRecord[]> {
  let out: SourceRecord[] = [];
  for await (const batch of batches) {
    for (const record of batch) {
      out.push(record);
      if (out.length >= size) {
        yield out;
        out = [];
      }
    }
  }
  if (out.length > 0) yield out;
}

/** A whole number ≥ 1 from an option, or the fallback; a TypeError for anything else given. */
function count(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw new TypeError(`translate: ${name} must be a whole number ≥ 1`);
  return value;
}

/** A TypeError for option `name` unless `ok`: the options are checked before anything is read. */
function expect(ok: boolean, name: string, what: string): void {
  if (!ok) throw new TypeError(`translate: ${name} must be ${what}`);
}

/**
 * Checks the options' types (and the time zone's name) up front, so that a bad option is one TypeError at the
 * call, never an error on every record: `opts` an object; `to`, `inputFormat` one of theirs; `fileName`,
 * `queryContext` strings; `timeZone` a known IANA name (as `kq --tz` requires; resolveTimeZone in src/dates);
 * `onHeader` a function; `customAttributes` an array of objects with a string `name`; `schema` an object (an org
 * schema from `readOrgSchema`); `nested` a boolean;
 * `maxLength`, `maxDepth`, `maxDiagnostics` numbers. `now` is left to compile (an invalid clock is KQ2008 on each
 * record, as `compile` reports it).
 */
function checkOptions(opts: TranslateOptions): void {
  const o = opts as Record<string, unknown>;
  expect(o.to === undefined || o.to === 'criteria' || o.to === 'text', 'to', "'criteria' or 'text'");
  expect(o.inputFormat === undefined || (inputFormats as readonly unknown[]).includes(o.inputFormat), 'inputFormat', inputFormats.map((f) => `'${f}'`).join(', '));
  expect(o.fileName === undefined || typeof o.fileName === 'string', 'fileName', 'a string');
  expect(o.onHeader === undefined || typeof o.onHeader === 'function', 'onHeader', 'a function');
  expect(o.queryContext === undefined || typeof o.queryContext === 'string', 'queryContext', 'a string');
  expect(o.timeZone === undefined || (typeof o.timeZone === 'string' && resolveTimeZone(o.timeZone).ok), 'timeZone', 'an IANA time zone name such as America/New_York');
  expect(o.nested === undefined || typeof o.nested === 'boolean', 'nested', 'a boolean');
  for (const name of ['maxLength', 'maxDepth', 'maxDiagnostics']) expect(o[name] === undefined || typeof o[name] === 'number', name, 'a number');
  expect(o.schema === undefined || (typeof o.schema === 'object' && o.schema !== null && !Array.isArray(o.schema)), 'schema', 'an org schema object (readOrgSchema)');
  const custom = o.customAttributes;
  expect(
    custom === undefined ||
      (Array.isArray(custom) && custom.every((a: unknown) => typeof a === 'object' && a !== null && typeof (a as { name?: unknown }).name === 'string')),
    'customAttributes',
    'an array of {name, type?, values?, label?} objects',
  );
}

/**
 * The compile options, as plain data for the workers, with the clock fixed: a valid `now` (ISO string, Date or
 * epoch ms) becomes epoch ms, read once rather than per record; an invalid one is kept as given, for compile to
 * report on each record (KQ2008); no `now` means the clock read once, here.
 */
function compileOptionsOf(opts: TranslateOptions): CompileOptions {
  const clock = resolveClock(opts.now);
  const now = clock.ok ? clock.epochMs : opts.now;
  const picked: CompileOptions = {
    now,
    ...(opts.queryContext !== undefined ? { queryContext: opts.queryContext } : {}),
    ...(opts.timeZone !== undefined ? { timeZone: opts.timeZone } : {}),
    ...(opts.customAttributes !== undefined ? { customAttributes: opts.customAttributes } : {}),
    // The org schema is plain data (src/schema/org/types.ts): the workers get it by structured clone.
    ...(opts.schema !== undefined ? { schema: opts.schema } : {}),
    ...(opts.nested !== undefined ? { nested: opts.nested } : {}),
    ...(opts.maxLength !== undefined ? { maxLength: opts.maxLength } : {}),
    ...(opts.maxDepth !== undefined ? { maxDepth: opts.maxDepth } : {}),
    ...(opts.maxDiagnostics !== undefined ? { maxDiagnostics: opts.maxDiagnostics } : {}),
  };
  return picked;
}

/**
 * Translates every record of `source`, yielding one {@link TranslateResult} per input record, in input order.
 *
 * `source` is a Node readable stream (a file, stdin) or any async iterable of byte chunks, read in
 * `opts.inputFormat` (text, jsonl, json, csv — see sources.ts); or an array of records: query strings or
 * `{query, …}` objects (to criteria), criteria bodies or `{data: body, …}` objects (to text). `opts` are the
 * compile options plus the translation's own (`to`, `jobs`, `batchSize`, `maxRecordBytes`, `maxTotalBytes`, `fileName`,
 * `onHeader`; see {@link TranslateOptions}).
 *
 * An input record that cannot be read (invalid JSON or UTF-8, no `query`, a non-string query, a malformed CSV
 * row, …) gives an error result with a KQ5xxx diagnostic; a query that does not compile, one with the compiler's
 * diagnostics (a record given as a value whose fields throw when read, KQ5002; one nested deeper than 1,000 levels,
 * KQ5010). Nothing in the input makes it throw. It throws a TypeError at the call (before anything is read) for bad
 * options (see `checkOptions`) or a source of the wrong type, and passes on an error from reading the stream, from
 * `onHeader`, or from a worker thread that dies. Memory is bounded by
 * `batchSize × (2 × jobs + 1)` records, whatever the size of the input; stop early with `break` (the workers are
 * stopped).
 *
 * Example: `for await (const r of translate(fs.createReadStream('saved.jsonl'), {inputFormat: 'jsonl', jobs: 2}))
 * console.log(r.line, r.ok ? r.criteria : r.frame)`.
 */
export function translate(source: TranslateSource, opts: TranslateOptions = {}): AsyncGenerator<TranslateResult> {
  const { batches, jobs, convertOptions } = prepare(source, opts, opts?.onHeader);
  return run(batches, jobs, convertOptions);
}

/** What `translate` and `translateOutput` set up before reading: the batches to read, the jobs, the options. */
function prepare(
  source: TranslateSource,
  opts: TranslateOptions,
  onHeader: ((columns: readonly string[]) => void) | undefined,
): { batches: AsyncGenerator<SourceRecord[]>; jobs: number; convertOptions: ConvertOptions; inputFormat: InputFormat } {
  opts ??= {};
  if (typeof opts !== 'object' || Array.isArray(opts)) throw new TypeError('translate: the options must be an object');
  checkOptions(opts);
  const direction = opts.to ?? 'criteria';
  const jobs = count(opts.jobs, 'jobs', 1);
  const batchSize = count(opts.batchSize, 'batchSize', defaultBatchSize);
  const maxRecordBytes = count(opts.maxRecordBytes, 'maxRecordBytes', defaultMaxRecordBytes);
  const maxTotalBytes = opts.maxTotalBytes === Infinity ? Infinity : count(opts.maxTotalBytes, 'maxTotalBytes', defaultMaxTotalBytes);
  const convertOptions: ConvertOptions = {
    compile: compileOptionsOf(opts),
    ...(opts.fileName !== undefined ? { fileName: opts.fileName } : {}),
  };
  const inputFormat = opts.inputFormat ?? (direction === 'criteria' ? 'text' : 'jsonl');
  const records = readSource(source, {
    direction,
    format: inputFormat,
    maxRecordBytes,
    maxTotalBytes,
    ...(onHeader ? { onHeader } : {}),
  });
  return { batches: rebatch(records, batchSize), jobs, convertOptions, inputFormat };
}

/**
 * What {@link translateOutput} writes: `format` `jsonl` (`jsonlWriter`), `json` (`jsonWriter`), `csv`
 * (`csvWriter`), or `check` (`checkLines` per result, each line ending in a newline, naming `checkFileName`,
 * default `query`).
 */
export interface OutputOptions {
  readonly format: OutputFormat | 'check';
  readonly checkFileName?: string;
}

/**
 * One piece of {@link translateOutput}'s output: `output` (UTF-8 bytes from a worker, or text), the counts of the
 * results it holds (add them up with `TranslateTally.addCounts`), and `lastLine`, the line of its last record (0
 * when it holds none).
 */
export interface OutputPiece {
  readonly output: Uint8Array | string;
  readonly lastLine: number;
  readonly counts: TallyCounts;
}

const noCounts: TallyCounts = { records: 0, ok: 0, failed: 0, relative: 0, codes: [] };

/**
 * Translates every record of `source` as {@link translate} does (same options, same results, same errors, same
 * bounded memory), but yields the output text itself, in pieces, as `kq translate` writes it: the pieces joined are
 * exactly what `output.format`'s writer gives for the results of `translate` (`jsonlWriter`, `jsonWriter`,
 * `csvWriter`, or `checkLines` each line followed by a newline). With `jobs` > 1 each batch is translated and
 * written out in a worker thread, which sends back one UTF-8 buffer and the batch's counts: nothing per record
 * crosses between threads, so the calling thread only reads and writes (`kq translate --jobs 2` ran slower than
 * `--jobs 1` when every result was copied back as an object). Throws as {@link translate}; a bad `output.format`
 * is a TypeError.
 *
 * Example: `for await (const piece of translateOutput(fs.createReadStream('saved.kq'), {jobs: 2}, {format:
 * 'jsonl'})) process.stdout.write(piece.output)`.
 */
export function translateOutput(source: TranslateSource, opts: TranslateOptions, output: OutputOptions): AsyncGenerator<OutputPiece> {
  expect(typeof output === 'object' && output !== null && ['jsonl', 'json', 'csv', 'check'].includes(output.format), 'output.format', "'jsonl', 'json', 'csv' or 'check'");
  let columns: readonly string[] = [];
  const onHeader = (names: readonly string[]) => {
    columns = names;
    opts?.onHeader?.(names);
  };
  const { batches, jobs, convertOptions, inputFormat } = prepare(source, opts, onHeader);
  const format: RecordFormat = { format: output.format, inputFormat, fileName: output.checkFileName ?? 'query' };
  return runOutput(batches, jobs, convertOptions, format, () => columns);
}

/** The pieces of {@link translateOutput}: each batch's output in order, with the JSON array's and CSV's framing. */
async function* runOutput(
  batches: AsyncGenerator<SourceRecord[]>,
  jobs: number,
  convertOptions: ConvertOptions,
  format: RecordFormat,
  columns: () => readonly string[],
): AsyncGenerator<OutputPiece> {
  let first = true;
  // The framing around the records: a JSON array's `[` (in place of the first element's `,`), a CSV header row.
  const frame = (output: Uint8Array | string): Uint8Array | string => {
    if (!first || output.length === 0) return output;
    first = false;
    if (format.format === 'json') return typeof output === 'string' ? `[${output.slice(1)}` : Buffer.concat([Buffer.from('['), output.subarray(1)]);
    if (format.format === 'csv') {
      const header = csvHeader(format.inputFormat, columns());
      return typeof output === 'string' ? header + output : Buffer.concat([Buffer.from(header), output]);
    }
    return output;
  };
  if (jobs === 1) {
    for await (const batch of batches) {
      const { text, lastLine, counts } = serializeBatch(batch, format, columns(), convertOptions);
      yield { output: frame(text), lastLine, counts };
    }
  } else {
    const pool = new TranslatePool(jobs, convertOptions);
    try {
      const run = (batch: SourceRecord[]) => pool.serialize(packBatch(batch), format, format.format === 'csv' ? columns() : []);
      for await (const [, { bytes, lastLine, counts }] of ordered(batches, run, 2 * jobs)) yield { output: frame(bytes), lastLine, counts };
    } finally {
      await pool.close();
    }
  }
  const end = format.format === 'json' ? (first ? '[]\n' : '\n]\n') : format.format === 'csv' && first ? csvHeader(format.inputFormat, columns()) : '';
  if (end !== '') yield { output: end, lastLine: 0, counts: noCounts };
}

/** The results of `batches`, translated in the calling thread (`jobs` 1) or on `jobs` worker threads, in order. */
async function* run(batches: AsyncGenerator<SourceRecord[]>, jobs: number, convertOptions: ConvertOptions): AsyncGenerator<TranslateResult> {
  if (jobs === 1) {
    for await (const batch of batches) {
      for (const record of batch) yield toResult(record, record.input ? convert(record.input, convertOptions) : undefined);
    }
    return;
  }

  const pool = new TranslatePool(jobs, convertOptions);
  try {
    const run = (batch: SourceRecord[]) => pool.run(batch.flatMap((r) => (r.input ? [r.input] : [])));
    for await (const [batch, outcomes] of ordered(batches, run, 2 * jobs)) {
      let next = 0;
      for (const record of batch) yield toResult(record, record.input ? outcomes[next++] : undefined);
    }
  } finally {
    await pool.close();
  }
}
