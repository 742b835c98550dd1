/**
 * A generator of parsed-shape ASTs (flattened AND/OR, ranges with open bounds inclusive, lists of two or more,
 * top-level directives last in printer order) whose values come from a hostile alphabet: the characters the lexer
 * treats specially, trailing backslashes, Unicode, NBSP, line separators, lone surrogates, the keywords and "".
 * Spans are all empty: compare trees with `stripSpans`.
 */
import fc from 'fast-check';
import type * as A from '../../src/syntax/ast.js';

const span: A.Span = { start: 0, end: 0 };

/** Values that stress the printer's quoting. */
export const hostileValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('AND', 'OR', 'NOT', 'TO', 'and', 'or', 'not', '', '*', '-', '..', '.', '#x', 'a.', '.a', 'x\\', '\\', '"', 'a:b', '-12', '>=5', '=x', 'sort:x-desc'),
  fc
    .array(
      fc.constantFrom('a', 'b', 'Z', '1', '\\', '"', ':', '(', ')', '*', ',', '-', '.', '..', '~', '=', '<', '>', '!', '\u00a0', ' ', 'é', '测', '😀', '\n', '\r', '\t', '#', '[', ']', '{', '}', "'", '/', '@', '+', '_', '\u2028', '\ud800', '\udc00', '\u0000', '\u007f', '\ufeff', 'TO', 'OR'),
      { maxLength: 8 },
    )
    .map((parts) => parts.join('')),
);

/** Field names the lexer reads as names (not directives). */
export const fieldName: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('customer_name', 'conversation_status', 'x', '_a', 'a.b', 'a-b', 'a$b', 'customer_custom_tierStr', 'kobject_custom_ecomm-order_totalNum', 'Sort', 'hasx', 'é1', 'AND', 'TO'),
  fc.stringMatching(/^[a-z_][a-z0-9_.$-]{0,10}$/).filter((n) => !['has', 'no', 'sort', 'context', 'in', 'tz'].includes(n)),
);

const name = fieldName.map((value): A.Name => ({ kind: 'Name', span, value }));
const value = hostileValue.map((v): A.Value => ({ kind: 'Value', span, value: v }));

const comparison = fc
  .record({ field: name, operator: fc.constantFrom<A.ComparisonOperator>(':', '=', '!=', '~', '>', '>=', '<', '<='), value })
  .map((r): A.Comparison => ({ kind: 'Comparison', span, ...r }));
const list = fc
  .record({ field: name, operator: fc.constantFrom<A.List['operator']>(':', '=', '~', '!='), values: fc.array(value, { minLength: 2, maxLength: 4 }) })
  .map((r): A.List => ({ kind: 'List', span, ...r }));
const range = fc
  .record({ field: name, lower: fc.option(value), upper: fc.option(value), lowerInclusive: fc.boolean(), upperInclusive: fc.boolean() })
  .filter((r) => r.lower !== null || r.upper !== null)
  .map(
    (r): A.Range => ({
      kind: 'Range',
      span,
      ...r,
      lowerInclusive: r.lower === null ? true : r.lowerInclusive,
      upperInclusive: r.upper === null ? true : r.upperInclusive,
    }),
  );
const exists = fc.oneof(name, hostileValue.map((v): A.Name => ({ kind: 'Name', span, value: v }))).map((field): A.Exists => ({ kind: 'Exists', span, field }));
const text = hostileValue.map((v): A.Text => ({ kind: 'Text', span, value: v }));
const sort = fc
  .record({ field: fc.oneof(fieldName, hostileValue).map((v): A.Name => ({ kind: 'Name', span, value: v })), direction: fc.constantFrom<'asc' | 'desc'>('asc', 'desc') })
  .map((r): A.Sort => ({ kind: 'Sort', span, ...r }));
const context = value.map((v): A.Context => ({ kind: 'Context', span, value: v }));
const timeZone = value.map((v): A.TimeZone => ({ kind: 'TimeZone', span, value: v }));
const directive: fc.Arbitrary<A.Directive> = fc.oneof(sort, context, timeZone);

function group(kind: 'And' | 'Or', operands: A.Expression[]): A.Expression {
  const flat = operands.flatMap((o) => (o.kind === kind ? o.operands : [o]));
  return { kind, span, operands: flat } as A.And | A.Or;
}

/** Any expression, directives included (a directive below the top level stays where it is). */
export const expression: fc.Arbitrary<A.Expression> = fc.letrec<{ expr: A.Expression }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    comparison,
    list,
    range,
    exists,
    text,
    directive,
    fc.array(tie('expr'), { minLength: 2, maxLength: 3 }).map((os) => group('And', os)),
    fc.array(tie('expr'), { minLength: 2, maxLength: 3 }).map((os) => group('Or', os)),
    tie('expr').map((operand): A.Not => ({ kind: 'Not', span, operand })),
  ),
})).expr;

const order = { Context: 0, TimeZone: 1, Sort: 2 } as const;
const isDirective = (e: A.Expression) => e.kind === 'Sort' || e.kind === 'Context' || e.kind === 'TimeZone';

/** A whole query whose top-level directives are already where the printer puts them (last, in order). */
export const queryAst: fc.Arbitrary<A.Query> = fc
  .tuple(fc.array(expression.filter((e) => !isDirective(e) && !(e.kind === 'And' && e.operands.some(isDirective))), { maxLength: 3 }), fc.array(directive, { maxLength: 3 }))
  .map(([terms, directives]): A.Query => {
    const ds = [...directives].sort((a, b) => order[a.kind] - order[b.kind]);
    const operands = [...terms.flatMap((t) => (t.kind === 'And' ? t.operands : [t])), ...ds];
    const body = operands.length === 0 ? null : operands.length === 1 ? operands[0]! : ({ kind: 'And', span, operands } as A.And);
    return { kind: 'Query', span, body };
  });
