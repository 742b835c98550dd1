/**
 * A sorted prefix index: keys folded to lower case, sorted once, searched by binary search. Completion asks it for
 * the entries whose key starts with the text typed, in O(log n + k) for k answers, so 5,000 tags cost the same as 50.
 */

/**
 * A built index over items of type `T`: `keys[i]` (lower case, sorted by UTF-16 code units) is a key of `items[i]`;
 * an item appears once per key it has (its name, e-mail, display name, and each later word of its name).
 */
export interface PrefixIndex<T> {
  readonly keys: readonly string[];
  readonly items: readonly T[];
}

/**
 * The result of {@link searchPrefix}: `items` (distinct, in key order, at most the cap), `matched` the key each was
 * found by (parallel to `items`), and `examined`: the work done — binary search probes plus keys visited — which
 * tests use to show the cost is bounded by the cap, not by the index's size.
 */
export interface PrefixHits<T> {
  readonly items: readonly T[];
  readonly matched: readonly string[];
  readonly examined: number;
}

/** Builds the index of `pairs` (key as written, item); keys are folded with `toLowerCase()`. Time O(n log n). */
export function buildPrefixIndex<T>(pairs: readonly (readonly [key: string, item: T])[]): PrefixIndex<T> {
  const folded = pairs.map(([key, item]) => [key.toLowerCase(), item] as const);
  folded.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return { keys: folded.map((p) => p[0]), items: folded.map((p) => p[1]) };
}

/** The first index whose key is `>= target` (binary search), and the probes made. */
function lowerBound(keys: readonly string[], target: string): [index: number, probes: number] {
  let lo = 0;
  let hi = keys.length;
  let probes = 0;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    probes++;
    if (keys[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return [lo, probes];
}

/**
 * The items with a key starting with `prefix` (compared in lower case), distinct, at most `max` of them, in key
 * order (so shorter keys with the same start come first); `accept` filters items (a deleted tag is not offered).
 * An empty prefix gives the first `max` items in key order. Visits at most `4 * max + 64` keys after the binary
 * search (duplicates and rejected items count), so the cost stays bounded even when most items are rejected.
 */
export function searchPrefix<T>(index: PrefixIndex<T>, prefix: string, max: number, accept: (item: T) => boolean = () => true): PrefixHits<T> {
  const lower = prefix.toLowerCase();
  const [start, probes] = lowerBound(index.keys, lower);
  const items: T[] = [];
  const matched: string[] = [];
  const seen = new Set<T>();
  let examined = probes;
  const end = Math.min(index.keys.length, start + 4 * Math.max(0, max) + 64);
  for (let i = start; i < end && items.length < max; i++) {
    examined++;
    const key = index.keys[i]!;
    if (!key.startsWith(lower)) break;
    const item = index.items[i]!;
    if (seen.has(item) || !accept(item)) continue;
    seen.add(item);
    items.push(item);
    matched.push(key);
  }
  return { items, matched, examined };
}
