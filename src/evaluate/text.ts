/**
 * Analysed text for the evaluator: how `contains` sees a string.
 *
 * Kustomer's `contains` matches whole words, not parts of words (kustomer-search-api.md §2.1, from the AWS Glue
 * connector notes: "does not support partial matches inside a word"), which is what an Elasticsearch field with the
 * standard analyzer does. That analyzer is Lucene's `StandardTokenizer` (UAX #29 word boundaries) followed by a
 * lower-case filter [ES]. Here `Intl.Segmenter` (word granularity, ICU's UAX #29) finds the word boundaries, and the
 * segments are then made into tokens the way Lucene's tokenizer types them [ES, Lucene `StandardTokenizerImpl`]:
 *
 * - a word-like segment is a token: `jane@acme.example` gives `jane`, `acme.example`; `Double-Charged` gives
 *   `double`, `charged`; `l'été` stays one token;
 * - Han ideographs and Hiragana are one token per character (Lucene's `<IDEOGRAPHIC>`/`<HIRAGANA>`), whatever words
 *   ICU's dictionary finds: `测试中文` gives `测`, `试`, `中`, `文`;
 * - a run of South-East Asian script (Thai, Lao, Myanmar, Khmer, Tai Le, New Tai Lue, Tai Tham, Tai Viet: Lucene's
 *   `Complex_Context` run, `<SOUTHEAST_ASIAN>`) is one token, however ICU's dictionary splits it;
 * - emoji are tokens (Lucene's `<EMOJI>`; our decision to follow it rather than drop them as ICU's word-likeness
 *   would): a segment that starts with an `Extended_Pictographic` or `Emoji_Presentation` character (not a skin-tone
 *   modifier alone) or a regional indicator (a flag) is one token, modifiers and ZWJ sequences included (`👍🏽`, `👩‍💻`, `🇫🇷`);
 * - tokens longer than {@link maxTokenLength} (255 UTF-16 units, the tokenizer's `max_token_length` default) are
 *   split at 255-unit intervals (254 where 255 would cut a surrogate pair);
 * - lower-casing is per code point, with the simple (one-to-one) Unicode mapping, as Lucene's `LowerCaseFilter`
 *   (`Character.toLowerCase`): `İ` (U+0130) gives `i`, not JavaScript's `i̇` (two characters), and `Σ` always gives
 *   `σ` (JavaScript would give `ς` at the end of a word). No other normalisation (no NFKC), as the standard analyzer.
 *
 * Speed (linear in the text): `Intl.Segmenter` takes time that grows faster than linearly with the number of
 * segments of one string on Node 20 (a 240 KB value took 21 s). Word boundaries never cross white space (UAX #29
 * WB3a–WB4, WB999: no rule joins across a `WSegSpace`, CR/LF/Newline or `Other` space character), so the text is
 * cut at white space into runs of at most {@link segmentWindow} (512) units, each segmented in one call (or split
 * directly when it is only ASCII letters, digits and spaces) — the same tokens as segmenting the text whole
 * (fast-check properties in test/evaluate/text.test.ts). A piece without white space longer than 512 units is
 * segmented in windows of that size: the segments that end at least {@link windowMargin} (64) units before the
 * window's cut are kept, and the next window starts where the last of them ended; a segment that fills the window
 * (or runs into its last 64 units) is cut between two letters and continues, as the same token, in the next window.
 * UAX #29 decides a boundary from a few characters after it (plus any run of combining marks and format characters),
 * so this gives the same tokens as segmenting the piece whole except where that context is longer than 64 units (a
 * run of dozens of combining marks inside a piece of over 512 units without white space), which no real text has.
 */

let segmenter: Intl.Segmenter | undefined;

/** The longest text analysed; longer text is cut (a bound on work per value, far above any real attribute). */
export const maxAnalysedLength = 1_048_576;

/** Lucene's `StandardTokenizer` `max_token_length` default: longer tokens are split at this interval [ES]. */
export const maxTokenLength = 255;

/**
 * The longest run of text given to `Intl.Segmenter` at once, in UTF-16 units. Each step of its iterator costs time
 * that grows with the run's length, so short runs are fastest (0.55 µs a segment at 128–512 units, 2.8 µs at 8,192).
 */
export const segmentWindow = 512;

/** How much text after a boundary a window must hold for the boundary to be kept (see {@link segmentWindow}). */
export const windowMargin = 64;

