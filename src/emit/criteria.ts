/**
 * The emitter: shaped lowered form → Kustomer search criteria JSON, in canonical key order (`queryContext`, `and`,
 * `or`, `not`, `sort`, `timeZone`), with empty arrays left out and numbers as JSON numbers.
 *
 * Attribute names become object keys only through `Object.fromEntries` (a defining, not a setting, operation), and
 * only after the checker resolved them to a known or well-formed attribute, so no input can reach `__proto__`.
 */
import type { SortKey } from '../check/context.js';
import type { CriterionOperator, LNode, Scalar } from '../lowering/ir.js';
import type { Shaped } from '../lowering/shape.js';

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

function item(node: LNode): CriteriaItem {
  switch (node.kind) {
    case 'atom': {
      const value = Array.isArray(node.value) ? [...node.value] : node.value;
      return Object.fromEntries([[node.field, Object.fromEntries([[node.op, value]])]]) as Criterion;
    }
    case 'and':
      return { and: node.items.map(item) };
    case 'or':
      return { or: node.items.map(item) };
    case 'not':
      return { not: [item(node.item)] };
  }
}

/** Builds the criteria body. */
export function emit(
  shaped: Shaped,
  queryContext: string,
  sort: readonly SortKey[],
  timeZone: string | null,
): Criteria {
  const body: {
    queryContext: string;
    and?: CriteriaItem[];
    or?: CriteriaItem[];
    not?: CriteriaItem[];
    sort?: { [attribute: string]: 'asc' | 'desc' }[];
    timeZone?: string;
  } = { queryContext };
  if (shaped.and.length) body.and = shaped.and.map(item);
  if (shaped.or.length) body.or = shaped.or.map(item);
  if (shaped.not.length) body.not = shaped.not.map(item);
  if (sort.length) body.sort = sort.map((k) => Object.fromEntries([[k.field, k.direction]]));
  if (timeZone !== null) body.timeZone = timeZone;
  return body;
}
