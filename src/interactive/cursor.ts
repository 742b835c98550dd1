/**
 * Where a cursor is in a query, read from the lexer's tokens so that it works on partial and invalid text
 * (`conversation_st`, `status:`, `a AND (x:(open OR`, `x:"unterminated`), where there is no AST.
 *
 * {@link scanQuery} lexes the text once and gives each token a role: the name, operator and value tokens of each
 * field term (`name<op>value`, including value lists `(a OR b)`, `a,b`, ranges `a..b`, `[a TO b]`), and the rest
 * (words, phrases, keywords, parentheses) in term position. {@link cursorAt} then classifies an offset:
 * - `term`: a place where a term starts or a bare word is being typed: field names, directives, and the keywords
 *   `AND`/`OR`/`NOT` go here; `after` says what comes before (nothing, an operator keyword, a negation, a term);
 * - `field`: inside or at the end of the name of a field term that already has its operator (`status|:open`);
 * - `value`: the value of a field term (`status:|`, `status:op|`, `status:(open OR |`, `created:[2024-01-01 TO |`),
 *   with the term, whether the value is quoted, and what the grammar expects there (a value, `OR`, or `TO`);
 * - `phrase`: inside a quoted full-text phrase (nothing to complete);
 * - `none`: nowhere anything can be typed usefully (inside an operator, after a closing bracket).
 * `from`/`to` is the span of the text at the cursor that a completion replaces: the whole word when the cursor is in
 * a word, at its end or at its start (so a completion never glues onto the word), empty at a fresh position.
 *
 * Offsets are UTF-16 code units; out-of-range offsets are clamped, and an offset inside a surrogate pair moves back to
 * the start of its code point ({@link snapOffset}). Never throws.
 */
import type { Limits } from '../options.js';
import type { Token } from '../syntax/lexer.js';
import { lastTokenBefore, parseTolerant, type FieldTermAt, type TolerantParse } from '../syntax/tolerant.js';
import * as T from '../syntax/tokens.js';

export type { FieldTermAt, TokenRole } from '../syntax/tolerant.js';
export { lastTokenBefore } from '../syntax/tolerant.js';

/** A query as the tolerant parse reads it: tokens with roles, field terms as far as typed (syntax/tolerant.ts). */
export type ScannedQuery = TolerantParse;

/** The end offset (exclusive) of a token. */
export function tokenEnd(t: Token): number {
  return t.endOffset! + 1;
}

function isType(t: Token | undefined, ...types: readonly (typeof T.Word)[]): boolean {
  return t !== undefined && types.includes(t.tokenType);
}

/** Reads `text` with the error-tolerant parse (syntax/tolerant.ts `parseTolerant`). Never throws. */
export function scanQuery(text: string, limits: Limits = {}): ScannedQuery {
  return parseTolerant(text, limits);
}

/** The index of the token that contains `offset` with `start < offset <= end` (the cursor inside or just after it). */
function tokenTouching(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = tokens[mid]!;
    if (tokenEnd(t) < offset) lo = mid + 1;
    else if (t.startOffset >= offset) hi = mid - 1;
    else return mid;
  }
  return -1;
}

/** What comes before a term position. */
export type TermContext =
  /** nothing, or `(`: a first term */
  | 'start'
  /** `AND` or `OR` */
  | 'operand'
  /** `NOT` or `-` */
  | 'negation'
  /** a complete term: `AND`, `OR`, `NOT` or another term may follow */
  | 'term';

/** The classification of a cursor offset (see the module comment). */
export type CursorPosition =
  | { readonly kind: 'term'; readonly from: number; readonly to: number; readonly prefix: string; readonly after: TermContext }
  | { readonly kind: 'field'; readonly from: number; readonly to: number; readonly prefix: string; readonly term: FieldTermAt }
  | {
      readonly kind: 'value';
      readonly from: number;
      readonly to: number;
      /** The value typed before the cursor, without an opening quote. */
      readonly prefix: string;
      readonly term: FieldTermAt;
      readonly quoted: boolean;
      /** What the grammar takes here: a value, `OR` (after a value in a list), or `TO` (after a range's low bound). */
      readonly expect: 'value' | 'or' | 'to';
    }
  | { readonly kind: 'phrase'; readonly from: number; readonly to: number }
  | { readonly kind: 'none'; readonly from: number; readonly to: number };

/** What the token at `beforeIndex` (-1: none) makes of the term position after it. */
function termContext(scan: ScannedQuery, beforeIndex: number): TermContext {
  const before = scan.tokens[beforeIndex];
  if (before === undefined) return 'start';
  const type = before.tokenType;
  const role = scan.roles[beforeIndex];
  if (role === 'keyword') return type === T.Not || type === T.Minus ? 'negation' : 'operand';
  if (type === T.LParen && role === 'punct') return 'start';
  return 'term';
}

/**
 * `offset` made a valid cursor in `text`: a non-finite offset is the end, a fraction is floored, an offset out of
 * range is clamped to `0..text.length`, and an offset between the two halves of a surrogate pair (inside one code
 * point, such as an emoji) moves back to the start of that code point, so that nothing splits it. UTF-16 offsets.
 */
export function snapOffset(text: string, offset: number): number {
  if (!Number.isFinite(offset)) offset = text.length;
  offset = Math.max(0, Math.min(text.length, Math.floor(offset)));
  if (offset > 0 && offset < text.length) {
    const high = text.charCodeAt(offset - 1);
    const low = text.charCodeAt(offset);
    if (high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) offset--;
  }
  return offset;
}

/** The index of the token that starts exactly at `offset`, or -1. */
function tokenStartingAt(tokens: readonly Token[], offset: number): number {
  const next = lastTokenBefore(tokens, offset) + 1;
  return next < tokens.length && tokens[next]!.startOffset === offset ? next : -1;
}

