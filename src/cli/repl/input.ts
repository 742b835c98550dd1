/**
 * Multi-line input: a query continues on the next line while a parenthesis, a quoted string or a bracket range is
 * still open — the lexer reports an unclosed `(` (KQ1007) or string (KQ1002), or a range whose bracket never
 * closes. Dot-commands are always one line.
 */
import { scanQuery } from '../../interactive/cursor.js';

/** Why `text` is not finished: `paren`, `quote`, `range`, or null when it is (or is a dot-command). */
export function openConstruct(text: string): 'paren' | 'quote' | 'range' | null {
  if (/^\s*\.[A-Za-z]/.test(text)) return null;
  const scan = scanQuery(text);
  if (scan.openQuote >= 0) return 'quote';
  if (scan.diagnostics.some((d) => d.code === 'KQ1007')) return 'paren';
  if (scan.terms.some((t) => t.shape === 'range' && t.valueEnd === Infinity)) return 'range';
  return null;
}
