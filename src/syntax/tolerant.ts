/**
 * The error-tolerant front end: one parse that always gives a reading of the text, for the language service and the
 * interactive helpers (complete, describe, tokenize), on partial and broken input (`conversation_st`, `status:`,
 * `a AND (x:(open OR`, `x:"unterminated`).
 *
 * The text is lexed (lexer.ts; the lexer skips what it cannot read and reports it) and the tokens parsed by the
 * compiler's own grammar (parser.ts) with chevrotain's error recovery on: a missing token is inserted, an extra one
 * deleted, a rule that cannot go on re-syncs at its follow set. From what the parser recognised come:
 * - `terms`: every field term (`name<op>value`) as far as it was typed — name, operator, where its value starts and
 *   ends (`Infinity` when a list, range or quoted string is still open), its shape, its value;
 * - `roles`: each token's role — field (or directive) name, operator, value, value punctuation, full-text word,
 *   keyword, punctuation, or `error` for a token recovery had to skip;
 * - `missing`: where recovery inserted a token the grammar needed (a `)` never typed, a value after `..`);
 * - `diagnostics`: the lexer's, then the parser's recovered errors (KQ1xxx, as `parse` words them).
 *
 * `parse` (parse.ts, used by `compile`) is unchanged: it stops at the first error, so compile's diagnostics stay as
 * they are. Offsets are UTF-16 code units. Never throws.
 */
import { Messages } from '../diagnostics/catalogue.js';
import type { IRecognitionException } from 'chevrotain';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { resolveLimits, type Limits } from '../options.js';
import type * as A from './ast.js';
import { lex, type Token } from './lexer.js';
import { parseTokensTolerant, type FieldValueShape } from './parser.js';
import { directiveNames } from './terms.js';
import * as T from './tokens.js';

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
  /** `(` and `)` grouping terms */
  | 'punct'
  /** a token the grammar has no place for: error recovery skipped it */
  | 'error';

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

/** A token the grammar needed where the text has none: `at` the offset it would go, `expected` what it is. */
export interface MissingToken {
  readonly at: number;
  readonly expected: string;
}

/** The result of {@link parseTolerant}. `roles[i]` and `termOf[i]` (an index into `terms`, or -1) are per token. */
export interface TolerantParse {
  readonly text: string;
  readonly tokens: readonly Token[];
  readonly roles: readonly TokenRole[];
  readonly termOf: readonly number[];
  readonly terms: readonly FieldTermAt[];
  /** The offset of a `"` the lexer found no end for (KQ1002), or -1. The string runs to the end of the text. */
  readonly openQuote: number;
  /** The term the open quote is a value of (index into `terms`), or -1 when it is a full-text phrase. */
  readonly openQuoteTerm: number;
  readonly missing: readonly MissingToken[];
  /** The lexer's diagnostics (the syntax errors the parser recovered from are in `errors`). */
  readonly diagnostics: readonly Diagnostic[];
  /** chevrotain's recognition errors, in order (what `parse` would report first is the first of them). */
  readonly errors: readonly IRecognitionException[];
}

const directiveSet: ReadonlySet<string> = new Set(directiveNames);

const tokenEnd = (t: Token): number => t.endOffset! + 1;

function isType(t: Token | undefined, ...types: readonly (typeof T.Word)[]): boolean {
  return t !== undefined && types.includes(t.tokenType);
}

const valueTypes = [T.Word, T.Quoted, T.Star];

/** chevrotain's end-of-input token (no offsets). */
const isEof = (t: IRecognitionException['token'] | undefined): boolean => t === undefined || t.tokenType?.name === 'EOF' || Number.isNaN(t.startOffset);
const closers = [T.RParen, T.RBracket, T.RBrace];

