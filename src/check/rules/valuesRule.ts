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
import { diagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { FieldInfo } from '../../schema/index.js';
import { checkValue, type ValueCheck } from '../../schema/values.js';
import type * as A from '../../syntax/ast.js';
import { allows, matchesWords, type TermShape } from '../operators.js';
import type { CheckContext, RuleDefinition } from '../context.js';
import { typeLookupValue } from './lookupNamesRule.js';

function typeValue(ctx: CheckContext, field: FieldInfo, operator: A.ComparisonOperator, value: A.Value): void {
  if (matchesWords(field, operator)) {
    ctx.valueOf.set(value, { type: 'json', value: value.value });
    return;
  }
  if (field.kind === 'datetime') {
    const date = parseDateValue(value.value, { nowMs: ctx.nowMs, timeZone: ctx.timeZone ?? 'UTC' });
    if (date.kind === 'error') {
      ctx.report(diagnostic('InvalidDate', value.span, { value: value.value, problem: date }));
      return;
    }
    ctx.valueOf.set(value, { type: 'date', date });
    return;
  }
  // Tag, user, team and queue names → ids (lookupNamesRule.ts).
  if (typeLookupValue(ctx, field, value)) return;
  const r = checkValue(field, value.value);
  if (r.ok) {
    ctx.valueOf.set(value, { type: 'json', value: r.value });
    return;
  }
  ctx.report(invalidValueDiagnostic(value.value, field.name, value.span, r));
}

/**
 * The diagnostic of a value `raw` (as written, at `span`) that field `field` does not take: the schema layer's
 * problem (data, src/schema/values.ts) worded by the catalogue — KQ2006 for `notNumber`, KQ2007 for `notBoolean`,
 * else KQ2005 — with its suggestions.
 */
export function invalidValueDiagnostic(raw: string, field: string, span: A.Span, r: Extract<ValueCheck, { ok: false }>): Diagnostic {
  const extras = r.suggestions ? { suggestions: r.suggestions } : undefined;
  if (r.problem.reason === 'notNumber') return diagnostic('InvalidNumber', span, { value: raw, field }, extras);
  if (r.problem.reason === 'notBoolean') return diagnostic('InvalidBoolean', span, { value: raw, field }, extras);
  return diagnostic('InvalidValue', span, { value: raw, field, problem: r.problem }, extras);
}

/** The field of `name` when it resolved and takes `operator` in this shape (else OperatorKindRule reports). */
function typedField(ctx: CheckContext, name: A.Name, operator: A.ComparisonOperator, shape: TermShape): FieldInfo | null {
  const field = ctx.fieldOf.get(name);
  return field && allows(field.kind, operator, shape) ? field : null;
}

export const ValuesRule: RuleDefinition = {
  name: 'ValuesRule',
  visit: {
    Comparison: (n, _p, ctx) => {
      const field = typedField(ctx, n.field, n.operator, 'single');
      if (field) typeValue(ctx, field, n.operator, n.value);
    },
    List: (n, _p, ctx) => {
      const field = typedField(ctx, n.field, n.operator, 'list');
      if (field) for (const v of n.values) typeValue(ctx, field, n.operator, v);
    },
    Range: (n, _p, ctx) => {
      const field = typedField(ctx, n.field, ':', 'range');
      if (!field) return;
      if (n.lower) typeValue(ctx, field, ':', n.lower);
      if (n.upper) typeValue(ctx, field, ':', n.upper);
    },
  },
};
