/**
 * Properties of date parsing, checked with fast-check. A failure report includes the seed and the counterexample;
 * rerun one with `FC_SEED=<seed> node --import tsx node_modules/uvu/bin.js test/dates properties`.
 *
 * Local dates and wall-clock times are checked against `Intl.DateTimeFormat`, independently of luxon.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { addDays, isValidDay } from '../../src/dates/calendar.js';
import { resolveClock } from '../../src/dates/clock.js';
import { parseDateValue, type DateValue } from '../../src/dates/dateValue.js';
import { isRelativeDateSyntax } from '../../src/dates/relative.js';
import { resolveTimeZone } from '../../src/dates/timeZone.js';

const seed = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);
/** 500 runs (or the seed in FC_SEED, to replay a failure); the report shows the seed, counterexample and error. */
const params: fc.Parameters<unknown> = {
  numRuns: 500,
  includeErrorInReport: true,
  ...(seed === undefined || !Number.isFinite(seed) ? {} : { seed }),
};

const zones = [
  'UTC',
  'America/New_York',
  'America/Los_Angeles',
  'America/St_Johns', // -03:30 / -02:30
  'America/Sao_Paulo',
  'America/Santiago', // DST starts at midnight
  'Europe/London',
  'Europe/Amsterdam',
  'Asia/Kolkata', // +05:30
  'Asia/Kathmandu', // +05:45
  'Asia/Tokyo',
  'Australia/Lord_Howe', // 30-minute DST
  'Pacific/Chatham', // +12:45 / +13:45
  'Pacific/Kiritimati', // +14, skipped 1994-12-31
  'Pacific/Pago_Pago', // -11
  'Pacific/Apia', // skipped 2011-12-30
  'Africa/Casablanca',
];
const zone = fc.constantFrom(...zones);
/** Instants from 1900 to 2200, in epoch ms (local mean time offsets with seconds, and zones' future rules, included). */
const instant = fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) });

const formats = new Map<string, Intl.DateTimeFormat>();
/** The local date (`YYYY-MM-DD`) and time (`HH:mm:ss`) of `ms` in `timeZone`, by Intl. */
function wall(ms: number, timeZone: string): { date: string; time: string } {
  let f = formats.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return {
    date: `${parts.year!.padStart(4, '0')}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}:${parts.second}`,
  };
}

function valueOf(text: string, nowMs: number, timeZone: string): DateValue {
  const result = parseDateValue(text, { nowMs, timeZone });
  if (result.kind === 'error') throw new Error(`${text} at ${new Date(nowMs).toISOString()} in ${timeZone}: ${result.message}`);
  return result;
}

test('(a) now/d is the local date of now (Intl), and today === now/d', () => {
  fc.assert(
    fc.property(instant, zone, (nowMs, timeZone) => {
      const day = valueOf('now/d', nowMs, timeZone);
      assert.equal(day, { kind: 'day', day: wall(nowMs, timeZone).date, relative: 'now/d' });
      const today = valueOf('today', nowMs, timeZone);
      assert.equal({ ...today, relative: 'now/d' }, day);
    }),
    params,
  );
});

test('(a) yesterday and tomorrow are the neighbouring local dates', () => {
  fc.assert(
    fc.property(instant, zone, (nowMs, timeZone) => {
      const today = valueOf('today', nowMs, timeZone);
      if (today.kind !== 'day') throw new Error('today is not a day');
      assert.equal(valueOf('yesterday', nowMs, timeZone), { kind: 'day', day: addDays(today.day, -1), relative: 'yesterday' });
      assert.equal(valueOf('tomorrow', nowMs, timeZone), { kind: 'day', day: addDays(today.day, 1), relative: 'tomorrow' });
    }),
    params,
  );
});

const unit = fc.constantFrom('y', 'M', 'w', 'd', 'h', 'm', 's');
const step = fc.oneof(
  fc.tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 1000 }), unit).map(([s, n, u]) => `${s}${n}${u}`),
  unit.map((u) => `/${u}`),
);
const dayRounding = fc.constantFrom('d', 'w', 'M', 'y');

