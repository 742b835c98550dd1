/**
 * Relative dates, resolved against a fixed clock in a time zone. Each suite names its clock and zone; each test is
 * named by the input. Expected values are worked out by hand in the comments.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseDateValue, type DateValue } from '../../src/dates/dateValue.js';

type Expected = { day: string } | { iso: string } | { error: string; help?: string | RegExp };

/** A suite of `input → expected` cases at clock `now` (ISO instant) in `timeZone`. */
function cases(title: string, now: string, timeZone: string, table: Record<string, Expected>): void {
  const s = suite(`${title} (now ${now}, ${timeZone})`);
  const ctx = { nowMs: Date.parse(now), timeZone };
  for (const [text, expected] of Object.entries(table)) {
    s(text, () => {
      const result = parseDateValue(text, ctx);
      if ('day' in expected) {
        assert.equal(result, { kind: 'day', day: expected.day, relative: text } satisfies DateValue);
      } else if ('iso' in expected) {
        assert.equal(result, { kind: 'instant', iso: expected.iso, relative: text } satisfies DateValue);
      } else {
        assert.is(result.kind, 'error');
        if (result.kind !== 'error') return;
        assert.is(result.message, expected.error);
        if (expected.help !== undefined) assert.match(result.help ?? '', expected.help);
      }
    });
  }
  s.run();
}

// 2024-01-15 is a Monday.
cases('basics in UTC', '2024-01-15T12:34:56.789Z', 'UTC', {
  now: { iso: '2024-01-15T12:34:56.789Z' },
  'now-7d': { iso: '2024-01-08T12:34:56.789Z' },
  'now+1h': { iso: '2024-01-15T13:34:56.789Z' },
  'now-90m': { iso: '2024-01-15T11:04:56.789Z' },
  'now+30s': { iso: '2024-01-15T12:35:26.789Z' },
  'now-1y': { iso: '2023-01-15T12:34:56.789Z' },
  'now-1M': { iso: '2023-12-15T12:34:56.789Z' },
  'now-2w': { iso: '2024-01-01T12:34:56.789Z' },
  'now-0d': { iso: '2024-01-15T12:34:56.789Z' },
  'now-007d': { iso: '2024-01-08T12:34:56.789Z' },
  'now/d': { day: '2024-01-15' },
  'now/w': { day: '2024-01-15' },
  'now/M': { day: '2024-01-01' },
  'now/y': { day: '2024-01-01' },
  'now/h': { iso: '2024-01-15T12:00:00.000Z' },
  'now/m': { iso: '2024-01-15T12:34:00.000Z' },
  'now/s': { iso: '2024-01-15T12:34:56.000Z' },
  'now-1M/d': { day: '2023-12-15' },
  'now-1d/d': { day: '2024-01-14' },
  'now-1d+2h/h': { iso: '2024-01-14T14:00:00.000Z' },
  'now/d+2h': { iso: '2024-01-15T02:00:00.000Z' },
  'now/d+0h': { iso: '2024-01-15T00:00:00.000Z' },
  'now/d-7d': { day: '2024-01-08' },
  'now/w-1w': { day: '2024-01-08' },
  'now/M-1M': { day: '2023-12-01' },
  'now-1y/y': { day: '2023-01-01' },
  'now/d/h': { iso: '2024-01-15T00:00:00.000Z' },
  'now/h/d': { day: '2024-01-15' },
  today: { day: '2024-01-15' },
  yesterday: { day: '2024-01-14' },
  tomorrow: { day: '2024-01-16' },
  Today: { day: '2024-01-15' },
  NOW: { iso: '2024-01-15T12:34:56.789Z' },
  'today-7d': { day: '2024-01-08' },
  'today+1h': { iso: '2024-01-15T01:00:00.000Z' },
  'yesterday/w': { day: '2024-01-08' },
  '-7d': { iso: '2024-01-08T12:34:56.789Z' },
  '+2w': { iso: '2024-01-29T12:34:56.789Z' },
  '-1d/d': { day: '2024-01-14' },
  '+1M/M': { day: '2024-02-01' },
  'now-999999s': { iso: '2024-01-03T22:48:17.789Z' },
  'now-999999d': { error: 'it falls outside the years 0000-9999' },
});

