/**
 * `kq decompile`: Kustomer criteria JSON → query text. Input (argument, stdin or --file) is one JSON body, a JSON
 * array of bodies, or JSONL (one body per line). Output is one line of text per body, in order. Input is UTF-8,
 * read strictly (node/text.ts): invalid bytes are a usage error naming the byte offset and line.
 */
import { decompile } from '../../index.js';
import { readTextFile, Utf8Error } from '../../node/index.js';
import { renderDiagnostics } from '../../render/index.js';
import { type Command, UsageError, compileFlags, compileOptions, readTextArgument } from '../common.js';

/** One body to decompile, or the reason its text is not JSON. */
type Entry = { label: string; body?: unknown; error?: string };

/**
 * The bodies in `text` (a leading BOM dropped): one JSON document (a body, or an array of bodies), else JSON Lines
 * (one body per non-blank line). Text that is neither — its first non-blank line is not JSON by itself — is one
 * entry with the whole document's parse error, rather than an error for every line of a pretty-printed body.
 */
function bodies(raw: string, name: string): Entry[] {
  const text = raw.replace(/^\ufeff/, '');
  let documentError: string;
  try {
    const json: unknown = JSON.parse(text);
    if (Array.isArray(json)) return json.map((body, i) => ({ label: `${name}[${i}]`, body }));
    return [{ label: name, body: json }];
  } catch (e) {
    documentError = (e as Error).message;
  }
  const lines = text.split(/\r?\n/);
  const first = lines.find((l) => l.trim() !== '');
  if (first === undefined) return [];
  try {
    JSON.parse(first);
  } catch {
    return [{ label: name, error: `not JSON: ${documentError}` }];
  }
  const out: Entry[] = [];
  lines.forEach((line, i) => {
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

/** `kq decompile`. */
export const decompileCommand: Command = {
  names: ['decompile'],
  usage: `  kq decompile [json|-]    Kustomer criteria JSON (a body, an array, or JSONL; argument, stdin or --file <f>) → query
                           text, one line per body in order (--json: {source, text, diagnostics[, error]} per body)`,
  options: { ...compileFlags, json: { type: 'boolean' }, file: { type: 'string' } },
  async run(_name, rest, values, io) {
    const opts = compileOptions(values);
    let text: string;
    let name = 'criteria';
    if (typeof values.file === 'string') {
      if (rest.length) throw new UsageError('give either criteria JSON or --file, not both');
      name = values.file;
      try {
        text = readTextFile(values.file); // strict UTF-8: invalid bytes are an error naming the line, not U+FFFD
      } catch (e) {
        throw new UsageError(e instanceof Utf8Error ? e.message : `cannot read ${values.file}: ${(e as Error).message}`);
      }
    } else {
      text = await readTextArgument(rest, io, 'criteria JSON', 'decompile');
    }
    let failed = 0;
    for (const entry of bodies(text, name)) {
      if (entry.error !== undefined) {
        failed++;
        if (values.json) io.stdout(`${JSON.stringify({ source: entry.label, text: null, diagnostics: [], error: entry.error })}\n`);
        else {
          io.stderr(`kq: ${entry.label}: ${entry.error}\n`);
          io.stdout(`# ${entry.label}: not JSON\n`);
        }
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
