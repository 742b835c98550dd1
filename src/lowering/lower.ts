/**
 * Lowering, step 1: checked AST → lowered form (boolean tree of atoms). This is where each term's meaning is
 * fixed (the language reference in the README is the same table in words):
 *
 * | term | lowered |
 * |---|---|
 * | `f:v` | `equals` on equals kinds; `contains` on text and full-text kinds; a whole local day `gte D` ∧ `lt D+1` (`lte D` for 9999-12-31) on datetimes given a day, `equals` given an instant |
 * | `f=v` / `f!=v` | `equals` / not `equals` |
 * | `f~v` | `contains` |
 * | `f>v` `f>=v` `f<v` `f<=v` | `gt` `gte` `lt` `lte`, the operand as written (a day stays a day, instants in UTC) |
 * | `f:a..b`, `[a TO b}` … | `gte`/`gt` a ∧ `lte`/`lt` b |
 * | `f:(a OR b)`, `f:a,b` | an OR of the single-value meaning (merged into `in` by normalize.ts) |
 * | `f:*` / `-f:*` | not `not_set` / `not_set` (value `""`, as in the Kustomer docs; no is-set operator is documented) |
 * | word, `"phrase"` | `any_text` `contains` |
 *
 * Directives lower to nothing (they set `sort`, `queryContext`, `timeZone`). Recursion depth is bounded by the
 * parser's `maxDepth`.
 */
import { addDays } from '../dates/index.js';
import type { FieldInfo } from '../schema/index.js';
import type * as A from '../syntax/ast.js';
import type { CheckedQuery, TypedValue } from '../check/context.js';
import { equalsKinds, matchesWords } from '../check/operators.js';
import type { Atom, AtomOrigin, CriterionOperator, LNode, Scalar } from './ir.js';

/** The attribute that bare words and phrases search (Kustomer's full-text attribute, kind `any`). */
export const fullTextField = 'any_text';

const orderedOps: Record<'>' | '>=' | '<' | '<=', CriterionOperator> = { '>': 'gt', '>=': 'gte', '<': 'lt', '<=': 'lte' };

/** A typed value as the JSON the target takes: days as `YYYY-MM-DD`, instants as UTC ISO strings. */
function scalar(v: TypedValue): Scalar {
  if (v.type === 'json') return v.value;
  return v.date.kind === 'day' ? v.date.day : v.date.iso;
}

/** Lowers a checked query (which must have no errors). Returns `null` when the query has no criteria at all. */
export function lower(checked: CheckedQuery): LNode | null {
  const { fieldOf, valueOf } = checked;

  const atom = (span: A.Span, field: FieldInfo, op: CriterionOperator, value: Scalar | readonly Scalar[], origin: AtomOrigin): Atom => ({
    kind: 'atom',
    span,
    field: field.name,
    op,
    value,
    mergeable: op === 'equals' && equalsKinds.has(field.kind),
    origin,
  });

  const typed = (v: A.Value): TypedValue => {
    const t = valueOf.get(v);
    if (!t) throw new Error(`internal: value '${v.value}' was not checked`);
    return t;
  };

  /** The meaning of `field <operator> value` for one value. */
  const single = (span: A.Span, field: FieldInfo, operator: A.ComparisonOperator, value: A.Value): LNode => {
    const t = typed(value);
    switch (operator) {
      case ':':
        if (matchesWords(field, operator)) return atom(span, field, 'contains', scalar(t), value);
        if (t.type === 'date' && t.date.kind === 'day') {
          const next = addDays(t.date.day, 1);
          // 9999-12-31 has no next day in YYYY-MM-DD: bound it by `lte` the day itself (date math: through the end
          // of that local day). The lower bound alone is not enough east of GMT, where the local day ends before
          // 10000-01-01T00:00Z (found by the evaluator's differential property).
          const upper = next.length === 10 ? atom(span, field, 'lt', next, value) : atom(span, field, 'lte', t.date.day, value);
          return { kind: 'and', span, items: [atom(span, field, 'gte', t.date.day, value), upper] };
        }
        return atom(span, field, 'equals', scalar(t), value);
      case '=':
        return atom(span, field, 'equals', scalar(t), value);
      case '!=':
        return { kind: 'not', span, item: atom(span, field, 'equals', scalar(t), value) };
      case '~':
        return atom(span, field, 'contains', scalar(t), value);
      default:
        return atom(span, field, orderedOps[operator], scalar(t), value);
    }
  };

  const fieldFor = (name: A.Name): FieldInfo => {
    const f = fieldOf.get(name);
    if (!f) throw new Error(`internal: field '${name.value}' was not resolved`);
    return f;
  };

  const visit = (node: A.Expression): LNode | null => {
    switch (node.kind) {
      case 'And':
      case 'Or': {
        const items = node.operands.map(visit).filter((x): x is LNode => x !== null);
        if (items.length === 0) return null;
        return { kind: node.kind === 'And' ? 'and' : 'or', span: node.span, items };
      }
      case 'Not': {
        const item = visit(node.operand);
        return item && { kind: 'not', span: node.span, item };
      }
      case 'Comparison':
        return single(node.span, fieldFor(node.field), node.operator, node.value);
      case 'List': {
        const field = fieldFor(node.field);
        if (node.operator === '!=') {
          const items = node.values.map((v) => single(v.span, field, '=', v));
          return { kind: 'not', span: node.span, item: { kind: 'or', span: node.span, items } };
        }
        return { kind: 'or', span: node.span, items: node.values.map((v) => single(v.span, field, node.operator, v)) };
      }
      case 'Range': {
        const field = fieldFor(node.field);
        const items: LNode[] = [];
        if (node.lower) items.push(atom(node.span, field, node.lowerInclusive ? 'gte' : 'gt', scalar(typed(node.lower)), node.lower));
        if (node.upper) items.push(atom(node.span, field, node.upperInclusive ? 'lte' : 'lt', scalar(typed(node.upper)), node.upper));
        return items.length === 1 ? items[0]! : { kind: 'and', span: node.span, items };
      }
      case 'Exists': {
        const field = fieldFor(node.field);
        return { kind: 'not', span: node.span, item: atom(node.span, field, 'not_set', '', node) };
      }
      case 'Text':
        return {
          kind: 'atom',
          span: node.span,
          field: fullTextField,
          op: 'contains',
          value: node.value,
          mergeable: false,
          origin: node,
        };
      case 'Sort':
      case 'Context':
      case 'TimeZone':
        return null;
    }
  };

  return checked.ast.body ? visit(checked.ast.body) : null;
}