/**
 * White space that always separates words (UAX #29): the characters of JavaScript's `\s` but U+FEFF (a `Format`
 * character, which UAX #29 ignores inside a word), plus U+0085 (NEL, a `Newline`).
 */
const whiteSpace = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

/** Text of ASCII characters only. */
const asciiOnly = /^[\x00-\x7f]*$/;

/** A piece that is one ASCII word: letters and digits only. */
const asciiWord = /^[A-Za-z0-9]+$/;
/** A run of ASCII letters, digits and white space only: each word a token (up to 255 units), no segmenter. */
const asciiWords = /^[A-Za-z0-9\t\n\v\f\r ]*$/;

/** A letter or digit between two of which a word can be cut and segmented again from the cut, unchanged. */
const restartable = /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Armenian}\p{Script=Georgian}\p{Script=Hangul}\p{Nd}]$/u;

/** A character that is a token by itself (Lucene's `<IDEOGRAPHIC>` and `<HIRAGANA>`). */
const singleCharacter = /[\p{Script=Han}\p{Script=Hiragana}]/u;
const onlySingleCharacters = /^[\p{Script=Han}\p{Script=Hiragana}]+$/u;
const singleCharacterGlobal = /[\p{Script=Han}\p{Script=Hiragana}][\p{M}\p{Cf}]*/gu;

/** A segment all of South-East Asian script (marks and format characters allowed): one run, one token. */
const southEastAsian =
  /^[\p{Script=Thai}\p{Script=Lao}\p{Script=Myanmar}\p{Script=Khmer}\p{Script=Tai_Le}\p{Script=New_Tai_Lue}\p{Script=Tai_Tham}\p{Script=Tai_Viet}][\p{Script=Thai}\p{Script=Lao}\p{Script=Myanmar}\p{Script=Khmer}\p{Script=Tai_Le}\p{Script=New_Tai_Lue}\p{Script=Tai_Tham}\p{Script=Tai_Viet}\p{M}\p{Cf}]*$/u;

/** A non-word segment that is an emoji token. */
const emoji = /^(?!\p{Emoji_Modifier})[\p{Extended_Pictographic}\p{Emoji_Presentation}\p{Regional_Indicator}]/u;

/** Code points whose JavaScript lower case is not Lucene's simple one-to-one mapping. */
const specialLowerCase = /[\u0130\u03a3]/;

/** Lower case as Lucene's `LowerCaseFilter`: per code point, the simple mapping (İ → i, Σ → σ). */
export function lowerCase(s: string): string {
  if (!specialLowerCase.test(s)) return s.toLowerCase();
  let out = '';
  for (const ch of s) out += ch === '\u0130' ? 'i' : ch.toLowerCase();
  return out;
}

/** One segment of `Intl.Segmenter`'s output, as the analysis reads it. */
export interface WordSegment {
  readonly segment: string;
  readonly index: number;
  readonly isWordLike?: boolean | undefined;
}

/** How a raw token may join its neighbour: `sea` runs join when adjacent; `word` joins across a window cut. */
type RawKind = 'word' | 'sea' | 'single' | 'emoji';

/** Builds the raw tokens of one piece (positions are offsets into the piece), then the final tokens. */
class PieceTokens {
  private readonly texts: string[] = [];
  private readonly kinds: RawKind[] = [];
  private lastEnd = -1;
  /** Where a window was cut inside a segment: a `word` token starting here continues the one before. */
  cut = -1;

  add(seg: WordSegment, offset: number): void {
    const start = offset + seg.index;
    const text = seg.segment;
    if (!seg.isWordLike) {
      // (No emoji starts below U+00A9 ©: white space and ASCII punctuation skip the test.)
      if (text.charCodeAt(0) >= 0xa9 && emoji.test(text)) this.push(text, 'emoji', start, start + text.length);
      return;
    }
    if (asciiOnly.test(text)) {
      this.push(text, 'word', start, start + text.length);
      return;
    }
    if (southEastAsian.test(text)) {
      this.push(text, 'sea', start, start + text.length);
      return;
    }
    if (!singleCharacter.test(text)) {
      this.push(text, 'word', start, start + text.length);
      return;
    }
    // Han and Hiragana characters (with their marks) alone; the text between them as words.
    let at = 0;
    singleCharacterGlobal.lastIndex = 0;
    for (let m = singleCharacterGlobal.exec(text); m !== null; m = singleCharacterGlobal.exec(text)) {
      if (m.index > at) this.push(text.slice(at, m.index), 'word', start + at, start + m.index);
      this.push(m[0], 'single', start + m.index, start + m.index + m[0].length);
      at = m.index + m[0].length;
    }
    if (at < text.length) this.push(text.slice(at), 'word', start + at, start + text.length);
  }

