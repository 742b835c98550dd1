/**
 * RelativeDateRule (KQ2028, info): a relative date (`now/w`, `now-7d`, `today`) is resolved when the query is
 * compiled, because Kustomer search has no relative date syntax (kustomer-search-api.md §4). The criteria hold the
 * resolved date, so a saved search built from them stays at that date. The note names the date sent and, for a day,
 * the zone it was read in (`GMT`, Kustomer's name for its default, when no zone is set; §4).
 */
import { diagnostic } from '../../diagnostics/diagnostic.js';
import type { Rule } from '../context.js';

export const RelativeDateRule: Rule = (ctx) => ({
  Value: (n) => {
    // The values rule types a term's values when it visits the term, before its values.
    const typed = ctx.valueOf.get(n);
    if (typed?.type !== 'date' || typed.date.relative === undefined) return;
    const date = typed.date;
    const resolved = date.kind === 'day' ? date.day : date.iso;
    ctx.report(
      diagnostic('RelativeDateResolved', n.span, { expression: date.relative!, resolved, zone: date.kind === 'day' ? (ctx.timeZone ?? 'GMT') : null }),
    );
  },
});
