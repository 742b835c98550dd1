/**
 * Calendar days (`YYYY-MM-DD`, proleptic Gregorian): validation, formatting and day arithmetic. Pure arithmetic on
 * day numbers (no date library, no `Date`, no time zone), so it holds for every year and costs well under a
 * microsecond per call.
 */

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
  const days = daysInMonth(year, month);
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
  const result = daysFromCivil(year, month, date) + n;
  if (Math.abs(result) > maxDayNumber) throw new RangeError(`addDays: ${day} + ${n} days is out of range`);
  const civil = civilFromDays(result);
  return formatDay(civil.year, civil.month, civil.day);
}

/** The farthest day number from 1970-01-01 that a JavaScript `Date` can hold (±8.64e15 ms, ECMA-262 §21.4.1.1). */
const maxDayNumber = 100_000_000;

/** True when `year` is a leap year of the proleptic Gregorian calendar (any integer year; year 0 is a leap year). */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The number of days (28-31) in `month` (1-12) of `year` (any integer), proleptic Gregorian. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Days from 1970-01-01 to `year`-`month`-`day` (proleptic Gregorian, any integer year; `month` 1-12, `day` 1-31 —
 * a `day` past the month's end counts on into the next months). The algorithm is Howard Hinnant's
 * `days_from_civil` (https://howardhinnant.github.io/date_algorithms.html#days_from_civil).
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/**
 * The calendar date of day number `days` (days from 1970-01-01, any integer): the inverse of {@link daysFromCivil}
 * (Hinnant's `civil_from_days`, same source).
 */
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

/** The ISO weekday (1 = Monday … 7 = Sunday) of day number `days` (days from 1970-01-01, a Thursday). */
export function isoWeekday(days: number): number {
  return ((((days + 3) % 7) + 7) % 7) + 1;
}
