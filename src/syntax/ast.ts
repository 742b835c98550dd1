/**
 * The abstract syntax tree of a kustomer-query query.
 *
 * Every node has a `kind` (a PascalCase string literal) and a `span`: UTF-16 code-unit offsets into the query
 * text, `start` inclusive and `end` exclusive, so `text.slice(span.start, span.end)` is the node's source text.
 *
 * The tree records meaning, not spelling: `a..b` and `[a TO b]` give the same {@link Range}; `field:a,b` and
 * `field:(a OR b)` give the same {@link List}; `-x`, `NOT x` give the same {@link Not}; `field:*` and `has:field`
 * give the same {@link Exists}; `no:field` is `Not(Exists)`. Parentheses leave no node: nested `AND`s and `OR`s are
 * flattened, which is exact because both are associative. A value's quoting is lexical only (`"done"` and `done`
 * are the same {@link Value}); quotes matter to the lexer, which reads `"*"`, `"a..b"`, `"OR"` as plain values.
 */

/** A half-open range of UTF-16 code-unit offsets into the query text: `[start, end)`. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * The comparison operator as written between a field and its value, normalized to its shortest spelling
 * (`:>=` is stored as `>=`).
 * - `:` natural match (equals, contains, or a whole local day, depending on the field's kind)
 * - `=` equals, `!=` not equals, `~` contains
 * - `>` `>=` `<` `<=` ordered comparisons
 */
export type ComparisonOperator = ':' | '=' | '!=' | '~' | '>' | '>=' | '<' | '<=';

/** A field name as written, e.g. `conversation_status`. */
export interface Name {
  readonly kind: 'Name';
  readonly span: Span;
  /** The name with escapes resolved. Never trusted as an object key: look it up in a `Map`. */
  readonly value: string;
}

/** A value as written (a bare word or a quoted string, escapes resolved), e.g. `done`, `2016-06-24`, `-12`. */
export interface Value {
  readonly kind: 'Value';
  readonly span: Span;
  readonly value: string;
}

/** `field:value`, `field=value`, `field~value`, `field!=value`, `field>value`, … */
export interface Comparison {
  readonly kind: 'Comparison';
  readonly span: Span;
  readonly field: Name;
  readonly operator: ComparisonOperator;
  readonly value: Value;
}

/**
 * `field:a..b`, `field:[a TO b]`, `field:{a TO b}`, `field:[a TO b}`, `field:a..*`, `field:*..b`.
 * A missing bound (`*`) is `null`. `a..b` is inclusive at both ends.
 */
export interface Range {
  readonly kind: 'Range';
  readonly span: Span;
  readonly field: Name;
  readonly lower: Value | null;
  readonly upper: Value | null;
  readonly lowerInclusive: boolean;
  readonly upperInclusive: boolean;
}

/** `field:(a OR b OR c)` or `field:a,b,c` (also with `=`, `~`, `!=`): any of the values. */
export interface List {
  readonly kind: 'List';
  readonly span: Span;
  readonly field: Name;
  readonly operator: ':' | '=' | '~' | '!=';
  readonly values: readonly Value[];
}

/** `field:*` or `has:field`: the field is set. `-field:*` and `no:field` are `Not(Exists)`. */
export interface Exists {
  readonly kind: 'Exists';
  readonly span: Span;
  readonly field: Name;
}

/** A bare word or a quoted phrase: full-text search over `any_text`. */
export interface Text {
  readonly kind: 'Text';
  readonly span: Span;
  readonly value: string;
}

/** `sort:field`, `sort:field-asc`, `sort:field-desc`. */
export interface Sort {
  readonly kind: 'Sort';
  readonly span: Span;
  readonly field: Name;
  readonly direction: 'asc' | 'desc';
}

/** `context:conversation` or `in:conversation`: the `queryContext`. */
export interface Context {
  readonly kind: 'Context';
  readonly span: Span;
  readonly value: Value;
}

/** `tz:America/New_York`: the `timeZone`. */
export interface TimeZone {
  readonly kind: 'TimeZone';
  readonly span: Span;
  readonly value: Value;
}

/**
 * `a AND b`, `a b` (implicit): two or more operands, none of them an `And`.
 *
 * `implicitJoins`: where no `AND` was written — the indices `i` (ascending) of the operands that follow operand
 * `i - 1` with only white space (or parentheses) between them, as in `customer_name:Jane Doe`. Absent when every
 * join is an explicit `AND`, which is also how trees not built by the parser read (the printer writes `AND`
 * everywhere). Only the checker's ambiguity warnings read it: an explicit `AND` says a bare word is meant as a term
 * of its own.
 */
export interface And {
  readonly kind: 'And';
  readonly span: Span;
  readonly operands: readonly Expression[];
  readonly implicitJoins?: readonly number[];
}

/** `a OR b`: two or more operands, none of them an `Or`. */
export interface Or {
  readonly kind: 'Or';
  readonly span: Span;
  readonly operands: readonly Expression[];
}

/** `NOT a` or `-a`. */
export interface Not {
  readonly kind: 'Not';
  readonly span: Span;
  readonly operand: Expression;
}

/** A directive: it sets the body's `sort`, `queryContext` or `timeZone` rather than matching records. */
export type Directive = Sort | Context | TimeZone;

/** A term that matches records. */
export type Term = Comparison | Range | List | Exists | Text;

/** Any expression node. */
export type Expression = And | Or | Not | Term | Directive;

/** The root: the whole query. `body` is `null` for an empty (or blank) query. */
export interface Query {
  readonly kind: 'Query';
  readonly span: Span;
  readonly body: Expression | null;
}

/** Every node type. */
export type Node = Query | Expression | Name | Value;

/** Maps each `kind` to its node type, for exhaustive visitors and rule tables. */
export interface NodeByKind {
  Query: Query;
  And: And;
  Or: Or;
  Not: Not;
  Comparison: Comparison;
  Range: Range;
  List: List;
  Exists: Exists;
  Text: Text;
  Sort: Sort;
  Context: Context;
  TimeZone: TimeZone;
  Name: Name;
  Value: Value;
}

/** The child nodes of `node`, in source order. */
export function childrenOf(node: Node): readonly Node[] {
  switch (node.kind) {
    case 'Query':
      return node.body ? [node.body] : [];
    case 'And':
    case 'Or':
      return node.operands;
    case 'Not':
      return [node.operand];
    case 'Comparison':
      return [node.field, node.value];
    case 'Range': {
      const out: Node[] = [node.field];
      if (node.lower) out.push(node.lower);
      if (node.upper) out.push(node.upper);
      return out;
    }
    case 'List':
      return [node.field, ...node.values];
    case 'Exists':
    case 'Sort':
      return [node.field];
    case 'Context':
    case 'TimeZone':
      return [node.value];
    case 'Text':
    case 'Name':
    case 'Value':
      return [];
  }
}

/**
 * Visits every node of the tree rooted at `root` in pre-order (parents before children, children in source
 * order), without recursion, so any depth is safe. `visit` returns `false` to skip a node's children.
 */
export function walk(root: Node, visit: (node: Node, parent: Node | null) => boolean | void): void {
  const stack: Array<[Node, Node | null]> = [[root, null]];
  while (stack.length > 0) {
    const [node, parent] = stack.pop()!;
    if (visit(node, parent) === false) continue;
    const kids = childrenOf(node);
    for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i]!, node]);
  }
}
