/**
 * `evaluate` and `prepareCriteria`: the body's logic (`and`, `or`, `not`, nested groups), the documented alternative
 * shapes, the record's object type (`_type`), untrusted records, and the problems reported for bodies without a
 * meaning. Each test is named by the body (and record) it evaluates.
 */
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { evaluate, prepareCriteria, search, SearchError } from '../../src/evaluate/index.js';
import { fcOptions } from '../helpers/fc.js';

const open = { conversation_status: { equals: 'open' } };
const vip = { customer_tags: { equals: 'vip' } };
const high = { conversation_priority: { gte: 4 } };

const cases: [body: Record<string, unknown>, record: unknown, expected: boolean][] = [
  [{ queryContext: 'conversation', and: [open, high] }, { conversation_status: 'open', conversation_priority: 4 }, true],
  [{ queryContext: 'conversation', and: [open, high] }, { conversation_status: 'open', conversation_priority: 3 }, false],
  [{ queryContext: 'conversation', or: [open, high] }, { conversation_status: 'done', conversation_priority: 5 }, true],
  [{ queryContext: 'conversation', or: [open, high] }, { conversation_status: 'done', conversation_priority: 1 }, false],
  [{ queryContext: 'conversation', not: [open, vip] }, { conversation_status: 'done' }, true],
  [{ queryContext: 'conversation', not: [open, vip] }, { conversation_status: 'done', customer_tags: ['vip'] }, false],
  [{ queryContext: 'conversation', and: [high], or: [open, vip], not: [{ conversation_sla_breached: { equals: true } }] }, { conversation_priority: 4, customer_tags: 'vip', conversation_sla_breached: false }, true],
  [{ queryContext: 'conversation', and: [high], or: [open, vip], not: [{ conversation_sla_breached: { equals: true } }] }, { conversation_priority: 4, customer_tags: 'vip', conversation_sla_breached: true }, false],
  [{ queryContext: 'conversation' }, { anything: 1 }, true],
  // Nested groups (the compiler's `nested: true` output).
  [{ queryContext: 'conversation', and: [{ or: [open, { and: [vip, high] }] }] }, { customer_tags: 'vip', conversation_priority: 5 }, true],
  [{ queryContext: 'conversation', and: [{ or: [open, { and: [vip, high] }] }] }, { customer_tags: 'vip', conversation_priority: 2 }, false],
  [{ queryContext: 'conversation', and: [{ not: [open, vip] }] }, { conversation_status: 'snoozed' }, true],
  [{ queryContext: 'conversation', not: [{ and: [open, vip] }] }, { conversation_status: 'open' }, true],
  [{ queryContext: 'conversation', not: [{ and: [open, vip] }] }, { conversation_status: 'open', customer_tags: ['vip'] }, false],
  // Documented alternative shapes: `not` as one object (DOCS-SEARCH), `"or": []` (Kustomer's OpenAPI examples).
  [{ queryContext: 'conversation', not: open }, { conversation_status: 'open' }, false],
  [{ queryContext: 'conversation', and: [open], or: [] }, { conversation_status: 'open' }, true],
  [{ queryContext: 'conversation', and: open, sort: { conversation_created_at: 'asc' } }, { conversation_status: 'open' }, true],
  // The record's object type.
  [{ queryContext: 'conversation', and: [open] }, { _type: 'conversation', conversation_status: 'open' }, true],
  [{ queryContext: 'customer', and: [open] }, { _type: 'conversation', conversation_status: 'open' }, false],
  [{ queryContext: 'kobject', and: [{ kobject_imported: { equals: true } }] }, { _type: 'kobject_ecomm-order', kobject_imported: true }, true],
  [{ queryContext: 'kobject_ecomm-order' }, { _type: 'kobject_calendly-event' }, false],
  [{ queryContext: 'customer', and: [open] }, { _type: 7, conversation_status: 'open' }, true],
  // Records that are not JSON objects match nothing; keys are own properties only.
  [{ queryContext: 'customer' }, null, false],
  [{ queryContext: 'customer' }, ['conversation_status', 'open'], false],
  [{ queryContext: 'customer' }, 'open', false],
  [{ queryContext: 'customer', and: [vip] }, Object.create({ customer_tags: 'vip' }), false],
  [{ queryContext: 'customer', and: [vip] }, JSON.parse('{"__proto__": {"customer_tags": "vip"}}'), false],
  [{ queryContext: 'customer', and: [{ customer_tags: { not_set: '' } }] }, JSON.parse('{"__proto__": {"customer_tags": "vip"}}'), true],
];

for (const [body, record, expected] of cases) {
  test(`${JSON.stringify(body)} on ${record === null ? 'null' : JSON.stringify(record)} → ${expected}`, () => {
    assert.is(evaluate(body, record), expected);
  });
}

test('{"queryContext":"customer","and":[{"customer_custom_tierStr":{"equals":"Gold"}}]} with customAttributes declaring it a list', () => {
  const body = { queryContext: 'customer', and: [{ customer_custom_tierStr: { equals: 'Gold' } }] };
  // As a string (the Str suffix), equality ignores case; declared a list (a dropdown), it is exact.
  assert.is(evaluate(body, { customer_custom_tierStr: 'gold' }), true);
  assert.is(evaluate(body, { customer_custom_tierStr: 'gold' }, { customAttributes: [{ name: 'customer_custom_tierStr', type: 'list' }] }), false);
});

test('{"queryContext":"customer","and":[{"customer_custom_tierStr":…}]} with a customAttributes list that lacks it is refused', () => {
  const p = prepareCriteria({ queryContext: 'customer', and: [{ customer_custom_tierStr: { equals: 'x' } }] }, { customAttributes: [{ name: 'customer_custom_levelStr' }] });
  assert.is(p.ok, false);
  if (!p.ok) assert.equal(p.problems.map((x) => x.pointer), ['/and/0/customer_custom_tierStr']);
});

