/**
 * Rate limiting for the local search server: one token bucket per API key.
 *
 * Kustomer limits search requests by machine users (API keys) to 100 a minute, and sends `x-ratelimit-limit`,
 * `x-ratelimit-remaining` and `x-ratelimit-reset`, answering 429 until the window resets (kustomer-api-live.md §5).
 * Its window is per org and fixed; a token bucket (capacity `limit`, refilled continuously at `limit` per
 * `windowMs`) allows the same requests a minute while also letting tests see a partial refill. The unit of
 * `x-ratelimit-reset` is not documented (§5, §6 gap 7: epoch seconds per singer-io's comment, "now + 60s" in the
 * new docs' simulation), so it is configurable; `Retry-After` is not mentioned by any Kustomer source, and is sent
 * on 429 only, so that clients can be tested both ways (with and without it, through the reset header).
 */

/** How `x-ratelimit-reset` is written: the instant (Unix seconds) or the seconds from now, both rounded up. */
export type ResetUnit = 'epoch-seconds' | 'seconds-from-now';

/** The units {@link ResetUnit} takes. */
export const resetUnits: readonly ResetUnit[] = ['epoch-seconds', 'seconds-from-now'];

/** A rate limit: `limit` requests per `windowMs` milliseconds (default 60,000). */
export interface RateLimit {
  readonly limit: number;
  readonly windowMs?: number;
}

/** The outcome of one request against a bucket. */
export interface RateDecision {
  readonly allowed: boolean;
  /** The bucket's capacity (`x-ratelimit-limit`). */
  readonly limit: number;
  /** Whole tokens left after this request (`x-ratelimit-remaining`). */
  readonly remaining: number;
  /** Milliseconds until the bucket is full again (what `x-ratelimit-reset` says). */
  readonly resetMs: number;
  /** When refused: milliseconds until one token is back (what `Retry-After` says, rounded up to seconds). */
  readonly retryAfterMs: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Token buckets by key (a key's hash, never the key itself: see the server). */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  readonly limit: number;
  readonly windowMs: number;

  /** `limit` ≥ 1 requests per `windowMs` ≥ 1 ms; `now` is the clock in milliseconds. Throws a RangeError otherwise. */
  constructor(
    rate: RateLimit,
    private readonly now: () => number,
  ) {
    const windowMs = rate.windowMs ?? 60_000;
    if (!Number.isInteger(rate.limit) || rate.limit < 1) throw new RangeError(`rate limit must be a whole number ≥ 1, got ${rate.limit}`);
    if (!Number.isFinite(windowMs) || windowMs < 1) throw new RangeError(`rate limit window must be ≥ 1 ms, got ${windowMs}`);
    this.limit = rate.limit;
    this.windowMs = windowMs;
  }

  /** Takes one token from `key`'s bucket (a new bucket starts full) and says whether the request may go on. */
  take(key: string): RateDecision {
    const now = this.now();
    const rate = this.limit / this.windowMs; // tokens per ms
    let b = this.buckets.get(key);
    if (!b) this.buckets.set(key, (b = { tokens: this.limit, at: now }));
    b.tokens = Math.min(this.limit, b.tokens + Math.max(0, now - b.at) * rate);
    b.at = now;
    const allowed = b.tokens >= 1;
    if (allowed) b.tokens -= 1;
    return {
      allowed,
      limit: this.limit,
      remaining: Math.floor(b.tokens),
      resetMs: Math.ceil((this.limit - b.tokens) / rate),
      retryAfterMs: allowed ? 0 : Math.ceil((1 - b.tokens) / rate),
    };
  }

  /** Fills every bucket again (the admin endpoint `DELETE /__kq/ratelimit`). */
  reset(): void {
    this.buckets.clear();
  }
}

/**
 * The `x-ratelimit-reset` value for `resetMs` milliseconds from `nowMs`: Unix seconds of that instant, or the
 * seconds until it; both rounded up, so a client that waits that long finds the bucket full.
 */
export function resetHeader(resetMs: number, nowMs: number, unit: ResetUnit): string {
  return unit === 'epoch-seconds' ? String(Math.ceil((nowMs + resetMs) / 1000)) : String(Math.ceil(resetMs / 1000));
}

/**
 * Parses a rate limit as the CLI writes it: `N/min`, `N/s`, `N/h` (or `N`, per minute); `off` or `0` for none.
 * Returns `false` for none; throws a RangeError for anything else.
 */
export function parseRateLimit(text: string): RateLimit | false {
  const t = text.trim().toLowerCase();
  if (t === 'off' || t === '0' || t === 'none') return false;
  const m = /^(\d+)\s*(?:\/\s*(s|sec|second|m|min|minute|h|hour))?$/.exec(t);
  if (!m || Number(m[1]) < 1) throw new RangeError(`a rate limit is N/min, N/s or N/h (or off), got '${text}'`);
  const unit = m[2] ?? 'min';
  const windowMs = unit.startsWith('s') ? 1000 : unit.startsWith('h') ? 3_600_000 : 60_000;
  return { limit: Number(m[1]), windowMs };
}
