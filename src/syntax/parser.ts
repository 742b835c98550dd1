/**
 * The parser: tokens → AST, with chevrotain (embedded actions, one shared instance).
 *
 * Each rule carries its production; grammar/query.ebnf is the same grammar for people, and
 * grammar/productions.json is chevrotain's serialized form of it (a test fails when they drift apart).
 * Precedence, loosest first: OR, AND (explicit or implicit), NOT / `-`.
 */
import { EmbeddedActionsParser, type IRecognitionException, type IToken, type TokenType } from 'chevrotain';
import type * as A from './ast.js';
import type { Token } from './lexer.js';
import * as T from './tokens.js';

type Bound = { value: A.Value | null; span: A.Span };

/**
 * `true` in the package's builds (an esbuild `define`, scripts/build.mjs), undefined when src/ runs as it is (tests,
 * tsx): the production builds skip chevrotain's grammar validations, which the tests still run.
 */
declare const __KQ_PRODUCTION__: boolean | undefined;
const production = typeof __KQ_PRODUCTION__ !== 'undefined' && __KQ_PRODUCTION__ === true;

const span = (start: number, end: number): A.Span => ({ start, end });
const tokenEnd = (t: IToken): number => t.endOffset! + 1;

/** The spelling of each comparison operator token, normalized (`:>=` → `>=`). */
const operatorOf = new Map<TokenType, A.ComparisonOperator>([
  [T.Colon, ':'],
  [T.Equals, '='],
  [T.NotEquals, '!='],
  [T.Tilde, '~'],
  [T.Greater, '>'],
  [T.GreaterEqual, '>='],
  [T.Less, '<'],
  [T.LessEqual, '<='],
]);

/**
 * The raw shape of a field term as parsed, before directives and forms are told apart (ast builder: `terms.ts`).
 */
export type FieldValueShape =
  | { readonly form: 'missing' }
  | { readonly form: 'single'; readonly value: A.Value }
  | { readonly form: 'star'; readonly span: A.Span }
  | { readonly form: 'list'; readonly values: A.Value[]; readonly grouped: boolean }
  | {
      readonly form: 'range';
      readonly lower: A.Value | null;
      readonly upper: A.Value | null;
      readonly lowerInclusive: boolean;
      readonly upperInclusive: boolean;
    };

/** Builds the AST node for `name<op>value`; supplied by the caller so the parser stays free of semantics. */
export type FieldTermBuilder = (
  name: Token,
  operator: Token,
  op: A.ComparisonOperator,
  shape: FieldValueShape,
  end: number,
) => A.Expression;

/** Builds the AST node for a bare word or quoted phrase. */
export type TextBuilder = (token: Token) => A.Expression;

class QueryParser extends EmbeddedActionsParser {
  /** Set per parse by {@link parseTokens}. */
  buildFieldTerm: FieldTermBuilder = () => {
    throw new Error('no builder');
  };
  buildText: TextBuilder = () => {
    throw new Error('no builder');
  };
  /** Told when a field term's name and operator are read (the tolerant parse; null for `parse`). */
  fieldTermStart: ((name: Token, operator: Token) => void) | null = null;
  /** Current nesting of parentheses and negations, and the deepest seen. */
  nesting = 0;
  deepest = 0;
  deepestToken: IToken | null = null;

  /**
   * `recovery`: chevrotain's error recovery (single-token insertion and deletion, re-sync at the rules' follow sets)
   * for the error-tolerant parse (tolerant.ts); off for `parse`, which stops at the first error. With recovery, a
   * sub-rule that was re-synced returns `undefined` and an inserted token has no offsets (`NaN`): the actions below
   * skip such pieces, which never happens without recovery.
   */
  constructor(recovery = false) {
    // chevrotain's guidance: validations are for development; `skipValidations` saves ~4 ms of the first parse.
    super(T.allTokens, { maxLookahead: 1, recoveryEnabled: recovery, skipValidations: production });
    this.performSelfAnalysis();
  }

  override reset(): void {
    super.reset();
    this.nesting = 0;
    this.deepest = 0;
    this.deepestToken = null;
    // What a parse cut short (a RangeError on a very deep input) left on the shared stacks. chevrotain's constructor
    // calls reset() before these fields exist, hence the checks.
    if (this.operands !== undefined) this.operands.length = 0;
    if (this.implicitAt !== undefined) this.implicitAt.length = 0;
    if (this.negations !== undefined) this.negations.length = 0;
    this.values = [];
    this.firstValue = undefined;
  }

