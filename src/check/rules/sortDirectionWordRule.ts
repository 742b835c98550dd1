/**
 * SortDirectionWordRule (KQ2024, warning): `sort:customer_name desc` sorts ascending and searches the word "desc" as
 * full text; the direction is written after the key with a dash, `sort:customer_name-desc`.
 *
 * Warns when a `sort:` written without a direction is followed in the same AND, with no `AND` written between them,
 * by the bare word `asc` or `desc` (any letter case). A quoted `"desc"` or an explicit `AND desc` is a search for
 * the word and is left alone. The suggestion is the directive with the direction joined.
 */
import { diagnostic } from '../../diagnostics/diagnostic.js';
import type * as A from '../../syntax/ast.js';
import type { RuleDefinition } from '../context.js';
import { wordsAfter } from './writtenForm.js';

/** The first word after the key, when it is `asc` or `desc`. */
const directionWord = (w: A.Text, i: number): boolean => i === 0 && /^(asc|desc)$/i.test(w.value);

export const SortDirectionWordRule: RuleDefinition = {
  name: 'SortDirectionWordRule',
  visit: {
    Sort: (n, parent, ctx, at) => {
      // A direction written with a dash makes the directive's span end after its key.
      if (n.span.end !== n.field.span.end) return;
      const [word] = wordsAfter(n, parent, at, directionWord);
      if (word === undefined) return;
      const direction = word.value.toLowerCase() as 'asc' | 'desc';
      const key = n.field.value;
      ctx.report(
        diagnostic('SortDirectionWord', { start: n.span.start, end: word.span.end }, { key, word: word.value, direction }, { suggestions: [`sort:${key}-${direction}`] }),
      );
    },
  },
};
