/**
 * SplitValueRule (KQ2021, warning): `customer_name:Jane Doe` compiles to `customer_name` equals "Jane" AND the full
 * text "Doe" — a value with a space must be quoted. The rule warns where a person most likely meant the joined form.
 *
 * The heuristic, all of:
 * - the term compares a `string` or `text` field (names, emails, subjects, bodies, `…Str` custom attributes; not
 *   enums, ids, numbers, dates or booleans, whose values have no spaces) with `:`, `=`, `~` or `!=`, and its value was
 *   written bare (see writtenForm.ts) and starts with a letter or digit (a value starting with a quote character is
 *   QuoteCharactersRule's);
 * - the next operand of the same AND is a bare full-text word, with no `AND` written before it;
 * - that word starts with an upper-case letter and holds only letters, marks, apostrophes, hyphens and periods
 *   (`Doe`, `O'Brien`, `Jr.`): a capitalised word after a value reads as the rest of a name or a title. A lower-case
 *   word (`customer_name:jane refund`) is as likely a separate search word, so it is left alone.
 * The warning spans the value and every such word after it; its suggestion is the joined value (quoted by the fix).
 * Writing the value in quotes, quoting the word, or writing `AND` before it says what is meant and silences it.
 */
import { diagnostic } from '../../diagnostics/diagnostic.js';
import type * as A from '../../syntax/ast.js';
import type { RuleDefinition } from '../context.js';
import { isBare, wordsAfter } from './writtenForm.js';

/** The field kinds whose values are free text that may hold spaces. */
const textKinds: ReadonlySet<string> = new Set(['string', 'text']);

/** A capitalised word of letters (a name part): `Doe`, `O'Brien`, `Jean-Luc`, `Jr.`. */
const namePart = /^\p{Lu}[\p{L}\p{M}'’.-]*$/u;

/** A value that starts with a letter or a digit. */
const startsWord = /^[\p{L}\p{N}]/u;

/** A capitalised name-like word. */
const nameWord = (w: A.Text): boolean => namePart.test(w.value);

export const SplitValueRule: RuleDefinition = {
  name: 'SplitValueRule',
  visit: {
    Comparison: (n, parent, ctx, at) => {
      if (n.operator !== ':' && n.operator !== '=' && n.operator !== '~' && n.operator !== '!=') return;
      const field = ctx.fieldOf.get(n.field);
      if (field === undefined || !textKinds.has(field.kind) || !isBare(n.value) || !startsWord.test(n.value.value)) return;
      const words = wordsAfter(n, parent, at, nameWord);
      if (words.length === 0) return;
      const joined = [n.value.value, ...words.map((w: A.Text) => w.value)].join(' ');
      ctx.report(
        diagnostic(
          'SplitValue',
          { start: n.value.span.start, end: words[words.length - 1]!.span.end },
          { field: n.field.value, value: n.value.value, words: words.map((w) => w.value), joined },
          { suggestions: [joined] },
        ),
      );
    },
  },
};
