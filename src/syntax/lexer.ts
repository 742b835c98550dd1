/**
 * The lexer: query text → tokens, in one left-to-right pass with no backtracking (linear time on any input).
 *
 * It is hand-written because the language is context-sensitive at the character level:
 * - in a term, `-` negates (`-spam`), `AND` `OR` `NOT` are keywords, and `name:` / `name>=` … start a field term;
 * - in a value (right after an operator) `-`, `:` and `=` are ordinary characters (`balance:-12`,
 *   `customer_urls:https://x.example`), `,` separates list values, `..` separates range bounds, and `*` alone is a
 *   token of its own.
 *
 * Lexical rules (grammar/query.ebnf has the full grammar):
 * - Any Unicode white space (NBSP, U+2028, … and newlines) separates tokens.
 * - A bare word in a term holds Unicode letters, marks and digits and `@ . + - / : _ ' #`; a backslash escapes any
 *   one character (`foo\ bar`, `a\:b`). In a value, every character except white space, `( ) [ ] { } " ,`, a `..`
 *   pair and `*` belongs to the word.
 * - A field name is a run of letters, digits, `_`, `-`, `.` and `$` starting with a letter or `_`, immediately
 *   followed by an operator: `:` `=` `!=` `~` `>` `>=` `<` `<=` `:>` `:>=` `:<` `:<=`.
 * - Quoted strings take the escapes `\"` `\\` `\n` `\r` `\t` `\uXXXX`.
 * - A term or value must be followed by white space, `)` or the end: `"a"b` and `x:1)(` are errors.
 *
 * Offsets are UTF-16 code units. Errors are diagnostics (never exceptions): KQ1001–KQ1004, KQ1007, KQ1008,
 * KQ1010, KQ1011, KQ1013, KQ1014.
 */
import type { WildcardPlace } from '../diagnostics/catalogue.js';
import type { IToken, TokenType } from 'chevrotain';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Span } from './ast.js';
import * as T from './tokens.js';

/** One invisible format character (Unicode category Cf: zero-width spaces and joiners, BOM, bidi controls). */
const invisibleFormat = /^\p{Cf}$/u;

/** A token: chevrotain's token with `payload` holding the decoded text (escapes resolved). */
export interface Token extends IToken {
  payload: string;
}

/** The result of {@link lex}. */
export interface LexResult {
  readonly tokens: Token[];
  readonly diagnostics: Diagnostic[];
}

const CH_QUOTE = 34; // "
const CH_LPAREN = 40;
const CH_RPAREN = 41;
const CH_STAR = 42;
const CH_COMMA = 44;
const CH_MINUS = 45;
const CH_DOT = 46;
const CH_0 = 48;
const CH_9 = 57;
const CH_COLON = 58;
const CH_LT = 60;
const CH_EQ = 61;
const CH_GT = 62;
const CH_LBRACKET = 91;
const CH_BACKSLASH = 92;
const CH_RBRACKET = 93;
const CH_UNDERSCORE = 95;
const CH_LBRACE = 123;
const CH_RBRACE = 125;
const CH_TILDE = 126;
const CH_BANG = 33;

const unicodeSpace = /\s/;
const unicodeWordChar = /[\p{L}\p{M}\p{N}]/u;
const unicodeLetter = /[\p{L}]/u;

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isDigit(c: number): boolean {
  return c >= CH_0 && c <= CH_9;
}

/** True for any Unicode white space, including NBSP, U+2028/2029 and U+FEFF. */
export function isSpace(c: number): boolean {
  if (c < 128) return (asciiClass[c]! & SPACE) !== 0;
  return unicodeSpace.test(String.fromCharCode(c));
}

/** The code point at `i` and its length in UTF-16 code units (a lone surrogate counts as itself). Error paths only. */
function codePointAt(text: string, i: number): [number, number] {
  const cp = text.codePointAt(i)!;
  return [cp, cp > 0xffff ? 2 : 1];
}

/** The length in UTF-16 code units of code point `cp` (2 beyond the BMP). */
function cpLength(cp: number): number {
  return cp > 0xffff ? 2 : 1;
}

/**
 * Per-code-unit classes for ASCII: the one definition of which ASCII characters continue a field name, make a term
 * word, stop a value word and are white space (isNameChar, isTermWordChar, isValueStop and isSpace read it, and the
 * hot loops test one entry instead of a chain of comparisons; code points ≥ 128 take the Unicode tests).
 */
