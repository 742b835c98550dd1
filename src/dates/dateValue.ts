/**
 * Date values in queries: what `customer_updated_at>=…` compares with, as Kustomer accepts it.
 *
 * Kustomer takes a local day `YYYY-MM-DD` (read in the body's `timeZone`, GMT when absent) or a UTC instant
 * `YYYY-MM-DDTHH:mm:ss.sssZ`. Relative dates have no Kustomer syntax, so they are resolved here, at compile time.
 */
import { calendarDateProblem } from './calendar.js';
import { parseInstant } from './instant.js';
import { resolveRelativeDate } from './relative.js';

/**
 * A date value Kustomer can take:
 * - `day`: `day` is a local calendar day `YYYY-MM-DD` (years 0000-9999), read by Kustomer in the body's `timeZone`;
 * - `instant`: `iso` is a UTC instant in `Date.prototype.toISOString()` form, `YYYY-MM-DDTHH:mm:ss.sssZ`.
 * `relative` is the expression as written (`now-7d`, `today`) when the value was resolved from a relative date.
 */
export type DateValue =
  | { readonly kind: 'day'; readonly day: string; readonly relative?: string }
  | { readonly kind: 'instant'; readonly iso: string; readonly relative?: string };

/**
 * Why a text is not a date. `message` reads after "Invalid date 'x': " (lower-case start, no trailing period);
 * `help`, when present, is a full sentence saying how to fix it.
 */
export interface DateError {
  readonly kind: 'error';
  readonly message: string;
  readonly help?: string;
}

/**
 * What relative dates resolve against:
 * - `nowMs`: the clock, in epoch milliseconds (see `resolveClock`);
 * - `timeZone`: a canonical IANA zone name (see `resolveTimeZone`), `'UTC'` when the query sets none (Kustomer's
 *   default is GMT). Calendar units, rounding and the local day of `today` are taken in this zone.
 */
export interface DateContext {
  readonly nowMs: number;
  readonly timeZone: string;
}

/** The message for text that is no kind of date. */
export const expectedDateMessage =
  'expected YYYY-MM-DD, an ISO-8601 instant with Z or an offset, or a relative date such as now-7d, today';

/** True for exactly `YYYY-MM-DD` (ten characters, ASCII digits and two hyphens): `/^\d{4}-\d{2}-\d{2}$/` by hand. */
function isDayShape(text: string): boolean {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return false;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
const looseDayShape = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/;

/** The longest text looked at; anything longer is no date. */
const maxDateLength = 128;

/**
 * Parses a date value from a query.
 *
 * Accepts, in `text` (no surrounding spaces):
 * - `YYYY-MM-DD`, a real calendar date with a year 0000-9999 → `{ kind: 'day' }` (`2016-02-30` is an error
 *   "February 2016 has 29 days", `2016-13-01` "month 13 does not exist (months are 01-12)");
 * - an ISO-8601 instant with `Z` or an offset (`2020-11-20T16:34:00.000Z`, `2020-11-20T16:34Z`,
 *   `2020-11-20T18:34:00+02:00`, `…+0200`) → `{ kind: 'instant' }` converted to UTC. A date-time without `Z` or an
 *   offset is an error whose help suggests adding one or using a day;
 * - a relative date (`now`, `now-7d`, `now+1h`, `now-1M/d`, `now/w`, `now-1d+2h/h`, `today`, `yesterday`,
 *   `tomorrow`, `-7d`, `+2w`), resolved against `ctx.nowMs` in `ctx.timeZone` (see `resolveRelativeDate` in
 *   relative.ts for the arithmetic): rounded to `d`, `w`, `M`, `y` (and `today`, `yesterday`, `tomorrow`) it is a
 *   `day`, the local date in the zone; otherwise an `instant`. `relative` keeps `text`.
 *
 * Anything else is a {@link DateError} with {@link expectedDateMessage}. Never throws, on any string.
 */
export function parseDateValue(text: string, ctx: DateContext): DateValue | DateError {
  if (typeof text !== 'string') return { kind: 'error', message: expectedDateMessage };
  if (text.length > maxDateLength) return { kind: 'error', message: `it is longer than ${maxDateLength} characters` };

  if (isDayShape(text)) {
    // YYYY-MM-DD, read from the character codes (no match array: this runs for every date in every compile).
    const digit = (i: number) => text.charCodeAt(i) - 48;
    const year = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3);
    const problem = calendarDateProblem(year, digit(5) * 10 + digit(6), digit(8) * 10 + digit(9));
    return problem === undefined ? { kind: 'day', day: text } : { kind: 'error', message: problem };
  }

  const instant = parseInstant(text);
  if (instant.kind === 'instant') return { kind: 'instant', iso: new Date(instant.epochMs).toISOString() };
  if (instant.kind === 'error') return instant.help === undefined
    ? { kind: 'error', message: instant.message }
    : { kind: 'error', message: instant.message, help: instant.help };

  const relative = resolveRelativeDate(text, ctx?.nowMs, ctx?.timeZone);
  if (relative !== undefined) {
    switch (relative.kind) {
      case 'day':
        return { kind: 'day', day: relative.day, relative: text };
      case 'instant':
        return { kind: 'instant', iso: new Date(relative.epochMs).toISOString(), relative: text };
      case 'error':
        return relative.help === undefined
          ? { kind: 'error', message: relative.message }
          : { kind: 'error', message: relative.message, help: relative.help };
    }
  }

  const loose = looseDayShape.exec(text);
  if (loose !== null) {
    const suggestion = `${loose[1]}-${loose[3]!.padStart(2, '0')}-${loose[4]!.padStart(2, '0')}`;
    return { kind: 'error', message: expectedDateMessage, help: `Write the day as YYYY-MM-DD: ${suggestion}.` };
  }
  return { kind: 'error', message: expectedDateMessage };
}
