/**
 * Dates as records store them (used by the evaluator, and by explain to word instants): the instant a datetime value
 * stands for, and the instants a local day spans in a time zone (the date-math rounding of kustomer-search-api.md §4, read as Elasticsearch reads it).
 *
 * Instants are epoch milliseconds (UTC). Calendar arithmetic is proleptic Gregorian and done on day numbers, so it
 * holds for every year; the time-zone part (where a local day starts) is src/dates/zone.ts's, on Intl.
 */
import { civilFromDays, daysFromCivil, daysInMonth, isLeapYear, isoWeekday } from './calendar.js';
import { instantOfWallClock, msPerDay, zoneOffsetMs } from './zone.js';


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
 *   without one is read as UTC; fractions beyond milliseconds are truncated; the other ISO-8601 date forms that
 *   luxon's `DateTime.fromISO` reads (basic format `20240101T100000Z`, reduced `2024-01` and `2024`, week dates
 *   `2024-W01-1`, ordinal dates `2024-001`, hour-only `T10`; see {@link parseIsoOtherForms}) are read too, as UTC
 *   when they carry no offset;
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
  if (m === null) return parseIsoOtherForms(text);
  const [, y, mo, d, h, mi, s, frac, , sign, oh, om] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  const time = timeOfDayMs(h, mi, s, frac, sign, oh, om);
  return time === undefined ? undefined : daysFromCivil(year, month, day) * msPerDay + time;
}

/**
 * The milliseconds from a UTC day's start to the instant a matched ISO time and offset name: hour, minute, second
 * (absent: 0), a fraction (its first three digits; more are cut, not rounded), then `sign`/`oh`/`om` the offset (absent:
 * UTC). `undefined` for an hour over 23, a minute or second over 59, an offset over ±23:59. May be negative or past a
 * day (the offset moves the instant across midnight).
 */
function timeOfDayMs(
  h: string | undefined,
  mi: string | undefined,
  s: string | undefined,
  frac: string | undefined,
  sign: string | undefined,
  oh: string | undefined,
  om: string | undefined,
): number | undefined {
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
  return ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + millis;
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
 * 01:00), the first instant that exists (midnight moved forward by the gap, as luxon does). `NaN` for an unknown zone.
 */
function startOfLocalDay(year: number, month: number, day: number, zone: string): number {
  const wall = daysFromCivil(year, month, day) * msPerDay; // the local midnight, read as if it were UTC
  let first = Number.NaN;
  // The zone's offsets a day either side: at most one change lies between them in any real zone.
  for (const probe of [wall - msPerDay, wall + msPerDay]) {
    const offset = zoneOffsetMs(probe, zone);
    const t = wall - offset;
    if (zoneOffsetMs(t, zone) === offset && !(t >= first)) first = t; // midnight shows on the wall clock at t
  }
  return Number.isNaN(first) ? instantOfWallClock(wall, zoneOffsetMs(wall - msPerDay, zone), zone)[0] : first;
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

/** luxon's ISO-8601 time extension: `T`, `HH`, optional `mm`, `ss`, fraction, with or without `:`, then `Z` or an offset. */
const isoTime = String.raw`(?:[Tt](\d\d)(?::?(\d\d)(?::?(\d\d)(?:[.,](\d{1,30}))?)?)?(?:([Zz])|([+-])(\d\d)(?::?(\d\d))?)?)?`;
/** Calendar dates, extended or basic, reduced to `YYYY-MM` or `YYYY`, and six-digit signed years. */
const isoYmd = new RegExp(String.raw`^([+-]\d{6}|\d{4})(?:-?(\d\d)(?:-?(\d\d))?)?${isoTime}$`);
/** Week dates `YYYY-Www-D`, `YYYYWwwD`, `YYYY-Www`. */
const isoWeek = new RegExp(String.raw`^(\d{4})-?W(\d\d)(?:-?(\d))?${isoTime}$`);
/** Ordinal dates `YYYY-DDD`, `YYYYDDD`. */
const isoOrdinal = new RegExp(String.raw`^(\d{4})-?(\d{3})${isoTime}$`);

/**
 * The ISO-8601 date forms other than `YYYY-MM-DD[THH:mm…]` (which `parseIso` reads first), as luxon 3's
 * `DateTime.fromISO(text, { zone: 'utc' })` reads them (its grammar, luxon/src/impl/regexParser.js, tried in the same
 * order): calendar dates in basic format or reduced precision (`20240101`, `2024-01`, `2024`, `+002024-01-01`), week
 * dates (`2024-W01-1`, `2024W011`, `2024-W01` = its Monday), ordinal dates (`2024-001`, `2024001`), each optionally
 * followed by `T` and a time `HH[:mm[:ss[.fff]]]` (colons optional), and `Z` or an offset `±HH[:mm]`. No offset means UTC.
 * Epoch ms, or `undefined` when `text` has none of these forms or names no real date and time.
 *
 * Deliberately not read, unlike luxon: a time alone (`10:00`, which luxon places on the current day, so a record's
 * date would depend on when it is read), a `[Zone/Name]` suffix, the hour `24`, and offsets beyond ±23:59 (which
 * the `YYYY-MM-DD` forms refuse as well).
 */
function parseIsoOtherForms(text: string): number | undefined {
  let days: number | undefined;
  let at: number; // index of the first time group in the match
  let m = isoYmd.exec(text);
  if (m !== null) {
    const year = Number(m[1]);
    const month = m[2] === undefined ? 1 : Number(m[2]);
    const day = m[3] === undefined ? 1 : Number(m[3]);
    if (month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) days = daysFromCivil(year, month, day);
    at = 4;
  } else if ((m = isoWeek.exec(text)) !== null) {
    const weekYear = Number(m[1]);
    const week = Number(m[2]);
    const weekday = m[3] === undefined ? 1 : Number(m[3]);
    const monday = isoWeekOneMonday(weekYear);
    const weeks = (isoWeekOneMonday(weekYear + 1) - monday) / 7;
    if (week >= 1 && week <= weeks && weekday >= 1 && weekday <= 7) days = monday + (week - 1) * 7 + weekday - 1;
    at = 4;
  } else if ((m = isoOrdinal.exec(text)) !== null) {
    const year = Number(m[1]);
    const ordinal = Number(m[2]);
    if (ordinal >= 1 && ordinal <= (isLeapYear(year) ? 366 : 365)) days = daysFromCivil(year, 1, 1) + ordinal - 1;
    at = 3;
  } else {
    return undefined;
  }
  if (days === undefined) return undefined;
  const [h, mi, s, frac, , sign, oh, om] = m.slice(at);
  const time = timeOfDayMs(h, mi, s, frac, sign, oh, om);
  return time === undefined ? undefined : days * msPerDay + time;
}

/** The day number of the Monday of ISO week 1 of `weekYear`: the week holding January 4th (ISO 8601-1 §3.2.2). */
function isoWeekOneMonday(weekYear: number): number {
  const jan4 = daysFromCivil(weekYear, 1, 4);
  return jan4 - (isoWeekday(jan4) - 1);
}
