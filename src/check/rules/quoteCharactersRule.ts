/**
 * QuoteCharactersRule (KQ2022, warning): only the straight double quote `"` quotes a value. Single quotes
 * (`customer_name:'Jane Doe'`) and typographic quotes pasted from a document (`customer_name:“Jane”`; also ‘ ’ „ ‚ « »
 * ‹ ›) are characters of the value, and a space inside them splits it into a value and full-text words.
 *
 * Warns when a field term's bare value starts with an opening quote character and the quoted stretch ends with a
 * closing one — in the value itself (`'Jane'`, `“Jane”`) or in a bare word that follows with no `AND` written
 * (`'Jane Doe'`). A value that only starts with one (`'90s`, an apostrophe) is left alone. The warning spans the
 * whole stretch; its suggestion is the text between the quotes (which the fix writes in double quotes).
 */
import { diagnostic } from '../../diagnostics/diagnostic.js';
import type * as A from '../../syntax/ast.js';
import type { RuleDefinition } from '../context.js';
import { isBare, wordsAfter } from './writtenForm.js';

/** The characters that open a quotation (straight single, and the typographic ones of English, German, French…). */
const opening = "'“”„‘’‚«»‹›";
/** The characters that close one (German „…“ closes with “, Swedish ”…” and Danish »…« too). */
const closing = "'“”‘’«»‹›";

/** One field term's value, checked: the warning's arguments and span, or null. */
function quoted(n: A.Comparison, parent: A.Node | null, at: number): { end: number; inner: string; split: boolean; open: string; close: string } | null {
  if (!isBare(n.value)) return null;
  const v = n.value.value;
  const open = v[0]!;
  if (!opening.includes(open)) return null;
  const single = open === "'";
  const closes = (w: string) => (single ? w.endsWith("'") : closing.includes(w[w.length - 1]!));
  if (v.length > 2 && closes(v)) return { end: n.value.span.end, inner: v.slice(1, -1), split: false, open, close: v[v.length - 1]! };
  const words = wordsAfter(n, parent, at);
  const parts = [v.slice(1)];
  for (const w of words) {
    if (closes(w.value)) {
      parts.push(w.value.slice(0, -1));
      const inner = parts.join(' ');
      return inner.trim() === '' ? null : { end: w.span.end, inner, split: true, open, close: w.value[w.value.length - 1]! };
    }
    parts.push(w.value);
  }
  return null;
}

export const QuoteCharactersRule: RuleDefinition = {
  name: 'QuoteCharactersRule',
  visit: {
    Comparison: (n, parent, ctx, at) => {
      const q = quoted(n, parent, at);
      if (q === null) return;
      ctx.report(
        diagnostic(
          'QuoteCharacters',
          { start: n.value.span.start, end: q.end },
          { quotes: q.open === "'" ? 'single' : 'typographic', open: q.open, close: q.close, field: n.field.value, inner: q.inner, split: q.split },
          { suggestions: [q.inner] },
        ),
      );
    },
  },
};
