/**
 * `kq decompile`: Kustomer criteria JSON → query text. Input (argument, stdin or --file) is one JSON body, a JSON
 * array of bodies, or JSONL (one body per line). Output is one line of text per body, in order.
 */
import { readFileSync } from 'node:fs';
import { decompile } from '../../decompile/decompile.js';
import { renderDiagnostics } from '../../diagnostics/render.js';
import { type Command, UsageError, compileFlags, compileOptions, readTextArgument } from '../shared.js';

/** The bodies in `text`, each with a label for messages; a JSONL line that is not JSON is an error entry. */
function bodies(text: string, name: string): { label: string; body?: unknown; error?: string }[] {
  try {
    const json: unknown = JSON.parse(text);
    if (Array.isArray(json)) return json.map((body, i) => ({ label: `${name}[${i}]`, body }));
    return [{ label: name, body: json }];
  } catch {
    // Not one JSON document: JSON Lines, one body per non-blank line.
    const out: { label: string; body?: unknown; error?: string }[] = [];
    text.split(/\r?\n/).forEach((line, i) => {
      if (!line.trim()) return;
      const label = `${name}:${i + 1}`;
      try {
        out.push({ label, body: JSON.parse(line) });
      } catch (e) {
        out.push({ label, error: `not JSON: ${(e as Error).message}` });
      }
    });
    return out;
  }
}

/** `kq decompile`. */
export const decompileCommand: Command = {
  names: ['decompile'],
  usage: `  kq decompile [json|-]    Kustomer criteria JSON (a body, an array, or JSONL; argument, stdin or --file) → query text`,
  options: { ...compileFlags, json: { type: 'boolean' }, file: { type: 'string' } },
  async run(_name, rest, values, io) {
    const opts = compileOptions(values);
    let text: string;
    let name = 'criteria';
    if (typeof values.file === 'string') {
      if (rest.length) throw new UsageError('give either criteria JSON or --file, not both');
      name = values.file;
      try {
        text = readFileSync(values.file, 'utf8');
      } catch (e) {
        throw new UsageError(`cannot read ${values.file}: ${(e as Error).message}`);
      }
    } else {
      text = await readTextArgument(rest, io, 'criteria JSON');
    }
    let failed = 0;
    for (const entry of bodies(text, name)) {
      if (entry.error !== undefined) {
        failed++;
        if (values.json) io.stdout(`${JSON.stringify({ source: entry.label, error: entry.error })}\n`);
        else io.stderr(`kq: ${entry.label}: ${entry.error}\n`);
        continue;
      }
      const result = decompile(entry.body, opts);
      if (result.text === undefined) failed++;
      if (values.json) {
        io.stdout(`${JSON.stringify({ source: entry.label, text: result.text ?? null, diagnostics: result.diagnostics })}\n`);
        continue;
      }
      if (result.diagnostics.length) io.stderr(`${renderDiagnostics('', result.diagnostics, { color: io.color, fileName: entry.label })}\n\n`);
      // One output line per body, so outputs line up with inputs; a body that fails leaves a comment line.
      io.stdout(result.text !== undefined ? `${result.text}\n` : `# ${entry.label}: not decompiled (see the errors)\n`);
    }
    return failed ? 1 : 0;
  },
};