const NAME_CHAR = 1;
const TERM_WORD_CHAR = 2;
const VALUE_STOP = 4;
const SPACE = 8;
const asciiClass = /* @__PURE__ */ (() => {
  const t = new Uint8Array(128);
  for (let c = 0; c < 128; c++) {
    const letterOrDigit = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    if (letterOrDigit || c === 95 || c === 45 || c === 46 || c === 36) t[c]! |= NAME_CHAR; // _ - . $
    if (letterOrDigit || '@.+-/:_\'#'.includes(String.fromCharCode(c))) t[c]! |= TERM_WORD_CHAR;
    if ('()[]{}",'.includes(String.fromCharCode(c))) t[c]! |= VALUE_STOP;
    if (c === 32 || (c >= 9 && c <= 13)) t[c]! |= SPACE;
  }
  return t;
})();

/** Letters, marks and digits of any script. */
function isUnicodeWordChar(cp: number): boolean {
  if (cp < 128) return isAsciiLetter(cp) || isDigit(cp);
  return unicodeWordChar.test(String.fromCodePoint(cp));
}

/** A code point allowed in a bare word in term position (besides backslash escapes): ASCII `@ . + - / : _ ' #`. */
export function isTermWordChar(cp: number): boolean {
  if (cp < 128) return (asciiClass[cp]! & TERM_WORD_CHAR) !== 0;
  return isUnicodeWordChar(cp);
}

/** A character that can continue a field name: ASCII `_ - . $` besides letters and digits. */
export function isNameChar(cp: number): boolean {
  if (cp < 128) return (asciiClass[cp]! & NAME_CHAR) !== 0;
  return isUnicodeWordChar(cp);
}

/** A character that can start a field name. */
export function isNameStart(cp: number): boolean {
  if (cp < 128) return isAsciiLetter(cp) || cp === CH_UNDERSCORE;
  return unicodeLetter.test(String.fromCodePoint(cp));
}

/** A character that ends a value word (besides white space and `..`): `( ) [ ] { } " ,`. */
function isValueStop(c: number): boolean {
  return c < 128 && (asciiClass[c]! & VALUE_STOP) !== 0;
}

/** An operator token type and its length in code units. */
interface OperatorMatch {
  readonly type: TokenType;
  readonly length: number;
  readonly image: string;
}

const op = (type: TokenType, image: string): OperatorMatch => ({ type, length: image.length, image });
const OP_COLON = op(T.Colon, ':');
const OP_COLON_GT = op(T.Greater, ':>');
const OP_COLON_GE = op(T.GreaterEqual, ':>=');
const OP_COLON_LT = op(T.Less, ':<');
const OP_COLON_LE = op(T.LessEqual, ':<=');
const OP_EQ = op(T.Equals, '=');
const OP_NE = op(T.NotEquals, '!=');
const OP_TILDE = op(T.Tilde, '~');
const OP_GT = op(T.Greater, '>');
const OP_GE = op(T.GreaterEqual, '>=');
const OP_LT = op(T.Less, '<');
const OP_LE = op(T.LessEqual, '<=');

/** The operator at `i` (after a field name), or null; the matches are shared constants (nothing allocated). */
function operatorAt(text: string, i: number): OperatorMatch | null {
  const c = text.charCodeAt(i);
  const d = text.charCodeAt(i + 1);
  switch (c) {
    case CH_COLON:
      if (d === CH_GT) return text.charCodeAt(i + 2) === CH_EQ ? OP_COLON_GE : OP_COLON_GT;
      if (d === CH_LT) return text.charCodeAt(i + 2) === CH_EQ ? OP_COLON_LE : OP_COLON_LT;
      return OP_COLON;
    case CH_EQ:
      return OP_EQ;
    case CH_BANG:
      return d === CH_EQ ? OP_NE : null;
    case CH_TILDE:
      return OP_TILDE;
    case CH_GT:
      return d === CH_EQ ? OP_GE : OP_GT;
    case CH_LT:
      return d === CH_EQ ? OP_LE : OP_LT;
    default:
      return null;
  }
}

const keywords = new Map<string, TokenType>([
  ['AND', T.And],
  ['OR', T.Or],
  ['NOT', T.Not],
]);

