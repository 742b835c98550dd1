/**
 * Matching what was typed against completion labels, for ranking: a prefix first, then fuzzy matches.
 *
 * A match has a tier (lower is better) and a score within it (lower is better):
 * - tier 0, prefix: the label starts with the typed text (`conv` → `conversation_status`);
 * - tier 1, word prefix: a word of the label starts with it, words being separated by `_` `-` `/` `.` or a
 *   lower→upper case change (`updated` → `customer_updated_at`, `york` → `America/New_York`); earlier words score
 *   better;
 * - tier 2, substring: the typed text occurs anywhere (`dated` → `customer_updated_at`), earlier is better;
 * - tier 3, word pieces: the typed text splits into pieces that start words in order (`convst` →
 *   `conversation_status`, `custupd` → `customer_updated_at`), fewer skipped words is better;
 * - tier 4, subsequence: its characters occur in order (`cnvrs` → `conversation_…`), fewer, shorter gaps is better.
 * Tiers 3 and 4 need at least three typed characters.
 * Matching is case-insensitive. Empty typed text matches everything in tier 0. Time is linear in the label's length.
 */

/** The result of {@link matchLabel}: a rank where lower is better, or `null` when the label does not match. */
export type MatchRank = number | null;

/** Ranks per tier are `tier * tierWidth + score`, with scores kept below `tierWidth`. */
export const tierWidth = 10_000;

/** True for a character that separates words in a label. */
function isSeparator(c: number): boolean {
  return c === 95 /* _ */ || c === 45 /* - */ || c === 47 /* / */ || c === 46 /* . */ || c === 32 /* space */;
}

function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

function isLower(c: number): boolean {
  return c >= 97 && c <= 122;
}

/** {@link wordStarts} of the labels seen, which are mostly the same few hundred (field names, zones) call after call. */
const startsCache = new Map<string, readonly number[]>();

/** {@link wordStarts}, cached (up to 10,000 labels). */
function cachedWordStarts(label: string): readonly number[] {
  let starts = startsCache.get(label);
  if (starts === undefined) {
    starts = wordStarts(label);
    if (startsCache.size < 10_000) startsCache.set(label, starts);
  }
  return starts;
}

/** The start offsets of the words of `label` (see the module comment for what separates words). */
function wordStarts(label: string): number[] {
  const starts = [0];
  for (let i = 1; i < label.length; i++) {
    const c = label.charCodeAt(i);
    const prev = label.charCodeAt(i - 1);
    if ((isSeparator(prev) && !isSeparator(c)) || (isUpper(c) && isLower(prev))) starts.push(i);
  }
  return starts;
}

/**
 * Whether `typed` splits into pieces that each start a word of the label, in order (`convst` = `conv` + `st` →
 * `conversation_status`); returns the fewest words skipped over, or -1. Bounded: at most 16 words are considered.
 */
function wordPieces(lowerLabel: string, starts: readonly number[], lowerTyped: string): number {
  const words = Math.min(starts.length, 16);
  const n = lowerTyped.length;
  // cost[k * width + w]: the fewest words skipped to have matched typed[0..k) with the next piece to start at word w
  // or later (-1: not reached). Filled forwards from (0, 0): only states a piece reaches are expanded, and a piece
  // must start a word, so most labels are done after one look at each word's first character.
  const width = words + 1;
  const size = (n + 1) * width;
  if (piecesTable.length < size) piecesTable = new Int32Array(size * 2);
  const cost = piecesTable;
  cost.fill(-1, 0, size);
  cost[0] = 0;
  for (let k = 0; k < n; k++) {
    for (let w = 0; w < words; w++) {
      const here = cost[k * width + w]!;
      if (here < 0) continue;
      for (let v = w; v < words; v++) {
        const at = starts[v]!;
        const end = v + 1 < starts.length ? starts[v + 1]! : lowerLabel.length;
        // Every piece of typed that starts word v: typed[k..k+l) for l up to the longest.
        for (let l = 1; k + l <= n && at + l <= end && lowerLabel.charCodeAt(at + l - 1) === lowerTyped.charCodeAt(k + l - 1); l++) {
          const next = (k + l) * width + v + 1;
          const c = here + (v - w);
          if (cost[next]! < 0 || c < cost[next]!) cost[next] = c;
        }
      }
    }
  }
  let best = -1;
  for (let w = 0; w <= words; w++) {
    const c = cost[n * width + w]!;
    if (c >= 0 && (best < 0 || c < best)) best = c;
  }
  return best;
}

/** The table {@link wordPieces} reuses from call to call (grown for a longer typed text). */
let piecesTable = new Int32Array(512);

/** True when the characters of `lowerTyped` occur in `lowerLabel` in order (every match of tiers 1–4 is such). */
function isSubsequence(lowerLabel: string, lowerTyped: string): boolean {
  let j = 0;
  for (let i = 0; i < lowerLabel.length && j < lowerTyped.length; i++) {
    if (lowerLabel.charCodeAt(i) === lowerTyped.charCodeAt(j)) j++;
  }
  return j === lowerTyped.length;
}

/**
 * Ranks `label` against the typed text; `lowerLabel` is `label.toLowerCase()` and `lowerTyped` is
 * `typed.toLowerCase()` (callers cache them). Returns `null` when it does not match at all. See the module comment
 * for the tiers.
 */
export function matchLabel(label: string, lowerLabel: string, lowerTyped: string): MatchRank {
  const n = lowerTyped.length;
  if (n === 0) return 0;
  if (n > lowerLabel.length) return null;
  if (lowerLabel.startsWith(lowerTyped)) return Math.min(lowerLabel.length - n, tierWidth - 1); // shorter first
  // Every other tier matches a subsequence: a label that does not hold one is out, found in one pass.
  if (!isSubsequence(lowerLabel, lowerTyped)) return null;
  const starts = cachedWordStarts(label);
  for (let w = 1; w < starts.length; w++) {
    if (lowerLabel.startsWith(lowerTyped, starts[w]!)) return tierWidth + Math.min(w, tierWidth - 1);
  }
  const at = lowerLabel.indexOf(lowerTyped);
  if (at >= 0) return 2 * tierWidth + Math.min(at, tierWidth - 1);
  if (n < 3) return null;
  const skipped = wordPieces(lowerLabel, starts, lowerTyped);
  if (skipped >= 0) return 3 * tierWidth + Math.min(skipped, tierWidth - 1);
  // Subsequence: greedy left to right, counting gaps and their total length.
  let j = 0;
  let gaps = 0;
  let skippedChars = 0;
  let last = -1;
  for (let i = 0; i < lowerLabel.length && j < n; i++) {
    if (lowerLabel.charCodeAt(i) === lowerTyped.charCodeAt(j)) {
      if (last >= 0 && i > last + 1) {
        gaps++;
        skippedChars += i - last - 1;
      }
      last = i;
      j++;
    }
  }
  if (j < n) return null;
  return 4 * tierWidth + Math.min(gaps * 100 + skippedChars, tierWidth - 1);
}

/** The tier of a rank from {@link matchLabel}: 0 prefix, 1 word prefix, 2 substring, 3 word pieces, 4 subsequence. */
export function tierOf(rank: number): number {
  return Math.floor(rank / tierWidth);
}