test('(b) day-rounded results are valid days; /w is a Monday, /M the 1st, /y January 1st', () => {
  fc.assert(
    fc.property(
      instant,
      zone,
      fc.constantFrom('now', 'today', 'yesterday', 'tomorrow'),
      fc.array(step, { maxLength: 4 }),
      dayRounding,
      (nowMs, timeZone, anchor, steps, round) => {
        const text = `${anchor}${steps.join('')}/${round}`;
        const result = parseDateValue(text, { nowMs, timeZone });
        if (result.kind === 'error') {
          assert.is(result.message, 'it falls outside the years 0000-9999');
          return;
        }
        assert.is(result.kind, 'day');
        if (result.kind !== 'day') return;
        assert.match(result.day, /^\d{4}-\d{2}-\d{2}$/);
        assert.ok(isValidDay(result.day), result.day);
        assert.is(result.relative, text);
        const [y, m, d] = result.day.split('-').map(Number) as [number, number, number];
        const weekday = new Date(0);
        weekday.setUTCFullYear(y, m - 1, d);
        if (round === 'w') assert.is(weekday.getUTCDay(), 1, `${result.day} is not a Monday`);
        if (round === 'M') assert.is(d, 1);
        if (round === 'y') assert.ok(m === 1 && d === 1);
      },
    ),
    params,
  );
});

test('(b) whole-day steps after a day rounding keep a day; an h, m or s step makes an instant', () => {
  fc.assert(
    fc.property(instant, zone, fc.integer({ min: -1000, max: 1000 }), fc.constantFrom('y', 'M', 'w', 'd', 'h', 'm', 's'), (nowMs, timeZone, n, u) => {
      const text = `now/d${n < 0 ? '-' : '+'}${Math.abs(n)}${u}`;
      const result = valueOf(text, nowMs, timeZone);
      assert.is(result.kind, ['h', 'm', 's'].includes(u) ? 'instant' : 'day');
    }),
    params,
  );
});