  private push(text: string, kind: RawKind, start: number, end: number): void {
    const n = this.texts.length;
    if (n > 0 && start === this.lastEnd && this.kinds[n - 1] === kind && (kind === 'sea' || (kind === 'word' && start === this.cut))) {
      this.texts[n - 1] += text;
    } else {
      this.texts.push(text);
      this.kinds.push(kind);
    }
    this.lastEnd = end;
  }

  /** The final tokens: split at {@link maxTokenLength}, lower-cased, appended to `out`. */
  flush(out: string[]): void {
    for (const t of this.texts) {
      if (t.length <= maxTokenLength) {
        out.push(lowerCase(t));
        continue;
      }
      let at = 0;
      while (at < t.length) {
        let end = Math.min(at + maxTokenLength, t.length);
        const last = t.charCodeAt(end - 1);
        if (end < t.length && last >= 0xd800 && last <= 0xdbff) end--;
        out.push(lowerCase(t.slice(at, end)));
        at = end;
      }
    }
  }
}

/** The segments of `text`, from `Intl.Segmenter` (ICU's UAX #29 word boundaries), in order. */
function segmentsOf(text: string): Iterable<WordSegment> {
  segmenter ??= new Intl.Segmenter('und', { granularity: 'word' });
  return segmenter.segment(text);
}

/**
 * Adds the tokens of one piece (no white space in it) to `out`, segmenting at most `window` units at once; a
 * boundary found less than `margin` units before a window's cut is not trusted (segmented again in the next window).
 */
function pieceTokens(piece: string, out: string[], window: number, margin: number): void {
  if (piece.length <= maxTokenLength && asciiWord.test(piece)) {
    // ASCII letters and digits only: one word (UAX #29 WB5, WB8–WB10), the common case, without the segmenter.
    out.push(piece.toLowerCase());
    return;
  }
  if (onlySingleCharacters.test(piece)) {
    // Only Han and Hiragana (Word_Break Other: a boundary around each), one token per character.
    for (const ch of piece) out.push(ch);
    return;
  }
  const acc = new PieceTokens();
  if (piece.length <= window) {
    for (const s of segmentsOf(piece)) acc.add(s, 0);
    acc.flush(out);
    return;
  }
  let pos = 0;
  while (pos < piece.length) {
    let end = Math.min(pos + window, piece.length);
    const last = piece.charCodeAt(end - 1);
    if (end < piece.length && last >= 0xd800 && last <= 0xdbff) end--; // never cut a surrogate pair
    const segs = [...segmentsOf(piece.slice(pos, end))];
    if (end === piece.length) {
      for (const s of segs) acc.add(s, pos);
      break;
    }
    // Keep the segments that end at least `margin` units before the cut: their boundaries saw enough of the text.
    const trusted = end - pos - margin;
    let next = 0;
    for (const s of segs) {
      const segEnd = s.index + s.segment.length;
      if (segEnd > trusted) break;
      acc.add(s, pos);
      next = segEnd;
    }
    if (next === 0) {
      // The first segment runs into the margin (a word of about a window or longer): cut it where restarting the
      // segmenter cannot change it — between two letters or digits of an alphabet — and go on from there as the
      // same token. Without such a place, the segment is taken as found.
      const first = segs[0]!;
      let at = Math.min(trusted, first.segment.length - 1);
      while (at > 0 && !(restartable.test(piece[pos + at - 1]!) && restartable.test(piece[pos + at]!))) at--;
      if (at > 0) {
        acc.add({ segment: first.segment.slice(0, at), index: 0, isWordLike: first.isWordLike }, pos);
        next = at;
      } else {
        acc.add(first, pos);
        next = first.segment.length;
      }
      acc.cut = pos + next;
    }
    pos += next;
  }
  acc.flush(out);
}

/**
 * The tokens of `text` after the standard analyzer (see the module comment), in order, given to the segmenter in
 * runs of at most `window` UTF-16 units. Exported for the tests, which compare small windows with whole-text
 * segmentation; use {@link tokens}.
 */
