/**
 * `kustomer-query/render`: diagnostics as text for people — rustc-style code frames, optionally in ANSI colour, and
 * the one-line `file:line:column: code severity: message` form for CI logs and editors' problem matchers; and the
 * terminal cell widths the frames are laid out in (`displayWidth`, `cutToWidth`: grapheme clusters, East Asian wide
 * characters and emoji take two cells; see src/diagnostics/cellWidth.ts).
 *
 * The frames themselves are laid out by the core (src/diagnostics/codeFrame.ts, pure and unstyled); this seam adds
 * terminal colours through picocolors. In a browser bundle picocolors resolves to its `browser` build, whose colours
 * are the identity, so this entry bundles for the browser too (it reads no `process` there).
 */
import pc from 'picocolors';
import { codeFrames, type Painter } from '../diagnostics/codeFrame.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

export { formatDiagnosticLine } from '../diagnostics/codeFrame.js';
export { displayWidth, cutToWidth } from '../diagnostics/cellWidth.js';

/** Options for {@link renderDiagnostics}. */
export interface RenderOptions {
  /** Use ANSI colours (red errors, yellow warnings, blue infos, bold headers, dim gutter). Default `false`. */
  readonly color?: boolean;
  /** The name shown in `--> name:line:column`. Default `'query'`. */
  readonly fileName?: string;
}

/** ANSI colours by severity; built on first coloured render (picocolors decides nothing at our import). */
let colours: Painter | undefined;

function colourPainter(): Painter {
  if (colours === undefined) {
    const c = pc.createColors(true);
    const bySeverity: Record<string, (s: string) => string> = { error: c.red, warning: c.yellow, info: c.blue };
    colours = {
      severity: (severity, s) => (Object.hasOwn(bySeverity, severity) ? bySeverity[severity]!(s) : s),
      bold: c.bold,
      dim: c.dim,
    };
  }
  return colours;
}

/**
 * Renders `diagnostics` against the query `text` they were reported on, as code frames separated by a blank line,
 * in the order given. Returns `''` for no diagnostics; no trailing newline. Each frame is `severity[code]: message`,
 * `--> file:line:column` (1-based line, UTF-16 column of the span start), the source line(s) under a numbered gutter
 * with the span underlined by `^`, "did you mean …?" after the carets when the diagnostic has suggestions, and
 * `= help: …` when it has help. A diagnostic with a JSON `pointer` (from `decompile`) shows `--> file at /pointer`
 * instead of a source line. Tabs, wide characters, grapheme clusters and invisible or bidi characters are laid out
 * safely (see src/diagnostics/codeFrame.ts).
 *
 * With `opts.color` the output carries ANSI escapes; stripping them gives exactly the uncoloured output. Never
 * throws.
 */
export function renderDiagnostics(text: string, diagnostics: readonly Diagnostic[], opts: RenderOptions = {}): string {
  return codeFrames(text, diagnostics, {
    ...(opts?.fileName !== undefined ? { fileName: opts.fileName } : {}),
    ...(opts?.color === true ? { paint: colourPainter() } : {}),
  });
}
