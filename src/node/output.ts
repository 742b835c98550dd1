/**
 * The output formats of `kq translate`: result records as JSON Lines (the default), one JSON array, or CSV (written
 * by csv-stringify). Each writer turns results into text, in order, in constant memory.
 */
import { stringify } from 'csv-stringify/sync';
import { uniqueColumnNames } from './csvSource.js';
import type { InputFormat, TranslateResult } from './records.js';

/** The output formats. */
export type OutputFormat = 'jsonl' | 'json' | 'csv';

/** The output formats, for flag validation and messages. */
export const outputFormats: readonly OutputFormat[] = ['jsonl', 'json', 'csv'];

/** Writes results as text: `record` for each result in order, then `end` once. */
export interface ResultWriter {
  record(result: TranslateResult): string;
  end(): string;
}

/**
 * A result as one line of JSON, keys in the order of `TranslateResult`: `line`, `fields`, `ok`, `query`,
 * `criteria`, `diagnostics`, `frame`. The carried fields are written from their source text (`fieldsJson`) when the
 * record was read from JSON, so they come out exactly as written (`12345678901234567890`, `1.0`, `1e400`, `-0`);
 * `fieldsJson` itself is not a key of the output.
 */
export function resultJson(result: TranslateResult): string {
  const { line, fields, fieldsJson, ...rest } = result;
  const carried = fieldsJson ?? (fields !== undefined ? JSON.stringify(fields) : undefined);
  return `{"line":${JSON.stringify(line)},${carried !== undefined ? `"fields":${carried},` : ''}${JSON.stringify(rest).slice(1)}`;
}

/** JSON Lines: each result as one line of JSON ({@link resultJson}). */
export function jsonlWriter(): ResultWriter {
  return { record: (result) => `${resultJson(result)}\n`, end: () => '' };
}

/** One JSON array, one result per line: `[`, the results separated by `,`, `]`; `[]` when there are none. */
export function jsonWriter(): ResultWriter {
  let first = true;
  return {
    record(result) {
      const text = `${first ? '[\n' : ',\n'}${resultJson(result)}`;
      first = false;
      return text;
    },
    end: () => (first ? '[]\n' : '\n]\n'),
  };
}

/** The CSV output's own columns, besides the carried ones. */
const resultColumns = ['line', 'ok', 'query', 'criteria', 'codes', 'diagnostics', 'frame'] as const;

/**
 * CSV with a header row: `line`, the carried fields, `ok`, `query`, `criteria` (JSON), `codes` (the diagnostic
 * codes, space-separated), `diagnostics` (JSON) and `frame`. The carried fields are one column each for a CSV input
 * (`columns()`, its header without `query`, known once the input's header is read), one `fields` column holding
 * them as JSON for a JSONL or JSON input (as written: `fieldsJson`), and none for a text input. A carried CSV column
 * whose name is one of the output's own is renamed `name#2` (or `#3`, …) in the header, so header names are unique.
 */
export function csvWriter(inputFormat: InputFormat, columns: () => readonly string[]): ResultWriter {
  let carried: readonly string[] | undefined;
  const header = (): string => {
    carried = inputFormat === 'csv' ? columns() : [];
    return csvHeader(inputFormat, carried);
  };
  return {
    record(result) {
      const head = carried === undefined ? header() : '';
      return head + csvRow(result, inputFormat, carried!);
    },
    end: () => (carried === undefined ? header() : ''),
  };
}

/**
 * The header row of {@link csvWriter}'s output, with its newline: `carried` is the carried columns of a CSV input
 * (ignored for other input formats).
 */
export function csvHeader(inputFormat: InputFormat, carried: readonly string[]): string {
  // A carried column named like one of ours (`line`, `ok`, `query`, …) is renamed `name#2` (`#3`, … if that is
  // taken too) in the header, as the CSV reader renames repeated names: every header name is unique.
  const fieldColumns = inputFormat === 'csv' ? uniqueColumnNames([...resultColumns, ...carried]).slice(resultColumns.length) : inputFormat === 'text' ? [] : ['fields'];
  return stringify([['line', ...fieldColumns, 'ok', 'query', 'criteria', 'codes', 'diagnostics', 'frame']]);
}

/** One row of {@link csvWriter}'s output, with its newline: `carried` as for {@link csvHeader}. */
export function csvRow(result: TranslateResult, inputFormat: InputFormat, carried: readonly string[]): string {
  const fields = result.fields ?? {};
  const fieldValues =
    inputFormat === 'csv'
      ? carried.map((name) => (Object.hasOwn(fields, name) ? String(fields[name]) : ''))
      : inputFormat === 'text'
        ? []
        : [result.fieldsJson ?? (result.fields === undefined ? '' : JSON.stringify(result.fields))];
  const row = [
    String(result.line),
    ...fieldValues,
    String(result.ok),
    result.query ?? '',
    result.criteria === undefined ? '' : JSON.stringify(result.criteria),
    result.diagnostics.map((d) => d.code).join(' '),
    result.diagnostics.length > 0 ? JSON.stringify(result.diagnostics) : '',
    result.frame ?? '',
  ];
  return stringify([row]);
}
