/**
 * TAB completion for the REPL, from `complete()`, in the shape node:readline's completer returns:
 * `[candidates, typed]`, where readline replaces `typed` (the text before the cursor that the candidates complete)
 * with the candidates' common prefix, or with the only candidate, and lists them on a second TAB.
 *
 * readline can only extend what was typed, so candidates that start with it are offered alone when there are any;
 * fuzzy matches (`updated` → `customer_updated_at`) are offered when nothing starts with the typed text: one is
 * put in place, several are listed after the typed text itself (so that readline does not cut the line back to
 * their common prefix). Lines before the cursor's line (a multi-line query) are part of the query; a completion
 * never reaches back into them. Dot-commands complete their names and their arguments (fields, contexts, zones,
 * queries).
 */
import { complete } from '../../interactive/complete.js';
import type { CompileOptions } from '../../options.js';
import { replCommands } from './commands.js';

/** The readline completion of `line` (the text before the cursor), after the `pending` lines of the same input. */
export function completeLine(line: string, pending: readonly string[], opts: CompileOptions): [string[], string] {
  if (pending.length === 0 && /^\s*\./.test(line)) return completeCommand(line, opts);
  const before = pending.length ? `${pending.join('\n')}\n` : '';
  const text = before + line;
  const result = complete(text, text.length, opts);
  if (result.from < before.length) return [[], ''];
  const typed = text.slice(result.from);
  return candidates(result.items.map((i) => i.insertText ?? i.label), typed);
}

/** The readline answer for candidate texts completing `typed` (see the module comment). */
export function candidates(texts: readonly string[], typed: string): [string[], string] {
  const unique = [...new Set(texts)];
  if (unique.length === 0) return [[], typed];
  const extending = unique.filter((t) => t.startsWith(typed));
  if (extending.length > 0) return [extending, typed];
  if (unique.length === 1) return [unique, typed];
  return [[typed, ...unique], typed];
}

/** How a dot-command's argument is completed: as a query, or as the value of a directive. */
const argumentAsQuery: Record<string, (arg: string) => { text: string; shift: number }> = {
  '.describe': (arg) => ({ text: arg, shift: 0 }),
  '.explain': (arg) => ({ text: arg, shift: 0 }),
  '.format': (arg) => ({ text: arg, shift: 0 }),
  '.fields': (arg) => ({ text: `has:${arg}`, shift: 4 }),
  '.context': (arg) => ({ text: `context:${arg}`, shift: 8 }),
  '.tz': (arg) => ({ text: `tz:${arg}`, shift: 3 }),
};

function completeCommand(line: string, opts: CompileOptions): [string[], string] {
  const m = /^(\s*)(\.\S*)(\s+)?([\s\S]*)$/.exec(line)!;
  const name = m[2]!;
  if (m[3] === undefined) {
    return candidates(
      replCommands.map((c) => c.name).filter((n) => n.startsWith(name)),
      name,
    );
  }
  const arg = m[4]!;
  if (name === '.nested') return candidates(['on', 'off'].filter((w) => w.startsWith(arg)), arg);
  const asQuery = argumentAsQuery[name];
  if (!asQuery) return [[], arg];
  const { text, shift } = asQuery(arg);
  const result = complete(text, text.length, opts);
  if (result.from < shift) return [[], arg];
  return candidates(result.items.map((i) => i.insertText ?? i.label), text.slice(result.from));
}
