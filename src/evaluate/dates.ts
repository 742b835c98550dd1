/**
 * Dates for the evaluator: the instant a record's datetime value stands for, and the instants a local day spans in
 * a time zone (the date-math rounding of kustomer-search-api.md §4, read as Elasticsearch reads it).
 *
 * Instants are epoch milliseconds (UTC). Calendar arithmetic is proleptic Gregorian and done on day numbers, so it
 * holds for every year; the time-zone part (where a local day starts) is luxon's.
 */
import { DateTime } from 'luxon';

const msPerDay = 86_400_000;

/** Days from 1970-01-01 to `year`-`month`-`day` (proleptic Gregorian, any year; Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The calendar date of day number `days` (the inverse of {@link daysFromCivil}). */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * The first instant a record's date may hold (0000-01-01T00:00:00.000Z) and the first it may not
 * (10000-01-01T00:00:00.000Z): Kustomer dates have four-digit years (src/dates/calendar.ts), so a value outside
 * years 0000–9999 in UTC cannot be stored and is treated as absent.
 */
export const minStoredMs = daysFromCivil(0, 1, 1) * msPerDay;
/** See {@link minStoredMs}. */
export const endStoredMs = daysFromCivil(10_000, 1, 1) * msPerDay;

/**
 * An ISO-8601 date or date-time: `YYYY-MM-DD`, then optionally `T` (or `t` or a space), `HH:mm`, `:ss`, a fraction
 * of 1-9 digits, and `Z` or an offset `±HH`, `±HHmm`, `±HH:mm`.
 */
const isoShape =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?)?$/;

/**
 * The instant (epoch ms) a record's datetime value stands for, or `undefined` when it is no date. Read the way an
 * Elasticsearch date field indexes a value (it has no time zone of its own):
 * - a string `YYYY-MM-DD` is that day's midnight UTC; a date-time with `Z` or an offset is that instant; a date-time
 *   without one is read as UTC; fractions beyond milliseconds are truncated; other ISO-8601 forms (basic format, week
 *   dates) are read by luxon, as UTC when they carry no offset;
 * - a finite number is epoch milliseconds (Elasticsearch's `epoch_millis`);
 * - impossible dates (`2024-02-30`), hours over 23, anything else, and instants outside years 0000–9999 UTC
 *   ({@link minStoredMs}) give `undefined`.
 */
export function recordInstant(value: unknown): number | undefined {
  let ms: number | undefined;
  if (typeof value === 'number') ms = Number.isFinite(value) ? Math.trunc(value) : undefined;
  else if (typeof value === 'string' && value.length <= 64) ms = parseIso(value);
  if (ms === undefined || ms < minStoredMs || ms >= endStoredMs) return undefined;
  return ms;
}

/** The decimal number the `len` digits of `s` from `i` spell, or -1 when one is no digit. */
function digits(s: string, i: number, len: number): number {
  let v = 0;
  for (let k = i; k < i + len; k++) {
    const c = s.charCodeAt(k) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * The common export form, `YYYY-MM-DDTHH:mm:ss.sssZ` or `YYYY-MM-DDTHH:mm:ssZ` (what `toISOString` writes), read
 * without a regular expression: epoch ms, `undefined` for an impossible date, `null` when `text` has another form.
 */
function parseCanonical(text: string): number | undefined | null {
  const n = text.length;
  if ((n !== 24 && n !== 20) || text.charCodeAt(n - 1) !== 90 /* Z */) return null;
  if (text[4] !== '-' || text[7] !== '-' || text[10] !== 'T' || text[13] !== ':' || text[16] !== ':') return null;
  if (n === 24 && text[19] !== '.') return null;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  const millis = n === 24 ? digits(text, 20, 3) : 0;
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || millis < 0) return null;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
    return undefined;
  }
  return daysFromCivil(year, month, day) * msPerDay + ((hour * 60 + minute) * 60 + second) * 1000 + millis;
}

function parseIso(text: string): number | undefined {
  const canonical = parseCanonical(text);
  if (canonical !== null) return canonical;
  const m = isoShape.exec(text);
  if (m === null) {
    const parsed = DateTime.fromISO(text, { zone: 'utc' });
    return parsed.isValid ? parsed.toMillis() : undefined;
  }
  const [, y, mo, d, h, mi, s, frac, , sign, oh, om] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  const hour = h === undefined ? 0 : Number(h);
  const minute = mi === undefined ? 0 : Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetMinutes = 0;
  if (sign !== undefined) {
    const offH = Number(oh);
    const offM = om === undefined ? 0 : Number(om);
    if (offH > 23 || offM > 59) return undefined;
    offsetMinutes = (sign === '-' ? -1 : 1) * (offH * 60 + offM);
  }
  const millis = frac === undefined ? 0 : Number(frac.slice(0, 3).padEnd(3, '0'));
  return (
    daysFromCivil(year, month, day) * msPerDay +
    ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 +
    millis
  );
}

const dayShape = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A local day's instants: `start` is its first instant, `end` the first instant of the next day (exclusive). */
export interface DayBounds {
  readonly start: number;
  readonly end: number;
}

/**
 * The first instant of local day `year`-`month`-`day` in `zone`. Where a DST change repeats midnight (clocks go back
 * from 01:00 to 00:00), the earlier of the two midnights; where it removes midnight (clocks jump from 00:00 to
 * 01:00), the first instant that exists, as luxon moves a missing time forward. `NaN` for an unknown zone.
 */
function startOfLocalDay(year: number, month: number, day: number, zone: string): number {
  const wall = daysFromCivil(year, month, day) * msPerDay; // the local midnight, read as if it were UTC
  let first = Number.NaN;
  // The zone's offsets a day either side: at most one change lies between them in any real zone.
  for (const probe of [wall - msPerDay, wall + msPerDay]) {
    const t = wall - DateTime.fromMillis(probe, { zone }).offset * 60_000;
    const local = DateTime.fromMillis(t, { zone });
    const isMidnight = local.year === year && local.month === month && local.day === day && local.hour === 0 && local.minute === 0 && local.second === 0;
    if (isMidnight && !(t >= first)) first = t;
  }
  return Number.isNaN(first) ? DateTime.fromObject({ year, month, day }, { zone }).toMillis() : first;
}

/**
 * The instants local day `day` (`YYYY-MM-DD`, years 0000-9999) spans in the IANA time zone `zone`, or `undefined`
 * when `day` is not a calendar date or the zone is unknown. `start` is the day's first instant (see
 * `startOfLocalDay`: the earlier midnight when DST repeats it, the first existing instant when DST removes it);
 * `end` the first instant of the next calendar day, so the day is `[start, end)`. Source of the reading: kustomer-search-api.md §4 ("a local date will be adjusted to account for the included
 * timezone"; GMT when absent).
 */
export function localDayBounds(day: string, zone: string): DayBounds | undefined {
  const m = dayShape.exec(day);
  if (m === null) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const dd = Number(m[3]);
  if (month < 1 || month > 12 || dd < 1 || dd > daysInMonth(year, month)) return undefined;
  const next = civilFromDays(daysFromCivil(year, month, dd) + 1);
  const start = startOfLocalDay(year, month, dd, zone);
  const end = startOfLocalDay(next.year, next.month, next.day, zone);
  if (!Number.isFinite(start) || !Number.isFinite(end)) return undefined;
  return { start, end };
}
