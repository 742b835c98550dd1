import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compile, decompile, format } from '../../src/index.js';
import { allMessages } from '../../src/diagnostics/catalogue.js';

const now = '2026-11-30T15:00:00Z';

/** Decompiles `body` and asserts the text. */
function text(body: unknown): string {
  const r = decompile(body, { now });
  assert.ok(r.text !== undefined, `decompile failed: ${JSON.stringify(r.diagnostics)}`);
  return r.text!;
}

/** Decompiles `body` and returns [code, pointer] of each diagnostic. */
function problems(body: unknown): [string, string | undefined][] {
  const r = decompile(body, { now });
  return r.diagnostics.map((d) => [d.code, d.pointer]);
}

const shapes: [string, unknown, string][] = [
  // kustomer-search-api.md §1.4 (the docs' full body example)
  [
    'docs example: conversation, status open, priority gte 4, created since 2026-10-01, New York',
    { queryContext: 'conversation', and: [{ conversation_status: { equals: 'open' } }, { conversation_priority: { gte: 4 } }, { conversation_created_at: { gte: '2026-10-01' } }], timeZone: 'America/New_York' },
    'conversation_status:open AND conversation_priority>=4 AND conversation_created_at>=2026-10-01 context:conversation tz:America/New_York',
  ],
  // §1.4 worked mapping of the brief's sample query
  [
    'brief sample: done, customer updated since 2016-06-24, sort by customer name',
    { queryContext: 'conversation', and: [{ conversation_status: { equals: 'done' } }, { customer_updated_at: { gte: '2016-06-24' } }], sort: [{ customer_name: 'asc' }] },
    'conversation_status:done AND customer_updated_at>=2016-06-24 context:conversation sort:customer_name',
  ],
  ['and as a single object', { queryContext: 'customer', and: { customer_email: { contains: '@acme.example' } } }, 'customer_email~@acme.example context:customer'],
  ['or as an array', { queryContext: 'customer', or: [{ customer_name: { equals: 'a' } }, { customer_email: { equals: 'b@x.example' } }] }, '(customer_name:a OR customer_email:b@x.example) context:customer'],
  ['or as a single object', { queryContext: 'customer', or: { customer_name: { equals: 'a' } } }, 'customer_name:a context:customer'],
  ['not as a single object', { queryContext: 'conversation', not: { conversation_status: { equals: 'done' } } }, '-conversation_status:done context:conversation'],
  ['not as an array', { queryContext: 'conversation', not: [{ conversation_status: { equals: 'done' } }, { conversation_tags: { equals: 'vip' } }] }, '-conversation_status:done AND -conversation_tags:vip context:conversation'],
  ['empty and/or/not arrays', { queryContext: 'customer', and: [], or: [], not: [] }, 'context:customer'],
  ['empty and with criteria in or (the OpenAPI example shape)', { queryContext: 'customer', and: [{ customer_name: { equals: 'x' } }], or: [] }, 'customer_name:x context:customer'],
  ['not_set with ""', { queryContext: 'conversation', and: [{ conversation_assigned_users: { not_set: '' } }] }, '-conversation_assigned_users:* context:conversation'],
  ['not_set with true', { queryContext: 'conversation', and: [{ conversation_assigned_users: { not_set: true } }] }, '-conversation_assigned_users:* context:conversation'],
  ['not of not_set (is set)', { queryContext: 'customer', not: [{ customer_email: { not_set: '' } }] }, 'customer_email:* context:customer'],
  ['in array', { queryContext: 'conversation', and: [{ conversation_status: { in: ['open', 'snoozed'] } }] }, 'conversation_status:open,snoozed context:conversation'],
  ['in on a number field', { queryContext: 'conversation', and: [{ conversation_priority: { in: [1, 2] } }] }, 'conversation_priority:1,2 context:conversation'],
  ['two operators in one object', { queryContext: 'conversation', and: [{ conversation_priority: { gte: 2, lte: 4 } }] }, 'conversation_priority:2..4 context:conversation'],
  ['two operators in one object, upper first', { queryContext: 'conversation', and: [{ conversation_priority: { lt: 4, gt: 2 } }] }, 'conversation_priority:{2 TO 4} context:conversation'],
  ['the same field twice as a range', { queryContext: 'conversation', and: [{ conversation_updated_at: { gte: '2026-01-01' } }, { conversation_updated_at: { lte: '2026-01-31' } }] }, 'conversation_updated_at:2026-01-01..2026-01-31 context:conversation'],
  ['equals on a datetime day (= keeps it one value)', { queryContext: 'customer', and: [{ customer_created_at: { equals: '2026-01-01' } }] }, 'customer_created_at=2026-01-01 context:customer'],
  ['an instant', { queryContext: 'customer', and: [{ customer_created_at: { lt: '2020-11-20T16:34:00.000Z' } }] }, 'customer_created_at<2020-11-20T16:34:00.000Z context:customer'],
  ['contains on text', { queryContext: 'message', and: [{ message_body: { contains: 'refund' } }] }, 'message_body:refund context:message'],
  ['any_text contains a phrase', { queryContext: 'customer', and: [{ any_text: { contains: 'late delivery' } }] }, '"late delivery" context:customer'],
  ['custom attribute', { queryContext: 'customer', and: [{ customer_custom_loyaltyTierStr: { equals: 'gold' } }] }, 'customer_custom_loyaltyTierStr:gold context:customer'],
  ['kobject attribute', { queryContext: 'kobject_ecomm-order', and: [{ 'kobject_custom_ecomm-order_totalNum': { gt: 100 } }] }, 'kobject_custom_ecomm-order_totalNum>100 context:kobject_ecomm-order'],
  ['legacy sort object', { queryContext: 'conversation', sort: { conversation_created_at: { order: 'desc' } } }, 'context:conversation sort:conversation_created_at-desc'],
  ['sort array with two keys', { queryContext: 'customer', sort: [{ customer_gender: 'asc' }, { customer_created_at: 'asc' }] }, 'context:customer sort:customer_gender sort:customer_created_at'],
  ['sort as one object', { queryContext: 'customer', sort: { customer_updated_at: 'desc' } }, 'context:customer sort:customer_updated_at-desc'],
  ['timeZone', { queryContext: 'customer', and: [{ customer_last_seen_at: { lt: '2026-09-21' } }], timeZone: 'Europe/Amsterdam' }, 'customer_last_seen_at<2026-09-21 context:customer tz:Europe/Amsterdam'],
  ['or with a negated item (as compile emits a OR -b)', { queryContext: 'customer', or: [{ customer_name: { equals: 'a' } }, { not: [{ customer_name: { equals: 'b' } }] }] }, '(customer_name:a OR -customer_name:b) context:customer'],
  ['nested groups', { queryContext: 'customer', and: [{ or: [{ customer_name: { equals: 'a' } }, { customer_name: { equals: 'b' } }] }, { or: [{ customer_email: { equals: 'c@x.example' } }, { and: [{ customer_tags: { equals: 'x' } }, { customer_tags: { equals: 'y' } }] }] }] }, '(customer_name:a OR customer_name:b) AND (customer_email:c@x.example OR customer_tags:x AND customer_tags:y) context:customer'],
  ['a value that must be quoted', { queryContext: 'customer', and: [{ customer_name: { equals: 'Jane "JJ" Doe, Jr.' } }] }, 'customer_name:"Jane \\"JJ\\" Doe, Jr." context:customer'],
  ['no queryContext', { and: [{ customer_name: { equals: 'x' } }] }, 'customer_name:x'],
];

