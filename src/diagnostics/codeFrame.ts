/**
 * Diagnostics as text for people: rustc-style code frames, and a one-line form for CI logs. Pure and unstyled:
 * colours are added by the render seam (src/render/), which passes a {@link Painter}.
 *
 * ```
 * error[KQ2001]: Unknown field 'conversation_statu'.
 *  --> query:1:1
 *   |
 * 1 | conversation_statu:done AND customer_updated_at>=2016-06-24
 *   | ^^^^^^^^^^^^^^^^^^ did you mean 'conversation_status'?
 *   |
 *   = help: <help text>
 * ```
 *
 * Positions in headers are 1-based lines and UTF-16 columns (see `location.ts`). The frame itself is laid out in
 * terminal cells: a tab shows as 4 spaces, wide (CJK) characters and emoji take 2 cells, a grapheme cluster (an
 * emoji ZWJ sequence, a flag, a letter with combining accents) is never split, and invisible or dangerous characters
 * are shown escaped (C0 controls as control pictures such as `␇`, bidi overrides and other format characters as
 * `<U+202E>`), so a query cannot move the cursor, recolour the terminal or reorder the line. Source lines wider
 * than {@link MAX_SOURCE_WIDTH} cells are windowed around the span, with `…` where text was cut.
 *
 * Both functions are pure and never throw: out-of-range spans are clamped (`NaN` means end of input).
 */
import { isWide } from './cellWidth.js';
import type { Diagnostic } from './diagnostic.js';
import { clampOffset, lineContentEnd, lineIndexAt, lineStarts } from './location.js';

/**
 * Options for {@link codeFrames}.
 * - `fileName`: the name shown in `--> name:line:column`; default `'query'`;
 * - `paint`: how severities, headers and the gutter are styled; default none (plain text). The render seam
 *   (src/render/) passes ANSI colours; the core never styles text.
 */
export interface CodeFrameOptions {
  readonly fileName?: string;
  readonly paint?: Painter;
}

/** Source lines wider than this many terminal cells are windowed around the span. */
export const MAX_SOURCE_WIDTH = 120;

/** How a tab is shown (rustc shows 4 spaces too). */
const TAB = '    ';
/** Spans over more lines than this show their first two lines, a `...` row and their last line. */
const MAX_SPAN_LINES = 4;
/** At most this many suggestions are listed after the carets. */
const MAX_SUGGESTIONS = 5;
/** Left context, in cells, kept before a span too wide for the window. */
const MIN_LEFT_CONTEXT = 8;
/** UTF-16 units scanned either side of a span start on a long line: bounds the work on a huge one-line query. */
const SCAN_UNITS = 2 * MAX_SOURCE_WIDTH;
const DEFAULT_FILE_NAME = 'query';

// -----------------------------------------------------------------------------------------------------------------
// Public API
// -----------------------------------------------------------------------------------------------------------------

/**
 * Renders `diagnostics` against the query `text` they were reported on, as code frames separated by a blank line,
 * in the order given (sort first with `sortDiagnostics` if wanted). Returns `''` for no diagnostics; the result has
 * no trailing newline. Each frame is: `severity[code]: message`, `--> file:line:column` (1-based, UTF-16 column of
 * the span start), the source line(s) under a numbered gutter with the span underlined by `^` (one `^` for an empty
 * span; each line of a multi-line span is shown and underlined), "did you mean …?" after the carets when the
 * diagnostic has suggestions, and `= help: …` when it has help.
 *
 * A diagnostic with a `pointer` (from `decompile`) has no source line: its frame says `--> <file> at <pointer>`
 * instead (pass `fileName: 'criteria'` or the JSON file's name).
 *
 * With `opts.paint` the output carries its styling (ANSI escapes from the render seam); stripping it gives exactly the
 * unstyled output.
 * Never throws.
 */
export function codeFrames(
  text: string,
  diagnostics: readonly Diagnostic[],
  opts: CodeFrameOptions = {},
): string {
  const source = typeof text === 'string' ? text : '';
  const paint = opts.paint ?? plain;
  const fileName = opts.fileName ?? DEFAULT_FILE_NAME;
  const starts = cachedLineStarts(source);
  const frames: string[] = [];
  for (const d of diagnostics ?? []) {
    try {
      frames.push(renderOne(source, starts, d, fileName, paint));
    } catch {
      // Defensive only (a malformed diagnostic object from plain JS): fall back to the one-line form.
      frames.push(formatDiagnosticLine(source, d, fileName));
    }
  }
  return frames.join('\n\n');
}

