/**
 * FixedOffsetZoneRule (KQ2026, warning): `tz:EST` is accepted — EST is an IANA name — but it is the fixed offset
 * UTC-05:00 all year, not New York's time with its daylight saving; the same holds for MST and HST (the table and
 * its source: `fixedOffsetZones` in src/dates/timeZone.ts). Reported on the `tz:` value, or at offset 0 when the
 * zone came from the `timeZone` option.
 */
import { diagnostic } from '../../diagnostics/diagnostic.js';
import { fixedOffsetZones } from '../../dates/index.js';
import type * as A from '../../syntax/ast.js';
import { walk } from '../../syntax/ast.js';
import type { RuleDefinition } from '../context.js';

/** The first `tz:` directive of the query in source order (walk is pre-order, in order), or null. */
function firstTimeZone(q: A.Query): A.TimeZone | null {
  let first: A.TimeZone | null = null;
  walk(q, (node) => {
    if (first !== null) return false;
    if (node.kind === 'TimeZone') first = node;
    return node.kind !== 'TimeZone';
  });
  return first;
}

/** Reported once: on the first `tz:` directive, or at offset 0 when the zone came from the option. */
export const FixedOffsetZoneRule: RuleDefinition = {
  name: 'FixedOffsetZoneRule',
  visit: {
    Query: (q, _p, ctx) => {
      const fixed = ctx.timeZone === null ? undefined : fixedOffsetZones.get(ctx.timeZone);
      if (fixed === undefined) return;
      const directive = firstTimeZone(q);
      ctx.report(diagnostic('FixedOffsetZone', directive ? directive.value.span : { start: 0, end: 0 }, { zone: ctx.timeZone!, ...fixed }));
    },
  },
};
