/**
 * "Did you mean" helpers: a bounded Damerau–Levenshtein distance and a nearest-candidates search.
 *
 * Both are cheap on hostile input: memory is linear in the shorter word, the distance bails out as soon as it is
 * known to exceed its limit (including on the length difference alone), and {@link closest} ignores words longer
 * than {@link maxSuggestLength}, so a 1 MB field name costs nothing.
 */

/** Words (and candidates) longer than this, in UTF-16 code units, are never compared: they get no suggestions. */
export const maxSuggestLength = 100;

/**
 * The optimal-string-alignment (restricted Damerau–Levenshtein) distance between `a` and `b`: the fewest single
 * character insertions, deletions, substitutions and swaps of two adjacent characters that turn `a` into `b`.
 * Compares UTF-16 code units, case-sensitively (lower-case both sides first for a case-insensitive distance).
 *
 * With `limit`, the result is exact when it is `<= limit` and is `limit + 1` otherwise; the computation stops early
 * once every path costs more than `limit` (and at once when the lengths differ by more than `limit`).
 * Time O(|a|·|b|) at worst, memory O(min(|a|, |b|)).
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (a === b) return 0;
  if (a.length < b.length) {
    const t = a;
    a = b;
    b = t; // b is the shorter one: rows are |b| + 1 long
  }
  const cap = Math.min(limit, a.length);
  if (a.length - b.length > cap) return cap + 1;
  // A common prefix and suffix cost nothing and do not change the distance of the rest (an optimal alignment can
  // match them; test/schema/suggest.test.ts checks this against the full table on random pairs), so the table is
  // built for the middles only: `conversation_stauts` / `conversation_status` is a 4 × 4 table, not 19 × 19.
  let start = 0;
  while (start < b.length && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let endA = a.length;
  let endB = b.length;
  while (endB > start && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) {
    endA--;
    endB--;
  }
  const n = endA - start;
  const m = endB - start;
  if (m === 0) return n > cap ? cap + 1 : n;

  const width = m + 1;
  if (scratch[0]!.length < width) for (let k = 0; k < 3; k++) scratch[k] = new Int32Array(width * 2);
  let before = scratch[0]!; // row i - 2
  let prev = scratch[1]!; // row i - 1
  let cur = scratch[2]!; // row i
  for (let j = 0; j < width; j++) prev[j] = j;

  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(start + i - 1);
    const caBefore = i > 1 ? a.charCodeAt(start + i - 2) : -1;
    for (let j = 1; j < width; j++) {
      const cb = b.charCodeAt(start + j - 1);
      let d = prev[j - 1]! + (ca === cb ? 0 : 1);
      const del = prev[j]! + 1;
      if (del < d) d = del;
      const ins = cur[j - 1]! + 1;
      if (ins < d) d = ins;
      if (j > 1 && caBefore === cb && ca === b.charCodeAt(start + j - 2)) {
        const swap = before[j - 2]! + 1;
        if (swap < d) d = swap;
      }
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > cap) return cap + 1;
    const t = before;
    before = prev;
    prev = cur;
    cur = t;
  }
  const result = prev[width - 1]!;
  return result > cap ? cap + 1 : result;
}

/** The three rows {@link editDistance} reuses from call to call (grown when a word is longer; never shared across a call). */
const scratch: Int32Array[] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/**
 * The largest distance at which a candidate still counts as "reasonably close" to `word`:
 * `max(2, floor(length / 3))`, but never as much as the word's own length (so `x` does not suggest `m` and `f`).
 */
export function suggestionThreshold(word: string): number {
  return Math.min(Math.max(2, Math.floor(word.length / 3)), Math.max(0, word.length - 1));
}

/**
 * The candidates closest to `word`, best first, at most `max` of them (default 3); ties keep candidate order,
 * duplicates and `word` itself (exactly) are left out. Comparison is case-insensitive. A candidate counts as close
 * when its {@link editDistance} is at most {@link suggestionThreshold}(word) and also at most half (at least 1) of
 * the length of the part where the two differ: long names sharing a prefix (`conversation_statu` and
 * `conversation_tags`) are judged on the part that differs (`statu` / `tags`), not on their whole length.
 *
 * Returns `[]` when `word` is empty or longer than {@link maxSuggestLength}; longer candidates are skipped.
 * Candidates are compared as given (strings, numbers and booleans are compared by their `String` form) and
 * returned as strings.
 */
export function closest(
  word: string,
  candidates: Iterable<string | number | boolean>,
  max = 3,
): string[] {
  if (word.length === 0 || word.length > maxSuggestLength || max <= 0) return [];
  return closestIn(word, suggestionIndex(candidates), max);
}

/**
 * Candidates prepared once for {@link closestIn}: in order, without duplicates or names longer than
 * {@link maxSuggestLength}, each with its lower-case form. Build one per fixed list (e.g. a field catalogue) and keep
 * it, so a misspelt name costs only the comparisons.
 */
export interface SuggestionIndex {
  readonly names: readonly string[];
  readonly lower: readonly string[];
  /**
   * Each lower-case name's character counts by class (code unit modulo 32; a name is at most {@link maxSuggestLength}
   * long, so a count fits a byte): name `k`'s 32 counts
   * start at `32 * k`. For the bag-distance lower bound computed without reading the name ({@link closestIn}).
   */
  readonly counts: Uint8Array;
}

/** The number of character classes of {@link SuggestionIndex.counts}. */
const CLASSES = 32;

