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
    super(T.allTokens, { maxLookahead: 3, recoveryEnabled: recovery, skipValidations: production });
    this.performSelfAnalysis();
  }

  override reset(): void {
    super.reset();
    this.nesting = 0;
    this.deepest = 0;
    this.deepestToken = null;
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

  /** query : orExpr? EOF */
  public query = this.RULE('query', (): A.Expression | null => {
    let body: A.Expression | null = null;
    this.OPTION(() => {
      body = this.SUBRULE(this.orExpr);
    });
    return body;
  });

  /** orExpr : andExpr ( OR andExpr )* */
  private orExpr = this.RULE('orExpr', (): A.Expression => {
    const operands: A.Expression[] = [];
    operands.push(this.SUBRULE(this.andExpr));
    this.MANY(() => {
      this.CONSUME(T.Or);
      operands.push(this.SUBRULE2(this.andExpr));
    });
    return this.ACTION(() => combine('Or', operands));
  });

  /** andExpr : unary ( AND? unary )* */
  private andExpr = this.RULE('andExpr', (): A.Expression => {
    const operands: A.Expression[] = [];
    // The indices of the operands written with no AND before them (the And node's `implicitJoins`).
    const implicit: number[] = [];
    operands.push(this.SUBRULE(this.unary));
    this.MANY(() => {
      let written = false;
      this.OPTION(() => {
        this.CONSUME(T.And);
        written = true;
      });
      if (!written) implicit.push(operands.length);
      operands.push(this.SUBRULE2(this.unary));
    });
    return this.ACTION(() => combine('And', operands, implicit));
  });

  /** unary : ( NOT | '-' )* primary */
  private unary = this.RULE('unary', (): A.Expression => {
    const negations: IToken[] = [];
    this.MANY(() => {
      negations.push(this.OR([{ ALT: () => this.CONSUME(T.Not) }, { ALT: () => this.CONSUME(T.Minus) }]));
    });
    this.ACTION(() => {
      if (negations.length > 0) this.enter(negations.length, negations[negations.length - 1]!);
    });
    const inner = this.SUBRULE(this.primary);
    return this.ACTION(() => {
      this.nesting -= negations.length;
      let node = inner;
      if (!node) return node;
      for (let k = negations.length - 1; k >= 0; k--) {
        node = { kind: 'Not', span: span(negations[k]!.startOffset, node.span.end), operand: node };
      }
      return node;
    });
  });

  /** primary : '(' orExpr ')' | fieldTerm | WORD | QUOTED */
  private primary = this.RULE('primary', (): A.Expression =>
    this.OR([
      {
        ALT: () => {
          const open = this.CONSUME(T.LParen);
          this.ACTION(() => this.enter(1, open));
          const inner = this.SUBRULE(this.orExpr);
          const close = this.CONSUME(T.RParen);
          // The group's node spans its parentheses, so that a negation's span reaches the closing ')'.
          return this.ACTION(() => {
            this.nesting -= 1;
            if (!inner) return inner;
            return { ...inner, span: span(open.startOffset, close.isInsertedInRecovery ? inner.span.end : tokenEnd(close)) };
          });
        },
      },
      { ALT: () => this.SUBRULE(this.fieldTerm) },
      {
        ALT: () => {
          const t = this.OR2([{ ALT: () => this.CONSUME(T.Word) }, { ALT: () => this.CONSUME(T.Quoted) }]);
          return this.ACTION(() => this.buildText(t as Token));
        },
      },
    ]),
  );

  /** fieldTerm : FIELD_NAME OPERATOR fieldValue? */
  private fieldTerm = this.RULE('fieldTerm', (): A.Expression => {
    const name = this.CONSUME(T.FieldName);
    const operator = this.CONSUME(T.Operator);
    this.ACTION(() => this.fieldTermStart?.(name as Token, operator as Token));
    let shape: FieldValueShape = { form: 'missing' };
    let end = tokenEnd(operator);
    // The value must touch the operator: in `name: value` the space ends the term (the lexer never puts white
    // space inside a field term), so `value` is a separate term and `name:` lacks its value.
    this.OPTION({
      GATE: () => this.LA(1).startOffset === tokenEnd(operator),
      DEF: () => {
        const r = this.SUBRULE(this.fieldValue);
        if (r) {
          shape = r.shape;
          end = r.end;
        }
      },
    });
    return this.ACTION(() =>
      this.buildFieldTerm(name as Token, operator as Token, operatorOf.get(operator.tokenType)!, shape, end),
    );
  });

  /**
   * fieldValue : '*' ( '..' bound )?
   *            | '(' value ( OR value )* ')'
   *            | ( '[' | '{' ) bound TO bound ( ']' | '}' )
   *            | value ( '..' bound | ( ',' value )* )
   */
  private fieldValue = this.RULE('fieldValue', (): { shape: FieldValueShape; end: number } =>
    this.OR([
      {
        ALT: () => {
          const star = this.CONSUME(T.Star);
          let upper: Bound | null = null;
          this.OPTION(() => {
            this.CONSUME(T.DotDot);
            upper = this.SUBRULE(this.bound);
          });
          return this.ACTION(() => {
            const u = upper as Bound | null;
            if (!u) return { shape: { form: 'star', span: span(star.startOffset, tokenEnd(star)) }, end: tokenEnd(star) };
            return {
              shape: { form: 'range', lower: null, upper: u.value, lowerInclusive: true, upperInclusive: true },
              end: u.span.end,
            };
          });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          const values: A.Value[] = [this.SUBRULE(this.value)];
          this.MANY(() => {
            this.CONSUME(T.Or);
            values.push(this.SUBRULE2(this.value));
          });
          const close = this.CONSUME(T.RParen);
          return this.ACTION(() => ({ shape: { form: 'list', values: values.filter((v) => v !== undefined), grouped: true }, end: tokenEnd(close) }));
        },
      },
      {
        ALT: () => {
          const open = this.OR2([{ ALT: () => this.CONSUME(T.LBracket) }, { ALT: () => this.CONSUME(T.LBrace) }]);
          const lower = this.SUBRULE2(this.bound);
          this.CONSUME(T.To);
          const upper = this.SUBRULE3(this.bound);
          const close = this.OR3([{ ALT: () => this.CONSUME(T.RBracket) }, { ALT: () => this.CONSUME(T.RBrace) }]);
          return this.ACTION(() => ({
            shape: {
              form: 'range',
              lower: lower?.value ?? null,
              upper: upper?.value ?? null,
              lowerInclusive: open.tokenType === T.LBracket,
              upperInclusive: close.tokenType === T.RBracket,
            },
            end: tokenEnd(close),
          }));
        },
      },
      {
        ALT: () => {
          const first = this.SUBRULE3(this.value);
          return this.OR4([
            {
              ALT: () => {
                this.CONSUME2(T.DotDot);
                const upper = this.SUBRULE4(this.bound);
                return this.ACTION(() => ({
                  shape: {
                    form: 'range',
                    lower: first,
                    upper: upper?.value ?? null,
                    lowerInclusive: true,
                    upperInclusive: true,
                  } as FieldValueShape,
                  end: upper ? upper.span.end : Number.NaN,
                }));
              },
            },
            {
              ALT: () => {
                const values: A.Value[] = [first];
                this.MANY2(() => {
                  this.CONSUME(T.Comma);
                  values.push(this.SUBRULE4(this.value));
                });
                return this.ACTION(() => {
                  if (values.includes(undefined as unknown as A.Value)) values.splice(0, values.length, ...values.filter((v) => v !== undefined));
                  const last = values[values.length - 1];
                  if (!last) return { shape: { form: 'missing' } as FieldValueShape, end: Number.NaN };
                  const shape: FieldValueShape =
                    values.length === 1 ? { form: 'single', value: first } : { form: 'list', values, grouped: false };
                  return { shape, end: last.span.end };
                });
              },
            },
          ]);
        },
      },
    ]),
  );

  /** bound : value | '*' */
  private bound = this.RULE('bound', (): Bound =>
    this.OR([
      {
        ALT: () => {
          const v = this.SUBRULE(this.value);
          return this.ACTION(() => (v ? { value: v, span: v.span } : v));
        },
      },
      {
        ALT: () => {
          const star = this.CONSUME(T.Star);
          return this.ACTION(() => ({ value: null, span: span(star.startOffset, tokenEnd(star)) }));
        },
      },
    ]),
  );

  /** value : WORD | QUOTED */
  private value = this.RULE('value', (): A.Value => {
    const t = this.OR([{ ALT: () => this.CONSUME(T.Word) }, { ALT: () => this.CONSUME(T.Quoted) }]);
    return this.ACTION(() => ({
      kind: 'Value' as const,
      span: span(t.startOffset, tokenEnd(t)),
      value: (t as Token).payload ?? '',
    }));
  });
}

/**
 * Joins operands with `kind`, flattening operands that are already of that kind (associativity). `implicit`: the
 * indices into `all` of the operands joined to the one before with no `AND` written; they become the node's
 * `implicitJoins`, renumbered for the flattened operands (a flattened group brings its own).
 */
function combine(kind: 'And' | 'Or', all: A.Expression[], implicit?: readonly number[]): A.Expression {
  // Without recovery every operand is a node; with it, a re-synced operand is `undefined` and is left out.
  const operands = all.filter((o) => o !== undefined);
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

