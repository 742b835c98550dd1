import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveTimeZone } from '../../src/dates/timeZone.js';

const accepted: Record<string, string> = {
  'America/New_York': 'America/New_York',
  'america/new_york': 'America/New_York',
  'AMERICA/NEW_YORK': 'America/New_York',
  'America/Port-au-Prince': 'America/Port-au-Prince',
  'america/argentina/buenos_aires': 'America/Argentina/Buenos_Aires',
  'Antarctica/DumontDUrville': 'Antarctica/DumontDUrville',
  UTC: 'UTC',
  utc: 'UTC',
  GMT: 'GMT',
  gmt: 'GMT',
  'Etc/UTC': 'Etc/UTC',
  'etc/gmt+5': 'Etc/GMT+5',
  'Etc/GMT-14': 'Etc/GMT-14',
  'US/Eastern': 'US/Eastern',
  'asia/kolkata': 'Asia/Kolkata',
  'Asia/Calcutta': 'Asia/Calcutta',
  'europe/kyiv': 'Europe/Kyiv',
  EST: 'EST',
  'Pacific/Kiritimati': 'Pacific/Kiritimati',
};

for (const [name, zone] of Object.entries(accepted)) {
  test(name, () => {
    assert.equal(resolveTimeZone(name), { ok: true, zone });
  });
}

const rejected = [
  '',
  '+02:00',
  '-0500',
  '+2',
  'UTC+2',
  'GMT+02:00',
  'PDT',
  'Factory',
  'local',
  'system',
  'America/New York',
  'America/New_York/',
  '/America/New_York',
  'America//New_York',
  'Mars/Olympus_Mons',
  ' UTC',
  'UTC ',
  'America/New_York\u0000',
  'x'.repeat(65),
  'America/' + 'A'.repeat(10_000),
];

for (const name of rejected) {
  test(JSON.stringify(name.length > 70 ? `${name.slice(0, 20)}…(${name.length})` : name), () => {
    assert.equal(resolveTimeZone(name), { ok: false });
  });
}

test('1,000,000-character name is rejected quickly', () => {
  const started = performance.now();
  assert.equal(resolveTimeZone('a'.repeat(1_000_000)), { ok: false });
  assert.ok(performance.now() - started < 50);
});

test.run();
