/**
 * The read form of a Kustomer search criteria body (kustomer-search-api.md §1): what {@link readCriteria} makes of
 * any JSON value, whatever spelling the body uses. Every part carries `pointer`, the RFC 6901 JSON pointer of the
 * value it was read from *in the body as given* (a single object standing for an array has no `/0`), and parts that
 * consumers may want to show or key by carry `json`, the value itself (the same object, not a copy).
 *
 * The read form is total: a part that cannot be read is still listed, as an `invalid` node holding its
 * {@link ReadProblem}, so that each consumer decides what a problem means to it (decompile reports it, evaluate lets
 * its schema say it, criteriaInWords reads it as "matching …"). Every problem is also in {@link CriteriaRead.problems},
 * in document order.
 *
 * The spellings read as one form (kustomer-search-api.md §1.1–§1.3, §2.1, §6.1):
 * - `and`/`or`/`not` and nested groups: an array of items, or one item object (`spelling: 'object'`); an empty array
 *   is a group with no items (`spelling: 'array'`, `items: []`);
 * - an item: a criterion `{attribute: {operator: operand, …}}`, or a nested group `{and|or|not: items}`;
 * - a criterion: one or more operators in its object (`{"gte": 1, "lte": 3}`), each a {@link ReadCondition};
 * - operands: a scalar for `equals`/`contains`/`gt`/`gte`/`lt`/`lte`, a non-empty array of scalars for `in`, `""` or
 *   `true` for `not_set`;
 * - `sort`: an array of `{attribute: "asc"|"desc"}` objects (each may hold several keys), one such object, and the
 *   legacy `{attribute: {"order": "asc"|"desc"}}`.
 */
import type { JsonScalar } from './json.js';

/** An operator with one scalar operand (kustomer-search-api.md §2.1). */
export type ScalarOperator = 'equals' | 'contains' | 'gt' | 'gte' | 'lt' | 'lte';

/** Every criterion operator keyword (kustomer-search-api.md §2.1). */
export type CriterionOperatorName = ScalarOperator | 'in' | 'not_set';

/** The operator keywords, in the reference's order. */
export const criterionOperatorNames: readonly CriterionOperatorName[] = Object.freeze([
  'equals',
  'contains',
  'in',
  'gt',
  'gte',
  'lt',
  'lte',
  'not_set',
]);

/** A group keyword: the body's `and`/`or`/`not`, or a nested group's single key. */
export type GroupKind = 'and' | 'or' | 'not';

/** Top-level keys the search API takes that are not criteria (kustomer-search-api.md §1.1). */
export const ignoredBodyKeys: readonly string[] = Object.freeze(['fields', 'includeDeleted', 'searchHash', 'aggs']);

/** Every key a search body may have: the criteria keys, then {@link ignoredBodyKeys}. */
export const bodyKeys: readonly string[] = Object.freeze(['queryContext', 'and', 'or', 'not', 'sort', 'timeZone', ...ignoredBodyKeys]);

/**
 * Why a part of the body cannot be read. `pointer` is where; `found` is the offending value itself (so a consumer
 * can describe it, e.g. with `describeJson`):
 * - `notAnObject`: the body (pointer `""`) is not a plain JSON object;
 * - `notAString`: `queryContext` or `timeZone` is not a string;
 * - `unknownKey`: a top-level key the search API does not have; `ignoredKey`: one it has that is not criteria
 *   ({@link ignoredBodyKeys});
 * - `notItems`: `and`/`or`/`not` (or a nested group's value) is neither an array nor an object;
 * - `notACriterion`: an item that is not a plain object (an array hole is `undefined`);
 * - `attributeCount`: an item with no key or several (`attributes` lists them);
 * - `notOperators`: a criterion's value is not a plain object, or is an empty one;
 * - `unknownOperator`: an operator keyword not in {@link criterionOperatorNames};
 * - `invalidOperand`: an operand of the wrong shape for its operator (`in`: `found` is the whole operand, which may
 *   be an empty array or an array holding a non-scalar);
 * - `notASortKey`: a `sort` entry that is not a plain object; `sortDirection`: a direction other than `"asc"` or
 *   `"desc"` (`found` is the legacy `order` value when the direction was written `{"order": …}`);
 * - `tooDeep`: an item nested deeper than `maxDepth` groups (the body's items are at depth 1); it is not read;
 * - `unreadable`: reading the body threw (a getter, a Proxy trap): `thrown` is what was thrown; pointer `""` (where
 *   it threw is not tracked), and the read stops.
 */
