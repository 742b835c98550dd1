/**
 * `parse`: query text → AST and syntax diagnostics.
 */
import { EOF, type IRecognitionException, type IToken } from 'chevrotain';
import { capDiagnostics, diagnostic, hasErrors, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { resolveLimits, type ParseOptions } from '../options.js';
import type * as A from './ast.js';
import { lex, type Token } from './lexer.js';
import { parseTokens } from './parser.js';
import { termBuilders } from './terms.js';
import * as T from './tokens.js';

/**
 * The result of {@link parse}.
 * - `ast`: the query's syntax tree, or `null` when there is any syntax error (then `diagnostics` says why);
 * - `diagnostics`: syntax errors (KQ1xxx) and warnings (e.g. KQ1012 for a lower-case `and`), ordered by position.
 *
 * The tokens themselves, with their roles, come from `tokenize` (src/interactive/tokenize.ts): the lexer's own token
 * objects are chevrotain's and stay internal.
 */
export interface ParseResult {
  readonly ast: A.Query | null;
  readonly diagnostics: Diagnostic[];
}

/**
 * Parses a query. Never throws, on any string: problems are diagnostics.
 *
 * A `text` that is not a string (a caller's mistake, e.g. `undefined`) is KQ1020, not searched as a word.
 * Limits: a query longer than `opts.maxLength` UTF-16 code units is rejected unread (KQ1015); parentheses and
 * negations nested deeper than `opts.maxDepth` are an error (KQ1014). At most `opts.maxDiagnostics` diagnostics
 * are returned.
 */
export function parse(text: string, opts: ParseOptions = {}): ParseResult {
  opts ??= {};
  const limits = resolveLimits(opts);
  if (typeof text !== 'string') {
    // A caller's mistake (compile(undefined)) must not become a search for the word "undefined".
    const got = text === null ? 'null' : Array.isArray(text) ? 'an array' : `a value of type ${typeof text}`;
    return { ast: null, diagnostics: [diagnostic('NotText', { start: 0, end: 0 }, { got })] };
  }
  if (text.length > limits.maxLength) {
    return {
      ast: null,
      diagnostics: [
        diagnostic('TooLong', { start: limits.maxLength, end: text.length }, { length: text.length, max: limits.maxLength, of: 'query' }),
      ],
    };
  }
  const lexed = lex(text, { maxDepth: limits.maxDepth, maxDiagnostics: limits.maxDiagnostics });
  const diagnostics: Diagnostic[] = lexed.diagnostics; // the lexer's own fresh array
  let body: A.Expression | null = null;
  if (!hasErrors(diagnostics)) {
    const builders = sharedBuilders(diagnostics);
    try {
      const result = parseTokens(lexed.tokens, builders.fieldTerm, builders.text);
      if (result.error) diagnostics.push(syntaxError(result.error, lexed.tokens, text));
      else body = result.body;
      if (result.deepest > limits.maxDepth && result.deepestToken) {
        const t = result.deepestToken;
        diagnostics.push(
          diagnostic('TooDeep', { start: t.startOffset, end: t.endOffset! + 1 }, { max: limits.maxDepth, situation: 'negations' }),
        );
      }
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      diagnostics.push(
        diagnostic('TooDeep', { start: 0, end: text.length }, { max: limits.maxDepth, situation: 'stack' }),
      );
    }
  }
  const sorted = capDiagnostics(diagnostics.length > 1 ? sortDiagnostics(diagnostics) : diagnostics, limits.maxDiagnostics);
  const ok = !hasErrors(sorted);
  return {
    ast: ok ? { kind: 'Query', span: { start: 0, end: text.length }, body } : null,
    diagnostics: sorted,
  };
}

/** The diagnostics of the parse in progress (parse is never re-entered: it runs to its end on one shared parser). */
let currentSink: Diagnostic[] = [];
let builders: ReturnType<typeof termBuilders> | null = null;

/** The term builders, made once, reporting to `sink` for this parse (no closures made per parse). */
function sharedBuilders(sink: Diagnostic[]): ReturnType<typeof termBuilders> {
  currentSink = sink;
  builders ??= termBuilders({ push: (d: Diagnostic) => currentSink.push(d) });
  return builders;
}

function describe(t: IToken): string {
  if (t.tokenType === EOF) return 'end of the query';
  const image = t.image.length > 30 ? `${t.image.slice(0, 29)}…` : t.image;
  return `'${image}'`;
}

const opens = new Set([T.And, T.Or, T.Not, T.Minus, T.LParen]);
const closers = new Set([EOF, T.RParen, T.And, T.Or]);

/** True when the token at `index` follows a `[` or `{` of the same field term. */
function inBracketRange(tokens: readonly Token[], index: number): boolean {
  for (let k = index - 1; k >= 0; k--) {
    const type = tokens[k]!.tokenType;
    if (type === T.LBracket || type === T.LBrace) return true;
    if (type === T.FieldName || type === T.RBracket || type === T.RBrace) return false;
  }
  return false;
}

/** Turns chevrotain's first recognition error into a diagnostic that says what to do. */
function syntaxError(e: IRecognitionException, tokens: readonly Token[], text: string): Diagnostic {
  const found = e.token;
  const isEof = found.tokenType === EOF || Number.isNaN(found.startOffset);
  const index = isEof ? tokens.length : tokens.indexOf(found as Token);
  const prev = index > 0 ? tokens[index - 1]! : null;
  const at = isEof ? { start: text.length, end: text.length } : { start: found.startOffset, end: found.endOffset! + 1 };
  const prevSpan = prev ? { start: prev.startOffset, end: prev.endOffset! + 1 } : at;
  const inValue = e.context.ruleStack.includes('fieldValue');

  if ((prev === null || prev.tokenType === T.LParen) && (found.tokenType === T.And || found.tokenType === T.Or)) {
    return diagnostic('DanglingOperator', at, { operator: found.image, situation: 'keyword' });
  }
  if (prev?.tokenType === T.DotDot) {
    return diagnostic('InvalidRange', at, { problem: 'noUpperBound' });
  }
  if (prev && opens.has(prev.tokenType) && closers.has(isEof ? EOF : found.tokenType)) {
    return diagnostic('MissingOperand', prevSpan, { after: prev.image, situation: prev.tokenType === T.LParen ? 'emptyGroup' : 'operator' });
  }
  if (inValue) {
    if (found.tokenType === T.And || found.tokenType === T.Not) {
      return diagnostic('InvalidList', at, { problem: 'onlyOr' });
    }
    if (inBracketRange(tokens, index)) {
      return diagnostic('InvalidRange', at, { problem: 'unexpected', token: describe(found) });
    }
    return diagnostic('InvalidList', at, { problem: 'unexpected', token: describe(found) });
  }
  const kind =
    found.tokenType === T.To
      ? 'to'
      : found.tokenType === T.Comma || found.tokenType === T.DotDot || found.tokenType === T.Star
        ? 'punctuation'
        : 'other';
  return diagnostic('UnexpectedToken', at, { token: describe(found), kind });
}
