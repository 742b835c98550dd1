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
  // best[k]: the fewest skipped words to match typed[k..] starting at word index w (memo over k and w).
  const memo = new Map<number, number>();
  const solve = (k: number, w: number): number => {
    if (k === lowerTyped.length) return 0;
    if (w >= words) return -1;
    const key = k * 32 + w;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    let best = -1;
    for (let v = w; v < words; v++) {
      const at = starts[v]!;
      const end = v + 1 < starts.length ? starts[v + 1]! : lowerLabel.length;
      // The longest piece of typed that starts word v, then every shorter one.
      let len = 0;
      while (k + len < lowerTyped.length && at + len < end && lowerLabel.charCodeAt(at + len) === lowerTyped.charCodeAt(k + len)) len++;
      for (let l = len; l >= 1; l--) {
        const rest = solve(k + l, v + 1);
        if (rest >= 0) {
          const cost = rest + (v - w);
          if (best < 0 || cost < best) best = cost;
        }
      }
    }
    memo.set(key, best);
    return best;
  };
  return solve(0, 0);
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
  const starts = wordStarts(label);
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
