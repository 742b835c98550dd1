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
import { Messages } from '../diagnostics/catalogue.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { resolveLimits, type Limits } from '../options.js';
import { lex, type Token } from '../syntax/lexer.js';
import { directiveNames } from '../syntax/terms.js';
import * as T from '../syntax/tokens.js';

/** What a token is in its query. */
export type TokenRole =
  /** the name of a field term (`status` in `status:open`), or of a directive (`sort` in `sort:x`) */
  | 'name'
  /** the operator of a field term */
  | 'operator'
  /** a value of a field term: a word, a quoted string, or `*` */
  | 'value'
  /** punctuation inside a field term's value: `(` `)` `[` `]` `{` `}` `,` `..`, and `OR` / `TO` between values */
  | 'value-syntax'
  /** a bare word or a quoted phrase in term position (full-text search) */
  | 'text'
  /** `AND`, `OR`, `NOT`, `-` in term position */
  | 'keyword'
  /** `(` and `)` grouping terms, and stray tokens */
  | 'punct';

/**
 * One field term as far as it was typed:
 * - `name`: the field (or directive) name, decoded; `nameToken` / `operatorToken` its tokens;
 * - `operator`: the operator as written, normalized (`:>=` → `>=`);
 * - `directive`: true when the name is a directive (`has`, `no`, `sort`, `context`, `in`, `tz`);
 * - `valueStart`: the offset right after the operator; `valueEnd`: the end of the value as typed (equal to
 *   `valueStart` when there is none), `Infinity` when a value list, range or quoted string is still open;
 * - `shape`: `single` (one value, or `a,b` / `a..b`), `group` (`(a OR b)`), `range` (`[a TO b]`);
 * - `checkShape`: the shape the checker gives the term, for operator checks (`allows`): `list` for `(a OR b)` and
 *   `a,b`, `range` for `[a TO b]` and `a..b`, else `single` — as far as it was typed (`x:a,` is already a list);
 * - `value`: the decoded value when it is exactly one word or quoted string, else `null`;
 * - `range`: for a range (`a..b`, `[a TO b]`), its low bound as typed (decoded; `null` when absent or `*`), whether
 *   the low bound is exclusive (`{`), and the offset where the high bound starts (after `..` or `TO`; `Infinity`
 *   before either is typed).
 */
export interface FieldTermAt {
  readonly name: string;
  readonly nameToken: Token;
  readonly operatorToken: Token;
  readonly operator: string;
  readonly directive: boolean;
  readonly valueStart: number;
  readonly valueEnd: number;
  readonly shape: 'single' | 'group' | 'range';
  readonly checkShape: 'single' | 'list' | 'range';
  readonly value: string | null;
  readonly range?: { readonly low: string | null; readonly lowExclusive: boolean; readonly highStart: number };
}

/** The result of {@link scanQuery}. `roles[i]` and `termOf[i]` (an index into `terms`, or -1) are per token. */
export interface ScannedQuery {
  readonly text: string;
  readonly tokens: readonly Token[];
  readonly roles: readonly TokenRole[];
  readonly termOf: readonly number[];
  readonly terms: readonly FieldTermAt[];
  /** The offset of a `"` the lexer found no end for (KQ1002), or -1. The string runs to the end of the text. */
  readonly openQuote: number;
  /** The term the open quote is a value of (index into `terms`), or -1 when it is a full-text phrase. */
  readonly openQuoteTerm: number;
  readonly diagnostics: readonly Diagnostic[];
}

const directiveSet: ReadonlySet<string> = new Set(directiveNames);

/** The end offset (exclusive) of a token. */
export function tokenEnd(t: Token): number {
  return t.endOffset! + 1;
}

function isType(t: Token | undefined, ...types: readonly (typeof T.Word)[]): boolean {
  return t !== undefined && types.includes(t.tokenType);
}