/**
 * The position of a cursor in or at either end of the word-like token at `index` (a name, a value, `OR`/`TO` in a
 * value, a full-text word or phrase, a keyword): the whole token is what a completion replaces, and `prefix` is the
 * part before the cursor (empty at the token's start). Undefined for other tokens (operators, punctuation, `-`), and
 * right after a closing quote (a fresh position).
 */
function wordPosition(scan: ScannedQuery, index: number, offset: number): CursorPosition | undefined {
  const { text, tokens, roles, termOf, terms } = scan;
  const t = tokens[index]!;
  const role = roles[index]!;
  const from = t.startOffset;
  const to = tokenEnd(t);
  const prefix = text.slice(from, offset);
  const quoted = t.tokenType === T.Quoted;
  if (quoted && offset === to) return undefined;
  if (role === 'name') return { kind: 'field', from, to, prefix, term: terms[termOf[index]!]! };
  if (role === 'value' || (role === 'value-syntax' && isType(t, T.Or, T.To))) {
    const term = terms[termOf[index]!]!;
    if (quoted) return { kind: 'value', from, to, prefix: text.slice(Math.min(offset, from + 1), offset), term, quoted, expect: 'value' };
    const expect = t.tokenType === T.Or ? 'or' : t.tokenType === T.To ? 'to' : 'value';
    return { kind: 'value', from, to, prefix, term, quoted, expect };
  }
  if (role === 'text' || role === 'keyword') {
    if (quoted) return { kind: 'phrase', from, to };
    if (t.tokenType !== T.Minus) return { kind: 'term', from, to, prefix, after: termContext(scan, index - 1) };
  }
  return undefined;
}

/**
 * Classifies `offset` in a scanned query (snapped by {@link snapOffset}). A cursor inside a word, at its end or at
 * its start gives the whole word as `from`..`to`: a completion replaces the word, it is never glued onto it. Never
 * throws.
 */
export function cursorAt(scan: ScannedQuery, offset: number): CursorPosition {
  const { text, tokens, roles, termOf, terms } = scan;
  offset = snapOffset(text, offset);

  // Inside a string that never ends.
  if (scan.openQuote >= 0 && offset > scan.openQuote) {
    const from = scan.openQuote;
    if (scan.openQuoteTerm < 0) return { kind: 'phrase', from, to: text.length };
    return {
      kind: 'value',
      from,
      to: text.length,
      prefix: text.slice(from + 1, offset),
      term: terms[scan.openQuoteTerm]!,
      quoted: true,
      expect: 'value',
    };
  }

  // In a word or at its end (the word the cursor ends wins over one that starts there).
  const index = tokenTouching(tokens, offset);
  if (index >= 0) {
    const word = wordPosition(scan, index, offset);
    if (word) return word;
    if (roles[index] === 'operator' && offset < tokenEnd(tokens[index]!)) return { kind: 'none', from: offset, to: offset };
  }
  // At the start of a word: the word is replaced, as with the cursor inside it.
  const starting = tokenStartingAt(tokens, offset);
  if (starting >= 0) {
    const word = wordPosition(scan, starting, offset);
    if (word) return word;
  }
  if (index >= 0 && roles[index] === 'operator') {
    // Right after the operator: the value starts here.
    const term = terms[termOf[index]!]!;
    return { kind: 'value', from: offset, to: offset, prefix: '', term, quoted: false, expect: 'value' };
  }

  // A fresh position: between tokens, in white space, or right after punctuation.
  const beforeIndex = lastTokenBefore(tokens, offset);
  const before = tokens[beforeIndex];
  const touching = before !== undefined && tokenEnd(before) === offset;
  if (before !== undefined && termOf[beforeIndex]! >= 0) {
    const term = terms[termOf[beforeIndex]!]!;
    const type = before.tokenType;
    const role = roles[beforeIndex];
    const insideList = offset < term.valueEnd && offset >= term.valueStart && term.shape !== 'single';
    const fresh = { from: offset, to: offset, prefix: '', term, quoted: false } as const;
    if (touching && (role === 'operator' || type === T.Comma || type === T.DotDot)) {
      return { kind: 'value', ...fresh, expect: 'value' };
    }
    if (insideList && term.shape === 'group') {
      const afterValue = role === 'value';
      return { kind: 'value', ...fresh, expect: afterValue ? 'or' : 'value' };
    }
    if (insideList && term.shape === 'range') {
      if (type === T.LBracket || type === T.LBrace || type === T.To) return { kind: 'value', ...fresh, expect: 'value' };
      const lowBound = role === 'value' && beforeIndex > 0 && isType(tokens[beforeIndex - 1], T.LBracket, T.LBrace);
      return lowBound ? { kind: 'value', ...fresh, expect: 'to' } : { kind: 'none', from: offset, to: offset };
    }
    if (touching && term.shape !== 'single' && isType(before, T.RParen, T.RBracket, T.RBrace)) {
      return { kind: 'none', from: offset, to: offset };
    }
  }
  if (touching && before !== undefined && roles[beforeIndex] !== 'keyword' && before.tokenType !== T.LParen) {
    // Right after a term with no space: nothing can start here.
    return { kind: 'none', from: offset, to: offset };
  }
  // A dash right before the cursor that starts a term: the lexer reports it alone (KQ1009) and makes no token.
  const dash = offset > 0 && text.charCodeAt(offset - 1) === 45 && (offset === 1 || /[\s(]/.test(text[offset - 2]!));
  return { kind: 'term', from: offset, to: offset, prefix: '', after: dash ? 'negation' : termContext(scan, beforeIndex) };
}
