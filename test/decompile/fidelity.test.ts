/**
 * Decompile's fidelity with what Kustomer integrations send: a bare array of criteria, other spellings of one
 * instant (kustomer-search-api.md §4: Python's str(datetime) "2023-01-01 00:00:00+00:00" from MeltanoLabs), the
 * whole local day compile emits for `f:D`, and a relative date string, which Kustomer does not read as a date (§4).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compile, decompile } from '../../src/index.js';

const now = '2026-11-30T15:00:00Z';

test('[{customer_updated_at gte 2016-06-24}, {conversation_status equals done}] (a bare array, REF-SEARCH §1.4)', () => {
  const r = decompile([{ customer_updated_at: { gte: '2016-06-24' } }, { conversation_status: { equals: 'done' } }], { now });
  assert.is(r.text, 'customer_updated_at>=2016-06-24 AND conversation_status:done');
  assert.equal(r.diagnostics, []);
});

test('[{conversation_status equals opne}] (a bare array: pointers index the array)', () => {
  const r = decompile([{ conversation_status: { equals: 'opne' } }], { now });
  assert.equal(r.diagnostics.map((d) => [d.code, d.pointer]), [['KQ2005', '/0/conversation_status/equals']]);
});

test('[] (an empty bare array: no criteria)', () => {
  assert.is(decompile([], { now }).text, '');
});

/** [instant as sent, text value, warned] */
const instants: [string, string, boolean][] = [
  ['2023-01-01 00:00:00+00:00', '2023-01-01T00:00:00.000Z', true],
  ['2023-01-01T00:00:00+0000', '2023-01-01T00:00:00.000Z', true],
  ['2023-01-01T00:00:00+00', '2023-01-01T00:00:00.000Z', true],
  ['2023-01-01t00:00:00z', '2023-01-01T00:00:00.000Z', true],
  ['2023-01-01T05:30:00+05:30', '2023-01-01T00:00:00.000Z', true],
  ['2023-01-01T00:00:00.12+00:00', '2023-01-01T00:00:00.120Z', true],
  ['2023-01-01T00:00:00,123Z', '2023-01-01T00:00:00.123Z', true],
  ['2023-01-01T00:00:00.123000-00:00', '2023-01-01T00:00:00.123Z', true],
  // The compiler's own spelling, up to its millisecond digits: written as it is, no warning.
  ['2023-01-01T00:00:00Z', '2023-01-01T00:00:00Z', false],
  ['2023-01-01T00:00:00.939Z', '2023-01-01T00:00:00.939Z', false],
];

for (const [sent, written, warned] of instants) {
  test(`{customer_updated_at: {gt: "${sent}"}} → customer_updated_at>${written}${warned ? ' (KQ4014)' : ''}`, () => {
    const body = { queryContext: 'customer', and: [{ customer_updated_at: { gt: sent } }] };
    const r = decompile(body, { now });
    assert.is(r.text, `customer_updated_at>${written} context:customer`);
    assert.equal(r.diagnostics.map((d) => [d.code, d.severity, d.pointer]), warned ? [['KQ4014', 'warning', '/and/0/customer_updated_at/gt']] : []);
    // The text sends the same instant.
    const back = compile(r.text!, { now }).criteria!.and![0] as { customer_updated_at: { gt: string } };
    assert.is(Date.parse(back.customer_updated_at.gt), Date.parse(new Date(Date.parse(written)).toISOString()));
  });
}

/** Instants that cannot be written exactly, or are no instant: still refused. */
const refused: [string, string][] = [
  ['2023-01-01T00:00:00.1234Z', 'KQ4008'],
  ['2023-01-01 00:00:00.0001+00:00', 'KQ4008'],
  ['2023-01-01T00:00:00', 'KQ2008'],
  ['2023-13-01T00:00:00Z', 'KQ2008'],
];

for (const [sent, code] of refused) {
  test(`{customer_updated_at: {gt: "${sent}"}} is refused (${code})`, () => {
    const r = decompile({ queryContext: 'customer', and: [{ customer_updated_at: { gt: sent } }] }, { now });
    assert.is(r.text, undefined);
    assert.equal(r.diagnostics.map((d) => d.code), [code]);
  });
}

test('{conversation_created_at: {gte: "now-7d"}}: KQ4008, whose help says Kustomer receives literal dates', () => {
  const r = decompile({ queryContext: 'conversation', and: [{ conversation_created_at: { gte: 'now-7d' } }] }, { now });
  assert.is(r.text, undefined);
  assert.equal(r.diagnostics.map((d) => d.code), ['KQ4008']);
  assert.match(r.diagnostics[0]!.help ?? '', 'Kustomer receives literal dates');
  assert.match(r.diagnostics[0]!.help ?? '', '"now-7d" is not a date');
});

