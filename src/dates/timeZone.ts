/**
 * Time zone names: which strings are real IANA zones, and how they are spelled.
 */
import { isZoneSupported } from './zone.js';
import { ianaZoneNames } from './zoneNames.js';

/** The longest time zone name considered, in UTF-16 code units. The longest IANA name has 32 characters. */
export const maxTimeZoneLength = 64;

/**
 * The result of {@link resolveTimeZone}:
 * - `{ ok: true, zone }`: `zone` is the IANA name with its exact IANA spelling (`America/New_York`);
 * - `{ ok: false }`: not a time zone this runtime knows by an IANA name.
 */
export type TimeZoneResult = { readonly ok: true; readonly zone: string } | { readonly ok: false };

/** Zone names and spellings, lower-cased → IANA spelling. Built on first use. */
let spellings: Map<string, string> | undefined;

function spellingByLowerCase(): Map<string, string> {
  if (spellings !== undefined) return spellings;
  const map = new Map<string, string>();
  for (const name of ianaZoneNames) map.set(name.toLowerCase(), name);
  // Zones added to the runtime's tz data after the list above was generated.
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf;
  if (typeof supported === 'function') {
    try {
      for (const name of supported('timeZone')) if (!map.has(name.toLowerCase())) map.set(name.toLowerCase(), name);
    } catch {
      // An old runtime without the `timeZone` key: the built-in list is enough.
    }
  }
  spellings = map;
  return map;
}

/** A name's possible shape: ASCII letters, digits, `_`, `-` and `+`, in `/`-separated parts, starting with a letter. */
const zoneShape = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;

/**
 * Resolves an IANA time zone name, in any letter case, to its exact IANA spelling.
 *
 * - `name`: e.g. `america/new_york`, `UTC`, `gmt`, `Etc/GMT+5`, `US/Eastern`.
 * - Returns `{ ok: true, zone }` with the IANA spelling of the same name (`America/New_York`, `UTC`, `GMT`,
 *   `Etc/GMT+5`, `US/Eastern`). Links (aliases) keep their own name: `US/Eastern` is not replaced by
 *   `America/New_York`, so a caller can warn about a spelling without changing the name the user chose.
 * - Returns `{ ok: false }` for anything else: the empty string, names longer than {@link maxTimeZoneLength}, fixed
 *   offsets (`+02:00`, `UTC+2`), abbreviations that are not IANA names (`PDT`), and names the runtime's Intl cannot
 *   compute with. Never throws; cost is bounded by the length cap.
 */
export function resolveTimeZone(name: string): TimeZoneResult {
  if (typeof name !== 'string' || name.length === 0 || name.length > maxTimeZoneLength) return { ok: false };
  if (!zoneShape.test(name)) return { ok: false };
  const zone = spellingByLowerCase().get(name.toLowerCase());
  if (zone === undefined || !isValidZoneName(zone)) return { ok: false };
  return { ok: true, zone };
}

/**
 * True when the runtime's Intl can compute with the zone `name` (see `isZoneSupported` in zone.ts, which remembers
 * the answer per name: creating an `Intl.DateTimeFormat` per call grew a 20,000-query `kq translate` by ~885 MB of
 * native memory when luxon did it). Never throws.
 */
export function isValidZoneName(name: string): boolean {
  return isZoneSupported(name);
}
