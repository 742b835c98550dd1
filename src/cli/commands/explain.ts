/** `kq explain [query|-]`: the query read back in plain English (a thin wrapper over `explainQuery`). */
import { explainQuery } from '../../index.js';
import { type Command, compileFlags, compileOptions, printDiagnostics, readTextArgument, toJson } from '../common.js';

/** `kq explain`. */
export const explainCommand: Command = {
  names: ['explain'],
  usage: `  kq explain [query|-]     the query in plain English, from the criteria it compiles to (--json: {text, criteria, diagnostics})`,
  options: { ...compileFlags, json: { type: 'boolean' }, compact: { type: 'boolean' } },
  async run(_name, rest, values, io) {
    const opts = compileOptions(values);
    const text = await readTextArgument(rest, io);
    const explanation = explainQuery(text, opts);
    if (values.json) {
      io.stdout(`${toJson({ text: explanation.text ?? null, criteria: explanation.criteria ?? null, diagnostics: explanation.diagnostics }, values)}\n`);
      return explanation.text === undefined ? 1 : 0;
    }
    // The chosen context is part of the explanation ("conversations …"): only warnings and errors are shown.
    printDiagnostics(text, explanation.diagnostics.filter((d) => d.severity !== 'info'), io);
    if (explanation.text === undefined) return 1;
    io.stdout(`${explanation.text}\n`);
    return 0;
  },
};
