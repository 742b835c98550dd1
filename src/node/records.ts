/**
 * The shapes bulk translation works with: what a source yields for each input record, and the result record that
 * `translate` yields and `kq translate` prints (one per input record, in input order).
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { CompileOptions } from '../options.js';

/** Which way a translation goes: query text → Kustomer criteria (`compile`), or criteria → query text (`decompile`). */
export type Direction = 'criteria' | 'text';

/**
 * How an input is read:
 * - `text`: one query per line (`.kq`, `.txt`); blank lines and lines whose first non-blank character is `#` are
 *   skipped (their numbers still count);
 * - `jsonl`: one JSON value per line (`.jsonl`, `.ndjson`); blank lines are skipped;
 * - `json`: one JSON array of records (`.json`), or one JSON object as a single record;
 * - `csv`: RFC 4180 CSV (`.csv`) with a header row, read by csv-parse (quoted fields may hold commas, quotes and
 *   newlines).
 */
export type InputFormat = 'text' | 'jsonl' | 'json' | 'csv';

/** The input formats, for flag validation and messages. */
export const inputFormats: readonly InputFormat[] = ['text', 'jsonl', 'json', 'csv'];

/**
 * The fields of an input record that are carried through untouched: every field of a JSONL/JSON object except
 * `query` (text → criteria) or `data` (criteria → text, when the body is wrapped), or every CSV column except
 * `query`. Built with `Object.fromEntries`, so a field named `__proto__` is an ordinary own property.
 */
export type CarriedFields = Record<string, unknown>;

/**
 * The carried fields as their source text: one minified JSON object text whose members are the record's members
 * exactly as written (see rawFields.ts). Only for records read from JSON text (JSONL lines, JSON array elements);
 * absent for CSV (whose fields are strings anyway), text input, and records given to `translate` as values.
 */
export type CarriedFieldsJson = string;

/** What a record asks to translate: a query text, or a criteria body (a parsed JSON value, checked by decompile). */
export type RecordInput = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'criteria'; readonly body: unknown };

/**
 * One input record as a source reads it: its 1-based `line` (where the record starts in the input; for an array
 * given to `translate`, the 1-based index), the carried `fields`, and either the `input` to translate or the
 * `error` that made the record unreadable (bad JSON, no `query` field, invalid UTF-8, …, see inputErrors.ts).
 */
export type SourceRecord =
  | { readonly line: number; readonly fields?: CarriedFields; readonly fieldsJson?: CarriedFieldsJson; readonly input: RecordInput; readonly error?: undefined }
  | { readonly line: number; readonly fields?: CarriedFields; readonly fieldsJson?: CarriedFieldsJson; readonly input?: undefined; readonly error: Diagnostic };

/**
 * One result of a bulk translation, in the order of the input records, as printed by `kq translate` (JSON keys in
 * this order):
 * - `line`: 1-based line where the input record starts (the index for arrays);
 * - `fields`: the carried fields, absent for text inputs and for bodies given without a wrapper — parsed values, so
 *   a number a double cannot hold exactly (`12345678901234567890`, `1e400`, `1.0`, `-0`) is only approximated here;
 * - `fieldsJson`: for records read from JSON text (JSONL, JSON), the carried fields exactly as written, as one
 *   minified JSON object text (rawFields.ts). The output writers (`resultJson`, the CSV `fields` column) print this
 *   instead of `fields`, so `kq translate` carries every field through byte for byte (white space aside);
 * - `ok`: true when the translation succeeded (no error diagnostic);
 * - `query`: the query text — the input of a text → criteria record, the output of a criteria → text one (absent
 *   when the record could not be read or the decompile failed);
 * - `criteria`: the criteria body — the output of text → criteria (absent on errors), the input of criteria → text;
 * - `diagnostics`: errors and warnings (infos such as KQ2015 "which context was chosen" are left out), spans in
 *   UTF-16 offsets into `query`; decompile diagnostics carry a JSON `pointer` into `criteria` instead;
 * - `frame`: the diagnostics rendered as rustc-style code frames, without colour, when there are any.
 */
export interface TranslateResult {
  readonly line: number;
  readonly fields?: CarriedFields;
  readonly fieldsJson?: CarriedFieldsJson;
  readonly ok: boolean;
  readonly query?: string;
  readonly criteria?: unknown;
  readonly diagnostics: Diagnostic[];
  readonly frame?: string;
  /**
   * True when the query used a relative date (`now-7d`, `today`): resolved against the run's clock, since Kustomer
   * has no relative date syntax (kustomer-search-api.md §4), so saved searches made from the criteria stay put.
   */
  readonly relativeDates?: true;
}

/**
 * Options for `translate`: the compile options (they apply to both directions: `decompile` checks the text with
 * them too), plus:
 * - `to`: the direction, default `'criteria'`;
 * - `inputFormat`: how a byte/text stream is read, default `'text'` for `to: 'criteria'` and `'jsonl'` for
 *   `to: 'text'` (ignored for arrays, whose elements are records already);
 * - `jobs`: worker threads; 1 (the default) translates in the calling thread;
 * - `batchSize`: records per message to a worker, default 256;
 * - `maxRecordBytes`: the longest input record accepted, in bytes, default 16 MiB (a longer one is an error record,
 *   and memory stays bounded on a file without newlines);
 * - `maxTotalBytes`: the most bytes read from a stream or `Uint8Array` in all, default 1 GiB (past it, iterating
 *   throws an InputTooLargeError: an endless stream such as `/dev/zero` stops) — the same limits as `kq run --data`
 *   and `.load` (recordReader.ts `recordLimits`);
 * - `fileName`: the name shown in code frames' `-->` lines, default `query` (text) or `criteria` (bodies);
 * - `onHeader`: called once with the names of the carried columns of a CSV input (its header without `query`,
 *   duplicates renamed `name#2`, …), before the first result.
 *
 * When `now` is not given, the clock is read once when `translate` starts, so that every record (in every worker)
 * resolves relative dates against the same instant.
 */
export interface TranslateOptions extends CompileOptions {
  readonly to?: Direction;
  readonly inputFormat?: InputFormat;
  readonly jobs?: number;
  readonly batchSize?: number;
  readonly maxRecordBytes?: number;
  readonly maxTotalBytes?: number;
  readonly fileName?: string;
  readonly onHeader?: (columns: readonly string[]) => void;
}

/** The default of {@link TranslateOptions.maxRecordBytes}: 16 MiB. */
export const defaultMaxRecordBytes = 16 * 1024 * 1024;

/** The default of {@link TranslateOptions.maxTotalBytes}: 1 GiB. */
export const defaultMaxTotalBytes = 1024 * 1024 * 1024;

/** The default of {@link TranslateOptions.batchSize}. */
export const defaultBatchSize = 256;