  /** The last token consumed (chevrotain's `LA(0)`), for the tolerant parse's term builder. */
  lastConsumed(): IToken {
    return this.LA(0);
  }

  private enter(n: number, token: IToken): void {
    this.nesting += n;
    if (this.nesting > this.deepest) {
      this.deepest = this.nesting;
      this.deepestToken = token;
    }
  }

  // How the rules below avoid allocating per call (a typical query's parse allocated ~13 KiB, nearly all of it the
  // closures and alternative arrays of embedded actions): every closure handed to OPTION / MANY / OR is made once
  // per parser instance and reads its state from the instance, not from captured locals; semantic work is skipped
  // with chevrotain's documented RECORDING_PHASE flag instead of wrapped in ACTION closures; operands gathered by a
  // repetition go on the shared `operands` stack above a base taken when the rule starts. A sub-rule that recovery
  // abandoned (the tolerant parse) may leave its pushes behind: each repetition truncates the stack to where it was
  // before calling the sub-rule, so leftovers never reach the caller.

  /** Operands of the orExpr / andExpr invocations in progress, each above its own base. */
  private readonly operands: (A.Expression | undefined)[] = [];
  /** Stack positions (in `operands`) of the andExpr operands written with no AND before them. */
  private readonly implicitAt: number[] = [];
  /** The negation tokens of the unary invocations in progress, each above its own base. */
  private readonly negations: IToken[] = [];
  /** The values of the field value being read (fieldValue calls no sub-rule, so one list suffices). */
  private values: (A.Value | undefined)[] = [];
  /** The first value of a `value ( '..' bound | { ',' value } )` field value, for its alternatives. */
  private firstValue: A.Value | undefined = undefined;

  /** query : orExpr? EOF */
  public query = this.RULE('query', (): A.Expression | null => this.OPTION(this.queryBody) ?? null);

  private queryBody = (): A.Expression => this.SUBRULE(this.orExpr);

  /** orExpr : andExpr ( OR andExpr )* */
  private orExpr = this.RULE('orExpr', (): A.Expression => {
    const base = this.operands.length;
    const first = this.SUBRULE(this.andExpr);
    if (this.operands.length > base) this.operands.length = base;
    this.operands.push(first);
    this.MANY(this.orTail);
    if (this.RECORDING_PHASE) return first;
    const all = this.operands.splice(base);
    return all.length === 1 ? all[0]! : combine('Or', all);
  });

  private orTail = (): void => {
    this.CONSUME(T.Or);
    const mark = this.operands.length;
    const next = this.SUBRULE2(this.andExpr);
    if (this.operands.length > mark) this.operands.length = mark;
    this.operands.push(next);
  };

  /** andExpr : unary ( AND? unary )* */
  private andExpr = this.RULE('andExpr', (): A.Expression => {
    const base = this.operands.length;
    const joinBase = this.implicitAt.length;
    const first = this.SUBRULE(this.unary);
    if (this.operands.length > base) this.operands.length = base;
    if (this.implicitAt.length > joinBase) this.implicitAt.length = joinBase;
    this.operands.push(first);
    this.MANY(this.andTail);
    if (this.RECORDING_PHASE) return first;
    const all = this.operands.splice(base);
    if (all.length === 1) return all[0]!;
    // The indices of the operands written with no AND before them (the And node's `implicitJoins`).
    const implicit = this.implicitAt.splice(joinBase);
    for (let k = 0; k < implicit.length; k++) implicit[k]! -= base;
    return combine('And', all, implicit);
  });

  private consumeAnd = (): IToken => this.CONSUME(T.And);

  private andTail = (): void => {
    const written = this.OPTION(this.consumeAnd) !== undefined;
    const mark = this.operands.length;
    const joinMark = this.implicitAt.length;
    const next = this.SUBRULE2(this.unary);
    if (this.operands.length > mark) this.operands.length = mark;
    if (this.implicitAt.length > joinMark) this.implicitAt.length = joinMark;
    if (!written) this.implicitAt.push(mark);
    this.operands.push(next);
  };