/** Prepares `candidates` for {@link closestIn} (compared by their `String` form). */
export function suggestionIndex(candidates: Iterable<string | number | boolean>): SuggestionIndex {
  const seen = new Set<string>();
  const names: string[] = [];
  const lower: string[] = [];
  for (const raw of candidates) {
    const candidate = String(raw);
    if (seen.has(candidate) || candidate.length > maxSuggestLength) continue;
    seen.add(candidate);
    names.push(candidate);
    lower.push(candidate.toLowerCase());
  }
  const counts = new Uint8Array(lower.length * CLASSES);
  for (let k = 0; k < lower.length; k++) {
    const low = lower[k]!;
    for (let i = 0; i < low.length; i++) {
      counts[k * CLASSES + (low.charCodeAt(i) & (CLASSES - 1))]!++; // ≤ maxSuggestLength (100): fits a byte
    }
  }
  return { names, lower, counts };
}

/** The word's character counts by class in {@link closestIn}, and its distinct classes (reused; filled per call). */
const wordCounts = new Int32Array(CLASSES);
const wordClasses = new Int32Array(CLASSES);

/** Character counts for {@link bagDistance}, by code unit modulo 128 (reused; zero between calls). */
const bag = new Int32Array(128);

/**
 * A lower bound of {@link editDistance} of `a.slice(from, endA)` and `b.slice(from, endB)` (the middles left when a
 * common prefix and suffix are taken off, which do not change the distance), in O(length): the bag distance, max(characters of `a` not matched in `b`,
 * characters of `b` not matched in `a`), counted as multisets. Each insertion, deletion or substitution changes
 * either side by at most one and an adjacent swap changes neither, so no edit script is shorter. Code units are
 * counted modulo 128, which can only merge counts and so keeps it a lower bound.
 */
function bagDistance(a: string, b: string, from: number, endA: number, endB: number): number {
  for (let i = from; i < endA; i++) bag[a.charCodeAt(i) & 127]!++;
  for (let i = from; i < endB; i++) bag[b.charCodeAt(i) & 127]!--;
  let extraA = 0;
  let extraB = 0;
  for (let i = from; i < endA; i++) {
    const k = a.charCodeAt(i) & 127;
    const n = bag[k]!;
    if (n > 0) {
      extraA += n;
      bag[k] = 0; // counted once; a negative count is left for the loop over `b`, which clears every key of `b`
    }
  }
  for (let i = from; i < endB; i++) {
    const k = b.charCodeAt(i) & 127;
    const n = bag[k]!;
    if (n < 0) extraB -= n;
    bag[k] = 0;
  }
  return extraA > extraB ? extraA : extraB;
}

/**
 * {@link closest} over a prepared {@link SuggestionIndex}: the same result. Bounded: a candidate whose length differs
 * from the word's by more than the bound is skipped before any other work, then one whose character counts by class
 * (code units modulo 32, precomputed) differ by more than the bound (the bag distance, a lower bound), then the
 * exact bag distance of the differing middles; the distance runs on the differing middles only, stopping once it
 * exceeds the bound.
 */
export function closestIn(word: string, index: SuggestionIndex, max = 3): string[] {
  if (word.length === 0 || word.length > maxSuggestLength || max <= 0) return [];
  const lower = word.toLowerCase();
  const limit = suggestionThreshold(word);
  const scored: Array<{ candidate: string; distance: number; order: number }> = [];
  const { names, counts } = index;
  const lowerNames = index.lower;
  const own = wordCounts;
  const present = wordClasses;
  own.fill(0);
  let distinct = 0;
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i) & (CLASSES - 1);
    if (own[c]!++ === 0) present[distinct++] = c;
  }
  for (let k = 0; k < names.length; k++) {
    const candidate = names[k]!;
    const other = lowerNames[k]!;
    const lengthDifference = Math.abs(other.length - lower.length);
    if (candidate === word || lengthDifference > limit) continue;
    // The bag distance by character class (counts merged by class can only lower it: still a lower bound), from
    // the precomputed counts, the name itself not read. Only the word's classes are visited: the counts the word has
    // beyond the name's (`extraWord`) determine the name's beyond the word's, as the differences sum to the lengths'.
    let extraWord = 0;
    const base = k * CLASSES;
    for (let p = 0; p < distinct; p++) {
      const c = present[p]!;
      const d = own[c]! - counts[base + c]!;
      if (d > 0) extraWord += d;
    }
    const extraOther = extraWord + other.length - lower.length;
    const classBag = extraWord > extraOther ? extraWord : extraOther;
    if (classBag > limit) continue;
    // The common prefix and suffix (the part where the two differ is what the bound and the lower bounds look at).
    const shorter = Math.min(lower.length, other.length);
    let start = 0;
    while (start < shorter && lower.charCodeAt(start) === other.charCodeAt(start)) start++;
    let end = 0;
    while (end < shorter - start && lower.charCodeAt(lower.length - 1 - end) === other.charCodeAt(other.length - 1 - end)) end++;
    // The length of the part where the two differ (`conversation_statu` / `conversation_tags` → 5: `statu` / `tags`).
    const differing = Math.max(lower.length, other.length) - start - end;
    const bound = Math.min(limit, Math.max(1, Math.floor(differing / 2)));
    // Lower bounds of the distance, cheapest first: the length difference, the class bag distance, the exact bag
    // distance of the differing middles (the common prefix and suffix add the same counts to both sides).
    if (lengthDifference > bound || classBag > bound) continue;
    if (bagDistance(lower, other, start, lower.length - end, other.length - end) > bound) continue;
    const distance = editDistance(lower, other, bound);
    if (distance <= bound) scored.push({ candidate, distance, order: scored.length });
  }
  scored.sort((x, y) => x.distance - y.distance || x.order - y.order);
  return scored.slice(0, max).map((s) => s.candidate);
}
