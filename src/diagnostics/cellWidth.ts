/**
 * How many terminal columns (cells) text takes, and cutting text to a width without splitting a character: the code
 * frames lay out source lines in cells (codeFrame.ts), and the REPL cuts the records a query matches to the
 * terminal's width (through `kustomer-query/render`). One table for both.
 *
 * Text is split into grapheme clusters (what a person sees as one character: `é` written as e + accent, a flag, a
 * family emoji) with the built-in `Intl.Segmenter` (code points when it is missing). A cluster takes 2 columns when
 * it is East Asian wide or fullwidth (CJK ideographs, kana, Hangul, fullwidth forms: the main W and F ranges of
 * Unicode's EastAsianWidth.txt) or an emoji shown as one (`Emoji_Presentation`, or a variation selector 16), else 1.
 * This is an approximation of what terminals do (they differ on ambiguous-width characters, counted as 1 here); no
 * library for it is a dependency of the project. Control characters are escaped before text is measured
 * (codeFrame.ts, the REPL's render.ts), so they are not counted here.
 */

/** Main East Asian Wide (W) and Fullwidth (F) ranges, as [first, last] code points, ascending. */
const wideRanges: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x2fffd],
  [0x30000, 0x3fffd],
];

const emojiPresentation = /\p{Emoji_Presentation}|\uFE0F/u;
const emojiPresentationChar = /\p{Emoji_Presentation}/u;

/**
 * True for a code point that takes two cells on its own: East Asian Wide or Fullwidth (the ranges above), or an emoji
 * shown as one by default (`Emoji_Presentation`, which starts at U+231A).
 */
export function isWide(codePoint: number): boolean {
  if (codePoint >= 0x231a && emojiPresentationChar.test(String.fromCodePoint(codePoint))) return true;
  for (const [first, last] of wideRanges) {
    if (codePoint < first) return false;
    if (codePoint <= last) return true;
  }
  return false;
}

/** The columns one grapheme cluster takes: 1 or 2. */
export function clusterWidth(cluster: string): number {
  const first = cluster.codePointAt(0);
  if (first === undefined) return 0;
  return isWide(first) || emojiPresentation.test(cluster) ? 2 : 1;
}

/**
 * The grapheme segmenter, made on first use: constructing an `Intl.Segmenter` loads ICU's break-iterator data, about
 * 15 ms in a fresh Node 20 process — most of the package's import time when it was built as the module loaded.
 * `null` when `Intl.Segmenter` is missing.
 */
let segmenter: Intl.Segmenter | null | undefined;

/** The grapheme clusters of `text` (its code points when `Intl.Segmenter` is missing). */
export function clusters(text: string): string[] {
  segmenter ??= typeof Intl.Segmenter === 'function' ? new Intl.Segmenter('en', { granularity: 'grapheme' }) : null;
  if (segmenter === null) return Array.from(text);
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/** The columns `text` takes on a terminal (see the module comment). */
export function displayWidth(text: string): number {
  let width = 0;
  for (const c of clusters(text)) width += clusterWidth(c);
  return width;
}

/**
 * `text` cut to at most `width` columns: unchanged when it fits, else as many whole clusters as fit in `width - 1`
 * columns followed by `…` (at least one cluster). Never splits a surrogate pair or a cluster.
 */
export function cutToWidth(text: string, width: number): string {
  // Fast path: printable ASCII takes one column per character.
  if (text.length <= width && /^[\x20-\x7e]*$/.test(text)) return text;
  const parts = clusters(text);
  let total = 0;
  for (const c of parts) total += clusterWidth(c);
  if (total <= width) return text;
  const room = Math.max(1, width - 1);
  let out = '';
  let used = 0;
  for (const c of parts) {
    const w = clusterWidth(c);
    if (used + w > room && out !== '') break;
    out += c;
    used += w;
  }
  return `${out}…`;
}
