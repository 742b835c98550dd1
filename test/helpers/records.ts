/**
 * Generated records for tests of search clients and of the local search server (src/serve): many records whose
 * `<type>_updated_at` values repeat a lot, so that paging past Kustomer's 100-page cap by windowing on `updatedAt`
 * (kustomer-api-live.md §1f) meets many records sharing the boundary timestamp.
 *
 *   generateRecords(60_000, { tieGroups: 600 })   // 60,000 customers, 600 distinct updatedAt values (100 each)
 *
 * Each record is a flat record as the evaluator and `kq serve` read them (src/evaluate/record.ts): `id` (24 hex
 * digits, unique), `_type`, and `<type>_name`, `<type>_created_at`, `<type>_updated_at`, `<type>_tags`, and one
 * custom attribute `<type>_custom_tierStr`. Deterministic: the same arguments give the same records.
 */

/** Options of {@link generateRecords}. */
export interface GenerateOptions {
  /**
   * How many distinct `updatedAt` values the records share (default: n, i.e. no ties). Record i gets group
   * `i % tieGroups`, so groups are interleaved in input order (ties are not adjacent in the file either) and each
   * holds ⌈n / tieGroups⌉ or ⌊n / tieGroups⌋ records.
   */
  readonly tieGroups?: number;
  /** The object type (`_type` and the attribute prefix); default `customer`. */
  readonly type?: 'customer' | 'conversation' | 'message' | 'company' | 'note';
  /** The `updatedAt` of group 0, an ISO instant; default `2025-01-01T00:00:00.000Z`. */
  readonly start?: string;
  /** Milliseconds between consecutive groups' `updatedAt`; default 1000. */
  readonly stepMs?: number;
}

const tiers = ['gold', 'silver', 'bronze'] as const;
const tagSets = [[], ['vip'], ['b2b', 'beta'], ['churn-risk']] as const;

/**
 * `n` flat records (see the module comment). `updatedAt` of record i = `start + (i % tieGroups) * stepMs`;
 * `createdAt` is one day before it; `id` is i as 24 hex digits; names are `Name <i>`. Throws a RangeError for a
 * negative or fractional `n` or a `tieGroups` < 1.
 */
export function generateRecords(n: number, opts: GenerateOptions = {}): Record<string, unknown>[] {
  const tieGroups = opts.tieGroups ?? Math.max(1, n);
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number ≥ 0, got ${n}`);
  if (!Number.isInteger(tieGroups) || tieGroups < 1) throw new RangeError(`tieGroups must be a whole number ≥ 1, got ${tieGroups}`);
  const type = opts.type ?? 'customer';
  const start = Date.parse(opts.start ?? '2025-01-01T00:00:00.000Z');
  const step = opts.stepMs ?? 1000;
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    const updated = start + (i % tieGroups) * step;
    out.push({
      id: i.toString(16).padStart(24, '0'),
      _type: type,
      [`${type}_name`]: `Name ${i}`,
      [`${type}_created_at`]: new Date(updated - 86_400_000).toISOString(),
      [`${type}_updated_at`]: new Date(updated).toISOString(),
      [`${type}_tags`]: [...tagSets[i % tagSets.length]!],
      [`${type}_custom_tierStr`]: tiers[i % tiers.length],
    });
  }
  return out;
}

/** The distinct `<type>_updated_at` values of `records`, sorted (a test's expected windows). */
export function updatedAtValues(records: readonly Record<string, unknown>[], type = 'customer'): string[] {
  return [...new Set(records.map((r) => r[`${type}_updated_at`] as string))].sort();
}
