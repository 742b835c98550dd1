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
 *
 * A completion replaces the whole word at the cursor, as `complete()` says (`from`..`to`), also when the word goes on
 * after the cursor (the cursor at its start or in its middle): readline only edits the text before the cursor, so
 * {@link completeInput} also says how much of the text after the cursor the completion replaces (`cut`), which the
 * caller deletes before readline puts the completion in place. With several candidates there, nothing is changed
 * (TAB TAB lists them): readline would otherwise glue their common prefix onto the rest of the word.
 */
import { complete, type CompileOptions } from '../../index.js';
import { replCommands } from './commands.js';

/**
 * What TAB does: `completions` and `typed` are readline's completer answer; `cut` is the text right after the cursor
 * that the completion replaces too (the rest of the word at the cursor), to delete before readline applies it
 * (`''` when nothing after the cursor changes).
 */
export interface ReplCompletion {
  readonly completions: string[];
  readonly typed: string;
  readonly cut: string;
}

const nothing = (typed: string): ReplCompletion => ({ completions: [], typed, cut: '' });

/** The readline completion of `line` (the text before the cursor), after the `pending` lines of the same input. */
export function completeLine(line: string, pending: readonly string[], opts: CompileOptions): [string[], string] {
  const r = completeInput(line, '', pending, opts);
  return [r.completions, r.typed];
}

/**
 * The completion at the cursor of the line `before` + `after` (the cursor between them; `after` is the rest of the
 * cursor's line), after the `pending` lines of the same input. See {@link ReplCompletion}.
 */
export function completeInput(before: string, after: string, pending: readonly string[], opts: CompileOptions): ReplCompletion {
  if (pending.length === 0 && /^\s*\./.test(before)) return completeCommand(before, after, opts);
  const earlier = pending.length ? `${pending.join('\n')}\n` : '';
  const text = earlier + before + after;
  const cursor = earlier.length + before.length;
  const result = complete(text, cursor, opts);
  if (result.from < earlier.length) return nothing('');
  return answer(
    result.items.map((i) => i.insertText ?? i.label),
    text.slice(result.from, cursor),
    text.slice(cursor, Math.max(cursor, result.to)),
  );
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

/** The longest common prefix of `texts` (as readline computes it). */
function commonPrefix(texts: readonly string[]): string {
  if (texts.length === 0) return '';
  let prefix = texts[0]!;
  for (const t of texts) {
    let i = 0;
    while (i < prefix.length && i < t.length && prefix[i] === t[i]) i++;
    prefix = prefix.slice(0, i);
  }
  return prefix;
}

/** The answer for candidates replacing the word `typed` + `rest` (`typed` before the cursor, `rest` after it). */
function answer(texts: readonly string[], typed: string, rest: string): ReplCompletion {
  if (rest === '') {
    const [completions, on] = candidates(texts, typed);
    return { completions, typed: on, cut: '' };
  }
  const unique = [...new Set(texts)];
  const extending = unique.filter((t) => t.startsWith(typed));
  const pool = extending.length > 0 ? extending : unique;
  if (pool.length === 1) {
    const only = pool[0]!;
    // Already the word, or nothing readline could put in place (it never shortens the typed text): no change.
    if (only === typed + rest || typed.startsWith(only)) return nothing(typed);
    return { completions: [only], typed, cut: rest };
  }
  // Several: listed on TAB TAB, the line left as it is. Answering with their common prefix as the typed text makes
  // readline neither insert nor replace anything (it only edits when the prefix differs from the typed text).
  return { completions: pool, typed: commonPrefix(pool), cut: '' };
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

function completeCommand(before: string, after: string, opts: CompileOptions): ReplCompletion {
  const m = /^(\s*)(\.\S*)(\s+)?([\s\S]*)$/.exec(before)!;
  const name = m[2]!;
  const wordRest = /^\S*/.exec(after)![0];
  if (m[3] === undefined) {
    return answer(
      replCommands.map((c) => c.name).filter((n) => n.startsWith(name)),
      name,
      wordRest,
    );
  }
  const arg = m[4]!;
  if (name === '.nested') {
    const word = /\S*$/.exec(arg)![0];
    return answer(['on', 'off'].filter((w) => w.startsWith(word)), word, wordRest);
  }
  const asQuery = argumentAsQuery[name];
  if (!asQuery) return nothing(arg);
  const { text, shift } = asQuery(arg + after);
  const cursor = shift + arg.length;
  const result = complete(text, cursor, opts);
  if (result.from < shift) return nothing(arg);
  return answer(
    result.items.map((i) => i.insertText ?? i.label),
    text.slice(result.from, cursor),
    text.slice(cursor, Math.max(cursor, result.to)),
  );
}
