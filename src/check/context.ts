/**
 * The checker's shared state: what rules read (resolved fields, the query's context, time zone and clock) and
 * what they record (diagnostics, typed values). The result of checking is a {@link CheckedQuery}: the AST plus
 * everything the lowering needs, so the lowering never re-validates.
 */
import type { DateValue } from '../dates/index.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { FieldCatalog, FieldInfo, ResolveResult } from '../schema/index.js';
import type { LookupEntry, Lookups } from '../schema/lookups/index.js';
import type * as A from '../syntax/ast.js';

/**
 * A value with its type settled by the checker:
 * - `json`: a string, number or boolean to emit as is (validated against the field's schema where the operator
 *   compares whole values); `lookup`, for a tag, user, team or queue written by name (or `@me`): the entry the name
 *   resolved to — `value` is then its id, and the `Value` node still holds the name as written;
 * - `date`: a local day or a UTC instant (relative dates already resolved against the clock).
 */
export type TypedValue =
  | { readonly type: 'json'; readonly value: string | number | boolean; readonly lookup?: LookupEntry }
  | { readonly type: 'date'; readonly date: DateValue };

/** A sort key, in order. */
export interface SortKey {
  readonly field: string;
  readonly direction: 'asc' | 'desc';
}

/**
 * A checked query.
 * - `queryContext`: the context in force (directive, else option, else inferred, else `customer`);
 * - `timeZone`: the canonical IANA zone, or `null` when none was given (Kustomer then reads days in GMT);
 * - `nowMs`: the clock relative dates were resolved against (epoch milliseconds);
 * - `fieldOf` / `valueOf`: the resolved field of each field `Name` and the typed value of each `Value` (only for
 *   names and values that checked without errors).
 */
export interface CheckedQuery {
  readonly ast: A.Query;
  readonly diagnostics: Diagnostic[];
  readonly queryContext: string;
  readonly timeZone: string | null;
  readonly nowMs: number;
  readonly sort: readonly SortKey[];
  readonly fieldOf: ReadonlyMap<A.Name, FieldInfo>;
  readonly valueOf: ReadonlyMap<A.Value, TypedValue>;
}

/** What a rule sees. */
export interface CheckContext {
  readonly ast: A.Query;
  readonly catalog: FieldCatalog;
  readonly queryContext: string;
  readonly timeZone: string | null;
  readonly nowMs: number;
  /** How each field `Name` of a term resolved (sort keys are resolved by their own rule). */
  readonly resolved: ReadonlyMap<A.Name, ResolveResult>;
  /** The field each field `Name` resolved to; absent when it did not resolve. */
  readonly fieldOf: Map<A.Name, FieldInfo>;
  readonly valueOf: Map<A.Value, TypedValue>;
  readonly sort: SortKey[];
  /** The lookups of the options' org schema (tag, user, team, queue names), or null when no schema was given. */
  readonly lookups: Lookups | null;
  report(d: Diagnostic): void;
}

/**
 * Handlers by node kind; a rule returns one. Handlers get the node, its parent (null for the root) and the node's
 * position among its parent's operands (`And`/`Or`; 0 otherwise).
 */
export type Visitor = {
  readonly [K in keyof A.NodeByKind]?: (node: A.NodeByKind[K], parent: A.Node | null, index: number) => void;
};

/**
 * A checking rule: one invariant, one file (see rules/). Two shapes, both registered in `specifiedRules`
 * (check/check.ts):
 * - a {@link RuleDefinition}: handlers written once, called with the check's context as a third argument — no
 *   allocation per check (the built-in rules);
 * - a function of the context returning a {@link Visitor}: called once per check, its handlers closing over the
 *   context (simpler for a rule with its own state per check, at the cost of a few closures per check).
 */
export type Rule = RuleDefinition | ((ctx: CheckContext) => Visitor);

/**
 * Handlers by node kind of a {@link RuleDefinition}: the node, its parent (null for the root), the context, and the
 * node's position among its parent's operands (`And`/`Or`; 0 otherwise — e.g. for writtenForm.ts's `wordsAfter`).
 */
export type RuleHandlers = {
  readonly [K in keyof A.NodeByKind]?: (node: A.NodeByKind[K], parent: A.Node | null, ctx: CheckContext, index: number) => void;
};

/**
 * A rule as data: `name` (for people reading a profile or a list of rules) and `visit`, its handlers by node kind.
 * State a rule keeps across nodes of one check lives in the {@link CheckContext} (e.g. `ctx.sort`), not in the rule.
 */
export interface RuleDefinition {
  readonly name: string;
  readonly visit: RuleHandlers;
}
