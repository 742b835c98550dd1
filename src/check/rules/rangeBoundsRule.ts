/**
 * RangeBoundsRule: a range's lower bound is not above its upper bound (`priority:5..1`, `{3 TO 3}` match
 * nothing). Reports KQ2016. Bounds of different sorts (a local day and an instant) are not compared: their order
 * depends on the time zone Kustomer applies.
 */
import { diagnostic } from '../../diagnostics/diagnostic.js';
import type { RuleDefinition, TypedValue } from '../context.js';

/** Comparable key of a typed bound, or null when bounds of these sorts cannot be ordered here. */
function key(v: TypedValue): { sort: string; k: number | string } | null {
  if (v.type === 'json') return typeof v.value === 'number' ? { sort: 'number', k: v.value } : null;
  return v.date.kind === 'day' ? { sort: 'day', k: v.date.day } : { sort: 'instant', k: v.date.iso };
}

export const RangeBoundsRule: RuleDefinition = {
  name: 'RangeBoundsRule',
  visit: {
    Range: (n, _parent, ctx) => {
      if (!n.lower || !n.upper) return;
      const lo = ctx.valueOf.get(n.lower);
      const hi = ctx.valueOf.get(n.upper);
      if (!lo || !hi) return;
      const a = key(lo);
      const b = key(hi);
      if (!a || !b || a.sort !== b.sort) return;
      const touching = a.k === b.k && !(n.lowerInclusive && n.upperInclusive);
      if (a.k > b.k || touching) {
        ctx.report(
          diagnostic(
            'EmptyRange',
            { start: n.lower.span.start, end: n.upper.span.end },
            a.k > b.k ? { problem: 'reversed', lower: n.lower.value, upper: n.upper.value } : { problem: 'exclusiveEqual' },
          ),
        );
      }
    },
  },
};
