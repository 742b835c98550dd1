import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { validateCriteria } from '../../src/emit/validate.js';

const docsExample = {
  queryContext: 'conversation',
  and: [
    { conversation_status: { equals: 'open' } },
    { conversation_priority: { gte: 4 } },
    { conversation_created_at: { gte: '2026-10-01' } },
  ],
  timeZone: 'America/New_York',
};

function pointers(json: unknown): string[] {
  return validateCriteria(json).errors.map((e) => e.pointer);
}

test('docs example body (kustomer-search-api.md §1.4)', () => {
  assert.equal(validateCriteria(docsExample), { valid: true, errors: [] });
});

test('worked mapping with sort customer_name asc', () => {
  assert.ok(
    validateCriteria({
      queryContext: 'conversation',
      and: [{ conversation_status: { equals: 'done' } }, { customer_updated_at: { gte: '2016-06-24' } }],
      sort: [{ customer_name: 'asc' }],
    }).valid,
  );
});

test('kobject_ecomm-order with kobject_custom_ecomm-order_totalNum, customer_externalId in, not not_set', () => {
  assert.equal(
    validateCriteria({
      queryContext: 'kobject_ecomm-order',
      and: [
        { 'kobject_custom_ecomm-order_totalNum': { gte: 5 } },
        { customer_externalId: { in: ['a', 1, true] } },
      ],
      or: [{ conversation_status: { in: ['open', 'snoozed'] } }],
      not: [{ conversation_assigned_users: { not_set: '' } }, { customer_name: { not_set: true } }],
      sort: [{ kobject_updated_at: 'desc' }],
    }),
    { valid: true, errors: [] },
  );
});

test('nested group {"or": [...]} inside and', () => {
  assert.ok(
    validateCriteria({
      queryContext: 'customer',
      and: [{ or: [{ customer_name: { contains: 'a' } }, { not: [{ customer_name: { contains: 'b' } }] }] }],
    }).valid,
  );
});

test('only queryContext', () => {
  assert.ok(validateCriteria({ queryContext: 'customer' }).valid);
});

test('two operators in one object: gte and lte', () => {
  const result = validateCriteria({
    queryContext: 'conversation',
    and: [{ conversation_updated_at: { gte: '2024-01-01', lte: '2024-02-01' } }],
  });
  assert.equal(result, {
    valid: false,
    errors: [
      {
        pointer: '/and/0/conversation_updated_at',
        message:
          'a criterion takes exactly one operator, found 2: "gte", "lte"; put each operator in a criterion of its own',
      },
    ],
  });
});

test('unknown operator between', () => {
  const result = validateCriteria({ queryContext: 'conversation', and: [{ conversation_updated_at: { between: 'x' } }] });
  assert.equal(result.errors, [
    {
      pointer: '/and/0/conversation_updated_at/between',
      message: 'unknown operator "between"; expected one of equals, contains, in, gt, gte, lt, lte, not_set',
    },
  ]);
});

test('empty and', () => {
  assert.equal(validateCriteria({ queryContext: 'customer', and: [] }).errors, [
    { pointer: '/and', message: '"and" must not be empty; leave it out instead' },
  ]);
});

test('extra top-level key page', () => {
  const result = validateCriteria({ ...docsExample, page: 2 });
  assert.is(result.valid, false);
  assert.equal(pointers({ ...docsExample, page: 2 }), ['/page']);
  assert.match(result.errors[0]!.message, 'unknown key "page"');
});

test('missing queryContext', () => {
  assert.equal(pointers({ and: [{ customer_name: { equals: 'x' } }] }), ['']);
});

test('queryContext conversations and kobject_', () => {
  assert.equal(pointers({ queryContext: 'conversations' }), ['/queryContext']);
  assert.equal(pointers({ queryContext: 'kobject_' }), ['/queryContext']);
});

test('two attributes in one criterion', () => {
  assert.equal(pointers({ queryContext: 'customer', and: [{ a: { equals: 1 }, b: { equals: 2 } }] }), ['/and/0']);
});

test('empty criterion and empty condition', () => {
  assert.equal(pointers({ queryContext: 'customer', and: [{}] }), ['/and/0']);
  assert.equal(pointers({ queryContext: 'customer', and: [{ customer_name: {} }] }), ['/and/0/customer_name']);
});

test('attribute names Customer_name and a/b~c (pointer escaping)', () => {
  assert.equal(pointers({ queryContext: 'customer', and: [{ Customer_name: { equals: 'x' } }] }), ['/and/0/Customer_name']);
  assert.equal(pointers({ queryContext: 'customer', and: [{ 'a/b~c': { equals: 'x' } }] }), ['/and/0/a~1b~0c']);
});

test('in: [] and in: "x"', () => {
  assert.equal(validateCriteria({ queryContext: 'customer', and: [{ customer_name: { in: [] } }] }).errors, [
    { pointer: '/and/0/customer_name/in', message: "'in' needs at least one value" },
  ]);
  assert.equal(pointers({ queryContext: 'customer', and: [{ customer_name: { in: 'x' } }] }), ['/and/0/customer_name/in']);
});

test('not_set: false', () => {
  assert.equal(pointers({ queryContext: 'customer', and: [{ customer_name: { not_set: false } }] }), [
    '/and/0/customer_name/not_set',
  ]);
});

test('equals: null and equals: {}', () => {
  const result = validateCriteria({ queryContext: 'customer', and: [{ customer_name: { equals: null } }] });
  assert.equal(result.errors, [{ pointer: '/and/0/customer_name/equals', message: 'expected a string, number or boolean' }]);
  assert.equal(pointers({ queryContext: 'customer', and: [{ customer_name: { equals: {} } }] }), [
    '/and/0/customer_name/equals',
  ]);
});

test('and: {} (object instead of array)', () => {
  assert.equal(validateCriteria({ queryContext: 'customer', and: {} }).errors, [
    { pointer: '/and', message: 'expected an array' },
  ]);
});

test('nested empty or', () => {
  assert.equal(pointers({ queryContext: 'customer', and: [{ or: [] }] }), ['/and/0/or']);
});

test('sort: [] sort: [{customer_name: "up"}] sort: [{}]', () => {
  assert.equal(pointers({ queryContext: 'customer', sort: [] }), ['/sort']);
  assert.equal(validateCriteria({ queryContext: 'customer', sort: [{ customer_name: 'up' }] }).errors, [
    { pointer: '/sort/0/customer_name', message: 'a sort direction is "asc" or "desc"' },
  ]);
  assert.equal(pointers({ queryContext: 'customer', sort: [{}] }), ['/sort/0']);
});

test('timeZone: "" and timeZone: 5', () => {
  assert.equal(pointers({ queryContext: 'customer', timeZone: '' }), ['/timeZone']);
  assert.equal(pointers({ queryContext: 'customer', timeZone: 5 }), ['/timeZone']);
});

test('null [] "x" 42', () => {
  for (const json of [null, [], 'x', 42, undefined]) {
    assert.equal(validateCriteria(json).errors, [{ pointer: '', message: 'expected an object' }]);
  }
});

test('several errors are all reported', () => {
  assert.equal(pointers({ queryContext: 'nope', and: [], extra: true }).sort(), ['/and', '/extra', '/queryContext']);
});

test('100000 nested groups (reported, not thrown)', () => {
  let item: unknown = { customer_name: { equals: 'x' } };
  for (let i = 0; i < 100_000; i++) item = { and: [item] };
  const result = validateCriteria({ queryContext: 'customer', and: [item] });
  assert.is(result.valid, false);
  assert.equal(pointers({ queryContext: 'customer', and: [item] }), ['']);
});

test.run();
