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
  if (a.length < b.length) [a, b] = [b, a]; // b is the shorter one: rows are |b| + 1 long
  const cap = Math.min(limit, a.length);
  if (a.length - b.length > cap) return cap + 1;
  if (b.length === 0) return a.length;

  const width = b.length + 1;
  let before = new Array<number>(width).fill(0); // row i - 2
  let prev = new Array<number>(width); // row i - 1
  let cur = new Array<number>(width); // row i
  for (let j = 0; j < width; j++) prev[j] = j;

  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j < width; j++) {
      const cb = b.charCodeAt(j - 1);
      const cost = ca === cb ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        d = Math.min(d, before[j - 2]! + 1);
      }
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > cap) return cap + 1;
    [before, prev, cur] = [prev, cur, before];
  }
  const result = prev[width - 1]!;
  return result > cap ? cap + 1 : result;
}

/**
 * The largest distance at which a candidate still counts as "reasonably close" to `word`:
 * `max(2, floor(length / 3))`, but never as much as the word's own length (so `x` does not suggest `m` and `f`).
 */
export function suggestionThreshold(word: string): number {
  return Math.min(Math.max(2, Math.floor(word.length / 3)), Math.max(0, word.length - 1));
}

/**
 * The length of the part where `a` and `b` differ: the longer of the two once their common prefix and common
 * suffix are cut off (`conversation_statu` / `conversation_tags` → 5, from `statu` / `tags`).
 */
function differingLength(a: string, b: string): number {
  const shorter = Math.min(a.length, b.length);
  let start = 0;
  while (start < shorter && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let end = 0;
  while (end < shorter - start && a.charCodeAt(a.length - 1 - end) === b.charCodeAt(b.length - 1 - end)) end++;
  return Math.max(a.length, b.length) - start - end;
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
  const lower = word.toLowerCase();
  const limit = suggestionThreshold(word);
  const seen = new Set<string>();
  const scored: Array<{ candidate: string; distance: number; order: number }> = [];
  let order = 0;
  for (const raw of candidates) {
    const candidate = String(raw);
    if (candidate === word || seen.has(candidate) || candidate.length > maxSuggestLength) continue;
    seen.add(candidate);
    const other = candidate.toLowerCase();
    const bound = Math.min(limit, Math.max(1, Math.floor(differingLength(lower, other) / 2)));
    const distance = editDistance(lower, other, bound);
    if (distance <= bound) scored.push({ candidate, distance, order: order++ });
  }
  scored.sort((x, y) => x.distance - y.distance || x.order - y.order);
  return scored.slice(0, max).map((s) => s.candidate);
}
