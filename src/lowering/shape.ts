/**
 * Lowering, step 3: fits the normalized form into the body Kustomer documents — top-level `and` (all must match),
 * `or` (at least one must match), `not` (none may match), each an array of single criteria
 * (kustomer-search-api.md §1.3). A query that needs more is an error whose span covers the offending group:
 * - a second OR group next to the first (`(a OR b) AND (c OR d)`): KQ3001;
 * - a negated group (`NOT (a AND b)`, `-created:2024-01-01`, which is a two-bound day range): KQ3002;
 * - a negation inside an OR (`a OR -b`, `a OR has:f`): KQ3003;
 * - a group inside an OR (`a OR (b AND c)`, `a OR created:2024-01-01`): KQ3004.
 * With `nested: true` these become nested `{"and"|"or"|"not": […]}` objects instead (not documented by Kustomer).
 *
 * Then the limits of Kustomer's schema of the body (kustomer-api-live.md §1c, OpenAPI `maxItems`; src/schema/limits.ts):
 * each of `and`, `or`, `not` holds at most 20 items. More is KQ3005, spanning the items past the 20th, with a help
 * that says how to split the search. With `nested: true` the overflow is grouped instead ({@link fitGroup}): the
 * items of an over-full array are cut into runs of at most 20, each run one nested group of the array's own
 * connective — `and: [a1 … a25]` becomes `and: [{and: [a1 … a20]}, {and: [a21 … a25]}]` — and so on up while there
 * are more than 20 runs. That is safe because the meaning is unchanged: AND is associative (an AND of ANDs of the
 * items is the AND of the items), and so is OR; the `not` array means "none of the items", ¬x1 ∧ … ∧ ¬xn, which is
 * ¬(x1 ∨ … ∨ xn), so its runs are nested `or` groups (a `not` item `{or: [x21 … x25]}` means none of x21 … x25). The
 * same cap is kept inside nested groups (their arrays are not documented at all, so the top level's limit is the
 * only evidence of what Kustomer takes). Kustomer's sort limit (5 keys) is checked with the sort keys
 * (check/rules/sortKeysRule.ts). The meaning is never changed to make a query fit.
 */
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { maxGroupItems } from '../schema/limits.js';
import type { Span } from '../syntax/ast.js';
import type { LNode } from './ir.js';

/** What goes into each top-level array. Items are atoms, except where `nested` allowed groups. */
export interface Shaped {
  readonly and: LNode[];
  readonly or: LNode[];
  /** Each entry is negated: "none may match". */
  readonly not: LNode[];
}


/** Checks an OR group's items in flat mode; returns the diagnostic for the first item that does not fit. */
function flatOrProblem(items: readonly LNode[]): Diagnostic | null {
  for (const item of items) {
    if (item.kind === 'atom') continue;
    if (item.kind === 'not') {
      // `f:*` / `has:f` is not(not_set): say "is set", since the user wrote no negation.
      const inner = item.item;
      if (inner.kind === 'atom' && inner.op === 'not_set') return diagnostic('NegationInOr', item.span, { situation: 'isSet', field: inner.field });
      return diagnostic('NegationInOr', item.span, { situation: 'negation' });
    }
    const bounds = boundsOf(item);
    return diagnostic('GroupInOr', item.span, bounds === null ? { situation: 'group' } : { situation: bounds.situation, field: bounds.field });
  }
  return null;
}

/** The comparison that holds outside each bound operator (`gte` → `<`). */
const outside: Readonly<Record<string, string>> = { gte: '<', gt: '<=', lte: '>', lt: '>=' };

/**
 * When `node` is one term's two bounds — an `and` of a lower and an upper bound on one field, as a whole day on a
 * date field (both atoms from the same value) or a range (`f:a..b`, `[a TO b]`) lowers — which it is, its field, and
 * its complement as query text (`f<a OR f>b`); else null.
 */
function boundsOf(node: LNode): { situation: 'day' | 'range'; field: string; complement: string } | null {
  if (node.kind !== 'and' || node.items.length !== 2) return null;
  const [a, b] = node.items as [LNode, LNode];
  if (a.kind !== 'atom' || b.kind !== 'atom' || a.field !== b.field) return null;
  const lower = a.op === 'gte' || a.op === 'gt' ? a : b;
  const upper = lower === a ? b : a;
  if ((lower.op !== 'gte' && lower.op !== 'gt') || (upper.op !== 'lte' && upper.op !== 'lt')) return null;
  const write = (x: typeof a) => `${x.field}${outside[x.op]}${String(x.value)}`;
  return { situation: a.origin === b.origin ? 'day' : 'range', field: a.field, complement: `${write(lower)} OR ${write(upper)}` };
}

/** How to split a search whose array is over the limit, by array (kustomer-api-live.md §1c caps each at 20). */

/**
 * The span of each item of the `not` array as written, negation included (`-x`, `NOT x`): the items themselves are
 * the negated nodes, whose spans start after the `-`. Set by {@link distribute}; weak, so nothing outlives a run.
 */
