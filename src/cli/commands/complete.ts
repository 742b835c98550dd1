/**
 * `kq complete [--at N] [query|-]`: what can be typed at offset N of the query (a thin wrapper over `complete`), one
 * item per line as `text<TAB>kind<TAB>detail` (text is what replaces the span), or `--json` for `{from, to, items}`.
 * Stdin (`-`) is one text, strictly UTF-8, that `--at` points into — not a `.kq` file of queries: an editor sends the
 * query being typed, which may span lines.
 */
import { complete } from '../../index.js';
import { type Command, UsageError, compileFlags, compileOptions, readTextArgument, stringFlag } from '../common.js';

/** `kq complete`. */
export const completeCommand: Command = {
  names: ['complete'],
  usage: `  kq complete --at N [query|-]  completions at UTF-16 offset N (default: the end), one per line: text, kind, detail (--json)`,
  options: { ...compileFlags, at: { type: 'string' }, json: { type: 'boolean' }, limit: { type: 'string' } },
  async run(_name, rest, values, io) {
    const opts = compileOptions(values);
    const text = await readTextArgument(rest, io, 'query', 'complete');
    const at = stringFlag(values, 'at');
    const limit = stringFlag(values, 'limit');
    if (at !== undefined && !/^\d+$/.test(at)) throw new UsageError(`--at: expected an offset (a whole number), got '${at}'`);
    if (limit !== undefined && !/^\d+$/.test(limit)) throw new UsageError(`--limit: expected a whole number, got '${limit}'`);
    const offset = at === undefined ? text.length : Number(at);
    if (offset > text.length) throw new UsageError(`--at ${offset} is past the end of the query (${text.length} UTF-16 code units)`);
    const result = complete(text, offset, { ...opts, ...(limit !== undefined ? { maxItems: Number(limit) } : {}) });
    if (values.json) {
      io.stdout(`${JSON.stringify(result, null, 2)}\n`);
      return 0;
    }
    const lines = result.items.map((item) => `${item.insertText ?? item.label}\t${item.kind}\t${item.detail.replace(/[\t\n]/g, ' ')}`);
    io.stdout(lines.length ? `${lines.join('\n')}\n` : '');
    return 0;
  },
};
