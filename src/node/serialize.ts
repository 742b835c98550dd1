/**
 * Bulk translation straight to output text, batch by batch: what `kq translate` runs. Each batch of input records
 * becomes one piece of output (JSONL lines, JSON array elements, CSV rows or `--check` lines) and the counts of its
 * results, made where the batch is translated — in a worker thread with `jobs` > 1 — so that the calling thread
 * only reads the input and writes pieces, and no result object is copied between threads.
 *
 * A batch goes to a worker packed ({@link packBatch}): the query texts and carried fields of its text records
 * concatenated into one string each, their line numbers and lengths in typed arrays, and only the other records
 * (unreadable ones, criteria bodies, CSV fields) as objects. A worker sends back one UTF-8 buffer (transferred, not
 * copied) and a {@link TallyCounts}. Structured cloning of arrays of objects, each way, had cost more than the
 * translation itself.
 */
import { checkLines } from './checkLines.js';
import { convert, toResult, type ConvertOptions, type Outcome } from './convert.js';
import { csvRow, resultJson } from './output.js';
import type { InputFormat, SourceRecord } from './records.js';
import { TranslateTally, type TallyCounts } from './summary.js';

/**
 * What each result becomes: `jsonl` one JSON line (`resultJson` and a newline); `json` one element of the array,
 * written `,\n` then `resultJson` (the caller turns the first `,` into `[`); `csv` one row (`csvRow`, with the carried
 * `columns` of a CSV input); `check` the `--check` lines (`checkLines`, naming `fileName`), each with a newline.
 * `inputFormat` is the input's format (CSV columns and `--check` line numbers depend on it).
 */
export interface RecordFormat {
  readonly format: 'jsonl' | 'json' | 'csv' | 'check';
  readonly inputFormat: InputFormat;
  readonly fileName: string;
}

/** One batch's output: its `text`, the line of its last record (0 for none) and the counts of its results. */
export interface SerializedBatch {
  readonly text: string;
  readonly lastLine: number;
  readonly counts: TallyCounts;
}

/**
 * Translates `records` and writes each result as `format` says, in order. `columns` are the carried columns of a
 * CSV input (for the `csv` format). Never throws on the records' content (as `convert`).
 */
export function serializeBatch(records: readonly SourceRecord[], format: RecordFormat, columns: readonly string[], opts: ConvertOptions): SerializedBatch {
  const tally = new TranslateTally();
  let text = '';
  let lastLine = 0;
  const json = format.format === 'jsonl' || format.format === 'json';
  for (const record of records) {
    if (json && record.input?.kind === 'text') {
      // The common case, written without building the result record first (see queryResultJson).
      const outcome = convert(record.input, opts);
      tally.add(outcome);
      lastLine = record.line;
      text += format.format === 'jsonl' ? `${queryResultJson(record, record.input.text, outcome)}\n` : `,\n${queryResultJson(record, record.input.text, outcome)}`;
      continue;
    }
    const result = toResult(record, record.input ? convert(record.input, opts) : undefined);
    tally.add(result);
    lastLine = record.line;
    switch (format.format) {
      case 'jsonl':
        text += `${resultJson(result)}\n`;
        break;
      case 'json':
        text += `,\n${resultJson(result)}`;
        break;
      case 'csv':
        text += csvRow(result, format.inputFormat, columns);
        break;
      case 'check':
        for (const line of checkLines(result, format.fileName, format.inputFormat)) text += `${line}\n`;
        break;
    }
  }
  return { text, lastLine, counts: tally.counts() };
}

/**
 * `resultJson(toResult(record, outcome))` for a record whose input is the query `query`, without the result record
 * in between: the same keys in the same order (`line`, `fields`, `ok`, `query`, `criteria`, `diagnostics`, `frame`,
 * `relativeDates`), each value written by JSON.stringify. test/translate/output.test.ts holds the two equal.
 */
