/**
 * Relative dates: Elasticsearch-style date math (`now-7d`, `now-1M/d`, `now/w`, `now-1d+2h/h`), the words `today`,
 * `yesterday` and `tomorrow`, and the shorthand `-7d` / `+2w` (= `now-7d`, `now+2w`).
 *
 * Kustomer has no syntax for relative dates, so they are resolved when compiling, against a clock and in a time
 * zone (the zone math is in zone.ts, on Intl; the results equal luxon 3's, which earlier versions used):
 * - `y`, `M`, `w`, `d` are calendar units in the time zone: `now-1d` is the same wall-clock time on the previous local
 *   day, which is 23 or 25 hours earlier across a DST change; `now-1M` on March 31 is the last day of February.
 *   When the wall-clock time does not exist on the target day (a DST gap), it moves forward by the gap; when it
 *   exists twice (clocks going back), the one with the offset the time had before the step is kept where possible.
 * - `h`, `m`, `s` are exact durations: `now-1h` is 3,600,000 ms before now.
 * - `/u` rounds down to the start of the unit in the time zone; `/w` is the ISO week, starting on Monday.
 */
import { civilFromDays, daysFromCivil, daysInMonth, formatDay, isoWeekday, maxYear, minYear } from './calendar.js';
import { isValidZoneName } from './timeZone.js';
import { instantOfWallClock, maxEpochMs, msPerDay, zoneOffsetMs } from './zone.js';

/** A unit of date math. Case-sensitive: `M` is a month, `m` a minute. */
export type DateMathUnit = 'y' | 'M' | 'w' | 'd' | 'h' | 'm' | 's';

/** The most digits an amount may have (`now-999999d`), so that amounts stay small exact integers. */
export const maxAmountDigits = 6;

/** The longest relative date accepted, in UTF-16 code units. */
export const maxRelativeLength = 128;

/** The units, for recognising them (`word in unitNames`). */
const unitNames: Record<DateMathUnit, string> = {
  y: 'year',
  M: 'month',
  w: 'week',
  d: 'day',
  h: 'hour',
  m: 'minute',
  s: 'second',
};

/** The exact durations, in milliseconds. */
const unitMs: Partial<Record<DateMathUnit, number>> = { h: 3_600_000, m: 60_000, s: 1_000 };

const dayOrLonger: ReadonlySet<DateMathUnit> = new Set<DateMathUnit>(['y', 'M', 'w', 'd']);

/** The help shown with unit mistakes. */
export const unitHelp =
  'Units are one case-sensitive letter: y (years), M (months), w (weeks), d (days), h (hours), m (minutes), s (seconds).';

/** Likely meanings of unknown units. */
const unitHints: Record<string, string> = {
  Y: 'y',
  W: 'w',
  D: 'd',
  H: 'h',
  S: 's',
  mo: 'M',
  mon: 'M',
  min: 'm',
  sec: 's',
  hr: 'h',
  wk: 'w',
  yr: 'y',
};
const unitWords: Record<string, DateMathUnit> = {
  year: 'y',
  month: 'M',
  week: 'w',
  day: 'd',
  hour: 'h',
  minute: 'm',
  second: 's',
};

/** One step of date math. */
type Step =
  | { readonly op: 'add'; readonly amount: number; readonly unit: DateMathUnit }
  | { readonly op: 'round'; readonly unit: DateMathUnit };

/**
 * A resolved relative date:
 * - `day`: the expression ends rounded to a day or longer, so it names a local calendar day (`YYYY-MM-DD`) in the zone;
 * - `instant`: `epochMs` is a UTC instant in epoch milliseconds;
 * - `error`: `message` reads after "Invalid date 'x': ", `help` says how to fix it.
 */
export type RelativeResult =
  | { readonly kind: 'day'; readonly day: string }
  | { readonly kind: 'instant'; readonly epochMs: number }
  | { readonly kind: 'error'; readonly message: string; readonly help?: string };

