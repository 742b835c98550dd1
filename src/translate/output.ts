/**
 * The output formats of `kq translate`: result records as JSON Lines (the default), one JSON array, or CSV (written
 * by csv-stringify). Each writer turns results into text, in order, in constant memory.
 */
import { stringify } from 'csv-stringify/sync';
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

/** JSON Lines: each result as one line of JSON (keys in the order of `TranslateResult`). */
export function jsonlWriter(): ResultWriter {
  return { record: (result) => `${JSON.stringify(result)}\n`, end: () => '' };
}

/** One JSON array, one result per line: `[`, the results separated by `,`, `]`; `[]` when there are none. */
export function jsonWriter(): ResultWriter {
  let first = true;
  return {
    record(result) {
      const text = `${first ? '[\n' : ',\n'}${JSON.stringify(result)}`;
      first = false;
      return text;
    },
    end: () => (first ? '[]\n' : '\n]\n'),
  };
}

/**
 * CSV with a header row: `line`, the carried fields, `ok`, `query`, `criteria` (JSON), `codes` (the diagnostic
 * codes, space-separated), `diagnostics` (JSON) and `frame`. The carried fields are one column each for a CSV input
 * (`columns()`, its header without `query`, known once the input's header is read), one `fields` column holding
 * them as JSON for a JSONL or JSON input, and none for a text input.
 */
export function csvWriter(inputFormat: InputFormat, columns: () => readonly string[]): ResultWriter {
  let carried: readonly string[] | undefined;
  const header = (): string => {
    carried = inputFormat === 'csv' ? columns() : [];
    const fieldColumns = inputFormat === 'csv' ? carried : inputFormat === 'text' ? [] : ['fields'];
    return stringify([['line', ...fieldColumns, 'ok', 'query', 'criteria', 'codes', 'diagnostics', 'frame']]);
  };
  return {
    record(result) {
      const head = carried === undefined ? header() : '';
      const fields = result.fields ?? {};
      const fieldValues =
        inputFormat === 'csv'
          ? carried!.map((name) => (Object.hasOwn(fields, name) ? String(fields[name]) : ''))
          : inputFormat === 'text'
            ? []
            : [result.fields === undefined ? '' : JSON.stringify(result.fields)];
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
      return head + stringify([row]);
    },
    end: () => (carried === undefined ? header() : ''),
  };
}
