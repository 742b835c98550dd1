/**
 * The lowered form: a boolean tree over single Kustomer criteria ("atoms"), between the checked AST and the
 * criteria JSON. Every node keeps the span of the source it came from, so a shape the target cannot express is
 * reported where it was written.
 */
import type * as A from '../syntax/ast.js';
import type { Span } from '../syntax/ast.js';

/** A Kustomer search operator keyword (kustomer-search-api.md §2.1). */
export type CriterionOperator = 'equals' | 'contains' | 'in' | 'gt' | 'gte' | 'lt' | 'lte' | 'not_set';

/** A scalar criterion value. */
export type Scalar = string | number | boolean;

/**
 * The AST node an atom was written as: the `Value` its value came from (a comparison's value, one value of a list,
 * one bound of a range), the `Exists` term of `f:*` / `has:f`, or the `Text` term of a bare word or phrase.
 */
export type AtomOrigin = A.Value | A.Exists | A.Text;

/**
 * One criterion: `{ [field]: { [op]: value } }`.
 * `mergeable`: an `equals` on a field whose equality is exact (equals kinds), so that an OR of several on the same
 * field may become one `in`.
 * `origin`: the AST node it was written as (see {@link AtomOrigin}); `mergedFrom`: for an `in` (or `equals`) that
 * normalize.ts merged from several atoms, the origins of all of them in source order (duplicates included).
 */
export interface Atom {
  readonly kind: 'atom';
  readonly span: Span;
  readonly field: string;
  readonly op: CriterionOperator;
  readonly value: Scalar | readonly Scalar[];
  readonly mergeable: boolean;
  readonly origin: AtomOrigin;
  readonly mergedFrom?: readonly AtomOrigin[];
}

/** All of `items` (an empty `and` is true). */
export interface LAnd {
  readonly kind: 'and';
  readonly span: Span;
  readonly items: readonly LNode[];
}

/** At least one of `items` (never empty). */
export interface LOr {
  readonly kind: 'or';
  readonly span: Span;
  readonly items: readonly LNode[];
}

/** Not `item`. */
export interface LNot {
  readonly kind: 'not';
  readonly span: Span;
  readonly item: LNode;
}

/** A node of the lowered form. */
export type LNode = Atom | LAnd | LOr | LNot;
