/**
 * The emitter: shaped lowered form → Kustomer search criteria JSON, in canonical key order (`queryContext`, `and`,
 * `or`, `not`, `sort`, `timeZone`), with empty arrays left out and numbers as JSON numbers.
 *
 * Attribute names become object keys only after the checker resolved them to a known or well-formed attribute, and
 * only through {@link keyed}, which never lets a key reach `Object.prototype.__proto__`'s setter.
 */
import type { SortKey } from '../check/context.js';
import type { AtomOrigin, CriterionOperator, LNode, Scalar } from '../lowering/ir.js';
import type { Shaped } from '../lowering/shape.js';
import type { Span } from '../syntax/ast.js';

/** A criterion value: a scalar, or an array for `in`. */
export type CriterionValue = Scalar | readonly Scalar[];

/** One criterion: `{ "<attribute>": { "<operator>": value } }` (kustomer-search-api.md §1.2). */
export type Criterion = { readonly [attribute: string]: { readonly [operator in CriterionOperator]?: CriterionValue } };

/** An item of an `and`/`or`/`not` array: a criterion, or (with `nested: true`) a nested group. */
export type CriteriaItem =
  | Criterion
  | { readonly and: readonly CriteriaItem[] }
  | { readonly or: readonly CriteriaItem[] }
  | { readonly not: readonly CriteriaItem[] };

/**
 * A Kustomer search body (kustomer-search-api.md §1.1): `queryContext` always; `and`, `or`, `not`, `sort` and
 * `timeZone` only when non-empty / given. `sort` is the array form `[{"customer_name": "asc"}]` (§6.1).
 */
export interface Criteria {
  readonly queryContext: string;
  readonly and?: readonly CriteriaItem[];
  readonly or?: readonly CriteriaItem[];
  readonly not?: readonly CriteriaItem[];
  readonly sort?: readonly { readonly [attribute: string]: 'asc' | 'desc' }[];
  readonly timeZone?: string;
}

/**
 * Where one emitted criterion came from: `span`, the source it was written at (the term, or one value of a list;
 * UTF-16 offsets into the query text), and `origins`, the AST nodes it was written as — one, or several for an `in`
 * merged from `f:(a OR b)` (see `AtomOrigin`, lowering/ir.ts).
 */
export interface CriterionOrigin {
  readonly span: Span;
  readonly origins: readonly AtomOrigin[];
}

/**
 * Provenance of an emitted body: each criterion object (`{attribute: {operator: value}}`, by identity, at any depth)
 * to where it came from. Kept beside the criteria, never inside them.
 */
export type Provenance = Map<Criterion, CriterionOrigin>;

/**
 * `{[key]: value}`: a fresh plain object with one own enumerable property. An assignment to a fresh literal is the
 * fastest way V8 has to build it (measured 55 ns a criterion against 205 ns for `Object.fromEntries` and 182 ns for a
 * computed key in a literal), and it is a defining operation for every key but `__proto__`, whose assignment would
 * call `Object.prototype`'s setter and change the prototype instead; that one key goes through a computed key in a
 * literal, which defines it (ECMA-262 §13.2.5.5, PropertyDefinitionEvaluation: only the literal `__proto__: v` form
 * sets the prototype).
 */
function keyed<V>(key: string, value: V): { [key: string]: V } {
  if (key === '__proto__') return { [key]: value };
  const o: { [key: string]: V } = {};
  o[key] = value;
  return o;
}

/** The items of `nodes`, in order (a loop: no closure, no `map` callback per item). */
function items(nodes: readonly LNode[]): CriteriaItem[] {
  const out: CriteriaItem[] = new Array(nodes.length);
  for (let i = 0; i < nodes.length; i++) out[i] = item(nodes[i]!);
  return out;
}

function item(node: LNode): CriteriaItem {
  switch (node.kind) {
    case 'atom': {
      const value = Array.isArray(node.value) ? node.value.slice() : node.value;
      return keyed(node.field, keyed(node.op, value)) as Criterion;
    }
    case 'and':
      return { and: items(node.items) };
    case 'or':
      return { or: items(node.items) };
    case 'not':
      return { not: [item(node.item)] };
  }
}

/** {@link item}, recording each criterion's origin in `provenance`. */
function itemRecorded(node: LNode, provenance: Provenance): CriteriaItem {
  switch (node.kind) {
    case 'atom': {
      const criterion = item(node) as Criterion;
      provenance.set(criterion, { span: node.span, origins: node.mergedFrom ?? [node.origin] });
      return criterion;
    }
    case 'and':
      return { and: node.items.map((n) => itemRecorded(n, provenance)) };
    case 'or':
      return { or: node.items.map((n) => itemRecorded(n, provenance)) };
    case 'not':
      return { not: [itemRecorded(node.item, provenance)] };
  }
}

/**
 * Builds the criteria body. With `provenance`, also records there where each emitted criterion came from (see
 * {@link Provenance}); without it, nothing is recorded.
 */
export function emit(
  shaped: Shaped,
  queryContext: string,
  sort: readonly SortKey[],
  timeZone: string | null,
  provenance?: Provenance,
): Criteria {
  const body: {
    queryContext: string;
    and?: CriteriaItem[];
    or?: CriteriaItem[];
    not?: CriteriaItem[];
    sort?: { [attribute: string]: 'asc' | 'desc' }[];
    timeZone?: string;
  } = { queryContext };
  const toItems = provenance ? (ns: readonly LNode[]) => ns.map((n) => itemRecorded(n, provenance)) : items;
  if (shaped.and.length) body.and = toItems(shaped.and);
  if (shaped.or.length) body.or = toItems(shaped.or);
  if (shaped.not.length) body.not = toItems(shaped.not);
  if (sort.length) {
    const keys: { [attribute: string]: 'asc' | 'desc' }[] = new Array(sort.length);
    for (let i = 0; i < sort.length; i++) keys[i] = keyed(sort[i]!.field, sort[i]!.direction);
    body.sort = keys;
  }
  if (timeZone !== null) body.timeZone = timeZone;
  return body;
}