/**
 * One diagnostic on one line, for CI logs and editors' problem matchers:
 * `file:line:column: KQ2001 error: Unknown field 'x'.` (1-based line; column in UTF-16 code units; the position is
 * the span start). Control characters in the message are escaped so the line stays one line. Never throws.
 */
export function formatDiagnosticLine(text: string, d: Diagnostic, fileName: string = DEFAULT_FILE_NAME): string {
  const source = typeof text === 'string' ? text : '';
  const code0 = d?.code ? `${sanitize(String(d.code))} ` : '';
  if (typeof d?.pointer === 'string') {
    return `${fileName}:${pointerLabel(d.pointer)}: ${code0}${sanitize(String(d.severity ?? 'error'))}: ${sanitize(String(d.message ?? ''))}`;
  }
  const starts = cachedLineStarts(source);
  const at = clampOffset(source, d?.span?.start ?? Number.NaN);
  const index = lineIndexAt(starts, at);
  const column = at - (starts[index] ?? 0) + 1;
  const code = d?.code ? `${sanitize(String(d.code))} ` : '';
  const severity = sanitize(String(d?.severity ?? 'error'));
  return `${fileName}:${index + 1}:${column}: ${code}${severity}: ${sanitize(String(d?.message ?? ''))}`;
}

// -----------------------------------------------------------------------------------------------------------------
// Frames
// -----------------------------------------------------------------------------------------------------------------

/**
 * How a code frame styles its parts: `severity(severity, s)` the header word and the carets (by `error`, `warning`,
 * `info`), `bold(s)` the header, `dim(s)` the gutter. Each returns `s` wrapped in whatever styling it adds (ANSI
 * escapes in a terminal); stripping that styling must give `s` back.
 */
export interface Painter {
  severity(severity: string, s: string): string;
  bold(s: string): string;
  dim(s: string): string;
}

/** No styling: plain text. */
const plain: Painter = { severity: (_, s) => s, bold: (s) => s, dim: (s) => s };

/** One line of the frame under the gutter: a source line with its carets, or the `...` gap. */
type Row =
  | {
      readonly kind: 'source';
      /** 1-based line number. */
      readonly line: number;
      /** The line as shown (tabs expanded, characters escaped, windowed). */
      readonly text: string;
      /** Carets cover cell columns `[caretFrom, caretTo)` of `text`; none when equal. */
      readonly caretFrom: number;
      readonly caretTo: number;
    }
  | { readonly kind: 'gap' };

function renderOne(text: string, starts: readonly number[], d: Diagnostic, fileName: string, paint: Painter): string {
  if (typeof d.pointer === 'string') return renderAtPointer(d, fileName, paint);
  const severity = String(d.severity ?? 'error');
  const start = clampOffset(text, d.span?.start ?? Number.NaN);
  let end = clampOffset(text, d.span?.end ?? start);
  if (end < start) end = start;

  const first = lineIndexAt(starts, start);
  const last = end > start ? lineIndexAt(starts, end - 1) : first;
  const lines = last - first + 1 <= MAX_SPAN_LINES ? range(first, last) : [first, first + 1, -1, last];

  const rows: Row[] = [];
  for (const index of lines) {
    if (index < 0) {
      rows.push({ kind: 'gap' });
      continue;
    }
    const lineStart = starts[index]!;
    const contentEnd = lineContentEnd(text, starts, index);
    const from = index === first ? Math.min(start, contentEnd) : lineStart;
    const to = index === last ? Math.min(Math.max(end, from), contentEnd) : contentEnd;
    rows.push(sourceRow(text, index + 1, lineStart, contentEnd, from, to, index === first));
  }

  const gutterWidth = String(last + 1).length;
  const pad = ' '.repeat(gutterWidth);
  const bar = paint.dim(`${pad} |`);
  const out: string[] = [];

  const code = d.code ? `[${sanitize(String(d.code))}]` : '';
  const message = sanitize(String(d.message ?? ''));
  out.push(paint.bold(paint.severity(severity, `${sanitize(severity)}${code}`)) + paint.bold(`: ${message}`));
  out.push(`${paint.dim(`${pad}-->`)} ${fileName}:${first + 1}:${start - starts[first]! + 1}`);
  out.push(bar);

  const label = suggestionLabel(d.suggestions);
  let labelRow = -1;
  rows.forEach((row, i) => {
    if (row.kind === 'source' && row.caretTo > row.caretFrom) labelRow = i;
  });
  rows.forEach((row, i) => {
    if (row.kind === 'gap') {
      out.push(paint.dim('...'));
      return;
    }
    const number = paint.dim(`${String(row.line).padStart(gutterWidth)} |`);
    out.push(row.text === '' ? number : `${number} ${row.text}`);
    if (row.caretTo > row.caretFrom) {
      const carets = paint.bold(paint.severity(severity, '^'.repeat(row.caretTo - row.caretFrom)));
      const indent = ' '.repeat(row.caretFrom);
      const tail = i === labelRow && label !== '' ? ' ' + paint.severity(severity, label) : '';
      out.push(`${bar} ${indent}${carets}${tail}`);
    }
  });

  pushHelp(out, d, pad, bar, paint);
  return out.join('\n');
}

