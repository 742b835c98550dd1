/**
 * Offsets to lines and columns.
 *
 * Spans are UTF-16 code-unit offsets (see `Span` in `syntax/ast.ts`); people read lines and columns. The conversion
 * happens only when a diagnostic is shown, so it lives here rather than in the lexer.
 *
 * A line ends at `\n`, `\r\n`, a lone `\r`, U+2028 (LINE SEPARATOR) or U+2029 (PARAGRAPH SEPARATOR), the same set
 * of line terminators as ECMAScript. The terminator belongs to the line it ends.
 */

/** A 1-based position: `line` counts lines, `column` counts UTF-16 code units from the start of the line. */
export interface LineColumn {
  /** 1-based line number. */
  readonly line: number;
  /**
   * 1-based column, in UTF-16 code units (the unit of `String.prototype.length`): an astral character such as an
   * emoji counts 2, a tab counts 1. This matches TypeScript's and most editors' LSP columns, not display cells.
   */
  readonly column: number;
}

/**
 * Clamps any number to a valid offset into `text`: `0 ≤ offset ≤ text.length`, an integer.
 * `NaN` (chevrotain 11's "no location", also at end of input) and `+Infinity` become `text.length`, negatives 0.
 */
export function clampOffset(text: string, offset: number): number {
  if (typeof offset !== 'number' || Number.isNaN(offset)) return text.length;
  if (offset <= 0) return 0;
  if (offset >= text.length) return text.length;
  return Math.floor(offset);
}

/**
 * The offset at which each line of `text` starts, in order: element `i` is the UTF-16 offset of line `i + 1`.
 * Always starts with `0`, so an empty text has one (empty) line. O(n); compute once per text and reuse.
 */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x2028 || c === 0x2029) {
      starts.push(i + 1);
    } else if (c === 0x0d) {
      if (text.charCodeAt(i + 1) === 0x0a) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/**
 * The 0-based index of the line holding `offset`, by binary search over `starts` (from {@link lineStarts}).
 * An offset inside a line terminator belongs to the line that terminator ends. `offset` should be clamped first
 * ({@link clampOffset}); smaller offsets give line 0.
 */
export function lineIndexAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The offset just past the last character of line `index` (0-based), i.e. where its terminator starts, or
 * `text.length` for the last line. `text.slice(starts[index], lineContentEnd(...))` is the line without its
 * terminator.
 */
export function lineContentEnd(text: string, starts: readonly number[], index: number): number {
  const next = starts[index + 1];
  if (next === undefined) return text.length;
  // The terminator just before `next` is `\n`, `\r`, U+2028 or U+2029 (one unit), or `\r\n` (two units).
  const last = next - 1;
  return text.charCodeAt(last) === 0x0a && last > 0 && text.charCodeAt(last - 1) === 0x0d ? last - 1 : last;
}

/**
 * The 1-based line and column of `offset` in `text` (the column in UTF-16 code units, see {@link LineColumn}).
 * Never throws: the offset is clamped first ({@link clampOffset}), so `NaN` means end of input.
 * Pass `starts` (from {@link lineStarts}) to convert many offsets of one text in O(log lines) each.
 */
export function lineColumn(text: string, offset: number, starts: readonly number[] = lineStarts(text)): LineColumn {
  const at = clampOffset(text, offset);
  const index = lineIndexAt(starts, at);
  return { line: index + 1, column: at - starts[index] + 1 };
}