  /** unary : ( NOT | '-' )* primary */
  private unary = this.RULE('unary', (): A.Expression => {
    const base = this.negations.length;
    this.MANY(this.negate);
    const count = this.negations.length - base;
    if (count > 0 && !this.RECORDING_PHASE) this.enter(count, this.negations[base + count - 1]!);
    const inner = this.SUBRULE(this.primary);
    if (this.RECORDING_PHASE || count === 0) {
      if (this.negations.length > base) this.negations.length = base;
      return inner;
    }
    this.nesting -= count;
    let node = inner;
    if (node) {
      for (let k = base + count - 1; k >= base; k--) {
        node = { kind: 'Not', span: span(this.negations[k]!.startOffset, node.span.end), operand: node };
      }
    }
    if (this.negations.length > base) this.negations.length = base;
    return node;
  });

  private negate = (): void => {
    this.negations.push(this.CONSUME(T.Negation));
  };

  /** primary : '(' orExpr ')' | fieldTerm | WORD | QUOTED */
  private primary = this.RULE('primary', (): A.Expression => this.OR(this.primaryAlternatives));

  private primaryAlternatives = [
    {
      ALT: (): A.Expression => {
        const open = this.CONSUME(T.LParen);
        if (!this.RECORDING_PHASE) this.enter(1, open);
        const inner = this.SUBRULE(this.orExpr);
        const close = this.CONSUME(T.RParen);
        if (this.RECORDING_PHASE) return inner;
        this.nesting -= 1;
        if (!inner) return inner;
        // The group's node spans its parentheses, so that a negation's span reaches the closing ')'.
        return { ...inner, span: span(open.startOffset, close.isInsertedInRecovery ? inner.span.end : tokenEnd(close)) };
      },
    },
    { ALT: (): A.Expression => this.SUBRULE(this.fieldTerm) },
    {
      ALT: (): A.Expression => {
        const t = this.CONSUME(T.ValueToken);
        return this.RECORDING_PHASE ? (undefined as unknown as A.Expression) : this.buildText(t as Token);
      },
    },
  ];

  /** fieldTerm : FIELD_NAME OPERATOR fieldValue? */
  private fieldTerm = this.RULE('fieldTerm', (): A.Expression => {
    const name = this.CONSUME(T.FieldName);
    const operator = this.CONSUME(T.Operator);
    if (!this.RECORDING_PHASE) this.fieldTermStart?.(name as Token, operator as Token);
    const r = this.OPTION(this.fieldValueOption);
    if (this.RECORDING_PHASE) return undefined as unknown as A.Expression;
    return this.buildFieldTerm(
      name as Token,
      operator as Token,
      operatorOf.get(operator.tokenType)!,
      r ? r.shape : MISSING,
      r ? r.end : tokenEnd(operator),
    );
  });

  /**
   * The value must touch the operator (the last token consumed): in `name: value` the space ends the term (the lexer
   * never puts white space inside a field term), so `value` is a separate term and `name:` lacks its value.
   */
  private fieldValueOption = {
    GATE: (): boolean => this.LA(1).startOffset === tokenEnd(this.LA(0)),
    DEF: () => this.SUBRULE(this.fieldValue),
  };

  /**
   * fieldValue : '*' ( '..' BOUND )?
   *            | '(' VALUE ( OR VALUE )* ')'
   *            | ( '[' | '{' ) BOUND TO BOUND ( ']' | '}' )
   *            | VALUE ( '..' BOUND | ( ',' VALUE )* )
   *
   * VALUE and BOUND are token categories (tokens.ts): a word or quoted string, and either of those or `*`.
   */
  private fieldValue = this.RULE('fieldValue', (): FieldValueResult => this.OR(this.fieldValueAlternatives));