export type ReadProblem =
  | { readonly reason: 'notAnObject'; readonly pointer: string; readonly found: unknown }
  | { readonly reason: 'notAString'; readonly pointer: string; readonly key: 'queryContext' | 'timeZone'; readonly found: unknown }
  | { readonly reason: 'unknownKey'; readonly pointer: string; readonly key: string }
  | { readonly reason: 'ignoredKey'; readonly pointer: string; readonly key: string }
  | { readonly reason: 'notItems'; readonly pointer: string; readonly found: unknown }
  | { readonly reason: 'notACriterion'; readonly pointer: string; readonly found: unknown }
  | { readonly reason: 'attributeCount'; readonly pointer: string; readonly attributes: readonly string[] }
  | { readonly reason: 'notOperators'; readonly pointer: string; readonly found: unknown }
  | { readonly reason: 'unknownOperator'; readonly pointer: string; readonly operator: string }
  | { readonly reason: 'invalidOperand'; readonly pointer: string; readonly operator: CriterionOperatorName; readonly found: unknown }
  | { readonly reason: 'notASortKey'; readonly pointer: string; readonly found: unknown }
  | { readonly reason: 'sortDirection'; readonly pointer: string; readonly attribute: string; readonly found: unknown }
  | { readonly reason: 'tooDeep'; readonly pointer: string; readonly maxDepth: number }
  | { readonly reason: 'unreadable'; readonly pointer: string; readonly thrown: unknown };

/** The reasons of {@link ReadProblem}. */
export type ReadProblemReason = ReadProblem['reason'];

/** A scalar operand and where it is (for `in`, one element). */
export interface ReadScalar {
  readonly value: JsonScalar;
  readonly pointer: string;
}

/**
 * One operator of a criterion, `pointer` at its operand (`/and/0/customer_name/equals`); `operand` is the operand as
 * given, whatever its shape:
 * - `scalar`: `equals`, `contains`, `gt`, `gte`, `lt`, `lte` with a scalar `value`;
 * - `in`: a non-empty array of scalars, `values` in order;
 * - `notSet`: `not_set` with `""` or `true` (the value says nothing more);
 * - `invalid`: an unknown operator, or an operand of the wrong shape (`problem` says which).
 */
export type ReadCondition =
  | { readonly kind: 'scalar'; readonly operator: ScalarOperator; readonly pointer: string; readonly operand: JsonScalar; readonly value: ReadScalar }
  | { readonly kind: 'in'; readonly operator: 'in'; readonly pointer: string; readonly operand: readonly unknown[]; readonly values: readonly ReadScalar[] }
  | { readonly kind: 'notSet'; readonly operator: 'not_set'; readonly pointer: string; readonly operand: '' | true }
  | { readonly kind: 'invalid'; readonly operator: string; readonly pointer: string; readonly operand: unknown; readonly problem: ReadProblem };

/**
 * A criterion item `{attribute: {operator: operand, …}}`: `pointer` is the item's, `attributePointer` its
 * attribute's (`/and/0/customer_name`), `json` the item object. `conditions` lists the operators in key order; it is
 * empty, and `problem` set (`notOperators`), when the attribute's value is not a non-empty object.
 */
export interface ReadCriterion {
  readonly kind: 'criterion';
  readonly pointer: string;
  readonly json: object;
  readonly attribute: string;
  readonly attributePointer: string;
  readonly conditions: readonly ReadCondition[];
  readonly problem?: ReadProblem;
}

/** A nested group item `{and|or|not: items}`: `pointer` is the item's, `json` the item object. */
export interface ReadNestedGroup {
  readonly kind: 'group';
  readonly pointer: string;
  readonly json: object;
  readonly group: ReadGroup;
}

/** An item that cannot be read (`notACriterion`, `attributeCount`, `tooDeep`); `json` is the item as given. */
export interface ReadInvalidItem {
  readonly kind: 'invalid';
  readonly pointer: string;
  readonly json: unknown;
  readonly problem: ReadProblem;
}

