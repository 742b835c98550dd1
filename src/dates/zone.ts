/**
 * Time zone math on the runtime's own tz data, through `Intl.DateTimeFormat` (ECMA-402): a zone's UTC offset at an
 * instant, the wall-clock time of an instant, and the instant of a wall-clock time. This is the only zone math the
 * package needs; the decision to do it here rather than with a library is recorded in ./index.ts.
 *
 * Nothing here reads the machine's local zone: every function takes the zone by name.
 *
 * The algorithms are luxon 3's (`IANAZone.offset` and `fixOffset` in luxon/src/datetime.js, MIT), so results equal
 * luxon's (checked by test/dates/zone.test.ts), except that offsets are kept in whole milliseconds where luxon
 * converts them to fractional minutes and back (which, for the local mean time offsets with seconds before ~1900,
 * could put its results a fraction of a millisecond off).
 */
import { civilFromDays, daysFromCivil } from './calendar.js';

/** Milliseconds in a day. */
export const msPerDay = 86_400_000;

/** The largest distance from the epoch a JavaScript `Date` can hold, in milliseconds (ECMA-262 §21.4.1.1). */
export const maxEpochMs = 8.64e15;

/**
 * One formatter per zone name (`null` when Intl refuses the name), at most {@link maxCachedZones}. Creating an
 * `Intl.DateTimeFormat` costs tens of microseconds and native memory that only a full garbage collection frees, so
 * formatters are never made per call (uncached, luxon's validity check grew a 20,000-query `kq translate` by ~885 MB).
 */
const formats = new Map<string, Intl.DateTimeFormat | null>();
const maxCachedZones = 2048;

/** The formatter of `zone`, or `null` when the runtime's Intl does not know the name. Never throws. */
function formatFor(zone: string): Intl.DateTimeFormat | null {
  let format = formats.get(zone);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        calendar: 'gregory',
        numberingSystem: 'latn',
        hourCycle: 'h23',
        era: 'short',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      format = null;
    }
    if (formats.size < maxCachedZones) formats.set(zone, format);
  }
  return format;
}

/**
 * True when the runtime's Intl can compute with the time zone `name` (any name Intl accepts, including links such
 * as `US/Eastern`; fixed offsets like `+02:00` too on engines that take them — callers check the IANA shape first).
 * Remembered per name (at most 2,048 names). Never throws.
 */
export function isZoneSupported(name: string): boolean {
  return typeof name === 'string' && formatFor(name) !== null;
}

/** What en-US formats write with the options of `formatFor`: month/day/year era, hour:minute:second. */
const enUsShape = /^(\d{1,2})\/(\d{1,2})\/(\d+) (AD|BC), (\d{2}):(\d{2}):(\d{2})$/;

/**
 * The UTC offset of `zone` at the instant `epochMs`, in milliseconds (local wall clock − UTC; whole seconds, since
 * the tz database's offsets have at most second precision: `-17,762,000` for New York's local mean time -4:56:02).
 * `NaN` when the zone is unknown or `epochMs` is outside the `Date` range (±8.64e15). Never throws.
 *
 * How: Intl writes the wall-clock fields of the instant (to the second) in the zone; read as if they were UTC, they
 * exceed the instant (floored to the second) by the offset. This is luxon's `IANAZone.offset`, in milliseconds.
 */
export function zoneOffsetMs(epochMs: number, zone: string): number {
  const format = formatFor(zone);
  if (format === null || !(Math.abs(epochMs) <= maxEpochMs)) return Number.NaN;
  // Fast path: `format` is about four times cheaper than `formatToParts`. en-US writes `12/31/1969 AD, 19:00:00`;
  // any other shape (another engine's spacing or era name) is read from the parts instead, so results never differ.
  const fast = enUsShape.exec(format.format(epochMs));
  if (fast === null) return offsetFromParts(epochMs, format);
  const [, month, day, year, era, hour, minute, second] = fast;
  return offsetFrom(epochMs, era === 'BC' ? 1 - Number(year) : Number(year), +month!, +day!, +hour! % 24, +minute!, +second!);
}

