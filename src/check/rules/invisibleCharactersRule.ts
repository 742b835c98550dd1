/**
 * InvisibleCharactersRule (KQ2025, warning): control characters and invisible format characters in a value or a
 * full-text word — usually pasted along with it — are compared like any other character, so the term most likely
 * matches nothing, and nothing on screen shows why.
 *
 * The characters: C0 and C1 controls except tab, line feed and carriage return (U+0000–U+0008, U+000B, U+000C,
 * U+000E–U+001F, U+007F–U+009F), the soft hyphen U+00AD, the zero-width space U+200B, the left-to-right and
 * right-to-left marks U+200E/U+200F, the bidirectional embeddings and isolates U+202A–U+202E and U+2066–U+2069, the
 * word joiner U+2060 and the byte order mark U+FEFF. The zero-width non-joiner and joiner (U+200C, U+200D) are
 * left alone: Persian and Indic text and emoji sequences use them. Only characters written as they are count (the
 * node's span is its value, bare, or its value and two quotes): one written as an escape (`"\u200b"`) is meant. The
 * suggestion is the value without them.
 */
import { diagnostic } from '../../diagnostics/diagnostic.js';
import type * as A from '../../syntax/ast.js';
import type { CheckContext, RuleDefinition } from '../context.js';

const invisible = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g;

/** True when `text` may hold one of the characters: printable ASCII, the common case, is ruled out without a regex. */
function mayHoldInvisible(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c >= 0x7f) return true;
  }
  return false;
}

/** The `U+XXXX` names of the invisible characters of `text`, each once, in order; empty when there are none. */
function invisibleIn(text: string): string[] {
  if (!mayHoldInvisible(text)) return [];
  const found = text.match(invisible);
  if (found === null) return [];
  return [...new Set(found.map((c) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`))];
}

function check(node: A.Value | A.Text, where: 'value' | 'word', ctx: CheckContext): void {
  const written = node.span.end - node.span.start;
  if (written !== node.value.length && written !== node.value.length + 2) return;
  const characters = invisibleIn(node.value);
  if (characters.length === 0) return;
  const cleaned = node.value.replace(invisible, '');
  ctx.report(diagnostic('InvisibleCharacters', node.span, { characters, where }, cleaned === '' ? undefined : { suggestions: [cleaned] }));
}

/** The values of field terms (directive values, `context:` and `tz:`, are names checked by their own rules). */
export const InvisibleCharactersRule: RuleDefinition = {
  name: 'InvisibleCharactersRule',
  visit: {
    Comparison: (n, _p, ctx) => check(n.value, 'value', ctx),
    List: (n, _p, ctx) => {
      for (const v of n.values) check(v, 'value', ctx);
    },
    Range: (n, _p, ctx) => {
      if (n.lower) check(n.lower, 'value', ctx);
      if (n.upper) check(n.upper, 'value', ctx);
    },
    Text: (n, _p, ctx) => check(n, 'word', ctx),
  },
};
