/**
 * Token types of the query language, as chevrotain token types so the chevrotain parser can consume them.
 *
 * The tokens are produced by the hand-written, context-sensitive lexer in `lexer.ts` (a value after an operator
 * may contain `:` and a leading `-`, a term may not), so no token here has a chevrotain pattern (`Lexer.NA`).
 * A token's decoded text (escapes resolved) is carried in its `payload`; `image` is the raw source text.
 */
import { createToken, Lexer, type TokenType } from 'chevrotain';

const na = Lexer.NA;

// Token categories (chevrotain's `categories`): the parser consumes a category where the grammar takes any one of
// its tokens — one match instead of an `OR` of alternatives, each of which costs a lookahead per call.
/** `BOUND`: a range bound — a word, a quoted string or `*`. */
export const BoundToken = createToken({ name: 'BoundToken', pattern: na, label: "a value or '*'" });
/** `VALUE`: a word or a quoted string (a value, or a full-text term). Also a {@link BoundToken}. */
export const ValueToken = createToken({ name: 'ValueToken', pattern: na, categories: [BoundToken], label: 'a word or quoted string' });
/** `NOT` or `-`: a negation. */
export const Negation = createToken({ name: 'Negation', pattern: na, label: "'NOT' or '-'" });
/** `[` or `{`: the start of a bracketed range. */
export const RangeOpen = createToken({ name: 'RangeOpen', pattern: na, label: "'[' or '{'" });
/** `]` or `}`: the end of a bracketed range. */
export const RangeClose = createToken({ name: 'RangeClose', pattern: na, label: "']' or '}'" });

/** `(` — a group of terms, or the start of a value list after an operator. */
export const LParen = createToken({ name: 'LParen', pattern: na, label: "'('" });
/** `)` */
export const RParen = createToken({ name: 'RParen', pattern: na, label: "')'" });
/** `[` — an inclusive range bound. */
export const LBracket = createToken({ name: 'LBracket', pattern: na, categories: [RangeOpen], label: "'['" });
/** `]` */
export const RBracket = createToken({ name: 'RBracket', pattern: na, categories: [RangeClose], label: "']'" });
/** `{` — an exclusive range bound. */
export const LBrace = createToken({ name: 'LBrace', pattern: na, categories: [RangeOpen], label: "'{'" });
/** `}` */
export const RBrace = createToken({ name: 'RBrace', pattern: na, categories: [RangeClose], label: "'}'" });

/** `AND` (upper case only). */
export const And = createToken({ name: 'And', pattern: na, label: "'AND'" });
/** `OR` (upper case only). */
export const Or = createToken({ name: 'Or', pattern: na, label: "'OR'" });
/** `NOT` (upper case only). */
export const Not = createToken({ name: 'Not', pattern: na, categories: [Negation], label: "'NOT'" });
/** `TO`, inside `[a TO b]` only. */
export const To = createToken({ name: 'To', pattern: na, label: "'TO'" });
/** `-` at the start of a term: negation. */
export const Minus = createToken({ name: 'Minus', pattern: na, categories: [Negation], label: "'-'" });

/** A field name immediately followed by an operator: `conversation_status` in `conversation_status:done`. */
export const FieldName = createToken({ name: 'FieldName', pattern: na, label: 'a field name' });

/** The category of every comparison operator token. */
export const Operator = createToken({ name: 'Operator', pattern: na, label: 'an operator' });
/** `:` — the field's natural match. */
export const Colon = createToken({ name: 'Colon', pattern: na, categories: [Operator], label: "':'" });
/** `=` */
export const Equals = createToken({ name: 'Equals', pattern: na, categories: [Operator], label: "'='" });
/** `!=` */
export const NotEquals = createToken({ name: 'NotEquals', pattern: na, categories: [Operator], label: "'!='" });
/** `~` */
export const Tilde = createToken({ name: 'Tilde', pattern: na, categories: [Operator], label: "'~'" });
/** `>` or `:>` */
export const Greater = createToken({ name: 'Greater', pattern: na, categories: [Operator], label: "'>'" });
/** `>=` or `:>=` */
export const GreaterEqual = createToken({ name: 'GreaterEqual', pattern: na, categories: [Operator], label: "'>='" });
/** `<` or `:<` */
export const Less = createToken({ name: 'Less', pattern: na, categories: [Operator], label: "'<'" });
/** `<=` or `:<=` */
export const LessEqual = createToken({ name: 'LessEqual', pattern: na, categories: [Operator], label: "'<='" });

/** A bare word (escapes resolved in `payload`). */
export const Word = createToken({ name: 'Word', pattern: na, categories: [ValueToken], label: 'a word' });
/** A double-quoted string (contents, escapes resolved, in `payload`). */
export const Quoted = createToken({ name: 'Quoted', pattern: na, categories: [ValueToken], label: 'a quoted string' });
/** `*` standing alone in a value position: "is set", or an open range bound. */
export const Star = createToken({ name: 'Star', pattern: na, categories: [BoundToken], label: "'*'" });
/** `,` between list values: `field:a,b,c`. */
export const Comma = createToken({ name: 'Comma', pattern: na, label: "','" });
/** `..` between range bounds: `field:a..b`. */
export const DotDot = createToken({ name: 'DotDot', pattern: na, label: "'..'" });

/** Every token type, for the parser. */
export const allTokens: TokenType[] = [
  LParen,
  RParen,
  LBracket,
  RBracket,
  LBrace,
  RBrace,
  And,
  Or,
  Not,
  To,
  Minus,
  FieldName,
  Operator,
  Colon,
  Equals,
  NotEquals,
  Tilde,
  Greater,
  GreaterEqual,
  Less,
  LessEqual,
  Word,
  Quoted,
  Star,
  Comma,
  DotDot,
  BoundToken,
  ValueToken,
  Negation,
  RangeOpen,
  RangeClose,
];
