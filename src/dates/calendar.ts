/**
 * Calendar days (`YYYY-MM-DD`, proleptic Gregorian): validation, formatting and day arithmetic.
 */
import { DateTime } from 'luxon';

const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** The earliest year a date value may have (Kustomer dates have four-digit years). */
export const minYear = 0;
/** The latest year a date value may have. */
export const maxYear = 9999;

/**
 * Why `year`-`month`-`day` is not a calendar date, or `undefined` when it is one.
 * - `year`: any integer; `month`: 1-12; `day`: 1-31 depending on the month (February has 29 days in leap years).
 * - The reason reads after "Invalid date 'x': ", e.g. `month 13 does not exist (months are 01-12)` or
 *   `February 2016 has 29 days`.
 */
export function calendarDateProblem(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12) return `month ${pad2(month)} does not exist (months are 01-12)`;
  if (day < 1) return `day ${pad2(day)} does not exist (days start at 01)`;
  const days = DateTime.utc(year, month, 1).daysInMonth ?? 31;
  if (day > days) return `${monthNames[month - 1]} ${formatYear(year)} has ${days} days`;
  return undefined;
}

/**
 * Formats a calendar date as `YYYY-MM-DD`. Years 0-9999 take four digits; later years take as many as they need
 * (`10000-01-01`) and earlier ones a minus sign (`-0001-12-31`), so {@link addDays} can round-trip them.
 */
export function formatDay(year: number, month: number, day: number): string {
  return `${formatYear(year)}-${pad2(month)}-${pad2(day)}`;
}

function formatYear(year: number): string {
  return year < 0 ? `-${String(-year).padStart(4, '0')}` : String(year).padStart(4, '0');
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

const strictDay = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `text` is a real calendar date written `YYYY-MM-DD` with a year 0000-9999. Never throws. */
export function isValidDay(text: string): boolean {
  if (typeof text !== 'string') return false;
  const m = strictDay.exec(text);
  return m !== null && calendarDateProblem(Number(m[1]), Number(m[2]), Number(m[3])) === undefined;
}

/** Days as written by {@link formatDay}, including the extended years that addDays can produce. */
const extendedDay = /^(-?)(\d{4,6})-(\d{2})-(\d{2})$/;

/**
 * Calendar arithmetic on days: the day `n` days after `day` (before it when `n` is negative).
 *
 * - `day`: `YYYY-MM-DD`, a real calendar date (as produced by `parseDateValue` or by this function);
 * - `n`: a whole number of days (safe integer);
 * - returns `YYYY-MM-DD`; e.g. `addDays('2024-02-28', 1) === '2024-02-29'`, `addDays('2024-03-01', -1) === '2024-02-29'`.
 *   Results outside years 0000-9999 are formatted as {@link formatDay} does (`addDays('9999-12-31', 1) ===
 *   '10000-01-01'`), and are accepted back, so `addDays(addDays(d, n), -n) === d`.
 *
 * No time zone is involved: a day is a calendar date, not an instant.
 * Throws a `RangeError` when `day` is not a valid day or `n` not a safe integer, or when the result is beyond
 * JavaScript's date range (±271,821 years): these are programming errors, never caused by query text, because days
 * reaching this function have been validated by `parseDateValue`.
 */
export function addDays(day: string, n: number): string {
  const m = typeof day === 'string' ? extendedDay.exec(day) : null;
  if (m === null || !Number.isSafeInteger(n)) throw new RangeError(`addDays: invalid arguments (${String(day)}, ${n})`);
  const year = (m[1] === '-' ? -1 : 1) * Number(m[2]);
  const month = Number(m[3]);
  const date = Number(m[4]);
  if (calendarDateProblem(year, month, date) !== undefined) throw new RangeError(`addDays: invalid day ${day}`);
  const result = DateTime.utc(year, month, date).plus({ days: n });
  if (!result.isValid) throw new RangeError(`addDays: ${day} + ${n} days is out of range`);
  return formatDay(result.year, result.month, result.day);
}
