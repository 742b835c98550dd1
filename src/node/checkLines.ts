/**
 * `kq translate --check`: each error and warning of a result as one line, `file:line:col: code severity: message`,
 * the form compilers print and CI problem matchers read.
 *
 * `line` is the input line: for a text input the query's own line, and `col` its UTF-16 column there (1-based,
 * the position of the span start); for JSONL, JSON and CSV inputs, the line the record starts on, and `col` the
 * column in the query. A decompile diagnostic gives column 1 and ends with `(at <JSON pointer>)`; an unreadable
 * record, column 1.
 */
import { lineColumn } from '../diagnostics/location.js';
import type { InputFormat, TranslateResult } from './records.js';

/** Control, line-separator and bidi characters, which would break the line or reorder it on a terminal. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `text` on one line, unsafe characters escaped as `\u{XX}`. */
export function oneLine(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u{${c.charCodeAt(0).toString(16).toUpperCase()}}`);
}

/** The `--check` lines of `result` (errors and warnings), each without a newline. */
export function checkLines(result: TranslateResult, fileName: string, inputFormat: InputFormat): string[] {
  return result.diagnostics.map((d) => {
    let line = result.line;
    let column = 1;
    let where = '';
    if (typeof d.pointer === 'string') where = ` (at ${d.pointer === '' ? 'the whole body' : oneLine(d.pointer)})`;
    else if (result.query !== undefined) {
      const at = lineColumn(result.query, d.span.start);
      line = inputFormat === 'text' ? result.line + at.line - 1 : result.line;
      column = at.column;
    }
    return `${oneLine(fileName)}:${line}:${column}: ${oneLine(d.code)} ${d.severity}: ${oneLine(d.message)}${where}`;
  });
}
