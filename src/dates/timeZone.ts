/**
 * Time zone names: which strings are real IANA zones, and how they are spelled.
 */
import { instantOfWallClock, isZoneSupported, zoneOffsetMs } from './zone.js';
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
  for (const name of ianaZoneNames()) map.set(name.toLowerCase(), name);
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

/**
 * Common time zone abbreviations that are not IANA names, each with the IANA zones it usually means (best first)
 * and what it stands for. Abbreviations are ambiguous and not unique (IST is India, Ireland or Israel; CST is US
 * Central or China), so they are only hints after a name fails to resolve; the query must still name a zone.
 * EST, MST and HST are absent: they ARE IANA names, of fixed offsets ({@link fixedOffsetZones}). Meanings and zones:
 * the IANA tz database's own abbreviations for these zones (tzdata `northamerica`, `europe`, `asia`, `australasia`).
 */
export const zoneAbbreviations: ReadonlyMap<string, { readonly meaning: string; readonly zones: readonly string[] }> = new Map([
  ['Z', { meaning: 'UTC, the zero offset of ISO-8601', zones: ['UTC'] }],
  ['PST', { meaning: 'US Pacific time', zones: ['America/Los_Angeles'] }],
  ['PDT', { meaning: 'US Pacific time', zones: ['America/Los_Angeles'] }],
  ['PT', { meaning: 'US Pacific time', zones: ['America/Los_Angeles'] }],
  ['MDT', { meaning: 'US Mountain time', zones: ['America/Denver', 'America/Phoenix'] }],
  ['MT', { meaning: 'US Mountain time', zones: ['America/Denver', 'America/Phoenix'] }],
  ['CST', { meaning: 'US Central time (or China Standard Time)', zones: ['America/Chicago', 'Asia/Shanghai'] }],
  ['CDT', { meaning: 'US Central time', zones: ['America/Chicago'] }],
  ['CT', { meaning: 'US Central time', zones: ['America/Chicago'] }],
  ['EDT', { meaning: 'US Eastern time', zones: ['America/New_York'] }],
  ['ET', { meaning: 'US Eastern time', zones: ['America/New_York'] }],
  ['AKST', { meaning: 'Alaska time', zones: ['America/Anchorage'] }],
  ['AKDT', { meaning: 'Alaska time', zones: ['America/Anchorage'] }],
  ['HDT', { meaning: 'Hawaii-Aleutian daylight time', zones: ['America/Adak'] }],
  ['AST', { meaning: 'Atlantic time', zones: ['America/Halifax', 'America/Puerto_Rico'] }],
  ['ADT', { meaning: 'Atlantic time', zones: ['America/Halifax'] }],
  ['NST', { meaning: 'Newfoundland time', zones: ['America/St_Johns'] }],
  ['NDT', { meaning: 'Newfoundland time', zones: ['America/St_Johns'] }],
  ['BST', { meaning: 'British Summer Time', zones: ['Europe/London'] }],
  ['IST', { meaning: 'India, Irish or Israel Standard Time', zones: ['Asia/Kolkata', 'Europe/Dublin', 'Asia/Jerusalem'] }],
  ['CEST', { meaning: 'Central European Summer Time', zones: ['Europe/Paris', 'Europe/Berlin'] }],
  ['EEST', { meaning: 'Eastern European Summer Time', zones: ['Europe/Athens', 'Europe/Helsinki'] }],
  ['WEST', { meaning: 'Western European Summer Time', zones: ['Europe/Lisbon'] }],
  ['MSK', { meaning: 'Moscow time', zones: ['Europe/Moscow'] }],
  ['SAST', { meaning: 'South Africa Standard Time', zones: ['Africa/Johannesburg'] }],
  ['JST', { meaning: 'Japan Standard Time', zones: ['Asia/Tokyo'] }],
  ['KST', { meaning: 'Korea Standard Time', zones: ['Asia/Seoul'] }],
  ['HKT', { meaning: 'Hong Kong time', zones: ['Asia/Hong_Kong'] }],
  ['SGT', { meaning: 'Singapore time', zones: ['Asia/Singapore'] }],
  ['PHT', { meaning: 'Philippine time', zones: ['Asia/Manila'] }],
  ['WIB', { meaning: 'Western Indonesia time', zones: ['Asia/Jakarta'] }],
  ['AEST', { meaning: 'Australian Eastern time', zones: ['Australia/Sydney', 'Australia/Brisbane'] }],
  ['AEDT', { meaning: 'Australian Eastern daylight time', zones: ['Australia/Sydney'] }],
  ['ACST', { meaning: 'Australian Central time', zones: ['Australia/Adelaide', 'Australia/Darwin'] }],
  ['ACDT', { meaning: 'Australian Central daylight time', zones: ['Australia/Adelaide'] }],
  ['AWST', { meaning: 'Australian Western time', zones: ['Australia/Perth'] }],
  ['NZST', { meaning: 'New Zealand time', zones: ['Pacific/Auckland'] }],
  ['NZDT', { meaning: 'New Zealand time', zones: ['Pacific/Auckland'] }],
  ['BRT', { meaning: 'Brasília time', zones: ['America/Sao_Paulo'] }],
  ['ART', { meaning: 'Argentina time', zones: ['America/Argentina/Buenos_Aires'] }],
]);

