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

/**
 * The bare full-text words that follow `term` in `parent` (an `And`), each joined to the one before with no `AND`
 * written, in order, up to the first that is not; `accept` may stop the run earlier (it sees each word and its
 * position in the run). Empty when `parent` is not an `And` or `term` is not one of its operands.
 */
export function wordsAfter(term: A.Expression, parent: A.Node | null, accept: (word: A.Text, index: number) => boolean = () => true): A.Text[] {
  if (parent?.kind !== 'And' || parent.implicitJoins === undefined) return [];
  const { position, joins } = indexOf(parent);
  const at = position.get(term);
  const out: A.Text[] = [];
  if (at === undefined) return out;
  for (let i = at + 1; i < parent.operands.length && joins.has(i); i++) {
    const next = parent.operands[i]!;
    if (next.kind !== 'Text' || !isBare(next) || !accept(next, out.length)) break;
    out.push(next);
  }
  return out;
}

/** Each AND's operand positions and implicit joins, built once per node (a long AND is not searched per term). */
const indexes = new WeakMap<A.And, { position: Map<A.Expression, number>; joins: Set<number> }>();

function indexOf(and: A.And): { position: Map<A.Expression, number>; joins: Set<number> } {
  let index = indexes.get(and);
  if (index === undefined) {
    index = { position: new Map(and.operands.map((o, i) => [o, i])), joins: new Set(and.implicitJoins) };
    indexes.set(and, index);
  }
  return index;
}
