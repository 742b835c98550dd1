/**
 * ValuesRule: every value suits its field, and gets its type for the lowering.
 * - datetime fields: a local day `YYYY-MM-DD`, an ISO-8601 instant with `Z` or an offset, or a relative date
 *   (`now-7d`, `today`) resolved against the clock in the query's time zone (KQ2008);
 * - where the operator compares whole values (`equals`, `in`, ranges): validated against the field's own schema
 *   through ajv — enum, email format, phone pattern, 24-hex ids, numbers, booleans (KQ2005, KQ2006, KQ2007);
 * - where it matches words (`contains`: `~`, and `:` on text and full-text fields): any fragment, unvalidated.
 *
 * Source: the standard-fields JSON Schema; dates per the Kustomer Customer Search doc, "Filtering on Dates".
 */
import { parseDateValue } from '../../dates/index.js';
import { diagnostic } from '../../diagnostics/diagnostic.js';
import type { FieldInfo } from '../../schema/index.js';
import { checkValue } from '../../schema/values.js';
import type * as A from '../../syntax/ast.js';
import { allows, matchesWords, type TermShape } from '../operators.js';
import type { CheckContext, Rule } from '../context.js';

function typeValue(ctx: CheckContext, field: FieldInfo, operator: A.ComparisonOperator, value: A.Value): void {
  if (matchesWords(field, operator)) {
    ctx.valueOf.set(value, { type: 'json', value: value.value });
    return;
  }
  if (field.kind === 'datetime') {
    const date = parseDateValue(value.value, { nowMs: ctx.nowMs, timeZone: ctx.timeZone ?? 'UTC' });
    if (date.kind === 'error') {
      ctx.report(diagnostic('InvalidDate', value.span, [value.value, date.message], date.help ? { help: date.help } : {}));
      return;
    }
    ctx.valueOf.set(value, { type: 'date', date });
    return;
  }
  const r = checkValue(field, value.value);
  if (r.ok) {
    ctx.valueOf.set(value, { type: 'json', value: r.value });
    return;
  }
  const extras = { help: r.help, suggestions: r.suggestions };
  if (r.code === 'KQ2006') ctx.report(diagnostic('InvalidNumber', value.span, [value.value, field.name], extras));
  else if (r.code === 'KQ2007') ctx.report(diagnostic('InvalidBoolean', value.span, [value.value, field.name], extras));
  else ctx.report(diagnostic('InvalidValue', value.span, [value.value, field.name, r.reason], extras));
}

export const ValuesRule: Rule = (ctx) => {
  const each = (
    name: A.Name,
    operator: A.ComparisonOperator,
    shape: TermShape,
    values: readonly (A.Value | null)[],
  ) => {
    const field = ctx.fieldOf.get(name);
    if (!field || !allows(field.kind, operator, shape)) return;
    for (const v of values) if (v) typeValue(ctx, field, operator, v);
  };
  return {
    Comparison: (n) => each(n.field, n.operator, 'single', [n.value]),
    List: (n) => each(n.field, n.operator, 'list', n.values),
    Range: (n) => each(n.field, ':', 'range', [n.lower, n.upper]),
  };
};
