/**
 * Test helpers: queries written with a `|` where the cursor is (`conversation_st|`), and a fixed clock.
 */
import type { CompileOptions } from '../../src/index.js';

/** The clock of every interactive test: Monday 24 June 2024, 12:00 UTC. */
export const now = '2024-06-24T12:00:00Z';

/** Options with the fixed clock. */
export const opts = (extra: CompileOptions = {}): CompileOptions => ({ now, ...extra });

/** Splits `conversation_st|` into the text and the cursor offset (the end when there is no `|`). */
export function cursor(marked: string): { text: string; offset: number } {
  const at = marked.indexOf('|');
  if (at < 0) return { text: marked, offset: marked.length };
  return { text: marked.slice(0, at) + marked.slice(at + 1), offset: at };
}
