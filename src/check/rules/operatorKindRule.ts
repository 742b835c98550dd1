/**
 * OperatorKindRule: a term's operator suits its field's kind (e.g. no `>` on a list field, no `~` on a number).
 * Reports KQ2004 naming the operators the field takes. The table is `check/operators.ts`.
 */
import { diagnostic } from '../../diagnostics/diagnostic.js';
import type * as A from '../../syntax/ast.js';
import { allowedOperators, allows, kindLabel, type TermShape } from '../operators.js';
import type { CheckContext, RuleDefinition } from '../context.js';

function check(ctx: CheckContext, node: A.Comparison | A.List | A.Range, operator: A.ComparisonOperator, shape: TermShape): void {
    const field = ctx.fieldOf.get(node.field);
    if (!field || allows(field.kind, operator, shape)) return;
    const shown = shape === 'range' ? 'a..b' : shape === 'list' ? `${operator} with a list` : operator;
    const start = node.field.span.end;
    const end = shape === 'single' ? (node as A.Comparison).value.span.start : node.span.end;
    ctx.report(
      diagnostic('OperatorNotAllowed', { start, end: Math.max(end, start) }, {
        operator: shown,
        kind: kindLabel(field.kind),
        field: field.name,
        allowed: allowedOperators(field.kind),
      }),
    );
}

export const OperatorKindRule: RuleDefinition = {
  name: 'OperatorKindRule',
  visit: {
    Comparison: (n, _p, ctx) => check(ctx, n, n.operator, 'single'),
    List: (n, _p, ctx) => check(ctx, n, n.operator, 'list'),
    Range: (n, _p, ctx) => check(ctx, n, ':', 'range'),
  },
};