/** Options for {@link lex}. */
export interface LexOptions {
  /** The deepest parenthesis nesting accepted (KQ1014 beyond it). */
  readonly maxDepth: number;
  /** Stop lexing once more diagnostics than this have been reported (the rest would be dropped anyway). */
  readonly maxDiagnostics?: number;
}

/** Where a `*` that is not a value of its own was written (diagnostics/catalogue.ts), which decides its KQ1011 help. */
export type { WildcardPlace };

/**
 * The KQ1011 diagnostic (Kustomer search has no wildcards) at `span`, with the help for where the star is; the
 * lexer and the term builders (terms.ts) report through it.
 */
export function wildcardDiagnostic(span: Span, place: WildcardPlace): Diagnostic {
  return diagnostic('Wildcard', span, place);
}

/**
 * Splits `text` into tokens. Never throws; problems are diagnostics. Lexing stops early only when parentheses
 * nest deeper than `opts.maxDepth` (so the parser's recursion stays bounded).
 */
export function lex(text: string, opts: LexOptions): LexResult {
  return new Scanner(text, opts.maxDepth, opts.maxDiagnostics ?? Infinity).run();
}

/** What a {@link Scanner.expectDelimiter} call follows: a bare word, a quoted string, or a field's value. */
type DelimitedThing = 0 | 1 | 2;
const AFTER_WORD = 0;
const AFTER_QUOTED = 1;
const AFTER_VALUE = 2;

