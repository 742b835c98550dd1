/**
 * Formatting for the benchmark's own tables (mitata prints its tables itself): durations, ratios, and a markdown
 * table with aligned columns.
 */

/** A duration given in nanoseconds, with a unit that keeps 3 significant digits: `412 ns`, `3.18 µs`, `27.4 ms`. */
export function formatNs(ns: number): string {
  const [value, unit] =
    ns < 1e3 ? [ns, 'ns'] : ns < 1e6 ? [ns / 1e3, 'µs'] : ns < 1e9 ? [ns / 1e6, 'ms'] : [ns / 1e9, 's'];
  return `${value.toPrecision(3)} ${unit}`;
}

/** A ratio as `12.3×` (3 significant digits). */
export function formatRatio(r: number): string {
  return `${r.toPrecision(3)}×`;
}

/** The "met" column: `met` or `**NOT met**`, or `—` for a row without a target. */
export function verdict(met: boolean | undefined): string {
  return met === undefined ? '—' : met ? 'met' : '**NOT met**';
}

/** A markdown table of `rows` under `header`, columns padded to equal width so it also reads as plain text. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}
