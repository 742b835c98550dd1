/**
 * `translate`: bulk translation as an async iterable — query texts to Kustomer criteria, or criteria bodies to query
 * texts — one result per input record, in input order, in bounded memory, on one thread or several.
 */
import { resolveClock } from '../dates/index.js';
import { diagnostic } from '../diagnostics/diagnostic.js';
import type { CompileOptions } from '../options.js';
import { convert, type ConvertOptions, type Outcome } from './convert.js';
import { ordered, TranslatePool } from './pool.js';
import { defaultBatchSize, defaultMaxRecordBytes, type SourceRecord, type TranslateOptions, type TranslateResult } from './records.js';
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
    ...(opts.nested !== undefined ? { nested: opts.nested } : {}),
    ...(opts.maxLength !== undefined ? { maxLength: opts.maxLength } : {}),
    ...(opts.maxDepth !== undefined ? { maxDepth: opts.maxDepth } : {}),
    ...(opts.maxDiagnostics !== undefined ? { maxDiagnostics: opts.maxDiagnostics } : {}),
  };
  return picked;
}

/** The result record of `record`, given the outcome of its translation (none when it could not be read). */
function toResult(record: SourceRecord, outcome: Outcome | undefined): TranslateResult {
  const fields = record.fields !== undefined ? { fields: record.fields } : {};
  if (!record.input || !outcome) {
    const error = record.error ?? diagnostic('InternalError', { start: 0, end: 0 }, ['no translation came back for this record']);
    return { line: record.line, ...fields, ok: false, diagnostics: [error], frame: `error[${error.code}]: ${error.message}\n --> line ${record.line}` };
  }
  const frame = outcome.frame !== undefined ? { frame: outcome.frame } : {};
  if (record.input.kind === 'text') {
    const criteria = outcome.output !== undefined ? { criteria: outcome.output } : {};
    return { line: record.line, ...fields, ok: outcome.ok, query: record.input.text, ...criteria, diagnostics: outcome.diagnostics, ...frame };
  }
  const query = typeof outcome.output === 'string' ? { query: outcome.output } : {};
  return { line: record.line, ...fields, ok: outcome.ok, ...query, criteria: record.input.body, diagnostics: outcome.diagnostics, ...frame };
}

/**
 * Translates every record of `source`, yielding one {@link TranslateResult} per input record, in input order.
 *
 * `source` is a Node readable stream (a file, stdin) or any async iterable of byte chunks, read in
 * `opts.inputFormat` (text, jsonl, json, csv — see sources.ts); or an array of records: query strings or
 * `{query, …}` objects (to criteria), criteria bodies or `{data: body, …}` objects (to text). `opts` are the
 * compile options plus the translation's own (`to`, `jobs`, `batchSize`, `maxRecordBytes`, `fileName`,
 * `onHeader`; see {@link TranslateOptions}).
 *
 * An input record that cannot be read (invalid JSON or UTF-8, no `query`, a non-string query, a malformed CSV
 * row, …) gives an error result with a KQ5xxx diagnostic; a query that does not compile, one with the compiler's
 * diagnostics. Nothing in the input makes it throw. It throws a TypeError for bad options or a source of the wrong
 * type, and passes on an error from reading the stream or a worker thread that dies. Memory is bounded by
 * `batchSize × (2 × jobs + 1)` records, whatever the size of the input; stop early with `break` (the workers are
 * stopped).
 *
 * Example: `for await (const r of translate(fs.createReadStream('saved.jsonl'), {inputFormat: 'jsonl', jobs: 2}))
 * console.log(r.line, r.ok ? r.criteria : r.frame)`.
 */
export async function* translate(source: TranslateSource, opts: TranslateOptions = {}): AsyncGenerator<TranslateResult> {
  opts ??= {};
  const direction = opts.to ?? 'criteria';
  if (direction !== 'criteria' && direction !== 'text') throw new TypeError(`translate: to must be 'criteria' or 'text'`);
  const jobs = count(opts.jobs, 'jobs', 1);
  const batchSize = count(opts.batchSize, 'batchSize', defaultBatchSize);
  const maxRecordBytes = count(opts.maxRecordBytes, 'maxRecordBytes', defaultMaxRecordBytes);
  const convertOptions: ConvertOptions = {
    compile: compileOptionsOf(opts),
    ...(opts.fileName !== undefined ? { fileName: opts.fileName } : {}),
  };
  const records = readSource(source, {
    direction,
    format: opts.inputFormat ?? (direction === 'criteria' ? 'text' : 'jsonl'),
    maxRecordBytes,
    ...(opts.onHeader ? { onHeader: opts.onHeader } : {}),
  });
  const batches = rebatch(records, batchSize);

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
