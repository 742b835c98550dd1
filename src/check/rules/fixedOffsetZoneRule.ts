/**
 * FixedOffsetZoneRule (KQ2026, warning): `tz:EST` is accepted — EST is an IANA name — but it is the fixed offset
 * UTC-05:00 all year, not New York's time with its daylight saving; the same holds for MST and HST (the table and
 * its source: `fixedOffsetZones` in src/dates/timeZone.ts). Reported on the `tz:` value, or at offset 0 when the
 * zone came from the `timeZone` option.
 */
import { diagnostic } from '../../diagnostics/diagnostic.js';
import { fixedOffsetZones } from '../../dates/index.js';
import type * as A from '../../syntax/ast.js';
import type { Rule } from '../context.js';

export const FixedOffsetZoneRule: Rule = (ctx) => {
  let reported = false;
  return {
    TimeZone: (n) => {
      const fixed = ctx.timeZone === null ? undefined : fixedOffsetZones.get(ctx.timeZone);
      if (reported || fixed === undefined) return;
      reported = true;
      ctx.report(diagnostic('FixedOffsetZone', n.value.span, { zone: ctx.timeZone!, ...fixed }));
    },
    Query: (q) => {
      const fixed = ctx.timeZone === null ? undefined : fixedOffsetZones.get(ctx.timeZone);
      if (fixed === undefined) return;
      // From the option: no tz: directive in the query (the directive, when present, is reported where it is).
      let directive = false;
      const stack: A.Node[] = q.body ? [q.body] : [];
      while (stack.length > 0 && !directive) {
        const node = stack.pop()!;
        if (node.kind === 'TimeZone') directive = true;
        else if (node.kind === 'And' || node.kind === 'Or') stack.push(...node.operands);
        else if (node.kind === 'Not') stack.push(node.operand);
      }
      if (directive) return;
      reported = true;
      ctx.report(diagnostic('FixedOffsetZone', { start: 0, end: 0 }, { zone: ctx.timeZone!, ...fixed }));
    },
  };
};
