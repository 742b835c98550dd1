/** Hints for time zones that do not resolve: `Z` is UTC; a UTC offset gets no look-alike zone. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { timeZoneHint } from '../../src/dates/timeZone.js';

test('tz:Z suggests UTC (not NZ)', () => {
  assert.equal(timeZoneHint('Z').suggestions, ['UTC']);
});

for (const offset of ['GMT+1', 'UTC+2', '+05:30', '-0400', 'utc-04:00']) {
  test(`tz:${offset} (a UTC offset) suggests no zone: a look-alike such as GMT+0 would change the offset`, () => {
    assert.equal(timeZoneHint(offset).suggestions, []);
  });
}

test('tz:America/NewYork still suggests America/New_York', () => {
  assert.equal(timeZoneHint('America/NewYork').suggestions, ['America/New_York']);
});

test.run();