/** Help text may run over several lines; continuation lines are aligned after `= help: `, blank ones dropped. */
function pushHelp(out: string[], d: Diagnostic, pad: string, bar: string, paint: Painter): void {
  const help = typeof d.help === 'string' ? d.help.split(/\r\n|[\n\r\u2028\u2029]/) : [];
  if (help.some((line) => line.trim() !== '')) {
    out.push(bar);
    out.push(`${pad} ${paint.dim('=')} ${paint.bold('help')}: ${sanitize(help[0]!)}`.trimEnd());
    const indent = `${pad} ${' '.repeat('= help: '.length)}`;
    for (const line of help.slice(1)) if (line.trim() !== '') out.push(indent + sanitize(line));
  }
}

/** A diagnostic about criteria JSON (from `decompile`): the place is a JSON pointer, there is no source line. */
function renderAtPointer(d: Diagnostic, fileName: string, paint: Painter): string {
  const severity = String(d.severity ?? 'error');
  const code = d.code ? `[${sanitize(String(d.code))}]` : '';
  const out = [
    paint.bold(paint.severity(severity, `${sanitize(severity)}${code}`)) + paint.bold(`: ${sanitize(String(d.message ?? ''))}`),
    `${paint.dim(' -->')} ${fileName} at ${pointerLabel(d.pointer!)}`,
  ];
  const label = suggestionLabel(d.suggestions);
  if (label !== '') out.push(`${paint.dim('  =')} ${label}`);
  pushHelp(out, d, ' ', paint.dim('  |'), paint);
  return out.join('\n');
}

/** A JSON pointer as shown to people: `/and/0/customer_name`, or `(the whole body)` for `""`. */
function pointerLabel(pointer: string): string {
  return pointer === '' ? '(the whole body)' : sanitize(pointer);
}

/** "did you mean 'x'?", "did you mean one of 'a', 'b'?", or `''`. */
function suggestionLabel(suggestions: readonly string[] | undefined): string {
  if (!Array.isArray(suggestions) || suggestions.length === 0) return '';
  const quoted = suggestions.slice(0, MAX_SUGGESTIONS).map((s) => `'${sanitize(String(s))}'`);
  if (suggestions.length > MAX_SUGGESTIONS) quoted.push('…');
  return quoted.length === 1 ? `did you mean ${quoted[0]}?` : `did you mean one of ${quoted.join(', ')}?`;
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i <= to; i++) out.push(i);
  return out;
}

// -----------------------------------------------------------------------------------------------------------------
// One source row: cells, windowing, carets
// -----------------------------------------------------------------------------------------------------------------

/** A grapheme cluster as shown: `text` takes `width` terminal cells; `start`/`end` are offsets into the query. */
interface Cell {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly width: number;
}

/**
 * Lays out line `line` (content `[lineStart, contentEnd)`) with the part `[from, to)` underlined. Carets are cell
 * columns into the row text. `atLeastOne` gives an empty part one caret (the span's first line).
 */