// New York springs forward on 2024-03-10: 02:00 EST (07:00Z) becomes 03:00 EDT. The local day is 23 hours long.
cases('spring forward, 08:00 EDT', '2024-03-10T12:00:00Z', 'America/New_York', {
  'now/d': { day: '2024-03-10' },
  today: { day: '2024-03-10' },
  'now/d+0h': { iso: '2024-03-10T05:00:00.000Z' }, // midnight EST
  'now-1d': { iso: '2024-03-09T13:00:00.000Z' }, // 08:00 EST the day before: 23 hours earlier
  'now-24h': { iso: '2024-03-09T12:00:00.000Z' }, // 07:00 EST: hours are exact durations
  'now+1d': { iso: '2024-03-11T12:00:00.000Z' }, // 08:00 EDT: 24 hours later
  'now/d+1d': { day: '2024-03-11' },
  'tomorrow+0h': { iso: '2024-03-11T04:00:00.000Z' }, // midnight EDT
  yesterday: { day: '2024-03-09' },
});
cases('spring forward, 03:30 EDT', '2024-03-10T07:30:00Z', 'America/New_York', {
  'now/h': { iso: '2024-03-10T07:00:00.000Z' }, // 03:00 EDT
  'now-1h': { iso: '2024-03-10T06:30:00.000Z' }, // 01:30 EST
  'now-1h/h': { iso: '2024-03-10T06:00:00.000Z' }, // 01:00 EST
  'now-1d': { iso: '2024-03-09T08:30:00.000Z' }, // 03:30 EST
  'now/d': { day: '2024-03-10' },
});
// 02:30 on 2024-03-10 does not exist in New York; luxon moves it forward by the gap, to 03:30 EDT.
cases('spring forward, into the gap', '2024-03-11T06:30:00Z', 'America/New_York', {
  'now-1d': { iso: '2024-03-10T07:30:00.000Z' },
  'now/d': { day: '2024-03-11' },
});

// New York falls back on 2024-11-03: 02:00 EDT (06:00Z) becomes 01:00 EST. The local day is 25 hours long.
cases('fall back, 07:00 EST', '2024-11-03T12:00:00Z', 'America/New_York', {
  'now/d': { day: '2024-11-03' },
  'now/d+0h': { iso: '2024-11-03T04:00:00.000Z' }, // midnight EDT
  'now-1d': { iso: '2024-11-02T11:00:00.000Z' }, // 07:00 EDT the day before: 25 hours earlier
  'now-24h': { iso: '2024-11-02T12:00:00.000Z' },
  'now+1d': { iso: '2024-11-04T12:00:00.000Z' },
  'tomorrow+0h': { iso: '2024-11-04T05:00:00.000Z' }, // midnight EST
});
cases('fall back, second 01:30 (EST)', '2024-11-03T06:30:00Z', 'America/New_York', {
  'now/h': { iso: '2024-11-03T06:00:00.000Z' }, // 01:00 EST
  'now-1h': { iso: '2024-11-03T05:30:00.000Z' }, // 01:30 EDT, the first one
  'now/d': { day: '2024-11-03' },
});
cases('fall back, first 01:30 (EDT)', '2024-11-03T05:30:00Z', 'America/New_York', {
  'now+1h': { iso: '2024-11-03T06:30:00.000Z' }, // 01:30 EST
  'now/h': { iso: '2024-11-03T05:00:00.000Z' }, // 01:00 EDT
});

// 03:30Z is 22:30 EST on the previous day in New York, but already the day itself in UTC.
cases('New York still on the previous day', '2024-01-15T03:30:00Z', 'America/New_York', {
  today: { day: '2024-01-14' },
  'now/d': { day: '2024-01-14' },
  yesterday: { day: '2024-01-13' },
  tomorrow: { day: '2024-01-15' },
  'now/w': { day: '2024-01-08' }, // Sunday 2024-01-14 belongs to the week of Monday 2024-01-08
  'now/d+0h': { iso: '2024-01-14T05:00:00.000Z' },
});
cases('UTC already on the day', '2024-01-15T03:30:00Z', 'UTC', {
  today: { day: '2024-01-15' },
  'now/w': { day: '2024-01-15' },
});
cases('New Year in New York', '2024-01-01T03:00:00Z', 'America/New_York', {
  'now/y': { day: '2023-01-01' },
  'now/M': { day: '2023-12-01' },
  today: { day: '2023-12-31' },
});

// Kiritimati is UTC+14 and Pago Pago UTC-11: at 10:30Z they are on different days, two days apart.
cases('UTC+14', '2024-01-15T10:30:00Z', 'Pacific/Kiritimati', {
  today: { day: '2024-01-16' },
  yesterday: { day: '2024-01-15' },
  'now/d+0h': { iso: '2024-01-15T10:00:00.000Z' },
});
cases('UTC-11', '2024-01-15T10:30:00Z', 'Pacific/Pago_Pago', {
  today: { day: '2024-01-14' },
  tomorrow: { day: '2024-01-15' },
  'now/d+0h': { iso: '2024-01-14T11:00:00.000Z' },
});
// Santiago springs forward at midnight on 2024-09-08: the day starts at 01:00 -03.
cases('no local midnight', '2024-09-08T12:00:00Z', 'America/Santiago', {
  'now/d': { day: '2024-09-08' },
  'now/d+0h': { iso: '2024-09-08T04:00:00.000Z' },
});

cases('leap day', '2024-02-29T12:00:00Z', 'UTC', {
  'now-1y': { iso: '2023-02-28T12:00:00.000Z' },
  'now+1y/d': { day: '2025-02-28' },
  'now+4y/d': { day: '2028-02-29' },
  'now-1M/d': { day: '2024-01-29' },
  'now+1M/d': { day: '2024-03-29' },
  'now+1d/d': { day: '2024-03-01' },
  'now/M': { day: '2024-02-01' },
});
cases('century not a leap year', '2100-03-01T00:00:00Z', 'UTC', {
  yesterday: { day: '2100-02-28' },
});

