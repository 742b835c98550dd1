/**
 * How a term was written, as far as the tree tells, for the rules that warn about a query that most likely means
 * something other than what it compiles to (the ambiguity warnings KQ2021–KQ2024).
 *
 * - A {@link isBare bare} value or word is one written without quotes or escapes: its span is exactly as long as its
 *   value (a quoted one is at least two longer; an escape makes the span longer too). Quoting a word, or escaping it,
 *   is a way to say it is meant as written, so the warnings look at bare words only.
 * - The words {@link wordsAfter after} a term are the bare full-text words that follow it in the same AND with no
 *   `AND` written between them (`And.implicitJoins`): an explicit `AND` says a word is meant as a term of its own.
 */
import type * as A from '../../syntax/ast.js';

/** True when `node` (a value or a full-text word) was written bare: no quotes, no escapes, not empty. */
export function isBare(node: A.Value | A.Text): boolean {
  return node.value.length > 0 && node.span.end - node.span.start === node.value.length;
}

/** The result of {@link wordsAfter} when there are no such words (shared: nothing allocated). */
const noWords: readonly A.Text[] = Object.freeze([]);

/** Any word is accepted. */
const anyWord = (): boolean => true;

/**
 * The bare full-text words that follow `term`, operand `at` of `parent` (an `And`; the checker passes each node's
 * position among its parent's operands), each joined to the one before with no `AND` written, in order, up to the
 * first that is not; `accept` may stop the run earlier (it sees each word and its position in the run). Empty when
 * `parent` is not an `And` or `term` is not its operand `at`. Costs nothing when the next operand is not a word.
 */
export function wordsAfter(
  term: A.Expression,
  parent: A.Node | null,
  at: number,
  accept: (word: A.Text, index: number) => boolean = anyWord,
): readonly A.Text[] {
  if (parent?.kind !== 'And' || parent.implicitJoins === undefined || parent.operands[at] !== term) return noWords;
  const { operands, implicitJoins } = parent;
  if (at + 1 >= operands.length || operands[at + 1]!.kind !== 'Text') return noWords;
  let out: A.Text[] | null = null;
  // implicitJoins is ascending: find the first join after `at`, then walk both together.
  let j = firstAtLeast(implicitJoins, at + 1);
  for (let i = at + 1; i < operands.length && implicitJoins[j] === i; i++, j++) {
    const next = operands[i]!;
    if (next.kind !== 'Text' || !isBare(next) || !accept(next, out === null ? 0 : out.length)) break;
    (out ??= []).push(next);
  }
  return out ?? noWords;
}

/** The index of the first element of the ascending `xs` that is ≥ `x` (`xs.length` when none is). */
function firstAtLeast(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
