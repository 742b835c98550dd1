/**
 * Multi-line input: a query continues on the next line while a parenthesis, a quoted string or a bracket range is
 * still open (`tokenize`'s `unclosed`). Dot-commands are always one line.
 */
import { tokenize } from '../../index.js';

/** Why `text` is not finished: `paren`, `quote`, `range`, or null when it is (or is a dot-command). */
export function openConstruct(text: string): 'paren' | 'quote' | 'range' | null {
  if (/^\s*\.[A-Za-z]/.test(text)) return null;
  return tokenize(text).unclosed;
}
