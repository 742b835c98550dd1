/**
 * The documented bodies, written as query text: each test is named by its query, compiles it, and compares with the
 * body as documented (deep equality; key order may differ only by our canonical order, which is checked too).
 *
 * Sources:
 * - the Kustomer Customer Search doc (the project seed): "Filtering on Dates" (two bodies), "Filtering on Standard
 *   Fields" (an `and` array), "Custom Fields on Standard Objects", "Custom Objects", "Sorting";
 * - the team reference kustomer-search-api.md §1.4 (DOCS-SEARCH full body; the worked mapping), §1.2/§1.3
 *   (ranges as two criteria, negation through `not`), §2.1 (criteria from DOCS-RECIPES and public code), §3
 *   (contexts). §2/§3 hold no other full body of the search API (the queue-rule body in §2.2 is not the search format).
 */
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertCanonicalOrder, body, run } from './helpers.js';

/** Compiles `text` and compares with `documented`, checking the canonical key order. */
function same(text: string, documented: object): void {
  const criteria = body(text);
  assert.equal(criteria, documented);
  assertCanonicalOrder(criteria);
}

// --- kustomer-search-api.md §1.4 -----------------------------------------------------------------------------------------

test('context:conversation conversation_status:open conversation_priority>=4 conversation_created_at>=2026-10-01 tz:America/New_York', () => {
  same(
    'context:conversation conversation_status:open conversation_priority>=4 conversation_created_at>=2026-10-01 tz:America/New_York',
    JSON.parse(`{
      "queryContext": "conversation",
      "and": [
        { "conversation_status": { "equals": "open" } },
        { "conversation_priority": { "gte": 4 } },
        { "conversation_created_at": { "gte": "2026-10-01" } }
      ],
      "timeZone": "America/New_York"
    }`),
  );
});

test('tz:America/New_York conversation_created_at>=2026-10-01 conversation_priority>=4 conversation_status:open context:conversation', () => {
  // Directives may stand anywhere at the top level; criteria keep the order written.
  const criteria = body(
    'tz:America/New_York conversation_created_at>=2026-10-01 conversation_priority>=4 conversation_status:open context:conversation',
  );
  assert.equal(Object.keys(criteria), ['queryContext', 'and', 'timeZone']);
  assert.equal(criteria.and, [
    { conversation_created_at: { gte: '2026-10-01' } },
    { conversation_priority: { gte: 4 } },
    { conversation_status: { equals: 'open' } },
  ]);
});

test('context:conversation conversation_status:done AND customer_updated_at>=2016-06-24 sort:customer_name', () => {
  // §1.4 "Worked mapping for the brief's sample query".
  same(
    'context:conversation conversation_status:done AND customer_updated_at>=2016-06-24 sort:customer_name',
    JSON.parse(`{"queryContext":"conversation",
      "and":[{"conversation_status":{"equals":"done"}},{"customer_updated_at":{"gte":"2016-06-24"}}],
      "sort":[{"customer_name":"asc"}]}`),
  );
});

test('conversation_status:done AND customer_updated_at>=2016-06-24 sort:customer_name', () => {
  // Without a context the fields' objects disagree, so the default applies (compile.ts's own example).
  same('conversation_status:done AND customer_updated_at>=2016-06-24 sort:customer_name', {
    queryContext: 'customer',
    and: [{ conversation_status: { equals: 'done' } }, { customer_updated_at: { gte: '2016-06-24' } }],
    sort: [{ customer_name: 'asc' }],
  });
  const info = run('conversation_status:done AND customer_updated_at>=2016-06-24 sort:customer_name').diagnostics;
  assert.equal(info.map((d) => [d.code, d.severity]), [['KQ2015', 'info']]);
});

// --- the seed: "Filtering on Dates" --------------------------------------------------------------------------------------

test('context:conversation conversation_created_at<=2020-11-19 tz:America/New_York', () => {
  same(
    'context:conversation conversation_created_at<=2020-11-19 tz:America/New_York',
    JSON.parse(`{
      "and": [
        { "conversation_created_at": { "lte": "2020-11-19" } }
      ],
      "queryContext": "conversation",
      "timeZone": "America/New_York"
    }`),
  );
});

test('context:conversation conversation_created_at<=2020-11-20T16:34:00.000Z', () => {
  same(
    'context:conversation conversation_created_at<=2020-11-20T16:34:00.000Z',
    JSON.parse(`{
      "and": [
        { "conversation_created_at": { "lte": "2020-11-20T16:34:00.000Z" } }
      ],
      "queryContext": "conversation"
    }`),
  );
});

test('context:conversation conversation_created_at<=2020-11-20T11:34:00-05:00', () => {
  // The same instant written with an offset: sent in the documented UTC form.
  same('context:conversation conversation_created_at<=2020-11-20T11:34:00-05:00', {
    queryContext: 'conversation',
    and: [{ conversation_created_at: { lte: '2020-11-20T16:34:00.000Z' } }],
  });
});

