/**
 * The clock that relative dates (`now-7d`, `today`) resolve against.
 */
import { parseInstant } from './instant.js';

/** The largest distance from the epoch a JavaScript `Date` can hold, in milliseconds (±100,000,000 days). */
const maxEpochMs = 8.64e15;

/**
 * The result of {@link resolveClock}:
 * - `{ ok: true, epochMs }`: the clock as epoch milliseconds (a safe integer, UTC);
 * - `{ ok: false, message }`: why the given clock is unusable; one sentence, no trailing period, e.g.
 *   `expected an ISO-8601 instant with Z or an offset, such as 2024-01-15T12:00:00Z`.
 */
export type ClockResult = { readonly ok: true; readonly epochMs: number } | { readonly ok: false; readonly message: string };

/**
 * Resolves the `now` option (`CompileOptions.now`) to epoch milliseconds.
 *
 * - `undefined`: the real time at the call (`Date.now()`);
 * - a `Date`: its time, which must be valid (not `new Date(NaN)`);
 * - a `number`: epoch milliseconds, a whole number within JavaScript's date range (±8.64e15);
 * - a `string`: an ISO-8601 instant with `Z` or an offset (`2024-01-15T12:00:00Z`, `2024-01-15T07:00:00-05:00`),
 *   years 0000-9999; local days and zone-less date-times are refused, since they would not name one instant.
 * Anything else (including `null` from untyped callers) gives `{ ok: false }`. Never throws.
 */
export function resolveClock(now: Date | number | string | undefined): ClockResult {
  if (now === undefined) return { ok: true, epochMs: Date.now() };
  if (now instanceof Date) {
    const ms = now.getTime();
    return Number.isFinite(ms) ? { ok: true, epochMs: ms } : { ok: false, message: 'the Date is invalid' };
  }
  if (typeof now === 'number') {
    if (!Number.isFinite(now)) return { ok: false, message: `${now} is not a time in epoch milliseconds` };
    if (!Number.isInteger(now)) return { ok: false, message: `${now} is not a whole number of epoch milliseconds` };
    if (Math.abs(now) > maxEpochMs) return { ok: false, message: `${now} is outside the range of a JavaScript Date` };
    return { ok: true, epochMs: now };
  }
  if (typeof now === 'string') {
    const parsed = parseInstant(now);
    if (parsed.kind === 'instant') return { ok: true, epochMs: parsed.epochMs };
    const expected = 'expected an ISO-8601 instant with Z or an offset, such as 2024-01-15T12:00:00Z';
    return { ok: false, message: parsed.kind === 'error' ? `${parsed.message}; ${expected}` : expected };
  }
  return { ok: false, message: 'expected a Date, epoch milliseconds or an ISO-8601 instant' };
}
