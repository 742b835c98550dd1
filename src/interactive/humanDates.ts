/**
 * Dates in words, for people reading explanations: `2016-06-24` → "24 June 2016", an instant →
 * "20 November 2020, 16:34 UTC". English month names whatever the machine's locale; no date library (the local time
 * in a zone comes from src/dates/zone.ts, on Intl).
 */
import { calendarDateProblem } from '../dates/calendar.js';
import { recordInstant } from '../dates/stored.js';
import { isZoneSupported, wallClockFields, zoneOffsetMs, type WallClock } from '../dates/zone.js';

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const dayShape = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A local day `YYYY-MM-DD` as "24 June 2016"; the text itself when it is not a valid day. Never throws. */
export function dayInWords(day: string): string {
  const m = typeof day === 'string' ? dayShape.exec(day) : null;
  if (m === null || calendarDateProblem(Number(m[1]), Number(m[2]), Number(m[3])) !== undefined) return day;
  return `${Number(m[3])} ${monthNames[Number(m[2]) - 1]} ${m[1]}`;
}

/**
 * A UTC instant (an ISO-8601 string, read as UTC when it has no offset — see `recordInstant` —, or epoch milliseconds) as "20 November 2020, 16:34 UTC"
 * (seconds and milliseconds shown only when not zero); with `timeZone` (an IANA name), the local time follows:
 * "20 November 2020, 16:34 UTC (11:34 America/New_York)", with the local date when it differs. Years outside
 * 0000-9999 are not instants here. The input text when it is not a valid instant. Never throws.
 */
export function instantInWords(instant: string | number, timeZone?: string | null): string {
  let ms: number;
  if (typeof instant === 'number') ms = instant;
  else {
    const parsed = recordInstant(String(instant));
    if (parsed === undefined) return String(instant);
    ms = parsed;
  }
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return String(instant);
  const utc = wallClockFields(ms);
  let text = `${utc.day} ${monthNames[utc.month - 1]} ${formatYear(utc.year)}, ${clock(utc)} UTC`;
  if (timeZone && timeZone !== 'UTC' && isZoneSupported(timeZone)) {
    const offset = zoneOffsetMs(ms, timeZone);
    if (Number.isFinite(offset)) {
      const local = wallClockFields(ms + offset);
      const sameDay = local.year === utc.year && local.month === utc.month && local.day === utc.day;
      text += ` (${sameDay ? '' : `${local.day} ${monthNames[local.month - 1]}, `}${clock(local)} ${timeZone})`;
    }
  }
  return text;
}

/** `HH:mm`, `HH:mm:ss` when the seconds are not zero, `HH:mm:ss.SSS` when the milliseconds are not. */
function clock(t: WallClock): string {
  const hm = `${pad(t.hour, 2)}:${pad(t.minute, 2)}`;
  if (t.millisecond) return `${hm}:${pad(t.second, 2)}.${pad(t.millisecond, 3)}`;
  return t.second ? `${hm}:${pad(t.second, 2)}` : hm;
}

/** Years as luxon's `yyyy` wrote them: at least four digits, a minus sign before negative ones. */
function formatYear(year: number): string {
  return year < 0 ? `-${pad(-year, 4)}` : pad(year, 4);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
