/**
 * `tokenize`: a query's tokens with the role each plays, for highlighting and for hosts that must know whether an
 * input is finished (a REPL continuing a query on the next line, an editor's bracket matching). It reads the
 * project's own lexer and grammar (the error-tolerant parse, syntax/tolerant.ts), so highlighting can never drift
 * from what the compiler reads; a token the grammar has no place for has the role `error`. Works on any input, broken
 * or partial.
 */
import { scanQuery, tokenEnd, type TokenRole } from './cursor.js';
import * as T from '../syntax/tokens.js';
import { Messages } from '../diagnostics/catalogue.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Limits } from '../options.js';

export type { TokenRole } from './cursor.js';

/**
 * One token: `start`/`end` are UTF-16 offsets into the text (end exclusive); `role` what it is in the query (see
 * {@link TokenRole}); `quoted` true for a `"…"` string (its text includes the quotes).
 */
export interface QueryToken {
  readonly start: number;
  readonly end: number;
  readonly role: TokenRole;
  readonly quoted: boolean;
}

/**
 * The result of {@link tokenize}:
 * - `tokens`: in text order; none when the text is longer than `maxLength` (nothing is read then);
 * - `unclosed`: what is still open at the end of the text — a quoted string (`quote`, the string runs to the end),
 *   a parenthesis (`paren`), a bracket range such as `[a TO` (`range`) — or `null` when nothing is;
 * - `openQuote`: the offset of the `"` that is never closed, or -1;
 * - `diagnostics`: the lexer's syntax diagnostics (KQ1xxx), UTF-16 spans.
 */
export interface Tokenized {
  readonly tokens: readonly QueryToken[];
  readonly unclosed: 'quote' | 'paren' | 'range' | null;
  readonly openQuote: number;
  readonly diagnostics: readonly Diagnostic[];
}

/** Lexes `text` (UTF-16 string) and tags every token with its role. Never throws; a non-string is read as `String(text)`. */
export function tokenize(text: string, limits: Limits = {}): Tokenized {
  const scan = scanQuery(text, limits);
  const tokens = scan.tokens.map((t, i) => ({
    start: t.startOffset,
    end: tokenEnd(t),
    role: scan.roles[i]!,
    quoted: t.tokenType === T.Quoted,
  }));
  const unclosed =
    scan.openQuote >= 0
      ? 'quote'
      : scan.diagnostics.some((d) => d.code === Messages.UnclosedParenthesis.code)
        ? 'paren'
        : scan.terms.some((t) => t.shape === 'range' && t.valueEnd === Infinity)
          ? 'range'
          : null;
  return { tokens, unclosed, openQuote: scan.openQuote, diagnostics: scan.diagnostics };
}
