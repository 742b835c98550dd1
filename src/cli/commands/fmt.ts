/**
 * `kq fmt`: canonical query text. Input is one query per line (stdin, a file, or the argument); blank lines and
 * `#` comment lines are kept as they are, so a file of saved queries can be rewritten in place of itself.
 */
import { readFileSync } from 'node:fs';
import { renderDiagnostics } from '../../diagnostics/render.js';
import { format } from '../../syntax/format.js';
import { type CliIO, type Command, UsageError, readTextArgument } from '../shared.js';

interface Source {
  readonly name: string;
  readonly content: string;
}

/** Formats every query line of `source`; returns [output lines, lines not canonical, lines with errors]. */
function formatLines(source: Source, check: boolean, io: CliIO): { changed: number; failed: number } {
  const lines = source.content.split(/\r?\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
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
  if (!check) io.stdout(out.length ? `${out.join('\n')}\n` : '');
  return { changed, failed };
}

/** `kq fmt`. */
export const fmtCommand: Command = {
  names: ['fmt', 'format'],
  usage: `  kq fmt [query|-]         print the canonical text of a query, or of each line of stdin / --file (--check: exit 1 if not canonical)`,
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
    } else {
      const fromStdin = rest.length === 0 || rest[0] === '-';
      const text = await readTextArgument(rest, io);
      // The argument is one query (its newlines are white space); stdin holds one query per line.
      sources.push({ name: fromStdin ? 'stdin' : 'query', content: fromStdin ? text : text.replace(/\r?\n/g, ' ') });
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