function sourceRow(
  text: string,
  line: number,
  lineStart: number,
  contentEnd: number,
  from: number,
  to: number,
  atLeastOne: boolean,
): Row {
  // Only look at a bounded stretch of a very long line; what lies outside is cut by the window anyway.
  let scanFrom = Math.max(lineStart, from - SCAN_UNITS);
  let scanTo = Math.min(contentEnd, from + SCAN_UNITS);
  if (scanFrom > lineStart && isLowSurrogate(text.charCodeAt(scanFrom))) scanFrom--;
  if (scanTo < contentEnd && isLowSurrogate(text.charCodeAt(scanTo))) scanTo++;
  const cutLeft = scanFrom > lineStart;
  const cutRight = scanTo < contentEnd;

  const cells = layout(text, scanFrom, scanTo);
  const cols: number[] = [0]; // cols[i]: the cell column where cells[i] starts; cols[cells.length]: total width
  for (const cell of cells) cols.push(cols[cols.length - 1]! + cell.width);
  const total = cols[cells.length]!;

  // The span's cell columns; an offset inside a cluster widens the span to the whole cluster.
  let i = 0;
  while (i < cells.length && cells[i]!.end <= from) i++;
  const spanFrom = cols[i]!;
  let j = i;
  while (j < cells.length && cells[j]!.start < to) j++;
  const spanTo = Math.max(cols[j]!, spanFrom);
  const spanContinues = to > scanTo;

  // Choose the visible window [windowFrom, windowTo) of cell columns.
  let windowFrom = 0;
  let windowTo = total;
  if (cutLeft || cutRight || total > MAX_SOURCE_WIDTH) {
    const budget = MAX_SOURCE_WIDTH - 2; // room for an ellipsis at each end
    if (!cutLeft && spanTo < budget) {
      windowFrom = 0;
    } else {
      const room = budget - Math.max(1, spanTo - spanFrom);
      const context = room > 2 * MIN_LEFT_CONTEXT ? Math.floor(room / 2) : MIN_LEFT_CONTEXT;
      windowFrom = Math.max(0, spanFrom - context);
    }
    windowTo = Math.min(total, windowFrom + budget);
    if (windowTo === total && !cutRight) windowFrom = Math.max(0, total - budget);
  }

  // Cells wholly inside the window (a wide cell straddling an edge is dropped).
  let a = 0;
  while (a < cells.length && cols[a]! < windowFrom) a++;
  let b = a;
  while (b < cells.length && cols[b + 1]! <= windowTo) b++;
  const visibleFrom = cols[a]!;
  const visibleTo = cols[b]!;
  const ellipsisLeft = cutLeft || a > 0;
  const ellipsisRight = cutRight || b < cells.length;
  const lead = ellipsisLeft ? 1 : 0;

  let body = '';
  for (let k = a; k < b; k++) body += cells[k]!.text;
  const rowText = ((ellipsisLeft ? '…' : '') + body + (ellipsisRight ? '…' : '')).replace(/ +$/, '');

  const clip = (col: number) => Math.min(Math.max(col, visibleFrom), visibleTo) - visibleFrom + lead;
  const caretFrom = clip(spanFrom);
  let caretTo = clip(spanTo);
  // A span running past the right edge is underlined through the ellipsis.
  if (ellipsisRight && (spanTo > visibleTo || spanContinues) && caretTo === visibleTo - visibleFrom + lead) caretTo++;
  if (caretTo <= caretFrom && (atLeastOne || from < to)) caretTo = caretFrom + 1;
  return { kind: 'source', line, text: rowText, caretFrom, caretTo };
}

// -----------------------------------------------------------------------------------------------------------------
// Characters: clusters, widths, escapes
// -----------------------------------------------------------------------------------------------------------------

let segmenter: Intl.Segmenter | null | undefined;

/** Grapheme clusters of `text.slice(from, to)`, or code points where `Intl.Segmenter` is missing. */
function clusters(text: string, from: number, to: number): Iterable<{ segment: string; index: number }> {
  if (segmenter === undefined) {
    segmenter =
      typeof Intl === 'object' && typeof Intl.Segmenter === 'function'
        ? new Intl.Segmenter(undefined, { granularity: 'grapheme' })
        : null;
  }
  const slice = text.slice(from, to);
  if (segmenter !== null) return segmenter.segment(slice);
  const out: { segment: string; index: number }[] = [];
  let index = 0;
  for (const segment of slice) {
    out.push({ segment, index });
    index += segment.length;
  }
  return out;
}

/** The cells of `text.slice(from, to)`, a stretch of one line (no line terminators). */
function layout(text: string, from: number, to: number): Cell[] {
  const cells: Cell[] = [];
  if (PRINTABLE_ASCII.test(text.slice(from, to))) {
    // Fast path (the usual query): one cell per character, no segmentation.
    for (let i = from; i < to; i++) cells.push({ start: i, end: i + 1, text: text[i]!, width: 1 });
    return cells;
  }
  for (const { segment, index } of clusters(text, from, to)) {
    const start = from + index;
    const [shown, width] = showCluster(segment);
    cells.push({ start, end: start + segment.length, text: shown, width });
  }
  return cells;
}

