/**
 * Lowering, step 3: fits the normalized form into the body Kustomer documents — top-level `and` (all must match),
 * `or` (at least one must match), `not` (none may match), each an array of single criteria
 * (kustomer-search-api.md §1.3). A query that needs more is an error whose span covers the offending group:
 * - a second OR group next to the first (`(a OR b) AND (c OR d)`): KQ3001;
 * - a negated group (`NOT (a AND b)`, `-created:2024-01-01`, which is a two-bound day range): KQ3002;
 * - a negation inside an OR (`a OR -b`, `a OR has:f`): KQ3003;
 * - a group inside an OR (`a OR (b AND c)`, `a OR created:2024-01-01`): KQ3004.
 * With `nested: true` these become nested `{"and"|"or"|"not": […]}` objects instead (not documented by Kustomer).
 * The meaning is never changed to make a query fit.
 */
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
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
      return diagnostic('NegationInOr', item.span);
    }
    return diagnostic('GroupInOr', item.span);
  }
  return null;
}

/**
 * Distributes the normalized form `root` over the three arrays. Returns diagnostics (and no shape) when the
 * query does not fit and `nested` is false.
 */
export function shape(root: LNode | null, nested: boolean): { shaped: Shaped | null; diagnostics: Diagnostic[] } {
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
        if (c.item.kind === 'atom' || nested) shaped.not.push(c.item);
        else {
          diagnostics.push(
            diagnostic('NotOverAnd', c.span),
          );
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

