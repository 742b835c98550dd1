import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { expectedDateMessage, parseDateValue, type DateContext } from '../../src/dates/dateValue.js';
import { isRelativeDateSyntax } from '../../src/dates/relative.js';

/** Absolute values do not depend on the context; any will do. */
const ctx: DateContext = { nowMs: Date.UTC(2024, 0, 15, 12), timeZone: 'America/New_York' };

const days = ['2016-06-24', '2016-02-29', '2000-02-29', '2024-12-31', '0000-01-01', '0000-02-29', '9999-12-31'];
for (const day of days) {
  test(day, () => {
    assert.equal(parseDateValue(day, ctx), { kind: 'day', day });
  });
}

const instants: Record<string, string> = {
  '2020-11-20T16:34:00.000Z': '2020-11-20T16:34:00.000Z',
  '2020-11-20T16:34:00Z': '2020-11-20T16:34:00.000Z',
  '2020-11-20T16:34Z': '2020-11-20T16:34:00.000Z',
  '2020-11-20t16:34:00z': '2020-11-20T16:34:00.000Z',
  '2020-11-20 16:34:00+00:00': '2020-11-20T16:34:00.000Z',
  '2020-11-20T18:34:00+02:00': '2020-11-20T16:34:00.000Z',
  '2020-11-20T18:34:00+0200': '2020-11-20T16:34:00.000Z',
  '2020-11-20T18:34:00+02': '2020-11-20T16:34:00.000Z',
  '2020-11-20T11:34:00-05:00': '2020-11-20T16:34:00.000Z',
  '2020-11-20T16:34:00-00:00': '2020-11-20T16:34:00.000Z',
  '2020-11-21T06:19:00+13:45': '2020-11-20T16:34:00.000Z',
  '2020-11-20T16:34:00.5Z': '2020-11-20T16:34:00.500Z',
  '2020-11-20T16:34:00,25Z': '2020-11-20T16:34:00.250Z',
  '2020-11-20T16:34:00.123456789Z': '2020-11-20T16:34:00.123Z',
  '2020-11-20T23:59:59.999Z': '2020-11-20T23:59:59.999Z',
  '2021-01-01T01:00:00+02:00': '2020-12-31T23:00:00.000Z',
  '2024-02-29T12:00:00Z': '2024-02-29T12:00:00.000Z',
  '0000-01-01T00:00:00Z': '0000-01-01T00:00:00.000Z',
  '0000-01-01T00:00:00-01:00': '0000-01-01T01:00:00.000Z',
  '9999-12-31T23:59:59.999Z': '9999-12-31T23:59:59.999Z',
};
for (const [text, iso] of Object.entries(instants)) {
  test(text, () => {
    assert.equal(parseDateValue(text, ctx), { kind: 'instant', iso });
  });
}

const errors: Record<string, string> = {
  '2016-02-30': 'February 2016 has 29 days',
  '2015-02-29': 'February 2015 has 28 days',
  '1900-02-29': 'February 1900 has 28 days',
  '2016-04-31': 'April 2016 has 30 days',
  '2016-13-01': 'month 13 does not exist (months are 01-12)',
  '2016-00-10': 'month 00 does not exist (months are 01-12)',
  '2016-01-00': 'day 00 does not exist (days start at 01)',
  '2016-01-32': 'January 2016 has 31 days',
  '2020-02-30T10:00Z': 'February 2020 has 29 days',
  '2020-11-20T24:00Z': 'hour 24 does not exist (hours are 00-23)',
  '2020-11-20T23:60Z': 'minute 60 does not exist (minutes are 00-59)',
  '2020-11-20T23:59:60Z': 'second 60 does not exist (seconds are 00-59; leap seconds are not supported)',
  '2020-11-20T16:34+24:00': 'the offset +24:00 is out of range (at most ±23:59)',
  '2020-11-20T16:34+02:60': 'the offset +02:60 is out of range (at most ±23:59)',
  '0000-01-01T00:00:00+01:00': 'it falls outside the years 0000-9999 once converted to UTC',
  '9999-12-31T23:00:00-01:00': 'it falls outside the years 0000-9999 once converted to UTC',
  hello: expectedDateMessage,
  '': expectedDateMessage,
  ' 2016-06-24': expectedDateMessage,
  '2016-06-24 ': expectedDateMessage,
  '2016-06-24Z': expectedDateMessage,
  '20160624': expectedDateMessage,
  '16-06-24': expectedDateMessage,
  '2016-W25': expectedDateMessage,
  '1466726400000': expectedDateMessage,
  'last week': expectedDateMessage,
  '１２３４-01-01': expectedDateMessage,
};
for (const [text, message] of Object.entries(errors)) {
  test(text, () => {
    const result = parseDateValue(text, ctx);
    assert.is(result.kind, 'error');
    if (result.kind === 'error') assert.is(result.message, message);
  });
}

