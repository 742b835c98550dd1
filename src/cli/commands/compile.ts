/**
 * `kq compile` and `kq check`: one query given as the argument, or the queries of `.kq` texts — stdin (`-`) or
 * `--file` paths — one per line (syntax/kqFormat.ts).
 *
 * Output: for the argument, the criteria JSON (`compile`) or nothing (`check`), diagnostics on stderr. For `.kq`
 * texts, each query under a `# file:line` header, then its criteria (or `ok`), then its code frames drawn against
 * the file (so they show `--> file:line:col`); `--json` prints one `{file, line, query, criteria, diagnostics}`
 * line per query. Stdin holding exactly one query prints as the argument would (so `echo q | kq compile | jq` works),
 * with its diagnostics at `stdin:line`.
 */
import { compile } from '../../index.js';
import { renderDiagnostics } from '../../render/index.js';
import {
  type CliIO,
  type Command,
  type FlagValues,
  type KqSource,
  type QueryPlace,
  UsageError,
  compileFlags,
  compileFlagsHelp,
  compileOptions,
  noQueryMessage,
  printDiagnostics,
  readQueries,
  refuseEmpty,
  shownDiagnostics,
  toJson,
} from '../common.js';

/** The queries of `.kq` texts, each under its `# file:line` header (or as JSON lines with `--json`). */
function compileSources(command: string, sources: readonly KqSource[], values: FlagValues, io: CliIO): number {
  const opts = compileOptions(values, io);
  let failed = false;
  for (const source of sources) {
    for (const q of source.queries) {
      const result = compile(q.text, opts);
      if (!result.criteria) failed = true;
      if (values.json) {
        io.stdout(`${JSON.stringify({ file: source.name, line: q.line, query: q.text, criteria: result.criteria, diagnostics: result.diagnostics })}\n`);
        continue;
      }
      io.stdout(`# ${source.name}:${q.line}\n${q.text.trim()}\n`);
      if (result.criteria && command === 'compile') io.stdout(`${toJson(result.criteria, values)}\n\n`);
      else if (result.criteria) io.stdout('ok\n\n');
      // Frames are drawn against the whole file, so they show the file's own line numbers.
      const shown = shownDiagnostics(result.diagnostics, values).map((d) => ({ ...d, span: { start: d.span.start + q.start, end: d.span.end + q.start } }));
      if (shown.length) io.stdout(`${renderDiagnostics(source.content, shown, { color: false, fileName: source.name })}\n\n`);
    }
  }
  return failed ? 1 : 0;
}

/** One query (the argument, or the only query on stdin, whose frames then say `stdin:line`). */
function compileOne(command: string, text: string, values: FlagValues, io: CliIO, place?: QueryPlace): number {
  const result = compile(text, compileOptions(values, io));
  const diagnostics = refuseEmpty(result.diagnostics, values, command);
  if (values.json) {
    io.stdout(`${toJson({ criteria: result.criteria ?? null, diagnostics }, values)}\n`);
    return result.criteria ? 0 : 1;
  }
  printDiagnostics(text, diagnostics, io, values, place);
  if (!result.criteria) return 1;
  if (command === 'compile') io.stdout(`${toJson(result.criteria, values)}\n`);
  return 0;
}

/** `kq compile` / `kq check`. */
export const compileCommand: Command = {
  names: ['compile', 'check'],
  usage: `  kq compile [query|-]     compile a query (the argument) and print the criteria JSON; - reads queries from stdin
  kq compile --file <f>    compile every query in a .kq file (one per line, # comments) or a folder of them
  kq check [query|-]       only check: print diagnostics, exit 1 on errors (also --file)`,
  optionsHelp: `Options for compile and check (the compile options also for run, explain, fields, decompile, translate):
${compileFlagsHelp}
  --compact                print JSON on one line
  --json                   print {criteria, diagnostics} as JSON (machine-readable diagnostics)
  A query that starts with '-' (a negation) goes after '--': kq compile -- '-conversation_status:done'; options
  go before '--' (everything after it is the query).`,
  options: { ...compileFlags, compact: { type: 'boolean' }, json: { type: 'boolean' }, file: { type: 'string', multiple: true } },
  async run(command, rest, values, io) {
    const input = await readQueries(rest, values, io, command);
    if (input.kind === 'argument') return compileOne(command, input.text, values, io);
    const [only] = input.sources;
    if (input.sources.every((s) => s.queries.length === 0)) throw new UsageError(noQueryMessage(input.sources));
    if (values.file === undefined && input.sources.length === 1 && only!.queries.length === 1) {
      const q = only!.queries[0]!;
      return compileOne(command, q.text, values, io, { content: only!.content, fileName: only!.name, offset: q.start });
    }
    return compileSources(command, input.sources, values, io);
  },
};