/**
 * {@link zoneOffsetMs} read from `formatToParts` (the path taken when `format` writes another shape than en-US's);
 * exported for the test that both readings agree. `format` is a formatter made like `formatFor`'s.
 */
export function offsetFromParts(epochMs: number, format: Intl.DateTimeFormat): number {
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let beforeCommonEra = false;
  for (const part of format.formatToParts(epochMs)) {
    switch (part.type) {
      case 'year': year = Number(part.value); break;
      case 'month': month = Number(part.value); break;
      case 'day': day = Number(part.value); break;
      case 'hour': hour = Number(part.value) % 24; break; // some engines write midnight as 24 even with h23
      case 'minute': minute = Number(part.value); break;
      case 'second': second = Number(part.value); break;
      case 'era': beforeCommonEra = /^B/i.test(part.value); break; // 'BC'; year 1 BC is year 0
    }
  }
  return offsetFrom(epochMs, beforeCommonEra ? 1 - year : year, month, day, hour, minute, second);
}

/** The wall clock's fields read as if they were UTC, minus the instant floored to the second. */
function offsetFrom(epochMs: number, year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  const wallAsUtc = daysFromCivil(year, month, day) * msPerDay + ((hour * 60 + minute) * 60 + second) * 1000;
  return wallAsUtc - (epochMs - (((epochMs % 1000) + 1000) % 1000));
}

/** The formatter `zoneOffsetMs` uses for `zone` (for tests), or `null` when Intl does not know the zone. */
export function zoneFormat(zone: string): Intl.DateTimeFormat | null {
  return formatFor(zone);
}

/** Wall-clock fields: `year` any integer, `month` 1-12, `day` 1-31, `hour` 0-23, `minute` 0-59, `second` 0-59, `millisecond` 0-999. */
export interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
}

/**
 * The wall-clock fields of `wallMs`, a wall-clock time written as epoch milliseconds as if the zone were UTC
 * (`epochMs + offsetMs`). Pure arithmetic.
 */
export function wallClockFields(wallMs: number): WallClock {
  const days = Math.floor(wallMs / msPerDay);
  const { year, month, day } = civilFromDays(days);
  let rest = wallMs - days * msPerDay;
  const millisecond = rest % 1000;
  rest = (rest - millisecond) / 1000;
  return { year, month, day, hour: Math.floor(rest / 3600), minute: Math.floor(rest / 60) % 60, second: rest % 60, millisecond };
}

/**
 * The instant at which `zone`'s wall clock reads `wallMs` (a wall-clock time written as if the zone were UTC),
 * starting from the guess that the offset is `guessOffsetMs` (usually the offset before a change of the wall clock).
 * Returns `[epochMs, offsetMs]`:
 * - a wall-clock time that exists once: its instant, and the zone's offset there;
 * - one that exists twice (clocks going back): the instant with the guessed offset when it is one of the two,
 *   otherwise the one the corrected guess lands on — as luxon does;
 * - one that does not exist (clocks jumping forward, a DST gap): moved forward by the gap — the instant
 *   `wallMs − (smaller offset)`, reported with the larger offset.
 * `NaN`s when the zone is unknown or the times are outside the `Date` range. This is luxon's `fixOffset`, in
 * milliseconds.
 */
export function instantOfWallClock(wallMs: number, guessOffsetMs: number, zone: string): [epochMs: number, offsetMs: number] {
  let utcGuess = wallMs - guessOffsetMs;
  const o2 = zoneOffsetMs(utcGuess, zone);
  if (guessOffsetMs === o2) return [utcGuess, guessOffsetMs];
  utcGuess -= o2 - guessOffsetMs;
  const o3 = zoneOffsetMs(utcGuess, zone);
  if (o2 === o3) return [utcGuess, o2];
  return [wallMs - Math.min(o2, o3), Math.max(o2, o3)];
}