/**
 * The IANA names that are fixed offsets although they read like a region's time: EST, MST and HST keep standard time
 * all year (no daylight saving time; since tzdata 2024b they are links to America/Panama, America/Phoenix and
 * Pacific/Honolulu — tz database NEWS, release 2024b). `offset`: their UTC offset; `instead`: the zone of the region
 * people usually mean, which does keep daylight saving time; `sameAs`: a region where the fixed offset is right.
 */
export const fixedOffsetZones: ReadonlyMap<string, { readonly offset: string; readonly region: string; readonly instead: string; readonly sameAs?: string }> =
  new Map([
    ['EST', { offset: '-05:00', region: 'US Eastern', instead: 'America/New_York' }],
    ['MST', { offset: '-07:00', region: 'US Mountain', instead: 'America/Denver', sameAs: 'America/Phoenix' }],
    ['HST', { offset: '-10:00', region: 'Aleutian Islands', instead: 'America/Adak', sameAs: 'Pacific/Honolulu' }],
  ]);

/** `name` lower-cased without `_`, `-` and spaces: `America/NewYork` and `america/new_york` read the same. */
function looseSpelling(name: string): string {
  return name.toLowerCase().replace(/[_\- ]/g, '');
}

/** Levenshtein distance between `a` and `b`, or `max + 1` as soon as it must exceed `max`. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      row.push(d);
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * What to suggest for a time zone name that did not resolve (see {@link resolveTimeZone}):
 * - `abbreviation`: `name` (in any case) is a common abbreviation ({@link zoneAbbreviations}): what it stands for;
 *   `suggestions` are its zones;
 * - a UTC offset (`GMT+1`, `+05:30`): no suggestions (none would mean the same);
 * - otherwise `suggestions` are the IANA names that read the same apart from letter case and `_` `-` spaces
 *   (`America/NewYork` → `America/New_York`), else those within a small edit distance of the loose spelling (at most
 *   2, and 1 for names of 6 characters or fewer), closest first, at most 3. Empty when nothing is close.
 * Never throws; cost is one pass over the zone list (only after a name failed).
 */
export function timeZoneHint(name: string): { readonly abbreviation?: string; readonly suggestions: readonly string[] } {
  if (typeof name !== 'string' || name.length === 0 || name.length > maxTimeZoneLength) return { suggestions: [] };
  const abbreviation = zoneAbbreviations.get(name.toUpperCase());
  if (abbreviation !== undefined) return { abbreviation: abbreviation.meaning, suggestions: abbreviation.zones };
  // A UTC offset (`GMT+1`, `UTC-04:00`, `+05:30`): no IANA name is spelled close to it in a way that means the same
  // (`GMT+1` is one edit from `GMT+0`, and POSIX's `Etc/GMT+1` means UTC−1), so nothing is suggested.
  if (/^(?:GMT|UTC)?\s*[+-]\s*\d/i.test(name)) return { suggestions: [] };
  const loose = looseSpelling(name);
  const names = [...new Set(spellingByLowerCase().values())];
  const same = names.filter((z) => looseSpelling(z) === loose);
  if (same.length > 0) return { suggestions: same.slice(0, 3) };
  const max = loose.length <= 6 ? 1 : 2;
  const scored: [string, number][] = [];
  for (const z of names) {
    const d = editDistance(loose, looseSpelling(z), max);
    if (d <= max) scored.push([z, d]);
  }
  scored.sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
  return { suggestions: scored.slice(0, 3).map(([z]) => z) };
}

/**
 * The UTC offset, as written after an ISO-8601 date-time (`-04:00`, `+05:30`; `Z` for zero), of `zone` when its wall
 * clock reads `day` (`YYYY-MM-DD`) at `hour`:`minute`. A wall-clock time that does not exist (a daylight saving
 * gap) gets the offset after the gap; one that exists twice, the earlier reading's (as {@link instantOfWallClock}).
 * `null` when the zone is unknown or the day is not a calendar date. Never throws.
 */
export function wallClockOffset(day: string, hour: number, minute: number, zone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (m === null) return null;
  const wallMs = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), hour, minute);
  if (!Number.isFinite(wallMs)) return null;
  const guess = zoneOffsetMs(wallMs, zone);
  if (Number.isNaN(guess)) return null;
  const [, offsetMs] = instantOfWallClock(wallMs, guess, zone);
  if (Number.isNaN(offsetMs)) return null;
  if (offsetMs === 0) return 'Z';
  const minutes = Math.round(Math.abs(offsetMs) / 60_000);
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${offsetMs < 0 ? '-' : '+'}${hh}:${mm}`;
}