const anchorWord = /^(now|today|yesterday|tomorrow)(?![A-Za-z])/i;

/**
 * True when `text` looks like an attempt at a relative date, so that an error about it as a relative date is the
 * relevant one: it starts with `now` (any case), is `today`, `yesterday` or `tomorrow` (any case, possibly followed
 * by date math such as `today-7d`), or starts with a sign and a digit (`-7d`, `+2w`). Never throws.
 */
export function isRelativeDateSyntax(text: string): boolean {
  if (typeof text !== 'string') return false;
  return /^now/i.test(text) || /^(today|yesterday|tomorrow)(?:$|[+\-/])/i.test(text) || /^[+-]\d/.test(text);
}

/**
 * Resolves a relative date, or returns `undefined` when `text` is not shaped like one (see
 * {@link isRelativeDateSyntax}).
 *
 * - `text`: `now`, `today`, `yesterday`, `tomorrow` (anchors in any case), or `-N<u>` / `+N<u>`, followed by any
 *   number of steps `+N<u>`, `-N<u>` (N has 1-6 digits) and `/<u>`, for units `u` in `y M w d h m s`.
 *   `today` = `now/d`, `yesterday` = `now-1d/d`, `tomorrow` = `now+1d/d`.
 * - `nowMs`: the clock, in epoch milliseconds; `timeZone`: an IANA zone name, the zone of calendar units and rounding.
 * - The result is a `day` when the last step that is not a `y M w d` addition is a rounding to `d`, `w`, `M` or `y`
 *   (or the anchor is `today`, `yesterday` or `tomorrow`): `now-1M/d`, `now/w`, `today`, `now/d-7d`. Any `h`, `m`
 *   or `s` step after it makes it an `instant` (`now/d+2h`).
 * - Results outside years 0000-9999 (in the zone for days, in UTC for instants) are errors. Never throws.
 */
export function resolveRelativeDate(text: string, nowMs: number, timeZone: string): RelativeResult | undefined {
  if (!isRelativeDateSyntax(text)) return undefined;
  if (text.length > maxRelativeLength) {
    return { kind: 'error', message: `the relative date is longer than ${maxRelativeLength} characters` };
  }
  const parsed = parseSteps(text);
  if ('message' in parsed) return { kind: 'error', ...parsed };
  if (typeof nowMs !== 'number' || !Number.isFinite(nowMs)) return { kind: 'error', message: 'the clock is not a valid time' };
  // Only IANA names (resolveTimeZone's), never `local` or an offset: nothing reads the machine's zone.
  if (typeof timeZone !== 'string' || !isValidZoneName(timeZone)) {
    return { kind: 'error', message: `the time zone '${String(timeZone)}' is unknown` };
  }
  let point: ZonedTime | undefined = { epochMs: nowMs, offsetMs: zoneOffsetMs(nowMs, timeZone) };
  let isDay = parsed.startsAsDay;
  for (const step of parsed.steps) {
    if (!isInRange(point)) return outOfRange;
    if (step.op === 'add') {
      point = addUnits(point, step.amount, step.unit, timeZone);
      if (!dayOrLonger.has(step.unit)) isDay = false;
    } else {
      point = startOfUnit(point, step.unit, timeZone);
      isDay = dayOrLonger.has(step.unit);
    }
  }
  if (!isInRange(point)) return outOfRange;
  if (isDay) {
    const local = civilFromDays(Math.floor((point.epochMs + point.offsetMs) / msPerDay));
    if (local.year < minYear || local.year > maxYear) return outOfRange;
    return { kind: 'day', day: formatDay(local.year, local.month, local.day) };
  }
  const year = civilFromDays(Math.floor(point.epochMs / msPerDay)).year;
  if (year < minYear || year > maxYear) return outOfRange;
  return { kind: 'instant', epochMs: point.epochMs };
}