const negations = new WeakMap<LNode, Span>();

/** The span from the start of the first of `items` to the end of the last (each negation included, see above). */
function cover(items: readonly LNode[]): Span {
  let start = Infinity;
  let end = -Infinity;
  for (const i of items) {
    const span = negations.get(i) ?? i.span;
    start = Math.min(start, span.start);
    end = Math.max(end, span.end);
  }
  return { start, end };
}

/**
 * `items` regrouped so that at most {@link maxGroupItems} are left: runs of at most that many become nested groups
 * of `kind`, repeatedly (a tree of depth ⌈log20 n⌉). Exact only for the connective the items are joined by: `and`
 * for an AND's items, `or` for an OR's items and for the `not` array's items (see the module comment).
 */
export function fitGroup(items: readonly LNode[], kind: 'and' | 'or'): LNode[] {
  let level: LNode[] = [...items];
  while (level.length > maxGroupItems) {
    const next: LNode[] = [];
    for (let i = 0; i < level.length; i += maxGroupItems) {
      const run = level.slice(i, i + maxGroupItems);
      next.push(run.length === 1 ? run[0]! : { kind, span: cover(run), items: run });
    }
    level = next;
  }
  return level;
}

/** `node` with every nested group's items within {@link maxGroupItems} (see {@link fitGroup}). */
function fitNode(node: LNode): LNode {
  switch (node.kind) {
    case 'atom':
      return node;
    case 'not':
      return { ...node, item: fitNode(node.item) };
    case 'and':
    case 'or': {
      const items = node.items.map(fitNode);
      return items.length > maxGroupItems ? { ...node, items: fitGroup(items, node.kind) } : { ...node, items };
    }
  }
}

/**
 * The limits of Kustomer's body on a fitted shape: with `nested`, over-full arrays (at any depth) regrouped; else
 * a KQ3005 per over-full top-level array, spanning its items past the limit. (Without `nested` no item is a group.)
 */
function limit(shaped: Shaped, nested: boolean): { shaped: Shaped | null; diagnostics: Diagnostic[] } {
  if (nested) {
    const fit = (items: LNode[], kind: 'and' | 'or') => fitGroup(items.map(fitNode), kind);
    return { shaped: { and: fit(shaped.and, 'and'), or: fit(shaped.or, 'or'), not: fit(shaped.not, 'or') }, diagnostics: [] };
  }
  const diagnostics: Diagnostic[] = [];
  for (const key of ['and', 'or', 'not'] as const) {
    const items = shaped[key];
    if (items.length <= maxGroupItems) continue;
    diagnostics.push(
      diagnostic('TooManyItems', cover(items.slice(maxGroupItems)), { count: items.length, key, max: maxGroupItems }),
    );
  }
  return { shaped: diagnostics.length ? null : shaped, diagnostics };
}

/**
 * Distributes the normalized form `root` over the three arrays, within Kustomer's item limits. Returns diagnostics
 * (and no shape) when the query does not fit and `nested` is false.
 */
export function shape(root: LNode | null, nested: boolean): { shaped: Shaped | null; diagnostics: Diagnostic[] } {
  const distributed = distribute(root, nested);
  return distributed.shaped ? limit(distributed.shaped, nested) : distributed;
}

/** {@link shape} before the limits. */
function distribute(root: LNode | null, nested: boolean): { shaped: Shaped | null; diagnostics: Diagnostic[] } {
  const shaped: Shaped = { and: [], or: [], not: [] };
  const diagnostics: Diagnostic[] = [];
  if (root === null) return { shaped, diagnostics };

  if (root.kind === 'or') {
    const problem = nested ? null : flatOrProblem(root.items);
    if (problem) diagnostics.push(problem);
    else for (const item of root.items) shaped.or.push(item);
    return { shaped: diagnostics.length ? null : shaped, diagnostics };
  }

  const conjuncts = root.kind === 'and' ? root.items : [root];
  let orGroup: LNode | null = null;
  for (const c of conjuncts) {
    switch (c.kind) {
      case 'atom':
        shaped.and.push(c);
        break;
      case 'not':
        if (c.item.kind === 'atom' || nested) {
          shaped.not.push(c.item);
          negations.set(c.item, c.span);
        }
        else {
          const bounds = boundsOf(c.item);
          diagnostics.push(diagnostic('NotOverAnd', c.span, bounds ?? { situation: 'group' }));
        }
        break;
      case 'or': {
        if (orGroup === null) {
          const problem = nested ? null : flatOrProblem(c.items);
          if (problem) diagnostics.push(problem);
          else {
            orGroup = c;
            for (const item of c.items) shaped.or.push(item);
          }
        } else if (nested) {
          shaped.and.push(c);
        } else {
          diagnostics.push(
            diagnostic('TwoOrGroups', c.span),
          );
        }
        break;
      }
      case 'and':
        // normalize() flattens nested ANDs; keep the group as is if one is left.
        for (const item of c.items) shaped.and.push(item);
        break;
    }
  }
  return { shaped: diagnostics.length ? null : shaped, diagnostics };
}

