/**
 * `kq fmt`: canonical query text. Input is one query per line (stdin, a file, or the argument); blank lines and
 * `#` comment lines are kept as they are, so a file of saved queries can be rewritten in place of itself.
 */
import { readFileSync } from 'node:fs';
import { renderDiagnostics } from '../../render/index.js';
import { format } from '../../index.js';
import { type CliIO, type Command, UsageError, readTextArgument } from '../common.js';

interface Source {
  readonly name: string;
  readonly content: string;
}

/**
 * Formats every query line of `source` and prints the result (or, with `check`, the lines that are not canonical).
 * A leading BOM is dropped; the output keeps the input's line endings (CRLF or LF); a line with syntax errors is
 * written back unchanged, its code frame on stderr. Returns the counts of changed and failed lines.
 */
function formatLines(source: Source, check: boolean, io: CliIO): { changed: number; failed: number } {
  const content = source.content.replace(/^\ufeff/, '');
  source = { ...source, content };
  if (content === '') return { changed: 0, failed: 0 };
  const eol = content.includes('\r\n') ? '\r\n' : '\n';
  const lines = content.split(/\r?\n/);
  // A final line ending ends the last line; it does not start an empty one.
  if (lines[lines.length - 1] === '') lines.pop();
  let changed = 0;
  let failed = 0;
  let lineStart = 0;
  const out: string[] = [];
  lines.forEach((line, i) => {
    const start = lineStart;
    lineStart += line.length + (source.content[lineStart + line.length] === '\r' ? 2 : 1);
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) {
      out.push(line);
      return;
    }
    const result = format(line);
    if (result.text === undefined) {
      failed++;
      out.push(line); // nothing is lost: a line that does not parse is written back unchanged
      const shown = result.diagnostics.map((d) => ({ ...d, span: { start: d.span.start + start, end: d.span.end + start } }));
      io.stderr(`${renderDiagnostics(source.content, shown, { color: io.color, fileName: source.name })}\n\n`);
      return;
    }
    if (result.diagnostics.length) {
      // Warnings (a lower-case `or` is formatted as the word "or", which may not be what was meant).
      const shown = result.diagnostics.map((d) => ({ ...d, span: { start: d.span.start + start, end: d.span.end + start } }));
      io.stderr(`${renderDiagnostics(source.content, shown, { color: io.color, fileName: source.name })}\n\n`);
    }
    if (result.text !== line) {
      changed++;
      if (check) io.stdout(`${source.name}:${i + 1}: not canonical\n  - ${line}\n  + ${result.text}\n`);
    }
    out.push(result.text);
  });
  if (!check) io.stdout(out.map((l) => l + eol).join(''));
  return { changed, failed };
}

/** One query given as the argument: its newlines are white space, `#` is not a comment. */
function formatArgument(text: string, check: boolean, io: CliIO): { changed: number; failed: number } {
  const result = format(text);
  if (result.diagnostics.length) io.stderr(`${renderDiagnostics(text, result.diagnostics, { color: io.color })}\n\n`);
  if (result.text === undefined) return { changed: 0, failed: 1 };
  if (check) {
    if (result.text !== text) io.stdout(`query: not canonical\n  - ${text}\n  + ${result.text}\n`);
  } else io.stdout(`${result.text}\n`);
  return { changed: result.text === text ? 0 : 1, failed: 0 };
}

/** `kq fmt`. */
export const fmtCommand: Command = {
  names: ['fmt', 'format'],
  usage: `  kq fmt [query|-]         print the canonical text of a query, or of each line of stdin / --file <f>
                           (--check: print file:line for each line not canonical, exit 1)`,
  options: { check: { type: 'boolean' }, file: { type: 'string', multiple: true } },
  async run(_name, rest, values, io) {
    const check = values.check === true;
    const sources: Source[] = [];
    if (Array.isArray(values.file)) {
      if (rest.length) throw new UsageError('give either a query or --file, not both');
      for (const path of values.file.map(String)) {
        try {
          sources.push({ name: path, content: readFileSync(path, 'utf8') });
        } catch (e) {
          throw new UsageError(`cannot read ${path}: ${(e as Error).message}`);
        }
      }
    } else if (rest.length === 0 || rest[0] === '-') {
      if (rest.length > 1) throw new UsageError(`expected one query, got ${rest.length} arguments (quote the query)`);
      if (io.stdinIsTTY && rest.length === 0) throw new UsageError('no query given (pass it as an argument, or on stdin)');
      // Read whole, not through readTextArgument: its dropped final newline would lose a trailing blank line.
      sources.push({ name: 'stdin', content: await io.readStdin() });
    } else {
      const text = await readTextArgument(rest, io);
      const r = formatArgument(text, check, io);
      if (check && r.changed + r.failed > 0) io.stderr(`kq fmt: ${r.changed} query not canonical, ${r.failed} with errors\n`);
      return r.failed > 0 || (check && r.changed > 0) ? 1 : 0;
    }
    let changed = 0;
    let failed = 0;
    for (const s of sources) {
      const r = formatLines(s, check, io);
      changed += r.changed;
      failed += r.failed;
    }
    if (check && changed + failed > 0) io.stderr(`kq fmt: ${changed} line(s) not canonical, ${failed} with errors\n`);
    return failed > 0 || (check && changed > 0) ? 1 : 0;
  },
};