for (const [name, body, expected] of shapes) {
  test(name, () => {
    assert.is(text(body), expected);
  });
}

test('every accepted shape compiles back (nested) to a body with the same criteria', () => {
  for (const [, body, expected] of shapes) {
    const again = compile(expected, { now, nested: true });
    assert.ok(again.criteria, expected);
  }
});

test('fields, includeDeleted: warnings, text still given', () => {
  const r = decompile({ queryContext: 'customer', and: [{ customer_name: { equals: 'x' } }], fields: [{ name: 'x' }], includeDeleted: true });
  assert.is(r.text, 'customer_name:x context:customer');
  assert.equal(r.diagnostics.map((d) => [d.code, d.severity, d.pointer]), [['KQ4003', 'warning', '/fields'], ['KQ4003', 'warning', '/includeDeleted']]);
});

const errors: [string, unknown, [string, string | undefined][]][] = [
  // A bare array is read as the `and` of a body (Kustomer's own example is one, kustomer-search-api.md §1.4): its
  // items must be criteria.
  ['an array of non-criteria', [1, 2], [['KQ4001', '/0'], ['KQ4001', '/1']]],
  ['null', null, [['KQ4001', '']]],
  ['a string', 'conversation_status:done', [['KQ4001', '']]],
  ['an unknown body key', { queryContext: 'customer', filter: {} }, [['KQ4002', '/filter']]],
  ['a criterion with two attributes', { queryContext: 'customer', and: [{ customer_name: { equals: 'a' }, customer_email: { equals: 'b' } }] }, [['KQ4004', '/and/0']]],
  ['a criterion with no attribute', { queryContext: 'customer', and: [{}] }, [['KQ4004', '/and/0']]],
  ['camelCase createdAt', { queryContext: 'customer', and: [{ createdAt: { gte: '2026-01-01' } }] }, [['KQ2001', '/and/0/createdAt']]],
  ['a field name with a space', { queryContext: 'customer', and: [{ 'customer name': { equals: 'a' } }] }, [['KQ4005', '/and/0/customer name']]],
  ['a field named sort', { queryContext: 'customer', and: [{ sort: { equals: 'a' } }] }, [['KQ4005', '/and/0/sort']]],
  ['an unknown operator', { queryContext: 'customer', and: [{ customer_name: { starts_with: 'a' } }] }, [['KQ4006', '/and/0/customer_name/starts_with']]],
  ['an operator object that is a string', { queryContext: 'customer', and: [{ customer_name: 'a' }] }, [['KQ4001', '/and/0/customer_name']]],
  ['an empty operator object', { queryContext: 'customer', and: [{ customer_name: {} }] }, [['KQ4001', '/and/0/customer_name']]],
  ['in with an empty array', { queryContext: 'customer', and: [{ customer_name: { in: [] } }] }, [['KQ4007', '/and/0/customer_name/in']]],
  ['in with an object', { queryContext: 'customer', and: [{ customer_name: { in: [{}] } }] }, [['KQ4007', '/and/0/customer_name/in']]],
  ['not_set false', { queryContext: 'customer', and: [{ customer_name: { not_set: false } }] }, [['KQ4007', '/and/0/customer_name/not_set']]],
  ['equals with an object', { queryContext: 'customer', and: [{ customer_name: { equals: { a: 1 } } }] }, [['KQ4007', '/and/0/customer_name/equals']]],
  ['equals with NaN (not JSON)', { queryContext: 'customer', and: [{ conversation_priority: { equals: Number.NaN } }] }, [['KQ4007', '/and/0/conversation_priority/equals']]],
  ['a number on a string field', { queryContext: 'customer', and: [{ customer_name: { equals: 5 } }] }, [['KQ4008', '/and/0/customer_name/equals']]],
  ['a relative date string on a datetime', { queryContext: 'customer', and: [{ customer_created_at: { gte: 'now-7d' } }] }, [['KQ4008', '/and/0/customer_created_at/gte']]],
  ['an operator the kind does not take', { queryContext: 'conversation', and: [{ conversation_status: { contains: 'open' } }] }, [['KQ2004', '/and/0/conversation_status']]],
  ['an enum value that does not exist', { queryContext: 'conversation', and: [{ conversation_status: { equals: 'opne' } }] }, [['KQ2005', '/and/0/conversation_status/equals']]],
  ['an unknown queryContext', { queryContext: 'tickets' }, [['KQ2010', '/queryContext']]],
  ['an unknown timeZone', { queryContext: 'customer', timeZone: 'Mars/Olympus' }, [['KQ2009', '/timeZone']]],
  ['a sort direction that is not asc/desc', { queryContext: 'customer', sort: [{ customer_name: 'up' }] }, [['KQ4010', '/sort/0/customer_name']]],
  ['a sort key that is not sortable', { queryContext: 'customer', sort: [{ customer_email: 'asc' }] }, [['KQ2011', '/sort/0/customer_email']]],
  ['an empty group inside an OR', { queryContext: 'customer', or: [{ customer_name: { equals: 'a' } }, { or: [] }] }, [['KQ4009', '/or/1']]],
  ['an empty group under not (would match nothing)', { queryContext: 'customer', not: [{ and: [] }] }, [['KQ4009', '/not/0']]],
  ['an empty or under not', { queryContext: 'customer', and: [{ customer_name: { equals: 'a' } }], not: [{ or: [] }] }, [['KQ4009', '/not/0']]],
  ['an empty not under not', { queryContext: 'customer', not: [{ not: [] }] }, [['KQ4009', '/not/0']]],
  ['a sparse and array', { queryContext: 'customer', and: [, { customer_name: { equals: 'a' } }] }, [['KQ4001', '/and/0']]],
  ['a sparse in array', { queryContext: 'customer', and: [{ customer_name: { in: [, 'a'] } }] }, [['KQ4007', '/and/0/customer_name/in']]],
  ['an instant with sub-millisecond digits', { queryContext: 'customer', and: [{ customer_updated_at: { gt: '2024-01-01T00:00:00.999999Z' } }] }, [['KQ4008', '/and/0/customer_updated_at/gt']]],
  ['a key with ~ and / in the pointer', { queryContext: 'customer', 'a/b~c': 1 }, [['KQ4002', '/a~1b~0c']]],
  // Kustomer's body limits (kustomer-api-live.md §1c): at most 20 items in and/or/not, 5 sort keys.
  ['an and of 21 criteria', { queryContext: 'customer', and: Array.from({ length: 21 }, (_, i) => ({ customer_name: { equals: `v${i}` } })) }, [['KQ4013', '/and']]],
  [
    'a sort of 6 keys',
    { queryContext: 'customer', sort: ['customer_name', 'customer_gender', 'customer_created_at', 'customer_updated_at', 'customer_modified_at', 'customer_activity_at'].map((k) => ({ [k]: 'asc' })) },
    [['KQ4013', '/sort']],
  ],
  // An instant respelled (KQ4014, a warning) next to an error.
  [
    'a Python str(datetime) instant and an unknown attribute',
    { queryContext: 'customer', and: [{ customer_updated_at: { gt: '2023-01-01 00:00:00+00:00' } }, { bogus: { equals: 'x' } }] },
    [['KQ2001', '/and/1/bogus'], ['KQ4014', '/and/0/customer_updated_at/gt']],
  ],
];