/** One item of a group. */
export type ReadItem = ReadCriterion | ReadNestedGroup | ReadInvalidItem;

/**
 * The items of `and`/`or`/`not`, at the body's top level or nested. `pointer` and `json` are the group's value
 * (`/and`, `/and/0/or`); `spelling` says how it was written: `array` (possibly empty), `object` (one item object,
 * whose pointer is the group's), or `invalid` (neither: no items, and `problem` is `notItems`).
 */
export interface ReadGroup {
  readonly kind: GroupKind;
  readonly pointer: string;
  readonly json: unknown;
  readonly spelling: 'array' | 'object' | 'invalid';
  readonly items: readonly ReadItem[];
  readonly problem?: ReadProblem;
}

/**
 * One sort key: `pointer` at the attribute's key (`/sort/0/customer_name`), `spelling` `plain` for `"asc"`/`"desc"`,
 * `order` for the legacy `{"order": …}`.
 */
export interface ReadSortKey {
  readonly kind: 'sortKey';
  readonly pointer: string;
  readonly attribute: string;
  readonly direction: 'asc' | 'desc';
  readonly spelling: 'plain' | 'order';
}

/**
 * A sort entry that cannot be read: an entry that is not an object (`notASortKey`, no `attribute`), or one key with a
 * bad direction (`sortDirection`, with its `attribute`).
 */
export interface ReadInvalidSortKey {
  readonly kind: 'invalid';
  readonly pointer: string;
  readonly attribute?: string;
  readonly problem: ReadProblem;
}

/**
 * `sort`: its keys in order. `spelling`: `array` (possibly empty), `object` (one entry object), `invalid` (neither:
 * read as one entry, which is then a `notASortKey`).
 */
export interface ReadSort {
  readonly pointer: string;
  readonly json: unknown;
  readonly spelling: 'array' | 'object' | 'invalid';
  readonly keys: readonly (ReadSortKey | ReadInvalidSortKey)[];
}

/**
 * One top-level key of the body, in the body's key order:
 * - `string`: `queryContext` or `timeZone`, with its string `value`;
 * - `group`: `and`, `or` or `not`;
 * - `sort`;
 * - `invalid`: `queryContext`/`timeZone` that is not a string, an ignored key or an unknown key (`problem` says
 *   which); `json` is its value.
 */
export type ReadEntry =
  | { readonly kind: 'string'; readonly key: 'queryContext' | 'timeZone'; readonly pointer: string; readonly value: string }
  | { readonly kind: 'group'; readonly key: GroupKind; readonly pointer: string; readonly group: ReadGroup }
  | { readonly kind: 'sort'; readonly key: 'sort'; readonly pointer: string; readonly sort: ReadSort }
  | { readonly kind: 'invalid'; readonly key: string; readonly pointer: string; readonly json: unknown; readonly problem: ReadProblem };

/**
 * A read body: `entries`, every top-level key in order, and the same parts by name (absent when the body does not
 * have the key, or — `queryContext`, `timeZone` — when it is not a string).
 */
export interface ReadBody {
  readonly json: object;
  readonly entries: readonly ReadEntry[];
  readonly queryContext?: string;
  readonly timeZone?: string;
  readonly and?: ReadGroup;
  readonly or?: ReadGroup;
  readonly not?: ReadGroup;
  readonly sort?: ReadSort;
}

/** What {@link readCriteria} gives back: the body (`null` when it is not an object, or reading threw) and every problem. */
export interface CriteriaRead {
  readonly body: ReadBody | null;
  readonly problems: readonly ReadProblem[];
}

/**
 * Options of {@link readCriteria}: `maxDepth`, how deep items may nest (the body's own items are at depth 1);
 * `fragment`, whether a bare array of criteria (`[{"customer_updated_at": {"gte": "2016-06-24"}}, …]`, the
 * example of Kustomer's Customer Search doc, kustomer-search-api.md §1.4) is read as a body whose `and` it is (its
 * items at pointers `/0`, `/1`, …); off by default, when an array is `notAnObject`.
 */
export interface ReadOptions {
  readonly maxDepth?: number;
  readonly fragment?: boolean;
}
