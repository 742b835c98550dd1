/** `kq compile` and `kq check`: one query (argument or stdin), or every query in .kq files (`--file`). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { compile } from '../../index.js';
import { renderDiagnostics } from '../../render/index.js';
import {
  type CliIO,
  type Command,
  type FlagValues,
  UsageError,
  compileFlags,
  compileFlagsHelp,
  compileOptions,
  printDiagnostics,
  readTextArgument,
  toJson,
} from '../common.js';

/** The .kq files a --file argument names: the file itself, or the *.kq files of a folder (sorted). */
function queryFiles(path: string): string[] {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new UsageError(`no such file or folder: ${path}`);
  }
  if (!stat.isDirectory()) return [path];
  return readdirSync(path)
    .filter((f) => f.endsWith('.kq'))
    .sort()
    .map((f) => join(path, f));
}

function compileFiles(command: string, files: string[], values: FlagValues, io: CliIO): number {
  const opts = compileOptions(values);
  let failed = false;
  for (const path of files.flatMap(queryFiles)) {
    const content = readFileSync(path, 'utf8');
    const lines = content.split(/\r?\n/);
    let lineStart = 0;
    lines.forEach((line, i) => {
      const offset = lineStart + (line.length - line.trimStart().length);
      lineStart += line.length + (content[lineStart + line.length] === '\r' ? 2 : 1);
      const text = line.trim();
      if (!text || text.startsWith('#')) return;
      const result = compile(text, opts);
      if (!result.criteria) failed = true;
      if (values.json) {
        io.stdout(`${JSON.stringify({ file: path, line: i + 1, query: text, criteria: result.criteria, diagnostics: result.diagnostics })}\n`);
        return;
      }
      io.stdout(`# ${path}:${i + 1}\n${text}\n`);
      if (result.criteria && command === 'compile') io.stdout(`${toJson(result.criteria, values)}\n\n`);
      else if (result.criteria) io.stdout('ok\n\n');
      // Frames are drawn against the whole file, so they show the file's own line numbers.
      const shown = result.diagnostics
        .filter((d) => d.severity !== 'info' || !result.criteria)
        .map((d) => ({ ...d, span: { start: d.span.start + offset, end: d.span.end + offset } }));
      if (shown.length) io.stdout(`${renderDiagnostics(content, shown, { color: false, fileName: path })}\n\n`);
    });
  }
  return failed ? 1 : 0;
}

/** `kq compile` / `kq check`. */
export const compileCommand: Command = {
  names: ['compile', 'check'],
  usage: `  kq compile [query|-]     compile a query (from the argument, or stdin) and print the criteria JSON
  kq compile --file <f>    compile every query in a .kq file (one per line, # comments) or a folder of them
  kq check [query|-]       only check: print diagnostics, exit 1 on errors`,
  optionsHelp: `Options for compile and check (the first five also for fields, decompile and the other commands that check):
${compileFlagsHelp}
  --compact                print JSON on one line
  --json                   print {criteria, diagnostics} as JSON (machine-readable diagnostics)`,
  options: { ...compileFlags, compact: { type: 'boolean' }, json: { type: 'boolean' }, file: { type: 'string', multiple: true } },
  async run(command, rest, values, io) {
    const files = values.file;
    if (Array.isArray(files)) {
      if (rest.length) throw new UsageError('give either a query or --file, not both');
      return compileFiles(command, files.map(String), values, io);
    }
    const opts = compileOptions(values);
    const text = await readTextArgument(rest, io);
    const result = compile(text, opts);
    if (values.json) {
      io.stdout(`${toJson({ criteria: result.criteria ?? null, diagnostics: result.diagnostics }, values)}\n`);
      return result.criteria ? 0 : 1;
    }
    printDiagnostics(text, result.diagnostics, io);
    if (!result.criteria) return 1;
    if (command === 'compile') io.stdout(`${toJson(result.criteria, values)}\n`);
    return 0;
  },
};