export function tokensWithWindow(text: string, window: number): string[] {
  const input = text.length > maxAnalysedLength ? text.slice(0, maxAnalysedLength) : text;
  const out: string[] = [];
  const margin = Math.min(windowMargin, window >> 2);
  const n = input.length;
  let pos = 0;
  while (pos < n) {
    // A run of at most `window` units ending at white space (a boundary no word crosses): segmented in one call.
    let end = Math.min(pos + window, n);
    if (end < n) {
      let cut = end;
      while (cut > pos && !isWhiteSpace(input.charCodeAt(cut))) cut--;
      if (cut === pos) {
        // No white space in the window: a long piece, segmented in windows up to the next white space.
        whiteSpaceAfter.lastIndex = end;
        const next = whiteSpaceAfter.exec(input);
        end = next === null ? n : next.index;
        pieceTokens(input.slice(pos, end), out, window, margin);
        pos = end;
        continue;
      }
      end = cut;
    }
    const run = input.slice(pos, end);
    if (asciiWords.test(run)) {
      for (const w of run.split(whiteSpace)) {
        if (w.length > maxTokenLength) pieceTokens(w, out, window, margin);
        else if (w !== '') out.push(w.toLowerCase());
      }
    } else {
      const acc = new PieceTokens();
      for (const seg of segmentsOf(run)) acc.add(seg, 0);
      acc.flush(out);
    }
    pos = end;
  }
  return out;
}

const whiteSpaceAfter = new RegExp(whiteSpace.source, 'g');

/** True for a UTF-16 unit of {@link whiteSpace}. */
function isWhiteSpace(unit: number): boolean {
  return (
    unit === 0x20 ||
    (unit >= 0x09 && unit <= 0x0d) ||
    unit === 0x85 ||
    unit === 0xa0 ||
    unit === 0x1680 ||
    (unit >= 0x2000 && unit <= 0x200a) ||
    unit === 0x2028 ||
    unit === 0x2029 ||
    unit === 0x202f ||
    unit === 0x205f ||
    unit === 0x3000
  );
}

/**
 * The tokens of `text`: its words as Elasticsearch's standard analyzer makes them (see the module comment),
 * lower-cased, in order. Empty for text without words (`""`, `"-"`, `"…"`). Linear time in the text's length; text
 * past {@link maxAnalysedLength} UTF-16 units is ignored.
 */
export function tokens(text: string): string[] {
  return tokensWithWindow(text, segmentWindow);
}

/**
 * The tokens of segments as given (the module comment's rules after segmentation), for tests that compare
 * {@link tokens} with segmenting a text whole: `tokensOfSegments(new Intl.Segmenter('und', {granularity:
 * 'word'}).segment(text))`.
 */
export function tokensOfSegments(segments: Iterable<WordSegment>): string[] {
  const acc = new PieceTokens();
  for (const s of segments) acc.add(s, 0);
  const out: string[] = [];
  acc.flush(out);
  return out;
}

/** Memo of {@link analysed}: recent texts and their tokens, cleared when it holds too many or too much text. */
const memo = new Map<string, readonly string[]>();
let memoChars = 0;
const memoMaxEntries = 4096;
const memoMaxChars = 8 * maxAnalysedLength;

/**
 * {@link tokens} of `text`, remembered: a record's text is analysed once however many `contains` criteria (or
 * `any_text` words) read it, and a data set's repeated values once. The memo is bounded (4,096 texts, 8 M UTF-16
 * units; then it starts again empty), so memory stays bounded over any number of records. The array is shared:
 * do not change it.
 */
export function analysed(text: string): readonly string[] {
  const hit = memo.get(text);
  if (hit !== undefined) return hit;
  const result = tokens(text);
  if (memo.size >= memoMaxEntries || memoChars + text.length > memoMaxChars) {
    memo.clear();
    memoChars = 0;
  }
  if (text.length <= memoMaxChars) {
    memo.set(text, result);
    memoChars += text.length;
  }
  return result;
}

/**
 * True when `phrase` (tokens) occurs in `text` (tokens) as a run of consecutive tokens, as Elasticsearch's
 * `match_phrase` finds it. An empty phrase matches nothing (a query with no terms left after analysis matches no
 * document: Elasticsearch's `zero_terms_query` default, `none`).
 */
export function containsPhrase(text: readonly string[], phrase: readonly string[]): boolean {
  const n = phrase.length;
  if (n === 0 || n > text.length) return false;
  const first = phrase[0];
  for (let i = 0; i + n <= text.length; i++) {
    if (text[i] !== first) continue;
    let j = 1;
    while (j < n && text[i + j] === phrase[j]) j++;
    if (j === n) return true;
  }
  return false;
}