/** Lexes `text` and assigns every token its role (see the module comment). Never throws. */
export function scanQuery(text: string, limits: Limits = {}): ScannedQuery {
  if (typeof text !== 'string') text = String(text);
  const { maxDepth, maxDiagnostics, maxLength } = resolveLimits(limits);
  const lexed = text.length > maxLength ? { tokens: [] as Token[], diagnostics: [] } : lex(text, { maxDepth, maxDiagnostics });
  const tokens = lexed.tokens;
  const roles: TokenRole[] = new Array<TokenRole>(tokens.length);
  const termOf: number[] = new Array<number>(tokens.length).fill(-1);
  const terms: FieldTermAt[] = [];
  const openQuoteDiagnostic = lexed.diagnostics.find((d) => d.code === Messages.UnterminatedString.code);
  const openQuote = openQuoteDiagnostic ? openQuoteDiagnostic.span.start : -1;

  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (t.tokenType !== T.FieldName) {
      roles[i] =
        t.tokenType === T.Word || t.tokenType === T.Quoted
          ? 'text'
          : isType(t, T.And, T.Or, T.Not, T.Minus)
            ? 'keyword'
            : 'punct';
      i++;
      continue;
    }
    // The lexer always follows a field name with its operator.
    const op = tokens[i + 1]!;
    const index = terms.length;
    roles[i] = 'name';
    roles[i + 1] = 'operator';
    termOf[i] = termOf[i + 1] = index;
    const valueStart = tokenEnd(op);
    let j = i + 2;
    let valueEnd = valueStart;
    let shape: FieldTermAt['shape'] = 'single';
    let checkShape: FieldTermAt['checkShape'] = 'single';
    let value: string | null = null;
    let range: FieldTermAt['range'];
    const first = tokens[j];
    const mark = (k: number, role: TokenRole) => {
      roles[k] = role;
      termOf[k] = index;
    };
    if (first !== undefined && first.startOffset === valueStart && first.tokenType === T.LParen) {
      shape = 'group';
      checkShape = 'list';
      let depth = 0;
      valueEnd = Infinity;
      for (; j < tokens.length; j++) {
        const v = tokens[j]!;
        if (v.tokenType === T.LParen) depth++;
        if (v.tokenType === T.RParen) depth--;
        mark(j, v.tokenType === T.Word || v.tokenType === T.Quoted || v.tokenType === T.Star ? 'value' : 'value-syntax');
        if (depth === 0) {
          valueEnd = tokenEnd(v);
          j++;
          break;
        }
      }
    } else if (first !== undefined && first.startOffset === valueStart && isType(first, T.LBracket, T.LBrace)) {
      shape = 'range';
      checkShape = 'range';
      valueEnd = Infinity;
      const lowToken = tokens[i + 3];
      const low = isType(lowToken, T.Word, T.Quoted) ? lowToken!.payload : null;
      range = { low, lowExclusive: first.tokenType === T.LBrace, highStart: Infinity };
      for (; j < tokens.length; j++) {
        const v = tokens[j]!;
        if (j > i + 2 && !isType(v, T.Word, T.Quoted, T.Star, T.To, T.RBracket, T.RBrace)) break;
        mark(j, isType(v, T.Word, T.Quoted, T.Star) ? 'value' : 'value-syntax');
        if (v.tokenType === T.To && range.highStart === Infinity) range = { ...range, highStart: tokenEnd(v) };
        if (isType(v, T.RBracket, T.RBrace)) {
          valueEnd = tokenEnd(v);
          j++;
          break;
        }
      }
    } else {
      // value ((',' value)* | '..' value), each token touching the one before.
      let end = valueStart;
      const firstValue = j;
      for (; j < tokens.length; j++) {
        const v = tokens[j]!;
        if (v.startOffset !== end || !isType(v, T.Word, T.Quoted, T.Star, T.Comma, T.DotDot)) break;
        mark(j, isType(v, T.Comma, T.DotDot) ? 'value-syntax' : 'value');
        if (v.tokenType === T.Comma) checkShape = 'list';
        else if (v.tokenType === T.DotDot) {
          checkShape = 'range';
          const low = j === firstValue + 1 && isType(tokens[firstValue], T.Word, T.Quoted) ? tokens[firstValue]!.payload : null;
          range ??= { low, lowExclusive: false, highStart: tokenEnd(v) };
        }
        end = tokenEnd(v);
      }
      valueEnd = end;
      if (j === firstValue + 1 && isType(tokens[firstValue], T.Word, T.Quoted)) value = tokens[firstValue]!.payload;
    }
    const operator = op.image.length > 1 && op.image.startsWith(':') ? op.image.slice(1) : op.image;
    terms.push({
      name: t.payload,
      nameToken: t,
      operatorToken: op,
      operator,
      directive: directiveSet.has(t.payload),
      valueStart,
      valueEnd,
      shape,
      checkShape,
      value,
      ...(range ? { range } : {}),
    });
    i = j;
  }

  // An unterminated quote belongs to the term whose value it continues, if any.
  let openQuoteTerm = -1;
  if (openQuote >= 0) {
    for (let k = terms.length - 1; k >= 0; k--) {
      const term = terms[k]!;
      if (term.valueStart > openQuote) continue;
      const lastIndex = lastTokenBefore(tokens, openQuote);
      const last = tokens[lastIndex];
      const continues =
        term.valueEnd === Infinity ||
        (term.valueEnd === openQuote &&
          last !== undefined &&
          termOf[lastIndex] === k &&
          isType(last, T.Colon, T.Equals, T.NotEquals, T.Tilde, T.Greater, T.GreaterEqual, T.Less, T.LessEqual, T.Comma, T.DotDot));
      if (continues) openQuoteTerm = k;
      break;
    }
  }

  return { text, tokens, roles, termOf, terms, openQuote, openQuoteTerm, diagnostics: lexed.diagnostics };
}

/** The index of the last token that ends at or before `offset`, or -1. Binary search over the sorted tokens. */
export function lastTokenBefore(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (tokenEnd(tokens[mid]!) <= offset) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
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