/** An instant and the zone's offset there, both in milliseconds (the wall clock reads `epochMs + offsetMs`). */
interface ZonedTime {
  readonly epochMs: number;
  readonly offsetMs: number;
}

/** Whether the instant and its wall clock are within the `Date` range (what luxon calls a valid DateTime). */
function isInRange(t: ZonedTime | undefined): t is ZonedTime {
  return t !== undefined && Math.abs(t.epochMs) <= maxEpochMs && Math.abs(t.epochMs + t.offsetMs) <= maxEpochMs;
}

/**
 * `t` plus `amount` units. `h`, `m`, `s` add exact milliseconds. `y`, `M`, `w`, `d` change the wall-clock date and
 * keep its time: years and months first (clamping the day to the target month's length: March 31 − 1M is the last
 * day of February), then days and weeks; the new wall-clock time is placed in the zone by `instantOfWallClock`,
 * guessing the offset `t` had. This is luxon's `DateTime.plus` (`adjustTime`).
 */
function addUnits(t: ZonedTime, amount: number, unit: DateMathUnit, zone: string): ZonedTime | undefined {
  const exact = unitMs[unit];
  if (exact !== undefined) {
    const epochMs = t.epochMs + amount * exact;
    return { epochMs, offsetMs: zoneOffsetMs(epochMs, zone) };
  }
  const wall = t.epochMs + t.offsetMs;
  const days = Math.floor(wall / msPerDay);
  const timeOfDay = wall - days * msPerDay;
  const date = civilFromDays(days);
  let year = date.year;
  let month = date.month;
  let day = date.day;
  if (unit === 'y') year += amount;
  else if (unit === 'M') {
    const months = year * 12 + (month - 1) + amount;
    year = Math.floor(months / 12);
    month = months - year * 12 + 1;
  }
  day = Math.min(day, daysInMonth(year, month)) + (unit === 'd' ? amount : unit === 'w' ? amount * 7 : 0);
  return placeWallClock(daysFromCivil(year, month, 1) + day - 1, timeOfDay, t.offsetMs, zone);
}

/**
 * `t` rounded down to the start of `unit` in the zone's wall clock: `s`, `m`, `h`, `d` zero the smaller fields, `w`
 * goes back to the Monday of the ISO week, `M` to the 1st, `y` to January 1st. The wall-clock start is placed in the
 * zone guessing the offset `t` had, so a start inside a DST gap moves forward by the gap (luxon's `startOf`).
 */
function startOfUnit(t: ZonedTime, unit: DateMathUnit, zone: string): ZonedTime | undefined {
  const wall = t.epochMs + t.offsetMs;
  const days = Math.floor(wall / msPerDay);
  const timeOfDay = wall - days * msPerDay;
  switch (unit) {
    case 's':
      return placeWallClock(days, timeOfDay - (timeOfDay % 1_000), t.offsetMs, zone);
    case 'm':
      return placeWallClock(days, timeOfDay - (timeOfDay % 60_000), t.offsetMs, zone);
    case 'h':
      return placeWallClock(days, timeOfDay - (timeOfDay % 3_600_000), t.offsetMs, zone);
    case 'd':
      return placeWallClock(days, 0, t.offsetMs, zone);
    case 'w':
      return placeWallClock(days - (isoWeekday(days) - 1), 0, t.offsetMs, zone);
    case 'M': {
      const { year, month } = civilFromDays(days);
      return placeWallClock(daysFromCivil(year, month, 1), 0, t.offsetMs, zone);
    }
    case 'y':
      return placeWallClock(daysFromCivil(civilFromDays(days).year, 1, 1), 0, t.offsetMs, zone);
  }
}

/**
 * The instant of wall-clock day number `days` at `timeOfDay` ms in the zone, or `undefined` when that wall-clock time
 * is beyond the `Date` range (where luxon's `Date.UTC` gives NaN).
 */