/** Reads `text` with the tolerant parse (see the module comment). Never throws; a non-string is read as `String(text)`. */
export function parseTolerant(text: string, limits: Limits = {}): TolerantParse {
  if (typeof text !== 'string') text = String(text);
  const { maxDepth, maxDiagnostics, maxLength } = resolveLimits(limits);
  const lexed = text.length > maxLength ? { tokens: [] as Token[], diagnostics: [] } : lex(text, { maxDepth, maxDiagnostics });
  const tokens = lexed.tokens;
  const indexOf = new Map<Token, number>();
  tokens.forEach((t, i) => indexOf.set(t, i));
  const roles: (TokenRole | undefined)[] = new Array<TokenRole | undefined>(tokens.length);
  const termOf: number[] = new Array<number>(tokens.length).fill(-1);
  const terms: FieldTermAt[] = [];
  const missing: MissingToken[] = [];

  /** Terms whose name and operator were read and whose value is not finished: [name index, operator index]. */
  const open: [number, number][] = [];
  const addTerm = (i: number, o: number, lastIndex: number) => {
    const index = terms.length;
    roles[i] = 'name';
    roles[o] = 'operator';
    termOf[i] = termOf[o] = index;
    for (let k = o + 1; k <= lastIndex; k++) {
      roles[k] = isType(tokens[k], ...valueTypes) ? 'value' : 'value-syntax';
      termOf[k] = index;
    }
    terms.push(describeTerm(tokens, i, o, lastIndex));
  };
  const fieldTermStart = (nameTok: Token, opTok: Token) => {
    const i = indexOf.get(nameTok);
    const o = indexOf.get(opTok);
    if (i !== undefined && o !== undefined) open.push([i, o]);
  };
  const fieldTerm = (nameTok: Token, opTok: Token, _op: A.ComparisonOperator, _shape: FieldValueShape, _end: number, last: Token) => {
    const top = open.pop();
    if (top && tokens[top[0]] === nameTok) addTerm(top[0], top[1], Math.max(top[1], indexOf.get(last) ?? top[1]));
    return placeholder(nameTok.startOffset, Math.max(tokenEnd(opTok), tokenEnd(last)));
  };
  const textTerm = (t: Token) => {
    const k = indexOf.get(t);
    if (k !== undefined) roles[k] = 'text';
    return placeholder(t.startOffset, tokenEnd(t));
  };

  // Parse; where the parse gives up (an error recovery could not repair inside the rules), the terms still open end
  // at the last token read, the token it stopped at is an error, and the rest is parsed again as a query of its own.
  const errors: IRecognitionException[] = [];
  const skipped = new Set<Token>();
  let start = 0;
  while (start < tokens.length) {
    let found: readonly IRecognitionException[] = [];
    try {
      found = parseTokensTolerant(tokens.slice(start), fieldTerm, textTerm, fieldTermStart).errors;
    } catch (e) {
      // Only a stack overflow on absurd nesting gets here (the lexer caps depth first).
      if (!(e instanceof RangeError)) throw e;
      break;
    }
    errors.push(...found);
    const last = found[found.length - 1] as (IRecognitionException & { previousToken?: Token }) | undefined;
    const resynced = last?.resyncedTokens ?? [];
    const gaveUp =
      last !== undefined &&
      (last.name === 'NotAllInputParsedException' || (resynced.length > 0 ? resynced[resynced.length - 1] === tokens[tokens.length - 1] : isEof(last.token)));
    for (const e of found) if (e !== last || !gaveUp) for (const t of e.resyncedTokens ?? []) skipped.add(t as Token);
    if (!gaveUp) {
      open.length = 0;
      break;
    }
    // The last token read before the parse gave up.
    const stop =
      last.name === 'NotAllInputParsedException'
        ? (indexOf.get(last.token as Token) ?? tokens.length) - 1
        : last.previousToken && !Number.isNaN(last.previousToken.startOffset)
          ? (indexOf.get(last.previousToken) ?? start - 1)
          : start - 1;
    while (open.length > 0) {
      const [i, o] = open.shift()!;
      addTerm(i, o, Math.max(o, stop));
    }
    const offending = stop + 1;
    if (offending >= tokens.length) break;
    if (roles[offending] === undefined) roles[offending] = 'error';
    start = Math.max(offending + 1, start + 1);
  }
  for (const t of skipped) {
    const k = indexOf.get(t);
    if (k !== undefined && roles[k] === undefined) roles[k] = 'error';
  }
  for (let k = 0; k < tokens.length; k++) {
    if (roles[k] !== undefined) continue;
    const t = tokens[k]!;
    // Consumed outside field terms: keywords and grouping parentheses; anything else was skipped by recovery.
    roles[k] = isType(t, T.And, T.Or, T.Not, T.Minus) ? 'keyword' : isType(t, T.LParen, T.RParen) ? 'punct' : 'error';
  }
  for (const e of errors as (IRecognitionException & { previousToken?: Token })[]) {
    const t = e.token;
    if (t && (t.isInsertedInRecovery || isEof(t))) {
      const before = e.previousToken && !Number.isNaN(e.previousToken.startOffset) ? e.previousToken.endOffset! + 1 : text.length;
      missing.push({ at: before, expected: t.tokenType?.LABEL ?? t.tokenType?.name ?? 'a token' });
    }
  }
  // A value list whose '(' the lexer found never closed (KQ1007) runs to the end of the text, as the user is still
  // typing in it: recovery's inserted ')' is not in the text, so what follows is read as the list's values.
  const unclosed = new Set(lexed.diagnostics.filter((d) => d.code === Messages.UnclosedParenthesis.code).map((d) => d.span.start));
  for (let n = 0; n < terms.length; n++) {
    const term = terms[n]!;
    const o = indexOf.get(term.operatorToken)!;
    if (term.shape !== 'group' || term.valueEnd !== Infinity || !unclosed.has(tokens[o + 1]!.startOffset)) continue;
    const dropped = new Set<number>();
    for (let k = o + 2; k < tokens.length; k++) {
      if (termOf[k] !== -1 && termOf[k] !== n) dropped.add(termOf[k]!);
      roles[k] = isType(tokens[k], ...valueTypes) ? 'value' : 'value-syntax';
      termOf[k] = n;
    }
    for (const d of dropped) terms[d] = null as unknown as FieldTermAt;
    break;
  }
  for (let n = terms.length - 1; n >= 0; n--) if (terms[n] === null) terms.splice(n, 1);
  terms.sort((a, b) => a.nameToken.startOffset - b.nameToken.startOffset);
  // Term indexes were given in the order terms were finished; renumber them in text order.
  const renumber = new Map<Token, number>(terms.map((t, n) => [t.nameToken, n]));
  for (let k = 0; k < tokens.length; k++) {
    if (termOf[k] === -1) continue;
    let n = k;
    while (n >= 0 && roles[n] !== 'name') n--;
    termOf[k] = n >= 0 ? (renumber.get(tokens[n]!) ?? -1) : -1;
  }

  const openQuoteDiagnostic = lexed.diagnostics.find((d) => d.code === Messages.UnterminatedString.code);
  const openQuote = openQuoteDiagnostic ? openQuoteDiagnostic.span.start : -1;
  const finalRoles = roles as TokenRole[];
  return {
    text,
    tokens,
    roles: finalRoles,
    termOf,
    terms,
    openQuote,
    openQuoteTerm: openQuoteTermOf(tokens, finalRoles, termOf, terms, openQuote),
    missing,
    diagnostics: lexed.diagnostics,
    errors,
  };
}