  private fieldValueAlternatives = [
    {
      ALT: (): FieldValueResult => {
        const star = this.CONSUME(T.Star);
        const upper = this.OPTION(this.starUpper);
        if (this.RECORDING_PHASE) return undefined as unknown as FieldValueResult;
        const u = upper === undefined ? null : this.bound(upper);
        if (!u) return { shape: { form: 'star', span: span(star.startOffset, tokenEnd(star)) }, end: tokenEnd(star) };
        return {
          shape: { form: 'range', lower: null, upper: u.value, lowerInclusive: true, upperInclusive: true },
          end: u.span.end,
        };
      },
    },
    {
      ALT: (): FieldValueResult => {
        this.CONSUME(T.LParen);
        this.values = [this.value(this.CONSUME(T.ValueToken))];
        this.MANY(this.listTail);
        const close = this.CONSUME(T.RParen);
        if (this.RECORDING_PHASE) return undefined as unknown as FieldValueResult;
        const values = this.values.filter((v): v is A.Value => v !== undefined);
        return { shape: { form: 'list', values, grouped: true }, end: tokenEnd(close) };
      },
    },
    {
      ALT: (): FieldValueResult => {
        const open = this.CONSUME(T.RangeOpen);
        const lower = this.CONSUME(T.BoundToken);
        this.CONSUME(T.To);
        const upper = this.CONSUME2(T.BoundToken);
        const close = this.CONSUME(T.RangeClose);
        if (this.RECORDING_PHASE) return undefined as unknown as FieldValueResult;
        return {
          shape: {
            form: 'range',
            lower: this.bound(lower)?.value ?? null,
            upper: this.bound(upper)?.value ?? null,
            lowerInclusive: open.tokenType === T.LBracket,
            upperInclusive: close.tokenType === T.RBracket,
          },
          end: tokenEnd(close),
        };
      },
    },
    {
      ALT: (): FieldValueResult => {
        this.firstValue = this.value(this.CONSUME2(T.ValueToken));
        return this.OR2(this.afterFirstValue);
      },
    },
  ];

  private starUpper = (): IToken => {
    this.CONSUME(T.DotDot);
    return this.CONSUME3(T.BoundToken);
  };

  private listTail = (): void => {
    this.CONSUME(T.Or);
    this.values.push(this.value(this.CONSUME3(T.ValueToken)));
  };

  private afterFirstValue = [
    {
      ALT: (): FieldValueResult => {
        this.CONSUME2(T.DotDot);
        const upperToken = this.CONSUME4(T.BoundToken);
        if (this.RECORDING_PHASE) return undefined as unknown as FieldValueResult;
        const upper = this.bound(upperToken);
        return {
          shape: { form: 'range', lower: this.firstValue ?? null, upper: upper?.value ?? null, lowerInclusive: true, upperInclusive: true },
          end: upper ? upper.span.end : Number.NaN,
        };
      },
    },
    {
      ALT: (): FieldValueResult => {
        const first = this.firstValue;
        this.values = [first];
        this.MANY2(this.commaTail);
        if (this.RECORDING_PHASE) return undefined as unknown as FieldValueResult;
        const values = this.values.includes(undefined) ? this.values.filter((v): v is A.Value => v !== undefined) : (this.values as A.Value[]);
        const last = values[values.length - 1];
        if (!last) return { shape: MISSING, end: Number.NaN };
        const shape: FieldValueShape = values.length === 1 ? { form: 'single', value: last } : { form: 'list', values, grouped: false };
        return { shape, end: last.span.end };
      },
    },
  ];

  private commaTail = (): void => {
    this.CONSUME(T.Comma);
    this.values.push(this.value(this.CONSUME4(T.ValueToken)));
  };

  /** The Value node of a VALUE token; undefined for a token recovery inserted (it has no text or offsets). */
  private value(t: IToken): A.Value | undefined {
    if (this.RECORDING_PHASE || t.isInsertedInRecovery) return undefined;
    return { kind: 'Value', span: span(t.startOffset, tokenEnd(t)), value: (t as Token).payload ?? '' };
  }

  /** A BOUND token as a range bound: `*` is open (`value: null`); undefined for a token recovery inserted. */
  private bound(t: IToken): Bound | undefined {
    if (t.isInsertedInRecovery) return undefined;
    if (t.tokenType === T.Star) return { value: null, span: span(t.startOffset, tokenEnd(t)) };
    const v = this.value(t)!;
    return { value: v, span: v.span };
  }
}

/** What fieldValue returns: the value's shape and where the field term ends (UTF-16 offset). */
type FieldValueResult = { shape: FieldValueShape; end: number };

/** The shape of a field term with no value. */
const MISSING: FieldValueShape = { form: 'missing' };

/**
 * Joins operands with `kind`, flattening operands that are already of that kind (associativity). `implicit`: the
 * indices into `all` of the operands joined to the one before with no `AND` written; they become the node's
 * `implicitJoins`, renumbered for the flattened operands (a flattened group brings its own).
 */
