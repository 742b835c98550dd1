/**
 * The `.kq` format: a file (or stdin) of saved queries, as every `kq` command that takes queries reads `-` and
 * `--file` (compile, check, explain, fmt, run, translate's `text` input).
 *
 * - One query per line. Lines end at `\n`; a `\r` before it is part of the line ending (CRLF files read the same).
 * - A blank line (nothing but white space) is skipped, and so is a comment line: one whose first non-blank character
 *   is `#`. `#` elsewhere is part of the query (a query never starts with `#`).
 * - A query is the line as written, white space around it included (it does not change the query's meaning); line
 *   numbers count every line, skipped ones too, from 1, so diagnostics name `file:line` of the query.
 * - A UTF-8 byte order mark at the start of the text is dropped. The bytes must be UTF-8 (text.ts `decodeUtf8`).
 * - A query cannot span lines; a query given as one command-line argument is never split (its newlines are white
 *   space, and `#` is not a comment there).
 */

/** One query of a `.kq` text: its 1-based `line`, its `text` (the line without its ending), and `start`, the UTF-16 offset of the line in the whole text. */
export interface KqQuery {
  readonly line: number;
  readonly text: string;
  readonly start: number;
}

/**
 * The query on one line of a `.kq` text (the line without its `\n`; a final `\r` is dropped), or undefined when the
 * line is blank or a `#` comment. The one definition of what a `.kq` line holds; see the module comment.
 */
export function kqQuery(line: string): string | undefined {
  const text = line.charCodeAt(line.length - 1) === 0x0d ? line.slice(0, -1) : line;
  const first = text.trimStart();
  if (first === '' || first.startsWith('#')) return undefined;
  return text;
}

/**
 * The lines of a `.kq` text, each with its number and start offset; `query` is the line's query, or undefined for a
 * blank or comment line. A leading byte order mark is dropped (offsets then count from after it); a final line
 * ending ends the last line rather than starting an empty one. For commands that keep every line (`kq fmt`).
 */
export function kqLines(text: string): { readonly line: number; readonly raw: string; readonly start: number; readonly query: string | undefined }[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const out: { line: number; raw: string; start: number; query: string | undefined }[] = [];
  if (body === '') return out;
  let start = 0;
  for (let line = 1; start <= body.length; line++) {
    let end = body.indexOf('\n', start);
    if (end === -1) end = body.length;
    if (end === body.length && start === body.length) break; // after a final line ending: no empty last line
    const raw = body.slice(start, end);
    out.push({ line, raw: raw.endsWith('\r') ? raw.slice(0, -1) : raw, start, query: kqQuery(raw) });
    start = end + 1;
  }
  return out;
}

/**
 * The queries of a `.kq` text (see the module comment), in order. `parseKq('a\n# saved\n\n  b\r\n')` is
 * `[{line: 1, text: 'a', start: 0}, {line: 4, text: '  b', start: 11}]`.
 */
export function parseKq(text: string): KqQuery[] {
  return kqLines(text).flatMap((l) => (l.query === undefined ? [] : [{ line: l.line, text: l.query, start: l.start }]));
}
