/**
 * The printer: an AST → its canonical query text, which `parse` reads back to the same AST (spans aside).
 *
 * The canonical text:
 * - keywords upper case, one space between terms, terms joined by an explicit ` AND `;
 * - the shortest operator spelling (`>=`, not `:>=`), lists as `a,b,c`, inclusive ranges as `a..b` and others in
 *   brackets (`[a TO b}`), `field:*` for "is set" and `-field:*` for "is not set", `-` for negation;
 * - parentheses only where precedence needs them (an OR inside an AND or a negation, an AND inside a negation);
 * - values quoted only when they must be (see {@link needsQuotes}); inside quotes `"` and `\` are escaped, and
 *   control characters, white space other than the plain space, U+2028/2029 and lone surrogates are written as
 *   `\n` `\r` `\t` or `\uXXXX`, so the text is one visible line;
 * - directives directly in the top-level AND (`context:`, `tz:`, `sort:`) last, in that fixed order, separated
 *   by spaces; sort keys keep their order. A directive anywhere else (a mistake the checker reports) stays put.
 *
 * The printer trusts its input to be a parsed AST (field names the lexer reads as names, flattened AND/OR, depth
 * within the parser's limits); `format` (format.ts) checks an AST from elsewhere before printing it.
 */
import type * as A from './ast.js';
import { isNameChar, isNameStart, isSpace, isTermWordChar } from './lexer.js';
import { directiveNames } from './terms.js';

/** Where a value is printed: that decides which characters the lexer would read differently. */
type Position =
  /** A bare word or phrase in term position: full-text search. */
  | 'term'
  /** Right after an operator, or an item of a comma list. */
  | 'value'
  /** A bound of `a..b`. */
  | 'dots'
  /** A bound inside `[a TO b]`. */
  | 'bracket';

/** Words that are keywords somewhere: always quoted as values. */
const reserved: ReadonlySet<string> = new Set(['AND', 'OR', 'NOT', 'TO']);
/** Lower-case keywords: quoted in term position, where a bare one draws a warning (KQ1012). */
const lowercaseKeywords: ReadonlySet<string> = new Set(['and', 'or', 'not']);
const directives: ReadonlySet<string> = new Set(directiveNames);

/**
 * True when `value` cannot be printed bare at `position` and read back as itself. Besides the empty string and
 * the keywords: white space, control characters, lone surrogates, `( ) [ ] { } " , \ *`, `..`; a leading `= < >`
 * (it would join the operator); in term position any character outside bare words, a leading `-` (negation) or
 * `:` or `#` (a comment line in .kq files), and a leading name followed by `:` (a field term); in a range, a leading or
 * trailing `.` (it would join the `..`).
 */
export function needsQuotes(value: string, position: Position): boolean {
  if (value === '' || reserved.has(value)) return true;
  if (value.includes('..')) return true;
  for (let i = 0; i < value.length; ) {
    const cp = value.codePointAt(i)!;
    const len = cp > 0xffff ? 2 : 1;
    // All Unicode white space is in the BMP; isSpace takes a UTF-16 code unit.
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || (cp >= 0xd800 && cp <= 0xdfff) || (cp <= 0xffff && isSpace(cp))) return true;
    switch (cp) {
      case 0x28: // (
      case 0x29: // )
      case 0x5b: // [
      case 0x5d: // ]
      case 0x7b: // {
      case 0x7d: // }
      case 0x22: // "
      case 0x2c: // ,
      case 0x5c: // \
      case 0x2a: // *
        return true;
    }
    if (position === 'term' && !isTermWordChar(cp)) return true;
    i += len;
  }
  const first = value.charCodeAt(0);
  if (first === 0x3d || first === 0x3c || first === 0x3e) return true; // = < >
  switch (position) {
    case 'term':
      // `-` negates, `:` has no field before it, `#` starts a comment line in .kq files.
      return first === 0x2d || first === 0x3a || first === 0x23 || lowercaseKeywords.has(value) || looksLikeFieldTerm(value);
    case 'dots':
    case 'bracket':
      return value.startsWith('.') || value.endsWith('.');
    case 'value':
      return false;
  }
}

/** True when the lexer would read the start of `word` as a field name and an operator (`a:b`, `x.y:z`). */
function looksLikeFieldTerm(word: string): boolean {
  const first = word.codePointAt(0)!;
  if (!isNameStart(first)) return false;
  let j = first > 0xffff ? 2 : 1;
  while (j < word.length) {
    const cp = word.codePointAt(j)!;
    if (!isNameChar(cp)) break;
    j += cp > 0xffff ? 2 : 1;
  }
  // Of the operator characters only ':' can appear in a bare word (`= ! ~ < >` are not word characters).
  return word.charCodeAt(j) === 0x3a;
}

/** `value` between double quotes, escaped so that the lexer reads back exactly `value`. */
export function quote(value: string): string {
  let out = '"';
  let run = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    let escaped: string | null = null;
    if (c === 0x22) escaped = '\\"';
    else if (c === 0x5c) escaped = '\\\\';
    else if (c === 0x0a) escaped = '\\n';
    else if (c === 0x0d) escaped = '\\r';
    else if (c === 0x09) escaped = '\\t';
    else if (c < 0x20 || (c >= 0x7f && c < 0xa0) || (c !== 0x20 && isSpace(c))) escaped = unicodeEscape(c);
    else if (c >= 0xd800 && c <= 0xdbff) {
      const d = value.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++; // a well-formed pair stays as it is
      else escaped = unicodeEscape(c);
    } else if (c >= 0xdc00 && c <= 0xdfff) escaped = unicodeEscape(c);
    if (escaped !== null) {
      out += value.slice(run, i) + escaped;
      run = i + 1;
    }
  }
  return `${out}${value.slice(run)}"`;
}