/**
 * The node the parser's actions combine for a term: the tolerant reading keeps the terms and roles, not an AST (the
 * AST is `parse`'s), so each term is a bare node with its span.
 */
function placeholder(start: number, end: number): A.Expression {
  return { kind: 'Text', span: { start, end: Number.isNaN(end) ? start : end }, value: '' };
}

/** The field term of tokens `i` (name), `o` (operator) … `last` (the last token of its value), as far as typed. */
function describeTerm(tokens: readonly Token[], i: number, o: number, last: number): FieldTermAt {
  const nameToken = tokens[i]!;
  const operatorToken = tokens[o]!;
  const valueStart = tokenEnd(operatorToken);
  const first = o + 1 <= last ? tokens[o + 1] : undefined;
  let shape: FieldTermAt['shape'] = 'single';
  let checkShape: FieldTermAt['checkShape'] = 'single';
  let valueEnd = last > o ? tokenEnd(tokens[last]!) : valueStart;
  let value: string | null = null;
  let range: FieldTermAt['range'];
  if (first && isType(first, T.LParen)) {
    shape = 'group';
    checkShape = 'list';
    if (!(last > o + 1 && isType(tokens[last], T.RParen))) valueEnd = Infinity;
  } else if (first && isType(first, T.LBracket, T.LBrace)) {
    shape = 'range';
    checkShape = 'range';
    const lowToken = o + 2 <= last ? tokens[o + 2] : undefined;
    let highStart = Infinity;
    for (let k = o + 2; k <= last; k++) if (isType(tokens[k], T.To)) { highStart = tokenEnd(tokens[k]!); break; }
    range = { low: isType(lowToken, T.Word, T.Quoted) ? lowToken!.payload : null, lowExclusive: first.tokenType === T.LBrace, highStart };
    if (!(last > o + 1 && isType(tokens[last], ...closers.slice(1)))) valueEnd = Infinity;
  } else {
    for (let k = o + 1; k <= last; k++) {
      const v = tokens[k]!;
      if (v.tokenType === T.Comma) checkShape = 'list';
      else if (v.tokenType === T.DotDot) {
        checkShape = 'range';
        const low = k === o + 2 && isType(tokens[o + 1], T.Word, T.Quoted) ? tokens[o + 1]!.payload : null;
        range ??= { low, lowExclusive: false, highStart: tokenEnd(v) };
      }
    }
    if (last === o + 1 && isType(first, T.Word, T.Quoted)) value = first!.payload;
  }
  const operator = operatorToken.image.length > 1 && operatorToken.image.startsWith(':') ? operatorToken.image.slice(1) : operatorToken.image;
  return {
    name: nameToken.payload,
    nameToken,
    operatorToken,
    operator,
    directive: directiveSet.has(nameToken.payload),
    valueStart,
    valueEnd,
    shape,
    checkShape,
    value,
    ...(range ? { range } : {}),
  };
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

/** The term an unterminated quote at `openQuote` continues the value of, or -1 (a full-text phrase, or none). */
function openQuoteTermOf(tokens: readonly Token[], roles: readonly TokenRole[], termOf: readonly number[], terms: readonly FieldTermAt[], openQuote: number): number {
  if (openQuote < 0) return -1;
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
        roles[lastIndex] !== 'error' &&
        isType(last, T.Colon, T.Equals, T.NotEquals, T.Tilde, T.Greater, T.GreaterEqual, T.Less, T.LessEqual, T.Comma, T.DotDot));
    return continues ? k : -1;
  }
  return -1;
}
