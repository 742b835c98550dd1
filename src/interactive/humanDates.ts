/**
 * Dates in words, for people reading explanations: `2016-06-24` → "24 June 2016", an instant →
 * "20 November 2020, 16:34 UTC". Formatting is luxon's (English month names, whatever the machine's locale).
 */
import { DateTime } from 'luxon';

/** A local day `YYYY-MM-DD` as "24 June 2016"; the text itself when it is not a valid day. Never throws. */
export function dayInWords(day: string): string {
  const dt = DateTime.fromISO(day, { zone: 'UTC', locale: 'en-GB' });
  return dt.isValid ? dt.toFormat('d MMMM yyyy') : day;
}

/**
 * A UTC instant (an ISO-8601 string, or epoch milliseconds) as "20 November 2020, 16:34 UTC" (seconds and
 * milliseconds shown only when not zero); with `timeZone` (an IANA name), the local time follows:
 * "20 November 2020, 16:34 UTC (11:34 America/New_York)". The input text when it is not a valid instant. Never throws.
 */
export function instantInWords(instant: string | number, timeZone?: string | null): string {
  const dt = typeof instant === 'number' ? DateTime.fromMillis(instant, { zone: 'UTC', locale: 'en-GB' }) : DateTime.fromISO(instant, { zone: 'UTC', locale: 'en-GB' });
  if (!dt.isValid) return String(instant);
  const clock = (d: DateTime) => d.toFormat(d.millisecond ? 'HH:mm:ss.SSS' : d.second ? 'HH:mm:ss' : 'HH:mm');
  let text = `${dt.toFormat('d MMMM yyyy')}, ${clock(dt)} UTC`;
  if (timeZone && timeZone !== 'UTC') {
    const local = dt.setZone(timeZone);
    if (local.isValid) {
      const sameDay = local.toISODate() === dt.toISODate();
      text += ` (${sameDay ? '' : `${local.toFormat('d MMMM')}, `}${clock(local)} ${timeZone})`;
    }
  }
  return text;
}
