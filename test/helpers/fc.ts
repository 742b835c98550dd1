/**
 * fast-check settings shared by the property tests: a fixed run count, and a seed that is printed on failure
 * (fast-check's report includes `seed` and `path`) and can be replayed with FC_SEED=<seed>.
 */
import fc from 'fast-check';

/** Options for `fc.assert`: `numRuns` runs, replaying `FC_SEED` when set. */
export function fcOptions(numRuns: number): fc.Parameters<unknown> {
  const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
  return seed === undefined ? { numRuns, includeErrorInReport: true } : { numRuns, seed, includeErrorInReport: true };
}

/**
 * A copy of `node` without `span` and `implicitJoins` keys (where the text was written and whether an `AND` was
 * written out: layout, not meaning), for comparing trees parsed from different texts.
 */
export function stripSpans(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(stripSpans);
  if (node && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) if (k !== 'span' && k !== 'implicitJoins') out[k] = stripSpans(v);
    return out;
  }
  return node;
}
