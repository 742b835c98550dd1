/**
 * `translate`: bulk translation as an async iterable — query texts to Kustomer criteria, or criteria bodies to query
 * texts — one result per input record, in input order, in bounded memory, on one thread or several.
 */
import { resolveClock } from '../dates/index.js';
import { resolveTimeZone } from '../dates/timeZone.js';
import { diagnostic } from '../diagnostics/diagnostic.js';
import type { CompileOptions } from '../options.js';
import { convert, type ConvertOptions, type Outcome } from './convert.js';
import { ordered, TranslatePool } from './pool.js';
import { defaultBatchSize, defaultMaxRecordBytes, defaultMaxTotalBytes, inputFormats, type SourceRecord, type TranslateOptions, type TranslateResult } from './records.js';
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

/** The result record of `record`, given the outcome of its translation (none when it could not be read). */
function toResult(record: SourceRecord, outcome: Outcome | undefined): TranslateResult {
  const fields = {
    ...(record.fields !== undefined ? { fields: record.fields } : {}),
    ...(record.fieldsJson !== undefined ? { fieldsJson: record.fieldsJson } : {}),
  };
  if (!record.input || !outcome) {
    const error = record.error ?? diagnostic('InternalError', { start: 0, end: 0 }, { error: 'no translation came back for this record', report: 'none' });
    return { line: record.line, ...fields, ok: false, diagnostics: [error], frame: `error[${error.code}]: ${error.message}\n --> line ${record.line}` };
  }
  const frame = outcome.frame !== undefined ? { frame: outcome.frame } : {};
  if (record.input.kind === 'text') {
    const criteria = outcome.output !== undefined ? { criteria: outcome.output } : {};
    const relative = outcome.relativeDates ? { relativeDates: true as const } : {};
    return { line: record.line, ...fields, ok: outcome.ok, query: record.input.text, ...criteria, diagnostics: outcome.diagnostics, ...frame, ...relative };
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
  const records = readSource(source, {
    direction,
    format: opts.inputFormat ?? (direction === 'criteria' ? 'text' : 'jsonl'),
    maxRecordBytes,
    maxTotalBytes,
    ...(opts.onHeader ? { onHeader: opts.onHeader } : {}),
  });
  return run(rebatch(records, batchSize), jobs, convertOptions);
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