const day = fc
  .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }))
  .map(([y, m, d]) => {
    const last = new Date(0);
    last.setUTCFullYear(y, m, 0); // day 0 of the next month: the last day of month m
    return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, last.getUTCDate())).padStart(2, '0')}`;
  });

test('(c) addDays(addDays(d, n), -n) === d', () => {
  fc.assert(
    fc.property(day, fc.integer({ min: -4_000_000, max: 4_000_000 }), (d, n) => {
      assert.ok(isValidDay(d), d);
      assert.is(addDays(addDays(d, n), -n), d);
    }),
    params,
  );
});

test('(c) addDays agrees with Date arithmetic', () => {
  fc.assert(
    fc.property(day, fc.integer({ min: -100_000, max: 100_000 }), (d, n) => {
      const [y, m, dd] = d.split('-').map(Number) as [number, number, number];
      const t = new Date(0);
      t.setUTCFullYear(y, m - 1, dd + n);
      const year = t.getUTCFullYear();
      if (year < 0 || year > 9999) return;
      const expected = `${String(year).padStart(4, '0')}-${String(t.getUTCMonth() + 1).padStart(2, '0')}-${String(t.getUTCDate()).padStart(2, '0')}`;
      assert.is(addDays(d, n), expected);
    }),
    params,
  );
});

/** Strings built from pieces of date syntax, to reach deep into the parsers. */
const dateish = fc
  .array(
    fc.oneof(
      fc.constantFrom('now', 'today', 'yesterday', 'tomorrow', 'NOW', '-', '+', '/', ':', 'T', 'Z', 'z', ' ', '.', ','),
      fc.constantFrom('y', 'M', 'w', 'd', 'h', 'm', 's', 'D', 'H', 'days', 'min'),
      fc.constantFrom('2020-11-20', '2016-02-30', '0000-01-01', '9999-12-31', '16:34', '16:34:00', '.000', '+02:00', '-0500'),
      fc.integer({ min: 0, max: 9_999_999 }).map(String),
      fc.constantFrom('999999', '1234567', '00', '60', '24', '13'),
      fc.string({ maxLength: 3 }),
    ),
    { maxLength: 10 },
  )
  .map((parts) => parts.join(''));

function checkShape(result: ReturnType<typeof parseDateValue>): void {
  switch (result.kind) {
    case 'day':
      assert.match(result.day, /^\d{4}-\d{2}-\d{2}$/);
      assert.ok(isValidDay(result.day));
      break;
    case 'instant':
      assert.match(result.iso, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      assert.is(new Date(result.iso).toISOString(), result.iso);
      break;
    case 'error':
      assert.type(result.message, 'string');
      assert.ok(result.message.length > 0 && !result.message.includes('\n') && !result.message.endsWith('.'));
      if (result.help !== undefined) assert.ok(result.help.length > 0);
      break;
    default:
      assert.unreachable(`unexpected result ${JSON.stringify(result)}`);
  }
}

for (const [name, text] of [
  ['fc.string()', fc.string()],
  ["fc.string({ unit: 'binary' }) (full Unicode)", fc.string({ unit: 'binary' })],
  ["fc.string({ unit: 'grapheme' })", fc.string({ unit: 'grapheme' })],
  ['date-like strings', dateish],
] as const) {
  test(`(d) parseDateValue never throws on ${name}; instants end with Z, days are valid`, () => {
    fc.assert(
      fc.property(text, instant, zone, (t, nowMs, timeZone) => {
        checkShape(parseDateValue(t, { nowMs, timeZone }));
        isRelativeDateSyntax(t);
        resolveTimeZone(t);
        resolveClock(t);
      }),
      params,
    );
  });
}

test('(e) now-Nd keeps the local wall-clock time N calendar days earlier (unless it falls in a DST gap)', () => {
  fc.assert(
    fc.property(instant, zone, fc.integer({ min: 0, max: 3650 }), (nowMs, timeZone, n) => {
      const result = valueOf(`now-${n}d`, nowMs, timeZone);
      if (result.kind !== 'instant') throw new Error('not an instant');
      const resultMs = Date.parse(result.iso);
      assert.is(((resultMs % 1000) + 1000) % 1000, ((nowMs % 1000) + 1000) % 1000, 'milliseconds are kept');
      const before = wall(nowMs, timeZone);
      const target = new Date(Date.parse(`${before.date}T${before.time}Z`) - n * 86_400_000).toISOString();
      const after = wall(resultMs, timeZone);
      const got = `${after.date}T${after.time}`;
      if (got === target.slice(0, 19)) return;
      // The target wall-clock time does not exist in the zone: no instant within a day of the result shows it.
      const targetLocal = Date.parse(target);
      for (let offsetMin = -26 * 60; offsetMin <= 26 * 60; offsetMin += 15) {
        const candidate = targetLocal - offsetMin * 60_000;
        const w = wall(candidate, timeZone);
        assert.is.not(`${w.date}T${w.time}`, target.slice(0, 19), `${target} exists in ${timeZone} but got ${got}`);
      }
      // …and the result is the first time after the gap: later than the target by less than a day.
      assert.ok(got > target.slice(0, 19));
    }),
    params,
  );
});

test('(e) now-Nd is exactly N × 86,400,000 ms earlier in zones without DST', () => {
  fc.assert(
    fc.property(instant, fc.constantFrom('UTC', 'Etc/GMT+5', 'Etc/GMT-14'), fc.integer({ min: 0, max: 36500 }), (nowMs, timeZone, n) => {
      assert.equal(valueOf(`now-${n}d`, nowMs, timeZone), {
        kind: 'instant',
        iso: new Date(nowMs - n * 86_400_000).toISOString(),
        relative: `now-${n}d`,
      });
    }),
    params,
  );
});

test('(e) h, m and s are exact durations in every zone', () => {
  fc.assert(
    fc.property(
      instant,
      zone,
      fc.integer({ min: -999_999, max: 999_999 }),
      fc.constantFrom(['h', 3_600_000], ['m', 60_000], ['s', 1_000]) as fc.Arbitrary<[string, number]>,
      (nowMs, timeZone, n, [u, ms]) => {
        const text = `now${n < 0 ? '-' : '+'}${Math.abs(n)}${u}`;
        assert.equal(valueOf(text, nowMs, timeZone), {
          kind: 'instant',
          iso: new Date(nowMs + n * ms).toISOString(),
          relative: text,
        });
      },
    ),
    params,
  );
});

test('(e) -Nd is now-Nd', () => {
  fc.assert(
    fc.property(instant, zone, fc.integer({ min: 0, max: 999_999 }), fc.constantFrom('y', 'M', 'w', 'd', 'h', 'm', 's'), (nowMs, timeZone, n, u) => {
      const long = parseDateValue(`now-${n}${u}`, { nowMs, timeZone });
      const short = parseDateValue(`-${n}${u}`, { nowMs, timeZone });
      assert.equal(
        short.kind === 'error' ? short : { ...short, relative: 'x' },
        long.kind === 'error' ? long : { ...long, relative: 'x' },
      );
    }),
    params,
  );
});

test('resolveTimeZone accepts every supported zone in any case, returning a spelling Intl accepts', () => {
  fc.assert(
    fc.property(fc.constantFrom(...Intl.supportedValuesOf('timeZone')), fc.boolean(), (name, upper) => {
      const typed = upper ? name.toUpperCase() : name.toLowerCase();
      const result = resolveTimeZone(typed);
      assert.equal(result, { ok: true, zone: name });
    }),
    params,
  );
});

test.run();