function placeWallClock(days: number, timeOfDay: number, guessOffsetMs: number, zone: string): ZonedTime | undefined {
  const wallMs = days * msPerDay + timeOfDay;
  if (!(Math.abs(wallMs) <= maxEpochMs)) return undefined;
  const [epochMs, offsetMs] = instantOfWallClock(wallMs, guessOffsetMs, zone);
  return { epochMs, offsetMs };
}

const outOfRange: RelativeResult = { kind: 'error', message: 'it falls outside the years 0000-9999' };

interface ParsedSteps {
  readonly steps: readonly Step[];
  readonly startsAsDay: boolean;
}

interface StepError {
  readonly message: string;
  readonly help?: string;
}

/** Parses the anchor and the steps. */
function parseSteps(text: string): ParsedSteps | StepError {
  const steps: Step[] = [];
  let i = 0;
  let startsAsDay = false;
  const anchor = anchorWord.exec(text);
  if (anchor !== null) {
    const word = anchor[1]!.toLowerCase();
    i = anchor[0].length;
    if (word === 'yesterday') steps.push({ op: 'add', amount: -1, unit: 'd' });
    if (word === 'tomorrow') steps.push({ op: 'add', amount: 1, unit: 'd' });
    if (word !== 'now') {
      steps.push({ op: 'round', unit: 'd' });
      startsAsDay = true;
    }
  } else if (!/^[+-]\d/.test(text)) {
    // Starts with `now` followed by letters (`nowish`) or `today` followed by something unexpected.
    const word = /^[A-Za-z]+/.exec(text)?.[0] ?? text.slice(0, 1);
    return {
      message: `'${word}' is not a relative date`,
      help: 'A relative date starts with now, today, yesterday or tomorrow, then optional steps such as -7d or /d: now-7d, today-1w.',
    };
  }
  while (i < text.length) {
    const c = text[i]!;
    if (c === '+' || c === '-') {
      const digits = /^\d*/.exec(text.slice(i + 1))![0];
      if (digits.length === 0) {
        return {
          message: `expected a number after '${c}'`,
          help: `Write an amount and a unit, such as ${c}1d or ${c}7d.`,
        };
      }
      if (digits.length > maxAmountDigits) {
        return { message: `the amount ${digits} is too large (at most ${maxAmountDigits} digits)` };
      }
      const unitAt = i + 1 + digits.length;
      const unit = readUnit(text, unitAt, `${c}${digits}`);
      if ('message' in unit) return unit;
      steps.push({ op: 'add', amount: (c === '-' ? -1 : 1) * Number(digits), unit: unit.unit });
      i = unit.end;
    } else if (c === '/') {
      const unit = readUnit(text, i + 1, '/');
      if ('message' in unit) return unit;
      steps.push({ op: 'round', unit: unit.unit });
      i = unit.end;
    } else {
      return {
        message: `unexpected '${String.fromCodePoint(text.codePointAt(i)!)}' after '${text.slice(0, i)}'`,
        help: 'After now, today or a step, write +N or -N with a unit (-7d) or / with a unit (/d), with no spaces.',
      };
    }
  }
  return { steps, startsAsDay };
}

/** Reads a unit at `at`, where `after` is the text it follows (for messages). */
function readUnit(text: string, at: number, after: string): { unit: DateMathUnit; end: number } | StepError {
  const word = /^[A-Za-z]*/.exec(text.slice(at, at + 16))![0];
  if (word.length === 0) return { message: `expected a unit after '${after}'`, help: unitHelp };
  if (word.length === 1 && word in unitNames) return { unit: word as DateMathUnit, end: at + 1 };
  const singular = word.toLowerCase().replace(/s$/, '');
  const hint = unitHints[word] ?? unitWords[singular] ?? (singular.length > 0 ? unitHints[singular] : undefined);
  return {
    message: `unknown unit '${word}'`,
    help: hint === undefined ? unitHelp : `${unitHelp} Did you mean ${after}${hint}?`,
  };
}
