/**
 * Analysed text for the evaluator: how `contains` sees a string.
 *
 * Kustomer's `contains` matches whole words, not parts of words (kustomer-search-api.md §2.1, from the AWS Glue
 * connector notes: "does not support partial matches inside a word"), which is what an Elasticsearch field with the
 * standard analyzer does. That analyzer splits text at Unicode word boundaries (UAX #29) and lower-cases the
 * tokens; here `Intl.Segmenter` (word granularity, which implements UAX #29) does the splitting, keeping the
 * word-like segments, and `toLowerCase` the folding. So `jane@acme.example` gives `jane`, `acme.example`;
 * `Double-Charged` gives `double`, `charged`; `l'été` stays one token.
 */

let segmenter: Intl.Segmenter | undefined;

/** The longest text analysed; longer text is cut (a bound on work per value, far above any real attribute). */
export const maxAnalysedLength = 1_048_576;

/**
 * The tokens of `text`: its words (UAX #29 word-like segments), lower-cased, in order. Empty for text without
 * words (`""`, `"-"`, `"…"`).
 */
export function tokens(text: string): string[] {
  segmenter ??= new Intl.Segmenter('und', { granularity: 'word' });
  const input = text.length > maxAnalysedLength ? text.slice(0, maxAnalysedLength) : text;
  const out: string[] = [];
  for (const s of segmenter.segment(input)) if (s.isWordLike) out.push(s.segment.toLowerCase());
  return out;
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