/** [criteria of `and`, text] */
const days: [object[], string][] = [
  [[{ conversation_created_at: { gte: '2026-12-05' } }, { conversation_created_at: { lt: '2026-12-06' } }], 'conversation_created_at:2026-12-05'],
  [[{ conversation_created_at: { gte: '2024-02-28' } }, { conversation_created_at: { lt: '2024-02-29' } }], 'conversation_created_at:2024-02-28'],
  [[{ conversation_created_at: { gte: '2024-12-31', lt: '2025-01-01' } }], 'conversation_created_at:2024-12-31'],
  [[{ conversation_created_at: { gte: '9999-12-31' } }, { conversation_created_at: { lte: '9999-12-31' } }], 'conversation_created_at:9999-12-31'],
  [[{ conversation_custom_dueAt: { gte: '2026-12-05' } }, { conversation_custom_dueAt: { lt: '2026-12-06' } }], 'conversation_custom_dueAt:2026-12-05'],
  // Not one whole day: ranges.
  [[{ conversation_created_at: { gte: '2026-12-05' } }, { conversation_created_at: { lt: '2026-12-07' } }], 'conversation_created_at:[2026-12-05 TO 2026-12-07}'],
  [[{ conversation_created_at: { gt: '2026-12-05' } }, { conversation_created_at: { lt: '2026-12-07' } }], 'conversation_created_at:{2026-12-05 TO 2026-12-07}'],
  [[{ conversation_created_at: { gte: '2026-12-05' } }, { conversation_created_at: { lte: '2026-12-06' } }], 'conversation_created_at:2026-12-05..2026-12-06'],
  [[{ conversation_created_at: { gte: '2026-12-05T00:00:00Z' } }, { conversation_created_at: { lt: '2026-12-06T00:00:00Z' } }], 'conversation_created_at:[2026-12-05T00:00:00Z TO 2026-12-06T00:00:00Z}'],
  // On a number field a day is no day.
  [[{ conversation_priority: { gte: 1 } }, { conversation_priority: { lt: 2 } }], 'conversation_priority:[1 TO 2}'],
];

for (const [and, expected] of days) {
  test(`${JSON.stringify(and)} → ${expected}`, () => {
    const body = { queryContext: 'conversation', and };
    const r = decompile(body, { now });
    assert.is(r.text, `${expected} context:conversation`, JSON.stringify(r.diagnostics));
    // And back: the same pair of criteria (split if it was one object).
    const back = compile(r.text!, { now }).criteria!;
    const split = and.flatMap((c) => Object.entries(c).flatMap(([f, ops]) => Object.entries(ops as object).map(([op, v]) => ({ [f]: { [op]: v } }))));
    const canon = (v: unknown) => (typeof v === 'string' && v.includes('T') ? new Date(v).toISOString() : v);
    assert.equal(back.and, split.map((c) => Object.fromEntries(Object.entries(c).map(([f, ops]) => [f, Object.fromEntries(Object.entries(ops).map(([op, v]) => [op, canon(v)]))]))));
  });
}

test('{gt 2026-12-05}, {lt 2026-12-06} (after the end of one day, before the start of the next): the two terms, with KQ2029 (matches nothing)', () => {
  // Two criteria as compile emits them for two terms: written back as the two terms (the range {D TO D+1} would be
  // KQ2016, an error), with the warning that they match nothing. Before, decompile refused the body compile made.
  const body = { queryContext: 'conversation', and: [{ conversation_created_at: { gt: '2026-12-05' } }, { conversation_created_at: { lt: '2026-12-06' } }] };
  const r = decompile(body, { now });
  assert.is(r.text, 'conversation_created_at>2026-12-05 AND conversation_created_at<2026-12-06 context:conversation');
  assert.ok(r.diagnostics.some((d) => d.code === 'KQ2029'), JSON.stringify(r.diagnostics));
  assert.equal(compile(r.text!, { now }).criteria, body);
});

test('{"conversation_created_at": {gt 2026-12-05, lt 2026-12-06}} (one object) is refused: the range matches nothing (KQ2016)', () => {
  const r = decompile({ queryContext: 'conversation', and: [{ conversation_created_at: { gt: '2026-12-05', lt: '2026-12-06' } }] }, { now });
  assert.is(r.text, undefined);
  assert.ok(r.diagnostics.some((d) => d.code === 'KQ2016'), JSON.stringify(r.diagnostics));
});

test('the contexts of the OpenAPI pattern (conversation_time, work_session, work_item) decompile and compile', () => {
  for (const queryContext of ['conversation_time', 'work_session', 'work_item']) {
    const r = decompile({ queryContext, and: [{ conversation_time_handle_time: { gte: 60 } }] }, { now });
    assert.is(r.text, `conversation_time_handle_time>=60 context:${queryContext}`);
    assert.equal(compile(r.text!, { now }).criteria, { queryContext, and: [{ conversation_time_handle_time: { gte: 60 } }] });
  }
});

test.run();