// --- the seed: "Filtering on Standard Fields" ----------------------------------------------------------------------------

test('customer_updated_at>=2016-06-24 conversation_status:done', () => {
  const documented = JSON.parse(`[
    {"customer_updated_at": {"gte": "2016-06-24" }},
    {"conversation_status": {"equals": "done" }}
  ]`);
  const criteria = body('customer_updated_at>=2016-06-24 conversation_status:done');
  assert.equal(criteria, { queryContext: 'customer', and: documented });
});

test('customer_updated_at>=2016-06-24 AND conversation_status:done', () => {
  assert.equal(body('customer_updated_at>=2016-06-24 AND conversation_status:done').and, [
    { customer_updated_at: { gte: '2016-06-24' } },
    { conversation_status: { equals: 'done' } },
  ]);
});

// --- the seed: custom fields and custom objects ---------------------------------------------------------------------------

test('customer_custom_myCustomStr="some value"', () => {
  same('customer_custom_myCustomStr="some value"', {
    queryContext: 'customer',
    and: [JSON.parse('{ "customer_custom_myCustomStr": { "equals": "some value" }}')],
  });
});

test('customer_custom_myCustomStr:"some value"', () => {
  same('customer_custom_myCustomStr:"some value"', {
    queryContext: 'customer',
    and: [{ customer_custom_myCustomStr: { equals: 'some value' } }],
  });
});

test('message_custom_myCustomNum>=5', () => {
  same('message_custom_myCustomNum>=5', {
    queryContext: 'message',
    and: [JSON.parse('{ "message_custom_myCustomNum": { "gte": 5 }}')],
  });
});

test('kobject_custom_myKlass_myCustomNum>=5', () => {
  same('kobject_custom_myKlass_myCustomNum>=5', {
    queryContext: 'kobject_myKlass',
    and: [JSON.parse('{ "kobject_custom_myKlass_myCustomNum": { "gte": 5 }}')],
  });
});

// --- the seed: "Sorting" ----------------------------------------------------------------------------------------------------

test('sort:customer_updated_at', () => {
  same('sort:customer_updated_at', { queryContext: 'customer', ...JSON.parse('{"sort": [{"customer_updated_at": "asc"}]}') });
});

test('sort:customer_gender sort:customer_created_at', () => {
  same('sort:customer_gender sort:customer_created_at', {
    queryContext: 'customer',
    ...JSON.parse('{"sort": [{"customer_gender": "asc"}, {"customer_created_at": "asc"}]}'),
  });
});

test('sort:customer_gender-asc sort:customer_created_at-asc', () => {
  same('sort:customer_gender-asc sort:customer_created_at-asc', {
    queryContext: 'customer',
    sort: [{ customer_gender: 'asc' }, { customer_created_at: 'asc' }],
  });
});

// --- kustomer-search-api.md §1.2, §1.3, §2.1, §3: documented criteria and contexts -------------------------------------------

test('context:customer conversation_status:open', () => {
  // DOCS-RECIPES "With an open conversation": a customer search on a conversation attribute.
  same('context:customer conversation_status:open', {
    queryContext: 'customer',
    and: [{ conversation_status: { equals: 'open' } }],
  });
});

test('context:conversation customer_email:jane@example.com', () => {
  same('context:conversation customer_email:jane@example.com', {
    queryContext: 'conversation',
    and: [{ customer_email: { equals: 'jane@example.com' } }],
  });
});

test('context:conversation conversation_status:(open OR snoozed)', () => {
  same('context:conversation conversation_status:(open OR snoozed)', {
    queryContext: 'conversation',
    and: [{ conversation_status: { in: ['open', 'snoozed'] } }],
  });
});

test('context:conversation conversation_status:(open OR snoozed) no:conversation_assigned_users', () => {
  same('context:conversation conversation_status:(open OR snoozed) no:conversation_assigned_users', {
    queryContext: 'conversation',
    and: [{ conversation_status: { in: ['open', 'snoozed'] } }, { conversation_assigned_users: { not_set: '' } }],
  });
});

test('context:message message_direction:in', () => {
  same('context:message message_direction:in', { queryContext: 'message', and: [{ message_direction: { equals: 'in' } }] });
});

test('context:conversation conversation_direction:out', () => {
  same('context:conversation conversation_direction:out', {
    queryContext: 'conversation',
    and: [{ conversation_direction: { equals: 'out' } }],
  });
});

test('context:customer customer_last_seen_at<2026-09-21', () => {
  same('context:customer customer_last_seen_at<2026-09-21', {
    queryContext: 'customer',
    and: [{ customer_last_seen_at: { lt: '2026-09-21' } }],
  });
});