function unicodeEscape(c: number): string {
  return `\\u${c.toString(16).padStart(4, '0')}`;
}

/** `value` as it must be written at `position`: bare when it can be, else quoted. */
export function printValue(value: string, position: Position): string {
  return needsQuotes(value, position) ? quote(value) : value;
}

/** True when `name` is read by the lexer as a field name (and is not a directive such as `has` or `sort`). */
export function isPrintableName(name: string): boolean {
  if (name === '' || directives.has(name)) return false;
  const first = name.codePointAt(0)!;
  if (!isNameStart(first)) return false;
  for (let i = first > 0xffff ? 2 : 1; i < name.length; ) {
    const cp = name.codePointAt(i)!;
    if (!isNameChar(cp)) return false;
    i += cp > 0xffff ? 2 : 1;
  }
  return true;
}

/** Binding strength, loosest first: an operand binding looser than its parent needs parentheses. */
const Precedence = { Or: 1, And: 2, Unary: 3 } as const;
type Precedence = (typeof Precedence)[keyof typeof Precedence];

function precedenceOf(node: A.Expression): Precedence {
  return node.kind === 'Or' ? Precedence.Or : node.kind === 'And' ? Precedence.And : Precedence.Unary;
}

function operand(node: A.Expression, parent: Precedence): string {
  const text = expression(node);
  return precedenceOf(node) < parent ? `(${text})` : text;
}

function expression(node: A.Expression): string {
  switch (node.kind) {
    case 'Or':
      return node.operands.map((o) => operand(o, Precedence.Or)).join(' OR ');
    case 'And':
      // AND is associative: an AND operand (only in a hand-built tree) prints flattened.
      return node.operands.map((o) => operand(o, Precedence.And)).join(' AND ');
    case 'Not':
      return `-${operand(node.operand, Precedence.Unary)}`;
    case 'Comparison':
      return `${node.field.value}${node.operator}${printValue(node.value.value, 'value')}`;
    case 'List':
      return `${node.field.value}${node.operator}${node.values.map((v) => printValue(v.value, 'value')).join(',')}`;
    case 'Range':
      return range(node);
    case 'Exists':
      return isPrintableName(node.field.value) ? `${node.field.value}:*` : `has:${printValue(node.field.value, 'value')}`;
    case 'Text':
      return printValue(node.value, 'term');
    case 'Sort':
      return `sort:${printValue(sortValue(node), 'value')}`;
    case 'Context':
      return `context:${printValue(node.value.value, 'value')}`;
    case 'TimeZone':
      return `tz:${printValue(node.value.value, 'value')}`;
  }
}

/** `name`, `name-desc`, or `name-asc` when the name itself ends in `-asc`/`-desc` (else that would be read as the direction). */
function sortValue(node: A.Sort): string {
  const name = node.field.value;
  if (node.direction === 'desc') return `${name}-desc`;
  return /-(asc|desc)$/.test(name) ? `${name}-asc` : name;
}

function range(node: A.Range): string {
  const { field, lower, upper, lowerInclusive, upperInclusive } = node;
  if (lowerInclusive && upperInclusive) {
    const lo = lower ? printValue(lower.value, 'dots') : '*';
    const hi = upper ? printValue(upper.value, 'dots') : '*';
    return `${field.value}:${lo}..${hi}`;
  }
  const lo = lower ? printValue(lower.value, 'bracket') : '*';
  const hi = upper ? printValue(upper.value, 'bracket') : '*';
  return `${field.value}:${lowerInclusive ? '[' : '{'}${lo} TO ${hi}${upperInclusive ? ']' : '}'}`;
}

const directiveOrder: Record<A.Directive['kind'], number> = { Context: 0, TimeZone: 1, Sort: 2 };

function isDirective(node: A.Expression): node is A.Directive {
  return node.kind === 'Sort' || node.kind === 'Context' || node.kind === 'TimeZone';
}

/**
 * The canonical text of a query or of any expression node (see the module comment). A `Query` with no body
 * prints as the empty string. Never throws on a parsed AST; recursion depth is the AST's depth.
 */
export function print(node: A.Query | A.Expression): string {
  if (node.kind !== 'Query') return expression(node);
  const body = node.body;
  if (body === null) return '';
  const top = body.kind === 'And' ? body.operands : [body];
  const terms = top.filter((o) => !isDirective(o));
  // Array.prototype.sort is stable: sort keys keep their relative order.
  const directives = top.filter(isDirective).sort((a, b) => directiveOrder[a.kind] - directiveOrder[b.kind]);
  const parts: string[] = [];
  // With a directive after it, a lone OR is an operand of the top-level AND, and needs its parentheses.
  const parent = terms.length > 1 || directives.length > 0 ? Precedence.And : Precedence.Or;
  if (terms.length) parts.push(terms.map((t) => operand(t, parent)).join(' AND '));
  for (const d of directives) parts.push(expression(d));
  return parts.join(' ');
}
