/**
 * ISO-8601 instants: a date and a time with `Z` or a UTC offset, e.g. `2020-11-20T16:34:00.000Z` or
 * `2020-11-20T18:34:00+02:00`.
 */
import { calendarDateProblem, daysFromCivil } from './calendar.js';

/**
 * The result of {@link parseInstant}:
 * - `instant`: `epochMs` is the instant in epoch milliseconds (UTC), within years 0000-9999 in UTC;
 * - `error`: the text is shaped like a date-time but is not a valid instant; `message` reads after
 *   "Invalid date 'x': ", `help` says how to fix it;
 * - `none`: the text is not shaped like a date-time at all.
 */
export type InstantParse =
  | { readonly kind: 'instant'; readonly epochMs: number }
  | { readonly kind: 'error'; readonly message: string; readonly help?: string }
  | { readonly kind: 'none' };

/**
 * `YYYY-MM-DD` `T` (or `t` or a space, as RFC 3339 allows) `HH:mm`, optional `:ss`, optional fraction of 1-9 digits
 * after `.` or `,`, then optional `Z`/`z` or an offset `±HH`, `±HHmm` or `±HH:mm`.
 */
const instantShape =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;

/** Something that starts like a date-time: a date, then `T` or a space, then a digit. */
const dateTimeStart = /^\d{4}-\d{2}-\d{2}[Tt ]\d/;

/** An example instant, for help texts. */
export const instantExample = '2020-11-20T16:34:00Z';

/**
 * Parses an ISO-8601 instant with `Z` or an offset into epoch milliseconds.
 *
 * - `text`: e.g. `2020-11-20T16:34:00.000Z`, `2020-11-20T16:34Z`, `2020-11-20T18:34:00+02:00`, `…+0200`, `…+02`.
 *   Fractions beyond milliseconds are truncated (`.1239` → 123 ms). Seconds are 00-59 (no leap seconds), hours
 *   00-23, offsets at most ±23:59.
 * - A date-time without `Z` or an offset (`2020-11-20T16:34`) is an `error` whose help says to add one or to use a
 *   day; an instant outside years 0000-9999 once converted to UTC is an `error`.
 * - Never throws.
 */
export function parseInstant(text: string): InstantParse {
  const m = instantShape.exec(text);
  if (m === null) {
    if (dateTimeStart.test(text)) {
      return {
        kind: 'error',
        message: 'expected an ISO-8601 instant such as 2020-11-20T16:34:00Z',
        help: `Write a date, a time (HH:mm or HH:mm:ss, optionally with .sss), then Z or an offset such as +02:00: ${instantExample}.`,
      };
    }
    return { kind: 'none' };
  }
  const [, y, mo, d, h, mi, s, frac, z, sign, oh, om] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const calendar = calendarDateProblem(year, month, day);
  if (calendar !== undefined) return { kind: 'error', message: calendar };
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (hour > 23) return { kind: 'error', message: `hour ${h} does not exist (hours are 00-23)` };
  if (minute > 59) return { kind: 'error', message: `minute ${mi} does not exist (minutes are 00-59)` };
  if (second > 59) {
    return { kind: 'error', message: `second ${s} does not exist (seconds are 00-59; leap seconds are not supported)` };
  }
  if (z === undefined && sign === undefined) {
    const date = `${y}-${mo}-${d}`;
    const time = text.slice(date.length + 1);
    return {
      kind: 'error',
      message: 'the date-time has no time zone',
      help: `Add Z for UTC (${date}T${time}Z) or an offset (${date}T${time}+02:00), or use a local day (${date}), which is read in the query's time zone.`,
    };
  }
  let offsetMinutes = 0;
  if (sign !== undefined) {
    const offsetHours = Number(oh);
    const offsetMins = om === undefined ? 0 : Number(om);
    if (offsetHours > 23 || offsetMins > 59) {
      return {
        kind: 'error',
        message: `the offset ${sign}${oh}${om === undefined ? '' : `:${om}`} is out of range (at most ±23:59)`,
      };
    }
    offsetMinutes = (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  const millisecond = frac === undefined ? 0 : Number(frac.slice(0, 3).padEnd(3, '0'));
  // Pure arithmetic: the wall-clock time read as UTC, minus the offset.
  const epochMs =
    daysFromCivil(year, month, day) * msPerDay + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + millisecond;
  if (epochMs < minInstantMs || epochMs >= endInstantMs) {
    return { kind: 'error', message: 'it falls outside the years 0000-9999 once converted to UTC' };
  }
  return { kind: 'instant', epochMs };
}

const msPerDay = 86_400_000;
/** 0000-01-01T00:00:00.000Z and 10000-01-01T00:00:00.000Z, in epoch milliseconds: the instants a value may take. */
const minInstantMs = daysFromCivil(0, 1, 1) * msPerDay;
const endInstantMs = daysFromCivil(10_000, 1, 1) * msPerDay;
