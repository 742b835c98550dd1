/**
 * Dates and time zones: parsing date values from queries, resolving relative dates against a clock in a time zone,
 * and day arithmetic. See each module for shapes and units.
 *
 * ## Decision: no date library at run time; the zone math is ./zone.ts on `Intl.DateTimeFormat` (2025, issue #10)
 *
 * What the package needs from a date library is small: day validity and day arithmetic (pure arithmetic, in
 * ./calendar.ts, required to be library-free: luxon cost ~1.4 µs per date on the compile hot path), fixed-offset
 * instants (arithmetic, ./instant.ts), English date words (string building, src/interactive/humanDates.ts), and three
 * pieces of zone math: a zone's offset at an instant, the instant of a wall-clock time (DST gaps moved forward), and
 * zone validity. Measured on the browser bundle of `compile` (esbuild, minify, platform browser, gzip -9) and on Node 20
 * (a shared 2-core machine under load: before and after were run back to back; ratios matter more than absolutes):
 *
 * | option | adds to the bundle (gzip) | `now-7d/d` in New York, per call | fidelity to the previous (luxon) results |
 * | --- | --- | --- | --- |
 * | luxon 3.7 (before) | 21.5 KiB (69.5 KiB min; not tree-shakable) | 79 µs | — |
 * | date-fns 4.4 + @date-fns/tz 1.5 | 2.2 KiB (TZDate, add*, startOf*) | 29 µs | differs: see below |
 * | ./zone.ts on Intl (chosen) | ~1 KiB | 5.1 µs | equal (property tests) |
 *
 * Whole `compile` bundle: 422.6 → 352.4 KiB min, 128.9 → 108.4 KiB gzip (src/dates with the zone list: 16.4 KiB
 * min). Per call: the day check (`2024-02-30`) 2.4 → 0.15 µs; an ISO instant with an offset 10.5 → 0.95 µs;
 * `now-1M/w+2h` in Lord Howe 121 → 7.4 µs; `compile('customer_updated_at>=2024-01-15')` 13.0 → 9.6 µs;
 * `compile('tz:America/New_York customer_updated_at>=now-7d/d')` 50.6 → 14.8 µs. Cold, in a new process (median of
 * 11, two rounds): import 51-59 → 46-47 ms; first compile with a date 36-43 → 17-24 ms; then the first relative date
 * in a zone 6-9 → 11-15 ms (creating the zone's first `Intl.DateTimeFormat` loads ICU's zone data, which luxon paid
 * earlier); all three together ~100 → ~85 ms.
 *
 * The project's rule is that outside the language a well-kept library beats our own code, unless ours is truly tiny
 * and the library costs significantly more. On size alone date-fns + @date-fns/tz would have been the choice (1.2
 * KiB more than ours is not significant). It lost on behaviour, which the zone math is all about:
 * - @date-fns/tz 1.5 `tzOffset` returns the wrong sign for offsets between -01:00 and 00:00 (Africa/Monrovia
 *   -00:44:30 until 1972 gives +44.5 minutes; Europe/Dublin's local mean time likewise);
 * - date-fns `startOfYear` on a TZDate in Asia/Kathmandu for 1986 (where local midnight of January 1st does not exist:
 *   +05:30 → +05:45) returns an instant on December 31st 1985, i.e. a day of the previous year;
 * - before ~1900 its minute-precision offsets disagree with the tz data's local mean time (which has seconds);
 * - over 20,000 random date-math expressions it disagreed with luxon in 1 case in 1960-2110 and ~670 with longer
 *   steps; keeping today's results exactly would mean wrapping it in the same fix-ups we would write anyway.
 * ./zone.ts is ~90 lines: luxon's own two algorithms (`IANAZone.offset`, `fixOffset`) over Intl, which is also
 * what @date-fns/tz does internally. test/dates/zone.test.ts checks it equals luxon (kept as a devDependency for
 * these tests only) for random instants 1970-2100 and near every offset change 1985-2045 in DST-heavy zones
 * (New York, London, Lord Howe, Kathmandu, Apia, Sao Paulo, Casablanca, Santiago, Chatham, Monrovia…).
 *
 * Nothing reads the machine's local zone: every function takes the zone by name (tested by changing TZ).
 * The IANA zone list (./zoneNames.ts) stays in the core: Intl cannot restore a name's spelling the same way on every
 * engine (`Intl.supportedValuesOf('timeZone')` lists each engine's canonical names, mostly without links such as
 * `US/Eastern`), and completion offers it. It is stored by area: 8.9 → 5.7 KiB min (3.4 → 3.2 KiB gzip).
 */
export {
  resolveTimeZone,
  maxTimeZoneLength,
  timeZoneHint,
  wallClockOffset,
  zoneAbbreviations,
  fixedOffsetZones,
  type TimeZoneResult,
} from './timeZone.js';
export { resolveClock, type ClockResult } from './clock.js';
export {
  parseDateValue,
  expectedDateMessage,
  type DateValue,
  type DateError,
  type DateContext,
} from './dateValue.js';
export { addDays, isValidDay, formatDay, calendarDateProblem, minYear, maxYear } from './calendar.js';
export { parseInstant, type InstantParse } from './instant.js';
export {
  isRelativeDateSyntax,
  resolveRelativeDate,
  maxAmountDigits,
  maxRelativeLength,
  type DateMathUnit,
  type RelativeResult,
} from './relative.js';
export { ianaZoneNames } from './zoneNames.js';
