/**
 * `kq fmt`: canonical query text. Input is a `.kq` text (stdin, or `--file`: one query per line, syntax/kqFormat.ts),
 * or one query given as the argument; in a `.kq` text, blank lines and `#` comment lines are kept as they are, so a
 * file of saved queries can be rewritten in place of itself. Input must be UTF-8 (invalid bytes are an error, exit
 * 2, never written back as U+FFFD).
 */
import { renderDiagnostics } from '../../render/index.js';
import { format } from '../../index.js';
import { kqLines } from '../../node/index.js';
import { type CliIO, type Command, type KqSource, cliHelp as cliDiagnosticHelp, maxLengthFlag, readQueries } from '../common.js';
import type { FormatResult, ParseOptions } from '../../index.js';

/** `result` with each diagnostic's help as it applies on the command line (`--max-length`, not `maxLength`). */
function cliHelp(result: FormatResult): FormatResult {
  return { ...result, diagnostics: result.diagnostics.map(cliDiagnosticHelp) };
}

type Source = Pick<KqSource, 'name' | 'content'>;

/**
 * Formats every query line of `source` and prints the result (or, with `check`, the lines that are not canonical).
 * A leading BOM is dropped; the output keeps the input's line endings (CRLF or LF); a line with syntax errors is
 * written back unchanged, its code frame on stderr. Returns the counts of changed and failed lines.
 */
function formatLines(source: Source, check: boolean, io: CliIO, opts: ParseOptions): { changed: number; failed: number } {
  const content = source.content.replace(/^\ufeff/, '');
  source = { ...source, content };
  if (content === '') return { changed: 0, failed: 0 };
  const eol = content.includes('\r\n') ? '\r\n' : '\n';
  let changed = 0;
  let failed = 0;
  const out: string[] = [];
  // The `.kq` format's own reading of the lines (a final line ending does not start an empty line).
  kqLines(content).forEach(({ raw: line, start, query }, i) => {
    if (query === undefined) {
      out.push(line);
      return;
    }
    const result = cliHelp(format(line, opts));
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
function formatArgument(text: string, check: boolean, io: CliIO, opts: ParseOptions): { changed: number; failed: number } {
  const result = cliHelp(format(text, opts));
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
                           (--check: print file:line for each line not canonical, exit 1; --max-length <n>)`,
  options: { check: { type: 'boolean' }, file: { type: 'string', multiple: true }, 'max-length': { type: 'string' } },
  async run(_name, rest, values, io) {
    const check = values.check === true;
    // The limit applies to each query and to its canonical text (` AND ` between terms can make it longer).
    const maxLength = maxLengthFlag(values);
    const opts = maxLength === undefined ? {} : { maxLength };
    const input = await readQueries(rest, values, io, 'fmt');
    if (input.kind === 'argument') {
      const r = formatArgument(input.text, check, io, opts);
      if (check && r.changed + r.failed > 0) io.stderr(`kq fmt: ${r.changed} query not canonical, ${r.failed} with errors\n`);
      return r.failed > 0 || (check && r.changed > 0) ? 1 : 0;
    }
    const sources: readonly Source[] = input.sources;
    let changed = 0;
    let failed = 0;
    for (const s of sources) {
      const r = formatLines(s, check, io, opts);
      changed += r.changed;
      failed += r.failed;
    }
    if (check && changed + failed > 0) io.stderr(`kq fmt: ${changed} line(s) not canonical, ${failed} with errors\n`);
    return failed > 0 || (check && changed > 0) ? 1 : 0;
  },
};