// Month ends: months are calendar months, clamped to the last day.
cases('March 31 (leap year)', '2024-03-31T12:00:00Z', 'UTC', {
  'now-1M': { iso: '2024-02-29T12:00:00.000Z' },
  'now-1M/d': { day: '2024-02-29' },
  'now-1M-1M': { iso: '2024-01-29T12:00:00.000Z' },
  'now-2M': { iso: '2024-01-31T12:00:00.000Z' },
  'now+1M/d': { day: '2024-04-30' },
  'now/w': { day: '2024-03-25' }, // a Sunday: its ISO week starts on Monday 2024-03-25
  'now/M': { day: '2024-03-01' },
  'now/y': { day: '2024-01-01' },
});
cases('March 31 (common year)', '2023-03-31T12:00:00Z', 'UTC', {
  'now-1M/d': { day: '2023-02-28' },
});
cases('January 31', '2024-01-31T23:00:00Z', 'America/New_York', {
  'now+1M/d': { day: '2024-02-29' },
});

const units = /Units are one case-sensitive letter/;
cases('errors', '2024-01-15T12:00:00Z', 'UTC', {
  'now-7D': { error: "unknown unit 'D'", help: /Did you mean -7d\?/ },
  'now-1H': { error: "unknown unit 'H'", help: /Did you mean -1h\?/ },
  'now/W': { error: "unknown unit 'W'", help: /Did you mean \/w\?/ },
  'now-7days': { error: "unknown unit 'days'", help: /Did you mean -7d\?/ },
  'now-2Months': { error: "unknown unit 'Months'", help: /Did you mean -2M\?/ },
  'now-5min': { error: "unknown unit 'min'", help: /Did you mean -5m\?/ },
  'now-5ms': { error: "unknown unit 'ms'", help: units },
  'now/x': { error: "unknown unit 'x'", help: units },
  'now-7': { error: "expected a unit after '-7'", help: units },
  'now/': { error: "expected a unit after '/'", help: units },
  'now-d': { error: "expected a number after '-'", help: /-1d/ },
  'now+': { error: "expected a number after '+'" },
  'now-1dd': { error: "unknown unit 'dd'" },
  now7d: { error: "unexpected '7' after 'now'" },
  'now -7d': { error: "unexpected ' ' after 'now'" },
  'now-7d ': { error: "unexpected ' ' after 'now-7d'" },
  'now*2': { error: "unexpected '*' after 'now'" },
  'now-1d😀': { error: "unexpected '😀' after 'now-1d'" },
  nowish: { error: "'nowish' is not a relative date", help: /now-7d/ },
  'today-': { error: "expected a number after '-'" },
  'now-1234567d': { error: 'the amount 1234567 is too large (at most 6 digits)' },
  'now-99999999999999999999d': { error: 'the amount 99999999999999999999 is too large (at most 6 digits)' },
  'now+999999y': { error: 'it falls outside the years 0000-9999' },
  'now+7976y': { error: 'it falls outside the years 0000-9999' },
  'now-2025y': { error: 'it falls outside the years 0000-9999' },
  'now+999999M': { error: 'it falls outside the years 0000-9999' },
  '-999999w': { error: 'it falls outside the years 0000-9999' },
  'now+999999y-999999y': { error: 'it falls outside the years 0000-9999' },
  '-1': { error: "expected a unit after '-1'" },
});
cases('last representable moments', '9999-12-31T12:00:00Z', 'UTC', {
  'now+11h': { iso: '9999-12-31T23:00:00.000Z' },
  'now+12h': { error: 'it falls outside the years 0000-9999' },
  today: { day: '9999-12-31' },
  tomorrow: { error: 'it falls outside the years 0000-9999' },
});
// A day in the zone may be valid while the instant in UTC is not, and the other way round.
// 9999-12-31T11:00Z is 01:00 on 10000-01-01 in Kiritimati (UTC+14).
cases('year 9999 ends earlier in Kiritimati', '9999-12-31T11:00:00Z', 'Pacific/Kiritimati', {
  today: { error: 'it falls outside the years 0000-9999' },
  yesterday: { day: '9999-12-31' },
  now: { iso: '9999-12-31T11:00:00.000Z' },
});
cases('bad context', '2024-01-15T12:00:00Z', 'Not/A_Zone', {
  now: { error: "the time zone 'Not/A_Zone' is unknown" },
});
cases('fixed-offset context is not an IANA zone', '2024-01-15T12:00:00Z', 'UTC+2', {
  today: { error: "the time zone 'UTC+2' is unknown" },
});

const nan = suite('clock NaN');
nan('now', () => {
  assert.equal(parseDateValue('now', { nowMs: NaN, timeZone: 'UTC' }), {
    kind: 'error',
    message: 'the clock is not a valid time',
  });
});
nan('2016-06-24', () => {
  assert.equal(parseDateValue('2016-06-24', { nowMs: NaN, timeZone: 'Not/A_Zone' }), { kind: 'day', day: '2016-06-24' });
});
nan.run();
