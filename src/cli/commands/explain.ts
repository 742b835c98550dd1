/**
 * `kq explain [query|-]`: the query read back in plain English (a thin wrapper over `explainQuery`). The query is
 * the argument, or the `.kq` text on stdin or in `--file` paths (syntax/kqFormat.ts): each of its queries is explained
 * under a `# file:line` header, or, when there is only one, as the argument would be.
 */
import { explainQuery } from '../../index.js';
import {
  type CliIO,
  type Command,
  type FlagValues,
  type QueryPlace,
  UsageError,
  compileFlags,
  compileOptions,
  noQueryMessage,
  printDiagnostics,
  readQueries,
  refuseEmpty,
  toJson,
} from '../common.js';

/** Explains one query; returns whether it could be explained. */
function explainOne(text: string, values: FlagValues, io: CliIO, place?: QueryPlace, header?: number): boolean {
  const explanation = explainQuery(text, compileOptions(values));
  const diagnostics = refuseEmpty(explanation.diagnostics, values, 'explain');
  if (values.json) {
    const where = place && header !== undefined ? { file: place.fileName, line: header, query: text } : {};
    io.stdout(`${toJson({ ...where, text: explanation.text ?? null, criteria: explanation.criteria ?? null, diagnostics }, values)}\n`);
    return explanation.text !== undefined;
  }
  // The chosen context is part of the explanation ("conversations …"): only warnings and errors are shown.
  printDiagnostics(text, diagnostics.filter((d) => d.severity !== 'info'), io, values, place);
  if (header !== undefined) io.stdout(`# ${place!.fileName}:${header}\n${text.trim()}\n`);
  if (explanation.text !== undefined) io.stdout(`${explanation.text}\n${header !== undefined ? '\n' : ''}`);
  return explanation.text !== undefined;
}

/** `kq explain`. */
export const explainCommand: Command = {
  names: ['explain'],
  usage: `  kq explain [query|-]     the query in plain English, from the criteria it compiles to (--json: {text, criteria, diagnostics});
                           - or --file <f>: each query of a .kq text`,
  options: { ...compileFlags, json: { type: 'boolean' }, compact: { type: 'boolean' }, file: { type: 'string', multiple: true } },
  async run(_name, rest, values, io) {
    const input = await readQueries(rest, values, io, 'explain');
    if (input.kind === 'argument') return explainOne(input.text, values, io) ? 0 : 1;
    const all = input.sources.flatMap((s) => s.queries.map((q) => ({ s, q })));
    if (all.length === 0) throw new UsageError(noQueryMessage(input.sources));
    if (all.length === 1 && values.file === undefined) {
      const { s, q } = all[0]!;
      return explainOne(q.text, values, io, { content: s.content, fileName: s.name, offset: q.start }) ? 0 : 1;
    }
    let failed = false;
    for (const { s, q } of all) {
      if (!explainOne(q.text, { ...values, compact: values.json === true ? true : values.compact }, io, { content: s.content, fileName: s.name, offset: q.start }, q.line)) failed = true;
    }
    return failed ? 1 : 0;
  },
};
