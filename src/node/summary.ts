/**
 * The tally of a bulk translation, and the one-line summary `kq translate` prints on stderr at the end: records,
 * how many translated, how many failed, and the most frequent error codes.
 */
import type { TranslateResult } from './records.js';

/**
 * A {@link TranslateTally}'s counts as plain data, so that a worker thread can count its batch and the caller add the
 * counts up (`addCounts`): results, translated, failed, with relative dates, and failing records per error code.
 */
export interface TallyCounts {
  readonly records: number;
  readonly ok: number;
  readonly failed: number;
  readonly relative: number;
  readonly codes: readonly (readonly [string, number])[];
}

/** Counts results as they come; `text()` gives the summary line. */
export class TranslateTally {
  records = 0;
  ok = 0;
  failed = 0;
  /** Records whose query used a relative date (`relativeDates`: resolved when compiled, so their criteria stay put). */
  relative = 0;
  /** Failing records per error code (a code counts once per record). */
  private readonly codes = new Map<string, number>();

  /** Counts one result (only its `ok`, `diagnostics` and `relativeDates` are read). */
  add(result: Pick<TranslateResult, 'ok' | 'diagnostics' | 'relativeDates'>): void {
    this.records++;
    if (result.relativeDates) this.relative++;
    if (result.ok) {
      this.ok++;
      return;
    }
    this.failed++;
    const seen = new Set<string>();
    for (const d of result.diagnostics) {
      if (d.severity !== 'error' || seen.has(d.code)) continue;
      seen.add(d.code);
      this.codes.set(d.code, (this.codes.get(d.code) ?? 0) + 1);
    }
  }

  /** The counts so far, as plain data (see {@link TallyCounts}). */
  counts(): TallyCounts {
    return { records: this.records, ok: this.ok, failed: this.failed, relative: this.relative, codes: [...this.codes] };
  }

  /** Adds counts taken elsewhere (another tally's `counts()`), as if their results had been added here. */
  addCounts(counts: TallyCounts): void {
    this.records += counts.records;
    this.ok += counts.ok;
    this.failed += counts.failed;
    this.relative += counts.relative;
    for (const [code, n] of counts.codes) this.codes.set(code, (this.codes.get(code) ?? 0) + n);
  }

  /**
   * The note for the end of the run when any record used a relative date (`now-7d`, `today`), else null: Kustomer has
   * no relative date syntax (kustomer-search-api.md §4), so their criteria hold the dates of this run's clock.
   */
  relativeNote(): string | null {
    if (this.relative === 0) return null;
    const n = this.relative.toLocaleString('en-US');
    return `${n} record${this.relative === 1 ? '' : 's'} used relative dates, resolved against this run's clock: Kustomer receives those dates, so saved searches made from ${this.relative === 1 ? 'it' : 'them'} do not move with time (translate again to refresh them).`;
  }

  /** The `n` most frequent error codes with their counts, most frequent first (ties by code). */
  topCodes(n = 5): [string, number][] {
    return [...this.codes].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, n);
  }

  /**
   * The summary line, e.g. `12 records: 9 ok, 3 with errors (KQ2001 ×2, KQ5001 ×1) in 0.4 s, 30 records/s`;
   * `elapsedMs` is the run's duration.
   */
  text(elapsedMs: number): string {
    const n = (x: number) => x.toLocaleString('en-US');
    const codes = this.topCodes();
    const more = this.codes.size > codes.length ? ', …' : '';
    const errors = this.failed > 0 ? ` (${codes.map(([code, count]) => `${code} ×${n(count)}`).join(', ')}${more})` : '';
    const seconds = elapsedMs / 1000;
    const rate = seconds > 0 ? `, ${n(Math.round(this.records / seconds))} records/s` : '';
    return `${n(this.records)} record${this.records === 1 ? '' : 's'}: ${n(this.ok)} ok, ${n(this.failed)} with errors${errors} in ${seconds.toFixed(1)} s${rate}`;
  }
}