for (const [name, body, expected] of errors) {
  test(`${name} (${expected.map(([c]) => c).join(', ')})`, () => {
    const r = decompile(body, { now });
    assert.is(r.text, undefined);
    assert.equal(problems(body), expected);
  });
}

test('an empty group inside an AND is left out (it is always true)', () => {
  assert.is(text({ queryContext: 'customer', and: [{ customer_name: { equals: 'a' } }, { and: [] }, { or: [] }] }), 'customer_name:a context:customer');
});

test('an instant with zeros after the milliseconds is accepted', () => {
  assert.is(text({ queryContext: 'customer', and: [{ customer_updated_at: { gt: '2024-01-01T00:00:00.123000Z' } }] }), 'customer_updated_at>2024-01-01T00:00:00.123000Z context:customer');
});

test('criteria whose text would exceed maxLength: KQ1015, not an internal error', () => {
  // 20 criteria, Kustomer's most (kustomer-api-live.md §1c), with long values.
  const and = Array.from({ length: 20 }, (_, i) => ({ customer_name: { equals: `${'v'.repeat(60)}${i}` } }));
  const r = decompile({ queryContext: 'customer', and }, { maxLength: 1000 });
  assert.equal(r.diagnostics.map((d) => [d.code, d.pointer]), [['KQ1015', '']]);
});

