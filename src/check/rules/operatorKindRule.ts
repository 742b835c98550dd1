/**
 * OperatorKindRule: a term's operator suits its field's kind (e.g. no `>` on a list field, no `~` on a number).
 * Reports KQ2004 naming the operators the field takes. The table is `check/operators.ts`.
 */
import { diagnostic } from '../../diagnostics/diagnostic.js';
import type * as A from '../../syntax/ast.js';
import { allowedOperators, allows, kindLabel, type TermShape } from '../operators.js';
import type { Rule } from '../context.js';

export const OperatorKindRule: Rule = (ctx) => {
  const check = (node: A.Comparison | A.List | A.Range, operator: A.ComparisonOperator, shape: TermShape) => {
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
  };
  return {
    Comparison: (n) => check(n, n.operator, 'single'),
    List: (n) => check(n, n.operator, 'list'),
    Range: (n) => check(n, ':', 'range'),
  };
};