test('customer_email~@acme.example sort:customer_updated_at-desc', () => {
  same('customer_email~@acme.example sort:customer_updated_at-desc', {
    queryContext: 'customer',
    and: [{ customer_email: { contains: '@acme.example' } }],
    sort: [{ customer_updated_at: 'desc' }],
  });
});

test('context:message message_body:refund', () => {
  same('context:message message_body:refund', { queryContext: 'message', and: [{ message_body: { contains: 'refund' } }] });
});

test('context:conversation conversation_channels:email', () => {
  same('context:conversation conversation_channels:email', {
    queryContext: 'conversation',
    and: [{ conversation_channels: { equals: 'email' } }],
  });
});

test('context:conversation conversation_customer_id:5822a4a5aa5f92110005d69a', () => {
  same('context:conversation conversation_customer_id:5822a4a5aa5f92110005d69a', {
    queryContext: 'conversation',
    and: [{ conversation_customer_id: { equals: '5822a4a5aa5f92110005d69a' } }],
  });
});

test('context:customer customer_custom_loyaltyTierStr:gold', () => {
  same('context:customer customer_custom_loyaltyTierStr:gold', {
    queryContext: 'customer',
    and: [{ customer_custom_loyaltyTierStr: { equals: 'gold' } }],
  });
});

test('context:conversation conversation_custom_orderNumberStr:"ORD-1234"', () => {
  same('context:conversation conversation_custom_orderNumberStr:"ORD-1234"', {
    queryContext: 'conversation',
    and: [{ conversation_custom_orderNumberStr: { equals: 'ORD-1234' } }],
  });
});

test('context:message conversation_updated_at:2025-06-01T00:00:00Z..2025-06-30T00:00:00Z', () => {
  // §1.2: a range is the same attribute twice in `and`, never two operators in one object.
  same('context:message conversation_updated_at:2025-06-01T00:00:00Z..2025-06-30T00:00:00Z', {
    queryContext: 'message',
    and: [
      { conversation_updated_at: { gte: '2025-06-01T00:00:00.000Z' } },
      { conversation_updated_at: { lte: '2025-06-30T00:00:00.000Z' } },
    ],
  });
});

test('context:conversation conversation_updated_at>2023-01-01T00:00:00+00:00 sort:conversation_updated_at', () => {
  // The taps' incremental query: a gt watermark sorted ascending (§2.1, §6.1).
  same('context:conversation conversation_updated_at>2023-01-01T00:00:00+00:00 sort:conversation_updated_at', {
    queryContext: 'conversation',
    and: [{ conversation_updated_at: { gt: '2023-01-01T00:00:00.000Z' } }],
    sort: [{ conversation_updated_at: 'asc' }],
  });
});

test('context:conversation -conversation_status:done', () => {
  // §1.3: negation through the documented top-level `not`, never a guessed not_equals.
  same('context:conversation -conversation_status:done', {
    queryContext: 'conversation',
    not: [{ conversation_status: { equals: 'done' } }],
  });
});

test('context:kobject_ecomm-order kobject_custom_ecomm-order_totalNum>100 sort:kobject_updated_at-desc', () => {
  same('context:kobject_ecomm-order kobject_custom_ecomm-order_totalNum>100 sort:kobject_updated_at-desc', {
    queryContext: 'kobject_ecomm-order',
    and: [{ 'kobject_custom_ecomm-order_totalNum': { gt: 100 } }],
    sort: [{ kobject_updated_at: 'desc' }],
  });
});

test('context:kobject_calendly-event kobject_custom_calendly-event_customersCompanyStr:Acme', () => {
  same('context:kobject_calendly-event kobject_custom_calendly-event_customersCompanyStr:Acme', {
    queryContext: 'kobject_calendly-event',
    and: [{ 'kobject_custom_calendly-event_customersCompanyStr': { equals: 'Acme' } }],
  });
});

for (const context of ['customer', 'conversation', 'message', 'company', 'note', 'kobject', 'kobject_reservation']) {
  test(`context:${context} sort:${context.startsWith('kobject') ? 'kobject' : context}_updated_at-desc`, () => {
    const object = context.startsWith('kobject') ? 'kobject' : context;
    same(`context:${context} sort:${object}_updated_at-desc`, {
      queryContext: context,
      sort: [{ [`${object}_updated_at`]: 'desc' }],
    });
  });
}

// --- the example files stay compilable ----------------------------------------------------------------------------------------

for (const file of ['docs.kq', 'seed.kq', 'everyday.kq']) {
  const lines = readFileSync(new URL(`../../examples/${file}`, import.meta.url), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !l.startsWith('#'));
  for (const line of lines) {
    test(line, () => {
      body(line);
    });
  }
}

test.run();
