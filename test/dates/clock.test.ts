import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveClock } from '../../src/dates/clock.js';

test('undefined', () => {
  const before = Date.now();
  const result = resolveClock(undefined);
  const after = Date.now();
  assert.ok(result.ok);
  if (result.ok) assert.ok(result.epochMs >= before && result.epochMs <= after);
});

test('new Date(1705320000000)', () => {
  assert.equal(resolveClock(new Date(1705320000000)), { ok: true, epochMs: 1705320000000 });
});

test('1705320000000', () => {
  assert.equal(resolveClock(1705320000000), { ok: true, epochMs: 1705320000000 });
});

test('0', () => {
  assert.equal(resolveClock(0), { ok: true, epochMs: 0 });
});

test('-1', () => {
  assert.equal(resolveClock(-1), { ok: true, epochMs: -1 });
});

const instants: Record<string, number> = {
  '2024-01-15T12:00:00Z': Date.UTC(2024, 0, 15, 12),
  '2024-01-15T12:00:00.000Z': Date.UTC(2024, 0, 15, 12),
  '2024-01-15T12:00Z': Date.UTC(2024, 0, 15, 12),
  '2024-01-15T07:00:00-05:00': Date.UTC(2024, 0, 15, 12),
  '2024-01-15T17:30:00+0530': Date.UTC(2024, 0, 15, 12),
  '2024-01-15T12:00:00.123456789Z': Date.UTC(2024, 0, 15, 12, 0, 0, 123),
};
for (const [text, epochMs] of Object.entries(instants)) {
  test(text, () => {
    assert.equal(resolveClock(text), { ok: true, epochMs });
  });
}

const refused: unknown[] = [
  NaN,
  Infinity,
  -Infinity,
  1.5,
  8.64e15 + 1,
  new Date(NaN),
  '2024-01-15',
  '2024-01-15T12:00',
  '2024-02-30T12:00Z',
  'now',
  '',
  'yesterday',
  null,
  {},
];
for (const now of refused) {
  test(now instanceof Date ? 'new Date(NaN)' : JSON.stringify(now) ?? String(now), () => {
    const result = resolveClock(now as Date | number | string | undefined);
    assert.is(result.ok, false);
    if (!result.ok) assert.ok(result.message.length > 0);
  });
}

test('2024-01-15T12:00 message', () => {
  const result = resolveClock('2024-01-15T12:00');
  assert.equal(result, {
    ok: false,
    message: 'the date-time has no time zone; expected an ISO-8601 instant with Z or an offset, such as 2024-01-15T12:00:00Z',
  });
});

test.run();
