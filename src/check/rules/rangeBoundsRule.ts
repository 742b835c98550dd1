/**
 * RangeBoundsRule: a range's lower bound is not above its upper bound (`priority:5..1`, `{3 TO 3}` match
 * nothing), and a range of local days holds at least one day: a day is a whole day (date math rounds it, see
 * kustomer-search-api.md §4), so `{2024-01-01 TO 2024-01-02}` — after the end of 1 January and before the start of 2
 * January — holds nothing. Reports KQ2016. Bounds of different sorts (a local day and an instant) are not compared: their order
 * depends on the time zone Kustomer applies.
 */
import { addDays } from '../../dates/index.js';
import { diagnostic } from '../../diagnostics/diagnostic.js';
import type { RuleDefinition, TypedValue } from '../context.js';

/** Comparable key of a typed bound, or null when bounds of these sorts cannot be ordered here. */
export function boundKey(v: TypedValue): { sort: string; k: number | string } | null {
  if (v.type === 'json') return typeof v.value === 'number' ? { sort: 'number', k: v.value } : null;
  return v.date.kind === 'day' ? { sort: 'day', k: v.date.day } : { sort: 'instant', k: v.date.iso };
}

/**
 * Why no value lies between the typed bounds `lo` and `hi` (each inclusive or not), or null when some may (or when
 * they cannot be ordered: different sorts, strings). The test of this rule and of contradictoryBoundsRule.ts.
 */
export function emptyBetween(
  lo: TypedValue,
  hi: TypedValue,
  lowerInclusive: boolean,
  upperInclusive: boolean,
): 'reversed' | 'exclusiveEqual' | 'noDayBetween' | null {
  const a = boundKey(lo);
  const b = boundKey(hi);
  if (!a || !b || a.sort !== b.sort) return null;
  const touching = a.k === b.k && !(lowerInclusive && upperInclusive);
  if (a.sort === 'day' && !(a.k > b.k) && !touching) {
    // The days the range holds: from the day after an exclusive lower bound to the day before an exclusive upper one.
    const first = lowerInclusive ? (a.k as string) : addDays(a.k as string, 1);
    const last = upperInclusive ? (b.k as string) : addDays(b.k as string, -1);
    return first > last ? 'noDayBetween' : null;
  }
  return a.k > b.k ? 'reversed' : touching ? 'exclusiveEqual' : null;
}

export const RangeBoundsRule: RuleDefinition = {
  name: 'RangeBoundsRule',
  visit: {
    Range: (n, _parent, ctx) => {
    if (!n.lower || !n.upper) return;
    const lo = ctx.valueOf.get(n.lower);
    const hi = ctx.valueOf.get(n.upper);
    if (!lo || !hi) return;
    const problem = emptyBetween(lo, hi, n.lowerInclusive, n.upperInclusive);
    if (problem === null) return;
    const span = { start: n.lower.span.start, end: n.upper.span.end };
    ctx.report(
      diagnostic(
        'EmptyRange',
        span,
        problem === 'exclusiveEqual' ? { problem } : { problem, lower: n.lower.value, upper: n.upper.value },
      ),
    );
    },
  },
};
