/**
 * ContradictoryBoundsRule (KQ2029, warning): comparisons on one attribute, ANDed as separate terms, that no value can
 * meet — `conversation_priority>=4 conversation_priority<=2`, `created>2024-01-05 created<2024-01-06` (no whole day
 * between, as for a range: rangeBoundsRule.ts). The range form `f:4..2` is an error (KQ2016); separate terms compile,
 * as a generated query may write them and as decompile writes such a body back, but they match nothing, so say so.
 *
 * Per AND node: for each attribute, the tightest lower bound (`>`, `>=`) and the tightest upper bound (`<`, `<=`) of
 * its direct operands, by the same ordering as ranges (numbers by value, local days by date, instants by time; other
 * sorts are not compared); one warning per attribute, spanning both terms. Linear in the AND's operands.
 */
import { diagnostic } from '../../diagnostics/diagnostic.js';
import type * as A from '../../syntax/ast.js';
import type { CheckContext, RuleDefinition, TypedValue } from '../context.js';
import { boundKey, emptyBetween } from './rangeBoundsRule.js';

/** One side's tightest bound so far. */
interface Tightest {
  readonly term: A.Comparison;
  readonly typed: TypedValue;
  readonly key: { sort: string; k: number | string };
  readonly inclusive: boolean;
}

/** Whether `candidate` is a tighter lower (or upper) bound than `current` of the same sort. */
function tighter(candidate: Tightest, current: Tightest | undefined, lower: boolean): boolean {
  if (current === undefined) return true;
  if (candidate.key.sort !== current.key.sort) return false;
  if (candidate.key.k === current.key.k) return !candidate.inclusive && current.inclusive;
  return lower ? candidate.key.k > current.key.k : candidate.key.k < current.key.k;
}

function check(and: A.And, ctx: CheckContext): void {
  let lowers: Map<string, Tightest> | null = null;
  let uppers: Map<string, Tightest> | null = null;
  for (const o of and.operands) {
    if (o.kind !== 'Comparison') continue;
    const lower = o.operator === '>' || o.operator === '>=';
    if (!lower && o.operator !== '<' && o.operator !== '<=') continue;
    const typed = ctx.valueOf.get(o.value);
    const key = typed === undefined ? null : boundKey(typed);
    if (typed === undefined || key === null || !ctx.fieldOf.has(o.field)) continue;
    const bound: Tightest = { term: o, typed, key, inclusive: o.operator === '>=' || o.operator === '<=' };
    const side = lower ? (lowers ??= new Map()) : (uppers ??= new Map());
    if (tighter(bound, side.get(o.field.value), lower)) side.set(o.field.value, bound);
  }
  if (lowers === null || uppers === null) return;
  for (const [field, lo] of lowers) {
    const hi = uppers.get(field);
    if (hi === undefined) continue;
    const problem = emptyBetween(lo.typed, hi.typed, lo.inclusive, hi.inclusive);
    if (problem === null) continue;
    const start = Math.min(lo.term.span.start, hi.term.span.start);
    const end = Math.max(lo.term.span.end, hi.term.span.end);
    ctx.report(
      diagnostic('ContradictoryBounds', { start, end }, {
        field,
        lower: lo.term.value.value,
        upper: hi.term.value.value,
        lowerOperator: lo.term.operator,
        upperOperator: hi.term.operator,
        problem,
      }),
    );
  }
}

/**
 * The check runs when the walk reaches an AND's last operand: the walk is pre-order, so by then the values rule has
 * typed every earlier operand's value (at the AND itself none is typed yet), and the last one's handlers ran before
 * this rule's (rule order, check.ts).
 */
const atLast = (n: A.Expression, parent: A.Node | null, ctx: CheckContext, index: number): void => {
  if (parent?.kind === 'And' && index === parent.operands.length - 1 && parent.operands[index] === n) check(parent, ctx);
};

export const ContradictoryBoundsRule: RuleDefinition = {
  name: 'ContradictoryBoundsRule',
  visit: {
    Comparison: atLast,
    Range: atLast,
    List: atLast,
    Exists: atLast,
    Text: atLast,
    Sort: atLast,
    Context: atLast,
    TimeZone: atLast,
    Not: atLast,
    Or: atLast,
    And: atLast,
  },
};
