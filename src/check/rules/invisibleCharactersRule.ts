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
import type { Rule } from '../context.js';

const invisible = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g;

/** The `U+XXXX` names of the invisible characters of `text`, each once, in order; empty when there are none. */
function invisibleIn(text: string): string[] {
  const found = text.match(invisible);
  if (found === null) return [];
  return [...new Set(found.map((c) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`))];
}

export const InvisibleCharactersRule: Rule = (ctx) => {
  const check = (node: A.Value | A.Text, where: 'value' | 'word') => {
    const written = node.span.end - node.span.start;
    if (written !== node.value.length && written !== node.value.length + 2) return;
    const characters = invisibleIn(node.value);
    if (characters.length === 0) return;
    const cleaned = node.value.replace(invisible, '');
    ctx.report(diagnostic('InvisibleCharacters', node.span, { characters, where }, cleaned === '' ? undefined : { suggestions: [cleaned] }));
  };
  return {
    Value: (n, parent) => {
      // Directive values (context:, tz:) are names, checked by their own rules.
      if (parent?.kind === 'Context' || parent?.kind === 'TimeZone') return;
      check(n, 'value');
    },
    Text: (n) => check(n, 'word'),
  };
};