/** How one grapheme cluster is shown, and its width in cells. */
function showCluster(cluster: string): [string, number] {
  if (cluster === '\t') return [TAB, TAB.length];
  const first = cluster.codePointAt(0)!;
  let safe = !isUnsafe(first) && !(isZeroWidth(first) && isFormat(first));
  if (safe) {
    for (const ch of cluster) {
      if (isUnsafe(ch.codePointAt(0)!)) {
        safe = false;
        break;
      }
    }
  }
  if (!safe) {
    // Show code point by code point, escaping the dangerous ones.
    let shown = '';
    let width = 0;
    for (const ch of cluster) {
      const cp = ch.codePointAt(0)!;
      if (cp === 0x09) {
        shown += TAB;
        width += TAB.length;
      } else if (isUnsafe(cp) || isFormat(cp)) {
        const escaped = escapeCodePoint(cp);
        shown += escaped;
        width += escaped.length;
      } else if (isZeroWidth(cp)) {
        shown += '◌' + ch;
        width += 1;
      } else {
        shown += ch;
        width += isWide(cp) ? 2 : 1;
      }
    }
    return [shown, width];
  }
  // A combining mark with no base would fuse with the character before it: give it a dotted circle.
  if (isZeroWidth(first)) return ['◌' + cluster, 1];
  // Emoji sequences (ZWJ, flags, keycaps, a text-default symbol plus U+FE0F) show as one two-cell emoji.
  const emoji =
    cluster.length > 1 &&
    (EMOJI_PRESENTATION.test(cluster) || (cluster.includes('\uFE0F') && EMOJI.test(cluster)));
  return [cluster, emoji || isWide(first) ? 2 : 1];
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const EMOJI_PRESENTATION = /\p{Emoji_Presentation}/u;
const EMOJI = /^\p{Emoji}/u;
const COMBINING = /^[\p{Mn}\p{Me}]$/u;
const FORMAT = /^\p{Cf}$/u;

/**
 * Characters never printed as themselves: C0/C1 controls, DEL, lone surrogates, U+2028/U+2029 (line breaks), bidi
 * embeddings, overrides and isolates (Trojan Source), and invisible format characters other than the joiners and
 * tags that build emoji.
 */
function isUnsafe(cp: number): boolean {
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) return true;
  if ((cp >= 0xd800 && cp <= 0xdfff) || cp === 0x2028 || cp === 0x2029) return true;
  if (cp === 0x200c || cp === 0x200d || (cp >= 0xe0020 && cp <= 0xe007f)) return false;
  return cp >= 0xa0 && FORMAT.test(String.fromCodePoint(cp));
}

/** Format characters that are safe inside a cluster (joiners, emoji tags) but invisible on their own. */
function isFormat(cp: number): boolean {
  return cp === 0x200c || cp === 0x200d || (cp >= 0xe0020 && cp <= 0xe007f);
}

/** Combining marks (including variation selectors), joiners and tags: no cell of their own. */
function isZeroWidth(cp: number): boolean {
  return isFormat(cp) || (cp >= 0x300 && COMBINING.test(String.fromCodePoint(cp)));
}

/** `␀`…`␟` and `␡` for C0 controls and DEL (one cell each), `<U+XXXX>` for anything else. */
function escapeCodePoint(cp: number): string {
  if (cp < 0x20) return String.fromCodePoint(0x2400 + cp);
  if (cp === 0x7f) return '\u2421';
  return `<U+${cp.toString(16).toUpperCase().padStart(4, '0')}>`;
}

/** Text for a header, label or help line: every unsafe character (tabs and newlines included) escaped. */
function sanitize(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    out += isUnsafe(cp) ? escapeCodePoint(cp) : ch;
  }
  return out;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

// One-entry cache: rendering several diagnostics of one query, or calling formatDiagnosticLine in a loop over
// them, scans the text for line starts once.
let cache: { text: string; starts: number[] } | undefined;

function cachedLineStarts(text: string): number[] {
  if (cache === undefined || cache.text !== text) cache = { text, starts: lineStarts(text) };
  return cache.starts;
}