test('expected message reads after "Invalid date \'x\': "', () => {
  assert.is(
    `Invalid date 'x': ${expectedDateMessage}`,
    "Invalid date 'x': expected YYYY-MM-DD, an ISO-8601 instant with Z or an offset, or a relative date such as now-7d, today",
  );
});

test('2020-11-20T16:34', () => {
  assert.equal(parseDateValue('2020-11-20T16:34', ctx), {
    kind: 'error',
    message: 'the date-time has no time zone',
    help: "Add Z for UTC (2020-11-20T16:34Z) or an offset (2020-11-20T16:34+02:00), or use a local day (2020-11-20), which is read in the query's time zone.",
  });
});

test('2020-11-20T16:34:00.000', () => {
  const result = parseDateValue('2020-11-20T16:34:00.000', ctx);
  assert.is(result.kind, 'error');
  if (result.kind === 'error') {
    assert.is(result.message, 'the date-time has no time zone');
    assert.match(result.help ?? '', '2020-11-20T16:34:00.000Z');
    assert.match(result.help ?? '', 'local day (2020-11-20)');
  }
});

test('2020-11-20T16', () => {
  const result = parseDateValue('2020-11-20T16', ctx);
  assert.equal(result, {
    kind: 'error',
    message: 'expected an ISO-8601 instant such as 2020-11-20T16:34:00Z',
    help: 'Write a date, a time (HH:mm or HH:mm:ss, optionally with .sss), then Z or an offset such as +02:00: 2020-11-20T16:34:00Z.',
  });
});

for (const [text, help] of [
  ['2016-6-24', 'Write the day as YYYY-MM-DD: 2016-06-24.'],
  ['2016/06/24', 'Write the day as YYYY-MM-DD: 2016-06-24.'],
  ['2016.6.4', 'Write the day as YYYY-MM-DD: 2016-06-04.'],
] as const) {
  test(text, () => {
    assert.equal(parseDateValue(text, ctx), { kind: 'error', message: expectedDateMessage, help });
  });
}

test('129 characters', () => {
  const result = parseDateValue('now' + '-1d'.repeat(42), ctx);
  assert.equal(result, { kind: 'error', message: 'it is longer than 128 characters' });
});

test('1,000,000 characters', () => {
  const started = performance.now();
  const result = parseDateValue('2016-06-24'.repeat(100_000), ctx);
  assert.is(result.kind, 'error');
  assert.ok(performance.now() - started < 50);
});

const relativeSyntax: Record<string, boolean> = {
  now: true,
  'now-7d': true,
  NOW: true,
  nowhere: true,
  'now7d': true,
  today: true,
  Today: true,
  'today-7d': true,
  'today/w': true,
  yesterday: true,
  tomorrow: true,
  todays: false,
  '-7d': true,
  '+2w': true,
  '-1': true,
  '-d': false,
  '/d': false,
  '2016-06-24': false,
  '7d': false,
  '': false,
  'last week': false,
};
for (const [text, expected] of Object.entries(relativeSyntax)) {
  test(`isRelativeDateSyntax(${JSON.stringify(text)})`, () => {
    assert.is(isRelativeDateSyntax(text), expected);
  });
}

test.run();