function combine(kind: 'And' | 'Or', all: readonly (A.Expression | undefined)[], implicit?: readonly number[]): A.Expression {
  // Without recovery every operand is a node; with it, a re-synced operand is `undefined` and is left out.
  const operands = all.filter((o): o is A.Expression => o !== undefined);
  if (operands.length <= 1) return operands[0]!;
  const flat: A.Expression[] = [];
  const joins: number[] = [];
  // `implicit` is ascending: walk it alongside `all` (no search per operand).
  let next = 0;
  for (let i = 0; i < all.length; i++) {
    const op = all[i];
    while (implicit !== undefined && next < implicit.length && implicit[next]! < i) next++;
    if (op === undefined) continue;
    if (flat.length > 0 && implicit !== undefined && implicit[next] === i) joins.push(flat.length);
    if (op.kind === kind) {
      if (op.kind === 'And' && op.implicitJoins !== undefined) for (const j of op.implicitJoins) joins.push(flat.length + j);
      for (const o of op.operands) flat.push(o);
    } else flat.push(op);
  }
  const at = span(operands[0]!.span.start, operands[operands.length - 1]!.span.end);
  return joins.length > 0 ? { kind: 'And', span: at, operands: flat, implicitJoins: joins } : { kind, span: at, operands: flat };
}

let shared: QueryParser | null = null;

/** The one parser instance (chevrotain's guidance: build once, reset per input). */
function parser(): QueryParser {
  shared ??= new QueryParser();
  return shared;
}

/** The result of {@link parseTokens}. */
export interface TokenParseResult {
  readonly body: A.Expression | null;
  /** The first syntax error, if any (chevrotain stops at the first one; recovery is off). */
  readonly error: IRecognitionException | null;
  /** The deepest nesting of parentheses and negations, and the token where it was reached. */
  readonly deepest: number;
  readonly deepestToken: IToken | null;
}

/**
 * Parses a token list. `buildFieldTerm` and `buildText` make the term nodes (see `terms.ts`). Throws only what the
 * builders throw; chevrotain's recognition errors are returned.
 */
export function parseTokens(tokens: Token[], buildFieldTerm: FieldTermBuilder, buildText: TextBuilder): TokenParseResult {
  const p = parser();
  p.buildFieldTerm = buildFieldTerm;
  p.buildText = buildText;
  p.input = tokens;
  const body = p.query() ?? null;
  const error = p.errors[0] ?? null;
  return { body: error ? null : body, error, deepest: p.deepest, deepestToken: p.deepestToken };
}

let recovering: QueryParser | null = null;

/** The result of {@link parseTokensTolerant}: the tree as far as it could be built, and every recognition error. */
export interface TolerantTokenParseResult {
  /** The expression built, with the pieces recovery skipped left out (`null` when nothing could be built). */
  readonly body: A.Expression | null;
  /** Every recognition error, in order; each one's `resyncedTokens` are the tokens recovery skipped over. */
  readonly errors: readonly IRecognitionException[];
}

/**
 * Parses a token list with chevrotain's error recovery on (the same grammar and actions as {@link parseTokens}, a
 * second instance): a missing token is inserted (`isInsertedInRecovery`, no offsets), an extra one deleted, and a
 * rule that cannot go on re-syncs at its follow set. The builders see only what was recognised; `buildFieldTerm` also
 * gets the last token the term consumed, and `fieldTermStart` is told when a term's name and operator are read (so
 * that a term whose value recovery abandoned is still known). Never throws what
 * chevrotain throws; throws only what the builders throw.
 */
export function parseTokensTolerant(
  tokens: Token[],
  buildFieldTerm: (...args: [...Parameters<FieldTermBuilder>, last: Token]) => A.Expression,
  buildText: TextBuilder,
  fieldTermStart: (name: Token, operator: Token) => void,
): TolerantTokenParseResult {
  recovering ??= new QueryParser(true);
  const p = recovering;
  p.fieldTermStart = fieldTermStart;
  // `LA(0)` is the last token the parser consumed: at the end of a field term, the last token of its value (or of
  // the tokens recovery skipped inside it).
  p.buildFieldTerm = (name, operator, op, shape, end) => buildFieldTerm(name, operator, op, shape, end, p.lastConsumed() as Token);
  p.buildText = buildText;
  p.input = tokens;
  const body = p.query() ?? null;
  return { body, errors: [...p.errors] };
}

/** chevrotain's serialized grammar (GAST), for the snapshot in grammar/productions.json and the diagrams. */
export function serializedGrammar(): unknown {
  return parser().getSerializedGastProductions();
}

