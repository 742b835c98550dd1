/**
 * The evaluator's dates (src/evaluate/dates.ts): reading record values, and where local days start and end. The
 * properties check against independent sources: `Date` for instants, `Intl.DateTimeFormat` for local days.
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { civilFromDays, daysFromCivil } from '../../src/dates/calendar.js';
import { endStoredMs, localDayBounds, minStoredMs, recordInstant } from '../../src/dates/stored.js';
import { fcOptions } from '../helpers/fc.js';

const stored = fc.integer({ min: minStoredMs, max: endStoredMs - 1 });

test('recordInstant(toISOString()) is the instant, for every storable instant', () => {
  fc.assert(
    fc.property(stored, (ms) => {
      const iso = new Date(ms).toISOString();
      assert.is(recordInstant(iso), ms, iso);
      assert.is(recordInstant(iso.replace(/\.\d{3}Z$/, 'Z')), ms - (ms % 1000 + 1000) % 1000, iso);
    }),
    fcOptions(1000),
  );
});

test('recordInstant reads offsets: the same instant written in any zone (luxon toISO)', () => {
  const zones = ['America/New_York', 'Asia/Kolkata', 'Asia/Kathmandu', 'Pacific/Kiritimati', 'America/St_Johns', 'UTC'];
  fc.assert(
    fc.property(// From 1972: before, some zones' offsets had seconds (local mean time), which ISO offsets cannot write.
    fc.integer({ min: Date.UTC(1972, 0, 1), max: Date.UTC(2100, 0, 1) }), fc.constantFrom(...zones), (ms, zone) => {
      const written = DateTime.fromMillis(ms, { zone }).toISO()!;
      assert.is(recordInstant(written), ms, written);
    }),
    fcOptions(500),
  );
});

const readings: [value: unknown, expected: number | undefined][] = [
  ['2024-01-01', Date.UTC(2024, 0, 1)],
  ['2024-01-01T10:00', Date.UTC(2024, 0, 1, 10)],
  ['2024-01-01T10:00:00', Date.UTC(2024, 0, 1, 10)],
  ['2024-01-01 10:00:00+00:00', Date.UTC(2024, 0, 1, 10)],
  ['2024-01-01T10:00:00.123456789Z', Date.UTC(2024, 0, 1, 10, 0, 0, 123)],
  ['2024-01-01T12:00:00+0200', Date.UTC(2024, 0, 1, 10)],
  ['2024-01-01T12:00+02', Date.UTC(2024, 0, 1, 10)],
  ['20240101T100000Z', Date.UTC(2024, 0, 1, 10)],
  ['2024-W01-1', Date.UTC(2024, 0, 1)],
  [1704103200000, Date.UTC(2024, 0, 1, 10)],
  ['0000-01-01T00:00:00.000Z', minStoredMs],
  ['9999-12-31T23:59:59.999Z', endStoredMs - 1],
  ['+010000-01-01T00:00:00.000Z', undefined],
  ['2024-02-30', undefined],
  ['2024-02-30T00:00:00.000Z', undefined],
  ['2023-02-29T00:00:00Z', undefined],
  ['2024-01-01T24:00:00Z', undefined],
  ['2024-01-01T10:60:00Z', undefined],
  ['2024-01-01T10:00:00+24:00', undefined],
  ['yesterday', undefined],
  ['', undefined],
  [Number.NaN, undefined],
  [true, undefined],
  [null, undefined],
  [{ $date: '2024-01-01' }, undefined],
];

for (const [value, expected] of readings) {
  test(`recordInstant(${typeof value === 'string' ? JSON.stringify(value) : String(JSON.stringify(value) ?? value)}) → ${expected === undefined ? 'undefined' : new Date(expected).toISOString()}`, () => {
    assert.is(recordInstant(value), expected);
  });
}

test('daysFromCivil and civilFromDays are inverse, and agree with Date.UTC', () => {
  fc.assert(
    fc.property(fc.integer({ min: -800_000, max: 3_000_000 }), (n) => {
      const { year, month, day } = civilFromDays(n);
      assert.is(daysFromCivil(year, month, day), n);
      const d = new Date(0);
      d.setUTCFullYear(year, month - 1, day);
      assert.is(Math.floor(d.getTime() / 86_400_000), n);
    }),
    fcOptions(1000),
  );
});

/** The local calendar date of `ms` in `zone`, by Intl (independent of luxon): `YYYY-MM-DD`. */
function intlDay(ms: number, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(ms));
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${get('year').padStart(4, '0')}-${get('month')}-${get('day')}`;
}

test('localDayBounds: start is the first instant Intl puts in the day, end the first of the next day', () => {
  const zones = ['UTC', 'America/New_York', 'Europe/Paris', 'America/Santiago', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Kiritimati', 'America/Havana', 'Asia/Beirut'];
  fc.assert(
    fc.property(fc.integer({ min: daysFromCivil(1990, 1, 1), max: daysFromCivil(2035, 12, 31) }), fc.constantFrom(...zones), (n, zone) => {
      const { year, month, day } = civilFromDays(n);
      const d = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      const b = localDayBounds(d, zone)!;
      assert.ok(b, d);
      assert.is(intlDay(b.start, zone), d, `${d} ${zone} start`);
      assert.ok(intlDay(b.start - 1, zone) < d, `${d} ${zone}: the instant before the start is on an earlier day`);
      assert.ok(intlDay(b.end, zone) > d, `${d} ${zone}: the end is on a later day`);
      assert.is(intlDay(b.end - 1, zone), d, `${d} ${zone} end`);
    }),
    fcOptions(600),
  );
});

test('localDayBounds("2024-03-10", "America/New_York") is 23 hours; "2024-11-03" 25 hours', () => {
  const spring = localDayBounds('2024-03-10', 'America/New_York')!;
  const fall = localDayBounds('2024-11-03', 'America/New_York')!;
  assert.is(new Date(spring.start).toISOString(), '2024-03-10T05:00:00.000Z');
  assert.is((spring.end - spring.start) / 3_600_000, 23);
  assert.is((fall.end - fall.start) / 3_600_000, 25);
});

test('localDayBounds("2024-09-08", "America/Santiago") starts at 01:00 local: midnight does not exist', () => {
  assert.is(new Date(localDayBounds('2024-09-08', 'America/Santiago')!.start).toISOString(), '2024-09-08T04:00:00.000Z');
});

test('localDayBounds refuses non-days and unknown zones', () => {
  assert.is(localDayBounds('2024-02-30', 'UTC'), undefined);
  assert.is(localDayBounds('2024-1-1', 'UTC'), undefined);
  assert.is(localDayBounds('2024-01-01', 'Mars/Olympus'), undefined);
});

test.run();
