/**
 * Lowering, step 2: rewrites of the lowered form that keep its meaning exactly, to fit the target's
 * `and` / `or` / `not` arrays:
 * - flattening: `and` in `and`, `or` in `or` (associativity);
 * - double negation: `not not x` → `x`;
 * - De Morgan over OR: `not (a or b)` → `(not a) and (not b)` — exact in two-valued logic, and each atom is a
 *   yes/no question about a record, so it holds for missing values too;
 * - same-field equality: `f equals a or f equals b` → `f in [a, b]` for fields whose equality is exact (equals
 *   kinds), values deduplicated, at the position of the first one; one value left stays `equals`.
 * De Morgan over AND is not applied: `not (a and b)` → `(not a) or (not b)` puts negations inside an OR, which the
 * flat target cannot express either. Ordered comparisons are never flipped (`not (x > 5)` is not `x <= 5` when x is
 * missing).
 *
 * Recursion depth is bounded by the parser's `maxDepth`.
 */
import type { Atom, AtomOrigin, LNode, Scalar } from './ir.js';

/** `items` with every `in`-able equality on one field merged into the first such atom. */
/** An equality (or `in`) atom on a field whose equalities may join into one `in`. */
function isMergeable(item: LNode): item is Atom {
  return item.kind === 'atom' && item.mergeable && (item.op === 'equals' || item.op === 'in');
}

function mergeEqualities(items: LNode[]): LNode[] {
  // Nothing to merge unless two atoms could be: then the items come back as they are.
  let mergeable = 0;
  for (const item of items) if (isMergeable(item)) mergeable++;
  if (mergeable < 2) return items;
  const byField = new Map<string, { index: number; values: Scalar[]; seen: Set<Scalar> | null; origins: AtomOrigin[] }>();
  const out: LNode[] = [];
  for (const item of items) {
    if (isMergeable(item)) {
      const values = item.op === 'in' ? (item.value as readonly Scalar[]) : [item.value as Scalar];
      let group = byField.get(item.field);
      if (!group) {
        group = { index: out.length, values: [], seen: null, origins: [] };
        byField.set(item.field, group);
        out.push(item);
      }
      if (item.mergedFrom) for (const o of item.mergedFrom) group.origins.push(o);
      else group.origins.push(item.origin);
      // Distinct values, `===` (so 1 and '1' stay apart): a linear search while the group is small, then a Set.
      for (const v of values) {
        if (group.seen !== null) {
          if (group.seen.has(v)) continue;
          group.seen.add(v);
        } else {
          if (group.values.includes(v)) continue;
          if (group.values.length >= 16) group.seen = new Set([...group.values, v]);
        }
        group.values.push(v);
      }
      continue;
    }
    out.push(item);
  }
  for (const group of byField.values()) {
    const first = out[group.index] as Atom;
    if (group.origins.length === 1) continue; // a lone atom: kept as it is
    // Spelled out, not `{...first, mergedFrom}`: adding a property to a spread copy made V8 take a slow path (measured:
    // compile of `f:(a OR b)` ~20% slower).
    const merged: Atom = {
      kind: 'atom',
      span: first.span,
      field: first.field,
      op: group.values.length === 1 ? 'equals' : 'in',
      value: group.values.length === 1 ? group.values[0]! : group.values,
      mergeable: first.mergeable,
      origin: first.origin,
      mergedFrom: group.origins,
    };
    out[group.index] = merged;
  }
  return out;
}

/** Normalizes `node` (see the module comment). */
export function normalize(node: LNode): LNode {
  switch (node.kind) {
    case 'atom':
      return node;
    case 'and': {
      const items: LNode[] = [];
      for (const child of node.items) {
        const n = normalize(child);
        if (n.kind === 'and') for (const x of n.items) items.push(x);
        else items.push(n);
      }
      return items.length === 1 ? items[0]! : { kind: 'and', span: node.span, items };
    }
    case 'or': {
      const flat: LNode[] = [];
      for (const child of node.items) {
        const n = normalize(child);
        if (n.kind === 'or') for (const x of n.items) flat.push(x);
        else flat.push(n);
      }
      const items = mergeEqualities(flat);
      return items.length === 1 ? items[0]! : { kind: 'or', span: node.span, items };
    }
    case 'not': {
      // not not x → x, before anything else rewrites the inner negation away.
      if (node.item.kind === 'not') return normalize(node.item.item);
      const inner = normalize(node.item);
      if (inner.kind === 'not') return inner.item;
      if (inner.kind === 'or') {
        return normalize({
          kind: 'and',
          span: node.span,
          items: inner.items.map((item) => ({ kind: 'not', span: item.span, item }) as LNode),
        });
      }
      return { kind: 'not', span: node.span, item: inner };
    }
  }
}