export function queryResultJson(record: SourceRecord, query: string, outcome: Outcome): string {
  const carried = record.fieldsJson ?? (record.fields !== undefined ? JSON.stringify(record.fields) : undefined);
  let json = `{"line":${JSON.stringify(record.line)},${carried !== undefined ? `"fields":${carried},` : ''}"ok":${outcome.ok},"query":${JSON.stringify(query)}`;
  if (outcome.output !== undefined) {
    const criteria = JSON.stringify(outcome.output);
    if (criteria !== undefined) json += `,"criteria":${criteria}`;
  }
  json += `,"diagnostics":${JSON.stringify(outcome.diagnostics)}`;
  if (outcome.frame !== undefined) json += `,"frame":${JSON.stringify(outcome.frame)}`;
  if (outcome.relativeDates) json += ',"relativeDates":true';
  return `${json}}`;
}

/**
 * A batch of records as a worker receives it. Per record: `lines` its line; `textEnds` where its query text ends in
 * `texts` (the texts one after another), or -1 for a record sent whole in `others`; `fieldsEnds` where its carried
 * fields' JSON text ends in `fields`, or -1 when it has none. `others` holds, in order, the records that are not a
 * query text with at most `fieldsJson` (unreadable records, criteria bodies, CSV records and values given as
 * records, whose `fields` have no source text). A packed record's parsed `fields` are dropped when it has
 * `fieldsJson`: the writers print that instead, so the output is the same.
 */
export interface PackedBatch {
  readonly lines: Float64Array;
  readonly textEnds: Int32Array;
  readonly texts: string;
  readonly fieldsEnds: Int32Array;
  readonly fields: string;
  readonly others: readonly SourceRecord[];
}

/** `records` packed for a worker (see {@link PackedBatch}); {@link unpackBatch} gives them back. */
export function packBatch(records: readonly SourceRecord[]): PackedBatch {
  const n = records.length;
  const lines = new Float64Array(n);
  const textEnds = new Int32Array(n);
  const fieldsEnds = new Int32Array(n);
  const texts: string[] = [];
  const fields: string[] = [];
  const others: SourceRecord[] = [];
  let textEnd = 0;
  let fieldsEnd = 0;
  for (let i = 0; i < n; i++) {
    const record = records[i]!;
    lines[i] = record.line;
    // Parsed `fields` are left behind when their source text is there: every writer prints `fieldsJson` instead.
    if (record.input?.kind !== 'text' || (record.fields !== undefined && record.fieldsJson === undefined)) {
      textEnds[i] = -1;
      fieldsEnds[i] = -1;
      others.push(record);
      continue;
    }
    texts.push(record.input.text);
    textEnd += record.input.text.length;
    textEnds[i] = textEnd;
    if (record.fieldsJson === undefined) fieldsEnds[i] = -1;
    else {
      fields.push(record.fieldsJson);
      fieldsEnd += record.fieldsJson.length;
      fieldsEnds[i] = fieldsEnd;
    }
  }
  return { lines, textEnds, texts: texts.join(''), fieldsEnds, fields: fields.join(''), others };
}

/** The records of a {@link PackedBatch}, as they were given to {@link packBatch}. */
export function unpackBatch(batch: PackedBatch): SourceRecord[] {
  const records: SourceRecord[] = [];
  let textStart = 0;
  let fieldsStart = 0;
  let other = 0;
  for (let i = 0; i < batch.lines.length; i++) {
    const textEnd = batch.textEnds[i]!;
    if (textEnd < 0) {
      records.push(batch.others[other++]!);
      continue;
    }
    const line = batch.lines[i]!;
    const input = { kind: 'text' as const, text: batch.texts.slice(textStart, textEnd) };
    textStart = textEnd;
    const fieldsEnd = batch.fieldsEnds[i]!;
    if (fieldsEnd < 0) records.push({ line, input });
    else {
      records.push({ line, fieldsJson: batch.fields.slice(fieldsStart, fieldsEnd), input });
      fieldsStart = fieldsEnd;
    }
  }
  return records;
}