test('100,000 sparse holes stop at maxDiagnostics', () => {
  const r = decompile({ queryContext: 'customer', and: new Array(100_000) });
  assert.ok(r.diagnostics.length <= 101, String(r.diagnostics.length));
  assert.is(r.diagnostics[r.diagnostics.length - 1]!.code, 'KQ1018');
});

test('every KQ4xxx code is produced by a row of the error table (KQ4003 by fields, KQ4011 by depth, KQ4012 by format)', () => {
  const produced = new Set(errors.flatMap(([, body]) => decompile(body, { now }).diagnostics.map((d) => d.code)));
  produced.add(decompile({ queryContext: 'customer', fields: [] }).diagnostics[0]!.code);
  produced.add(decompile({ queryContext: 'customer', and: [{ and: [{ and: [{ customer_name: { equals: 'x' } }] }] }] }, { maxDepth: 2 }).diagnostics[0]!.code);
  const span = { start: 0, end: 0 };
  produced.add(format({ kind: 'Query', span, body: { kind: 'Text', span, value: 5 } } as never).diagnostics[0]!.code);
  const missing = allMessages().map((m) => m.code).filter((c) => c.startsWith('KQ4') && !produced.has(c));
  assert.equal(missing, []);
});

test('criteria nested 100,000 deep: KQ4011, no stack overflow', () => {
  let item: unknown = { customer_name: { equals: 'x' } };
  for (let i = 0; i < 100_000; i++) item = { and: [item] };
  assert.equal(problems({ queryContext: 'customer', and: [item] }).map(([c]) => c), ['KQ4011']);
});

test('a body with a __proto__ key does not pollute or crash', () => {
  const body = JSON.parse('{"queryContext":"customer","__proto__":{"x":1},"and":[{"__proto__":{"equals":"a"}}]}');
  const r = decompile(body);
  assert.is(r.text, undefined);
  assert.ok(r.diagnostics.some((d) => d.code === 'KQ4002' && d.pointer === '/__proto__'));
  assert.is(({} as Record<string, unknown>).x, undefined);
});

test.run();