class Scanner {
  private i = 0;
  private readonly tokens: Token[] = [];
  private readonly diagnostics: Diagnostic[] = [];
  /** Offsets of the `(` not yet closed. */
  private readonly open: number[] = [];
  private stopped = false;
  /** Set by {@link bareWord}: whether the word just read held an escape, and an unescaped `*`. */
  private wordEscaped = false;
  private wordStar = false;

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
    private readonly maxDiagnostics: number,
  ) {}

  run(): LexResult {
    const { text } = this;
    while (!this.stopped) {
      this.skipSpace();
      if (this.i >= text.length) break;
      this.term();
      // Past the diagnostics cap nothing more would be shown: stop rather than build thousands of them.
      if (this.diagnostics.length > this.maxDiagnostics) this.stopped = true;
    }
    if (!this.stopped) {
      for (const start of this.open) {
        this.diagnostics.push(
          diagnostic('UnclosedParenthesis', { start, end: start + 1 }),
        );
      }
    }
    return { tokens: this.tokens, diagnostics: this.diagnostics };
  }

  /** Adds a token; `image` is its text as written (sliced from the query when not given). */
  private push(type: TokenType, start: number, end: number, payload: string, image?: string): Token {
    const token: Token = {
      image: image ?? this.text.slice(start, end),
      startOffset: start,
      endOffset: end - 1,
      tokenType: type,
      tokenTypeIdx: type.tokenTypeIdx!,
      payload,
    };
    this.tokens.push(token);
    return token;
  }

  private skipSpace(): void {
    const { text } = this;
    while (this.i < text.length && isSpace(text.charCodeAt(this.i))) this.i++;
  }

  private openParen(): void {
    const start = this.i;
    this.i++;
    this.open.push(start);
    this.push(T.LParen, start, start + 1, '(', '(');
    if (this.open.length > this.maxDepth) {
      this.diagnostics.push(
        diagnostic('TooDeep', { start, end: start + 1 }, { max: this.maxDepth, situation: 'parentheses' }),
      );
      this.stopped = true;
    }
  }

  private closeParen(): void {
    const start = this.i;
    this.i++;
    if (this.open.length === 0) {
      this.diagnostics.push(
        diagnostic('UnmatchedParenthesis', { start, end: start + 1 }),
      );
      return;
    }
    this.open.pop();
    this.push(T.RParen, start, start + 1, ')', ')');
  }

  /** One token (or a field term) in term position. */
  private term(): void {
    const { text } = this;
    const start = this.i;
    const c = text.charCodeAt(start);
    if (c === CH_LPAREN) return this.openParen();
    if (c === CH_RPAREN) return this.closeParen();
    if (c === CH_QUOTE) {
      this.quoted();
      this.expectDelimiter(AFTER_QUOTED, start);
      return;
    }
    if (c === CH_COLON || c === CH_EQ || c === CH_TILDE || c === CH_LT || c === CH_GT) {
      // `status :open`: an operator with no field name before it.
      const [, len] = codePointAt(text, start);
      this.diagnostics.push(
        diagnostic('DanglingOperator', { start, end: start + len }, { operator: text[start]!, situation: 'comparison' }),
      );
      this.i = start + len;
      while (this.i < text.length && !isSpace(text.charCodeAt(this.i)) && text.charCodeAt(this.i) !== CH_RPAREN) this.i++;
      return;
    }
    if (c === CH_MINUS) {
      const n = text.charCodeAt(start + 1);
      if (start + 1 >= text.length || isSpace(n) || n === CH_RPAREN) {
        // `refund - urgent`: a dash on its own is punctuation, not a negation of the next term.
        this.diagnostics.push(
          diagnostic('MissingOperand', { start, end: start + 1 }, { after: '-', situation: 'dash' }),
        );
        this.i++;
        return;
      }
      this.i++;
      this.push(T.Minus, start, start + 1, '-');
      return;
    }
    if (c === CH_STAR) {
      this.i++;
      while (this.i < text.length && !isSpace(text.charCodeAt(this.i)) && text.charCodeAt(this.i) !== CH_RPAREN) {
        this.i++;
      }
      this.diagnostics.push(wildcardDiagnostic({ start, end: this.i }, { at: 'term' }));
      return;
    }
    // A field name followed by an operator starts a field term.
    if (c < 128 ? isAsciiLetter(c) || c === CH_UNDERSCORE : isNameStart(text.codePointAt(start)!)) {
      let j = start;
      while (j < text.length) {
        const d = text.charCodeAt(j);
        if (d < 128) {
          if ((asciiClass[d]! & NAME_CHAR) === 0) break;
          j++;
        } else {
          const ncp = text.codePointAt(j)!;
          if (!isNameChar(ncp)) break;
          j += cpLength(ncp);
        }
      }
      const op = operatorAt(text, j);
      if (op) {
        const name = text.slice(start, j);
        this.push(T.FieldName, start, j, name, name);
        this.push(op.type, j, j + op.length, op.image, op.image);
        this.i = j + op.length;
        this.fieldValue();
        return;
      }
    }
    this.termWord();
  }

  /**
   * The character a backslash at `this.i` escapes in a bare word (any one code point), moving past both; or null,
   * after reporting KQ1004, when the backslash ends the text.
   */
  private escapedChar(): string | null {
    const { text } = this;
    if (this.i + 1 >= text.length) {
      this.diagnostics.push(
        diagnostic('DanglingBackslash', { start: this.i, end: this.i + 1 }),
      );
      this.i++;
      return null;
    }
    const [cp, len] = codePointAt(text, this.i + 1);
    this.i += 1 + len;
    return String.fromCodePoint(cp);
  }

  /**
   * Reads a bare word from `this.i`, resolving backslash escapes ({@link escapedChar}; a dangling backslash ends the
   * word after its KQ1004). In `term` position the word is code points of {@link isTermWordChar}; in `value`
   * position, every code unit up to white space, a {@link isValueStop} character or `..`. Returns the decoded text
   * and sets `wordEscaped` (the word held an escape) and `wordStar` (it holds an unescaped `*`; only a value word
   * can: `*` ends a term word). A word with no escape is one slice of the query; with escapes the text is built
   * from slices between them ({@link escapedWord}): one concatenation per escape, not per character.
   */
  private bareWord(position: 'term' | 'value'): string {
    const { text } = this;
    const start = this.i;
    // The fast path: no escape (the common case) — the word is one slice, nothing else is allocated.
    let i = start;
    let star = false;
    const value = position === 'value';
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === CH_BACKSLASH) break;
      if (value) {
        if (c < 128) {
          if ((asciiClass[c]! & (SPACE | VALUE_STOP)) !== 0 || (c === CH_DOT && text.charCodeAt(i + 1) === CH_DOT)) break;
          if (c === CH_STAR) star = true;
        } else if (isSpace(c)) break;
        i++;
      } else if (c < 128) {
        if ((asciiClass[c]! & TERM_WORD_CHAR) === 0) break;
        i++;
      } else {
        const cp = text.codePointAt(i)!;
        if (!isTermWordChar(cp)) break;
        i += cpLength(cp);
      }
    }
    this.i = i;
    this.wordStar = star;
    this.wordEscaped = false;
    if (i >= text.length || text.charCodeAt(i) !== CH_BACKSLASH) return text.slice(start, i);
    return this.escapedWord(position, start, star);
  }

  /**
   * The slow path of {@link bareWord}: the word from `start` holds a backslash at `this.i`; reads on from there,
   * resolving escapes, with `star` already seen before it.
   */
  private escapedWord(position: 'term' | 'value', start: number, star: boolean): string {
    const { text } = this;
    const parts: string[] = [text.slice(start, this.i)];
    let run = this.i;
    while (this.i < text.length) {
      const c = text.charCodeAt(this.i);
      if (c === CH_BACKSLASH) {
        parts.push(text.slice(run, this.i));
        const ch = this.escapedChar();
        run = this.i;
        if (ch === null) break;
        parts.push(ch);
        continue;
      }
      if (position === 'value') {
        if (isSpace(c) || isValueStop(c) || (c === CH_DOT && text.charCodeAt(this.i + 1) === CH_DOT)) break;
        if (c === CH_STAR) star = true;
        this.i++;
      } else if (c < 128) {
        if (!isTermWordChar(c)) break;
        this.i++;
      } else {
        const [cp, len] = codePointAt(text, this.i);
        if (!isTermWordChar(cp)) break;
        this.i += len;
      }
    }
    if (run < this.i) parts.push(text.slice(run, this.i));
    this.wordStar = star;
    this.wordEscaped = true;
    return parts.join('');
  }

  /** A bare word in term position, or a keyword. */
  private termWord(): void {
    const { text } = this;
    const start = this.i;
    const decoded = this.bareWord('term');
    const escaped = this.wordEscaped;
    if (this.i === start) {
      // Not a word character at all.
      const [cp, len] = codePointAt(text, start);
      this.i = start + len;
      this.unexpected(start, cp);
      return;
    }
    if (!escaped) {
      const keyword = keywords.get(decoded);
      if (keyword && this.atDelimiter()) {
        this.push(keyword, start, this.i, decoded, decoded);
        return;
      }
    }
    this.push(T.Word, start, this.i, decoded, escaped ? undefined : decoded);
    if (this.i < text.length && text.charCodeAt(this.i) === CH_STAR) {
      this.wildcardInWord(start);
      return;
    }
    this.expectDelimiter(AFTER_WORD, start);
  }

  private unexpected(start: number, cp: number): void {
    const ch = String.fromCodePoint(cp);
    const control = cp < 32 || (cp >= 0x7f && cp < 0xa0);
    // Zero-width and bidi format characters (Unicode Cf: U+200B, U+FEFF, U+202E …) show as nothing in a terminal.
    const invisible = control || invisibleFormat.test(ch);
    const shown = control ? `\\u${cp.toString(16).padStart(4, '0')}` : ch; // code frames show a format character as <U+XXXX>
    this.diagnostics.push(
      diagnostic('UnexpectedCharacter', { start, end: start + ch.length }, invisible ? { char: shown, invisible: cp } : { char: shown }),
    );
  }

  private wildcardInWord(start: number): void {
    const { text } = this;
    while (this.i < text.length && !isSpace(text.charCodeAt(this.i)) && text.charCodeAt(this.i) !== CH_RPAREN) {
      this.i++;
    }
    this.diagnostics.push(wildcardDiagnostic({ start, end: this.i }, { at: 'word' }));
  }

  /** True when the next character ends a term: white space, `(`, `)`, `"` or the end. */
  private atDelimiter(): boolean {
    const { text } = this;
    if (this.i >= text.length) return true;
    const c = text.charCodeAt(this.i);
    return isSpace(c) || c === CH_LPAREN || c === CH_RPAREN || c === CH_QUOTE;
  }

  /**
   * After a term or value that began at `from`: the next character must be white space, `)` or the end. `after`
   * says what it was, for the KQ1013 message, which is only built when there is an error.
   */
  private expectDelimiter(after: DelimitedThing, from: number): void {
    const { text } = this;
    if (this.stopped || this.i >= text.length) return;
    const c = text.charCodeAt(this.i);
    if (c === CH_RPAREN || isSpace(c)) return;
    const start = this.i;
    const [cp, len] = codePointAt(text, start);
    // A character that cannot start anything gets its own KQ1001 from the next term; one error is enough.
    if (!isTermWordChar(cp) && !isNameStart(cp) && c !== CH_QUOTE && c !== CH_LPAREN && c !== CH_MINUS && c !== CH_BACKSLASH && c !== CH_STAR) {
      return;
    }
    const what = after === AFTER_WORD ? `'${text.slice(from, start)}'` : after === AFTER_QUOTED ? 'the quoted string' : 'the value';
    this.diagnostics.push(
      diagnostic('MissingSpace', { start, end: start + len }, { after: what }),
    );
  }

  /** A double-quoted string at `this.i`. */
  private quoted(): Token | null {
    const { text } = this;
    const start = this.i;
    this.i++;
    // The fast path: no backslash before the closing quote — the contents are one slice.
    let k = this.i;
    while (k < text.length) {
      const c = text.charCodeAt(k);
      if (c === CH_QUOTE || c === CH_BACKSLASH) break;
      k++;
    }
    if (k < text.length && text.charCodeAt(k) === CH_QUOTE) {
      this.i = k + 1;
      return this.push(T.Quoted, start, this.i, text.slice(start + 1, k));
    }
    const parts: string[] = [];
    let runStart = this.i;
    while (this.i < text.length) {
      const c = text.charCodeAt(this.i);
      if (c === CH_QUOTE) {
        parts.push(text.slice(runStart, this.i));
        this.i++;
        return this.push(T.Quoted, start, this.i, parts.join(''));
      }
      if (c === CH_BACKSLASH) {
        parts.push(text.slice(runStart, this.i));
        const escStart = this.i;
        const e = text.charCodeAt(this.i + 1);
        this.i += 2;
        switch (e) {
          case CH_QUOTE:
            parts.push('"');
            break;
          case CH_BACKSLASH:
            parts.push('\\');
            break;
          case 110: // n
            parts.push('\n');
            break;
          case 114: // r
            parts.push('\r');
            break;
          case 116: // t
            parts.push('\t');
            break;
          case 117: {
            // u
            const hex = text.slice(this.i, this.i + 4);
            if (/^[0-9A-Fa-f]{4}$/.test(hex)) {
              parts.push(String.fromCharCode(parseInt(hex, 16)));
              this.i += 4;
            } else {
              this.diagnostics.push(
                diagnostic('InvalidEscape', { start: escStart, end: Math.min(text.length, escStart + 2 + hex.length) }, {
                  escape: text.slice(escStart, Math.min(text.length, escStart + 2 + hex.length)),
                  problem: 'unicode',
                }),
              );
            }
            break;
          }
          default: {
            if (Number.isNaN(e)) {
              this.i = text.length;
              break;
            }
            const [, elen] = codePointAt(text, escStart + 1);
            this.i = escStart + 1 + elen;
            this.diagnostics.push(
              diagnostic('InvalidEscape', { start: escStart, end: this.i }, { escape: text.slice(escStart, this.i), problem: 'unknown' }),
            );
          }
        }
        runStart = this.i;
        continue;
      }
      this.i++;
    }
    this.diagnostics.push(
      diagnostic('UnterminatedString', { start, end: text.length }),
    );
    return null;
  }

  /**
   * A value word at `this.i` (in value position). Stops at white space, `( ) [ ] { } " ,`, `..` and, inside a
   * range, at `TO`'s surroundings via white space. Returns false when there was no word.
   */
  private valueWord(): boolean {
    const start = this.i;
    const decoded = this.bareWord('value');
    if (this.i === start) return false;
    if (this.wordStar) this.diagnostics.push(wildcardDiagnostic({ start, end: this.i }, { at: 'word' }));
    this.push(T.Word, start, this.i, decoded, this.wordEscaped ? undefined : decoded);
    return true;
  }

  /** `*` alone (followed by a stop character, white space, `..` or the end). */
  private starAt(): boolean {
    const { text } = this;
    if (text.charCodeAt(this.i) !== CH_STAR) return false;
    const n = text.charCodeAt(this.i + 1);
    if (
      this.i + 1 >= text.length ||
      isSpace(n) ||
      isValueStop(n) ||
      (n === CH_DOT && text.charCodeAt(this.i + 2) === CH_DOT)
    ) {
      this.push(T.Star, this.i, this.i + 1, '*', '*');
      this.i++;
      return true;
    }
    return false;
  }

  /** One list item or range bound: a quoted string, `*`, or a value word. */
  private valueItem(): boolean {
    const c = this.text.charCodeAt(this.i);
    if (c === CH_QUOTE) {
      // An unterminated string still consumed the item (and reported KQ1002).
      this.quoted();
      return true;
    }
    if (this.starAt()) return true;
    return this.valueWord();
  }

  /** The value after `field<operator>`. */
  private fieldValue(): void {
    const { text } = this;
    const from = this.i;
    if (this.i >= text.length) return;
    const c = text.charCodeAt(this.i);
    if (isSpace(c) || c === CH_RPAREN) return; // the parser reports the missing value
    if (c === CH_LPAREN) {
      this.valueGroup();
    } else if (c === CH_LBRACKET || c === CH_LBRACE) {
      this.bracketRange();
    } else {
      // value ((',' value)* | '..' value)
      for (;;) {
        if (!this.valueItem()) break;
        const n = text.charCodeAt(this.i);
        if (n === CH_COMMA) {
          this.push(T.Comma, this.i, this.i + 1, ',', ',');
          this.i++;
          continue;
        }
        if (n === CH_DOT && text.charCodeAt(this.i + 1) === CH_DOT) {
          this.push(T.DotDot, this.i, this.i + 2, '..', '..');
          this.i += 2;
          continue;
        }
        break;
      }
    }
    this.expectDelimiter(AFTER_VALUE, from);
  }

  /** `(a OR b OR "c d")` after an operator. */
  private valueGroup(): void {
    const { text } = this;
    this.openParen();
    if (this.stopped) return;
    for (;;) {
      this.skipSpace();
      if (this.i >= text.length) return; // unclosed: reported by run()
      const c = text.charCodeAt(this.i);
      if (c === CH_RPAREN) {
        this.closeParen();
        return;
      }
      if (c === CH_LPAREN) {
        this.openParen();
        if (this.stopped) return;
        continue;
      }
      const start = this.i;
      if (c === CH_QUOTE) {
        this.quoted();
      } else if (!this.starAt()) {
        if (!this.valueWord()) {
          // A stop character that cannot appear here: `,` `[` `]` `{` `}`.
          const [cp, len] = codePointAt(text, start);
          this.i = start + len;
          if (c === CH_COMMA) {
            this.push(T.Comma, start, start + 1, ',');
          } else {
            this.unexpected(start, cp);
          }
          continue;
        }
        const last = this.tokens[this.tokens.length - 1]!;
        const keyword = keywords.get(last.image);
        if (keyword) (last as { tokenType: TokenType }).tokenType = keyword;
        if (keyword) (last as { tokenTypeIdx: number }).tokenTypeIdx = keyword.tokenTypeIdx!;
      }
      if (this.i < text.length) {
        const n = text.charCodeAt(this.i);
        if (n === CH_DOT && text.charCodeAt(this.i + 1) === CH_DOT) {
          this.push(T.DotDot, this.i, this.i + 2, '..', '..');
          this.i += 2;
        }
      }
    }
  }

  /** `[a TO b]`, `{a TO b}`, `[a TO b}` after an operator. */
  private bracketRange(): void {
    const { text } = this;
    const open = this.i;
    const c = text.charCodeAt(open);
    this.push(c === CH_LBRACKET ? T.LBracket : T.LBrace, open, open + 1, text[open]!);
    this.i++;
    for (;;) {
      this.skipSpace();
      if (this.i >= text.length) {
        this.diagnostics.push(
          diagnostic('InvalidRange', { start: open, end: open + 1 }, { problem: 'unclosedBracket' }),
        );
        return;
      }
      const d = text.charCodeAt(this.i);
      if (d === CH_RBRACKET || d === CH_RBRACE) {
        this.push(d === CH_RBRACKET ? T.RBracket : T.RBrace, this.i, this.i + 1, text[this.i]!);
        this.i++;
        return;
      }
      const start = this.i;
      if (d === CH_QUOTE) {
        this.quoted();
        continue;
      }
      if (this.starAt()) continue;
      if (!this.valueWord()) {
        const [cp, len] = codePointAt(text, start);
        this.i = start + len;
        this.unexpected(start, cp);
        continue;
      }
      const last = this.tokens[this.tokens.length - 1]!;
      if (last.image === 'TO') {
        (last as { tokenType: TokenType }).tokenType = T.To;
        (last as { tokenTypeIdx: number }).tokenTypeIdx = T.To.tokenTypeIdx!;
      }
    }
  }
}
