/**
 * RelativeDateRule (KQ2028, info): a relative date (`now/w`, `now-7d`, `today`) is resolved when the query is
 * compiled, because Kustomer search has no relative date syntax (kustomer-search-api.md §4). The criteria hold the
 * resolved date, so a saved search built from them stays at that date. The note names the date sent and, for a day,
 * the zone it was read in (`GMT`, Kustomer's name for its default, when no zone is set; §4).
 */
import { diagnostic } from '../../diagnostics/diagnostic.js';
import type * as A from '../../syntax/ast.js';
import type { CheckContext, RuleDefinition } from '../context.js';

function note(n: A.Value, ctx: CheckContext): void {
  // The values rule (earlier in the rule order) typed the term's values.
  const typed = ctx.valueOf.get(n);
  if (typed?.type !== 'date' || typed.date.relative === undefined) return;
  const date = typed.date;
  const resolved = date.kind === 'day' ? date.day : date.iso;
  ctx.report(
    diagnostic('RelativeDateResolved', n.span, { expression: date.relative!, resolved, zone: date.kind === 'day' ? (ctx.timeZone ?? 'GMT') : null }),
  );
}

/** The values of field terms (only those are typed as dates). */
export const RelativeDateRule: RuleDefinition = {
  name: 'RelativeDateRule',
  visit: {
    Comparison: (n, _p, ctx) => note(n.value, ctx),
    List: (n, _p, ctx) => {
      for (const v of n.values) note(v, ctx);
    },
    Range: (n, _p, ctx) => {
      if (n.lower) note(n.lower, ctx);
      if (n.upper) note(n.upper, ctx);
    },
  },
};