const problems: [body: unknown, expected: [pointer: string | undefined, part: string][]][] = [
  [null, [['', 'expected an object']]],
  [{ and: [open] }, [['', 'missing "queryContext"']]],
  [{ queryContext: 'ticket' }, [['/queryContext', 'is not a query context']]],
  [{ queryContext: 'customer', and: [{ customer_tags: { equals: 'a', in: ['b'] } }] }, [['/and/0/customer_tags', 'exactly one operator']]],
  [{ queryContext: 'customer', and: [{ customer_tags: { starts_with: 'a' } }] }, [['/and/0/customer_tags/starts_with', 'unknown operator']]],
  [{ queryContext: 'customer', and: [{ customer_tagz: { equals: 'a' } }, { conversation_priority: { gt: 'high' } }] }, [
    ['/and/0/customer_tagz', "Unknown attribute 'customer_tagz'. Did you mean 'customer_tags'"],
    ['/and/1/conversation_priority/gt', 'expected a number'],
  ]],
  [{ queryContext: 'customer', timeZone: 'Mars/Olympus', and: [open] }, [['/timeZone', "Unknown time zone 'Mars/Olympus'"]]],
  [{ queryContext: 'customer', fields: ['customer_name'] }, [['/fields', 'unknown key "fields"']]],
];

for (const [body, expected] of problems) {
  test(`${JSON.stringify(body)} is refused`, () => {
    const p = prepareCriteria(body);
    assert.is(p.ok, false);
    if (p.ok) return;
    for (const [pointer, part] of expected) {
      assert.ok(
        p.problems.some((x) => x.pointer === pointer && x.message.includes(part)),
        `expected ${pointer}: ${part} in ${JSON.stringify(p.problems)}`,
      );
    }
    assert.throws(() => evaluate(body, {}), (e: unknown) => e instanceof SearchError && e.problems.length === p.problems.length);
  });
}

test('a body nested 5,000 groups deep is refused, not a stack overflow', () => {
  let item: unknown = open;
  for (let i = 0; i < 5000; i++) item = { not: [item] };
  const p = prepareCriteria({ queryContext: 'customer', and: [item] });
  assert.is(p.ok, false);
});

test('a body nested 1,001 groups deep is refused with a pointer to the group past the limit', () => {
  let item: unknown = open;
  for (let i = 0; i < 1001; i++) item = { and: [item] };
  const p = prepareCriteria({ queryContext: 'customer', and: [item] });
  assert.is(p.ok, false);
  if (!p.ok) assert.match(p.problems.map((x) => x.message).join(' '), /nested (too deeply|more than 1000 levels)/);
});

test('prepareCriteria never throws on hostile bodies', () => {
  const cyclic: Record<string, unknown> = { queryContext: 'customer' };
  cyclic['and'] = [cyclic];
  for (const body of [undefined, 0, 'x', [], {}, cyclic, { queryContext: 'customer', and: [{ constructor: { equals: 1 } }] }, JSON.parse('{"queryContext":"customer","__proto__":{"and":[]}}')]) {
    const p = prepareCriteria(body);
    assert.is(typeof p.ok, 'boolean');
  }
});

const names = fc.constantFrom('customer_tags', 'customer_name', 'message_body', 'any_text', 'conversation_priority', 'conversation_created_at', 'conversation_sla_breached', 'customer_custom_xAt', '__proto__', 'constructor', 'toString', 'and', 'or', 'not', 'x');
const operators = fc.constantFrom('equals', 'contains', 'in', 'gt', 'gte', 'lt', 'lte', 'not_set', '__proto__', 'valueOf');
const values = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom('2024-01-01', '2024-01-01T00:00:00Z', '', true, 3, ['vip'], [1, 2]));
const item: fc.Arbitrary<unknown> = fc.letrec<{ item: unknown }>((tie) => ({
  item: fc.oneof(
    { depthSize: 'small' },
    fc.tuple(names, operators, values).map(([n, o, v]) => ({ [n]: { [o]: v } })),
    fc.tuple(fc.constantFrom('and', 'or', 'not'), fc.array(tie('item'), { maxLength: 3 })).map(([k, xs]) => ({ [k]: xs })),
    fc.jsonValue({ maxDepth: 2 }),
  ),
})).item;
const body = fc.record(
  {
    queryContext: fc.constantFrom('customer', 'conversation', 'kobject', 'nope'),
    and: fc.oneof(fc.array(item, { maxLength: 3 }), item),
    or: fc.array(item, { maxLength: 3 }),
    not: fc.oneof(fc.array(item, { maxLength: 3 }), item),
    sort: fc.array(fc.tuple(names, fc.constantFrom('asc', 'desc', 'up')).map(([n, d]) => ({ [n]: d })), { maxLength: 2 }),
    timeZone: fc.constantFrom('UTC', 'America/New_York', 'nowhere'),
  },
  { requiredKeys: [] },
);
const record = fc.oneof(fc.dictionary(names, values, { maxKeys: 5 }), fc.jsonValue({ maxDepth: 2 }));

test('hostile bodies and records: prepareCriteria never throws; search throws only SearchError', () => {
  fc.assert(
    fc.property(body, fc.array(record, { maxLength: 4 }), (b, records) => {
      const p = prepareCriteria(b);
      if (p.ok) for (const r of records) assert.type(p.prepared.matches(r), 'boolean');
      try {
        search(b, records);
        assert.ok(p.ok);
      } catch (e) {
        assert.instance(e, SearchError);
        assert.ok(!p.ok);
      }
    }),
    fcOptions(500),
  );
});

test.run();
