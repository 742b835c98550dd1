/**
 * Text positions for editor adapters: offsets ↔ LSP line/character ({@link lineIndex}), and the `.kq` file format
 * ({@link kqLines}). Offsets and characters are UTF-16 code units (LSP 3.17's default `utf-16` position encoding).
 */
import { kqQuery } from '../syntax/kqFormat.js';
import type { LineCharacter, LineIndex } from './types.js';

/**
 * The line starts of `text`, for converting offsets to LSP line/character and back. Lines end at `\n`, `\r\n` or a
 * lone `\r` (LSP 3.17, "Position": the three end-of-line sequences). `positionAt` clamps the offset into
 * `0..text.length` and never lands inside a `\r\n` pair's line break (an offset between `\r` and `\n` is the end of
 * that line); `offsetAt` clamps a line past the end to the text's end and a character past its line's end to the end
 * of the line (before the line break), as LSP asks. Never throws.
 */
export function lineIndex(text: string): LineIndex {
  const starts: number[] = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  /** The end of line `line`'s content (before its line break). */
  const contentEnd = (line: number): number => {
    if (line + 1 >= starts.length) return text.length;
    let end = starts[line + 1]!;
    if (end > 0 && text.charCodeAt(end - 1) === 10) end--;
    if (end > starts[line]! && text.charCodeAt(end - 1) === 13) end--;
    return end;
  };
  return {
    positionAt(offset: number): LineCharacter {
      const at = Number.isFinite(offset) ? Math.max(0, Math.min(text.length, Math.floor(offset))) : text.length;
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid]! <= at) lo = mid;
        else hi = mid - 1;
      }
      return { line: lo, character: Math.min(at, contentEnd(lo)) - starts[lo]! };
    },
    offsetAt(position: LineCharacter): number {
      const line = Number.isFinite(position.line) ? Math.floor(position.line) : 0;
      if (line < 0) return 0;
      if (line >= starts.length) return text.length;
      const character = Number.isFinite(position.character) ? Math.max(0, Math.floor(position.character)) : 0;
      return Math.min(starts[line]! + character, contentEnd(line));
    },
  };
}

/**
 * One query of a `.kq` file: `line` (zero-based), `start`/`end` its UTF-16 offsets in the file (the line without its
 * line break and without leading and trailing white space), and `text` the query itself.
 */
export interface KqLine {
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * The queries of a `.kq` file: one query per line; blank lines and lines whose first non-blank character is `#`
 * (comments) are skipped — what a line holds is syntax/kqFormat.ts's `kqQuery`, the one definition of the format.
 * Lines end at `\n`, `\r\n` or `\r` (a lone `\r` too, as LSP counts lines, so that line numbers match `lineIndex`). Leading and trailing white space is not part of a
 * query (the offsets exclude it), so a diagnostic's span plus `start` is its place in the file. Never throws.
 */
export function kqLines(text: string): KqLine[] {
  const out: KqLine[] = [];
  let line = 0;
  let i = 0;
  while (i <= text.length) {
    let end = i;
    while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    let start = i;
    while (start < end && /\s/.test(text[start]!)) start++;
    let stop = end;
    while (stop > start && /\s/.test(text[stop - 1]!)) stop--;
    if (stop > start && kqQuery(text.slice(start, stop)) !== undefined) out.push({ line, start, end: stop, text: text.slice(start, stop) });
    if (end >= text.length) break;
    i = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
    line++;
  }
  return out;
}
