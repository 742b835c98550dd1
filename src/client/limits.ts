/**
 * Waiting: abortable sleeps, backoff with full jitter, the server's rate-limit headers, and the client-side request
 * budget. Isomorphic (timers and AbortSignal only).
 *
 * Facts (kustomer-api-live.md §5): search requests by API keys are limited to 100 per minute per org, all keys
 * sharing it, counted over a 60-second window; the server sends `x-ratelimit-limit`, `x-ratelimit-remaining` and
 * `x-ratelimit-reset`, and answers 429 until the window resets. The unit of `x-ratelimit-reset` is not documented
 * (one public client reads it as UTC epoch seconds, the docs' simulation shows "now + 60 s"), so
 * {@link resetDelayMs} decides by magnitude. `Retry-After` is not mentioned by any Kustomer source; it is honoured
 * in both standard forms (RFC 9110 §10.2.3: delay-seconds or an HTTP-date) in case a proxy or the server sends it.
 */

/** The reason an aborted signal gives, or a DOMException-like `AbortError` when it gives none. */
export function abortReason(signal: AbortSignal): unknown {
  if (signal.reason !== undefined) return signal.reason;
  const e = new Error('The operation was aborted');
  e.name = 'AbortError';
  return e;
}

/** Resolves after `ms` milliseconds; rejects with the signal's reason as soon as `signal` aborts (also before). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal!));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Backoff settings: the first retry waits up to `baseMs`, each next one up to twice as long, never over `maxMs`. */
export interface Backoff {
  readonly baseMs: number;
  readonly maxMs: number;
}

/** The default backoff: 500 ms, doubling, at most 30 s. */
export const defaultBackoff: Backoff = { baseMs: 500, maxMs: 30_000 };

/**
 * The delay before retry number `retry` (0 for the first): exponential backoff with full jitter — a uniform random
 * delay in [0, min(maxMs, baseMs · 2^retry)) (the "Full Jitter" of AWS's "Exponential Backoff and Jitter", which
 * spreads retrying clients best). `random` is `Math.random` unless a test fixes it.
 */
export function backoffDelay(retry: number, backoff: Backoff, random: () => number = Math.random): number {
  const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.min(retry, 30));
  return Math.floor(random() * ceiling);
}

/**
 * The wait a `Retry-After` value asks for, in milliseconds, or undefined when it is absent or unreadable: a
 * non-negative integer is seconds; anything else is read as an HTTP-date, and the wait is that instant minus `now`
 * (0 when it is past).
 */
export function retryAfterMs(value: string | null | undefined, now: number): number | undefined {
  if (value == null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/** A number at least this large in `x-ratelimit-reset` is an instant, not a delay: 10^9 s is September 2001. */
const epochSecondsFloor = 1e9;
/** And at least this large, an instant in epoch milliseconds (10^12 ms is also September 2001). */
const epochMillisFloor = 1e12;

/**
 * The wait an `x-ratelimit-reset` value asks for, in milliseconds, or undefined when absent or not a number. The
 * unit is undocumented (see the module comment), so the rule is by magnitude:
 * - below 10^9: seconds from now (a window is 60 s; no delay in seconds reaches 10^9, which is 31 years);
 * - from 10^9 to below 10^12: an instant in epoch seconds (10^9 s is 2001-09-09), the wait is it minus `now`;
 * - from 10^12: an instant in epoch milliseconds.
 * An instant in the past gives 0. Fractions are allowed.
 */
export function resetDelayMs(value: string | null | undefined, now: number): number | undefined {
  if (value == null || value.trim() === '') return undefined;
  const n = Number(value.trim());
  if (!Number.isFinite(n) || n < 0) return undefined;
  if (n >= epochMillisFloor) return Math.max(0, n - now);
  if (n >= epochSecondsFloor) return Math.max(0, n * 1000 - now);
  return n * 1000;
}

/** Reads `x-ratelimit-remaining`: a non-negative number, or undefined. */
export function remainingOf(value: string | null | undefined): number | undefined {
  if (value == null || value.trim() === '') return undefined;
  const n = Number(value.trim());
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/**
 * The client-side request budget: at most `perMinute` requests in any 60-second span. A token bucket whose tokens
 * come back 60 s after each is spent (a sliding window log, `perMinute` timestamps of memory) — unlike a bucket that
 * refills at a steady rate, it can never let 2 × `perMinute` requests into one span (a full bucket plus a minute of
 * refills), so it stays inside a fixed-window server limit whatever the window's phase.
 */
export class RequestBudget {
  private readonly spent: number[] = [];
  private head = 0;

  constructor(
    readonly perMinute: number,
    private readonly clock: () => number = () => Date.now(),
    readonly spanMs = 60_000,
  ) {
    if (!(perMinute >= 1) || !Number.isFinite(perMinute)) throw new RangeError(`budget.requestsPerMinute must be a number ≥ 1, got ${perMinute}`);
  }

  /** How long (ms) until a request may start now; 0 when one may start at once. */
  delay(): number {
    const now = this.clock();
    while (this.head < this.spent.length && this.spent[this.head]! <= now - this.spanMs) this.head++;
    if (this.head > 1024) {
      this.spent.splice(0, this.head);
      this.head = 0;
    }
    const inSpan = this.spent.length - this.head;
    if (inSpan < this.perMinute) return 0;
    return this.spent[this.spent.length - this.perMinute]! + this.spanMs - now;
  }

  /** Records that a request starts now. */
  spend(): void {
    this.spent.push(this.clock());
  }
}
