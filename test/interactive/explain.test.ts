/**
 * explain(): queries read back in English, named by the query. The clock is fixed at 2024-06-24T12:00Z.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { criteriaInWords, explain, explainQuery, type CompileOptions } from '../../src/index.js';
import { opts } from './helpers.js';

function rows(list: readonly [query: string, expected: string, extra?: CompileOptions][]): void {
  for (const [query, expected, extra] of list) {
    const name = extra ? `${query}  [${JSON.stringify(extra)}]` : query;
    test(name, () => assert.is(explain(query, opts(extra)), expected));
  }
}

rows([
  [
    'conversation_status:done customer_updated_at>=2016-06-24 tz:America/New_York sort:customer_name context:conversation',
    'conversations that are done, whose customer was updated on or after 24 June 2016 (America/New_York); sorted by customer name, A→Z',
  ],
  [
    'conversation_status:done AND customer_updated_at>=2016-06-24 sort:customer_name',
    'customers whose conversation status is done, that were updated on or after 24 June 2016 (GMT); sorted by name, A→Z',
  ],
  ['conversation_created_at:today tz:Europe/Paris', 'conversations that were created today (24 June 2024, Europe/Paris)'],
  ['conversation_created_at:2024-01-05', 'conversations that were created on 5 January 2024 (GMT)'],
  [
    'conversation_created_at>=now-7d/d conversation_priority>=4 -conversation_tags:abc',
    'conversations that were created on or after now-7d/d (17 June 2024, GMT), whose priority is at least 4, whose tags do not include "abc"',
  ],
  ['customer_last_seen_at<now-1h', 'customers that were last seen before now-1h (24 June 2024, 11:00 UTC)'],
  ['customer_last_seen_at<now-1h', 'customers that were last seen before now-1h (24 June 2024, 11:00 UTC (07:00 America/New_York))', { timeZone: 'America/New_York' }],
  ['refund OR "money back"', 'customers that mention "refund", or that mention "money back"'],
  ['has:customer_email no:customer_phone', 'customers whose phone is not set, whose email is set'],
  [
    'conversation_status:(open OR snoozed) conversation_channels:email sort:conversation_updated_at-desc',
    'conversations that are open or snoozed, whose channels include email; sorted by updated time, newest first',
  ],
  ['-conversation_status:done -conversation_status:open', 'conversations that are not done, that are not open'],
  ['conversation_priority:1..3', 'conversations whose priority is at least 1 and at most 3'],
  ['conversation_priority:{1 TO 3}', 'conversations whose priority is more than 1 and less than 3'],
  ['message_body~refund context:message message_direction:in', 'messages whose body contains "refund", whose direction is in'],
  ['customer_custom_tierStr:gold customer_name~bob', 'customers whose tier is "gold", whose name contains "bob"'],
  ['kobject_custom_order_totalNum>5 context:kobject_order', 'order objects whose total is more than 5'],
  ['conversation_status:open OR conversation_priority:5', 'conversations that are open, or whose priority is 5'],
  ['context:company', 'all companies'],
  ['', 'all customers'],
  ['customer_email:"bob@acme.example" sort:customer_created_at-desc sort:customer_name', 'customers whose email is "bob@acme.example"; sorted by created time, newest first, then by name, A→Z'],
  ['conversation_created_at=2024-01-01T10:00:00Z', 'conversations that were created at exactly 1 January 2024, 10:00 UTC'],
  ['a OR -b', 'customers that mention "a", or (none of: that mention "b")', { nested: true }],
]);

// Clauses on one field: a choice is never joined to another clause with "and", and each criterion is said once.
rows([
  ['conversation_tags:a conversation_tags:(b OR c)', 'conversations whose tags include "a", whose tags include "b" or "c"'],
  ['conversation_priority:(1 OR 2) conversation_priority:3', 'conversations whose priority is 1 or 2, whose priority is 3'],
  ['conversation_created_at<today conversation_created_at>=yesterday', 'conversations that were created yesterday (29 November 2026, GMT)', { now: '2026-11-30T15:00:00Z' }],
  ['conversation_created_at>=yesterday conversation_created_at<today', 'conversations that were created yesterday (29 November 2026, GMT)', { now: '2026-11-30T15:00:00Z' }],
  ['conversation_created_at:today conversation_created_at:yesterday', 'conversations that were created today (30 November 2026, GMT), that were created yesterday (29 November 2026, GMT)', { now: '2026-11-30T15:00:00Z' }],
  ['conversation_created_at>=today conversation_created_at:today', 'conversations that were created today (30 November 2026, GMT), that were created on or after today (30 November 2026, GMT)', { now: '2026-11-30T15:00:00Z' }],
]);

// A relative expression labels the criterion it came from, never a literal date with the same value.
rows([
  [
    'conversation_created_at>=2026-11-30 conversation_created_at<=today',
    'conversations that were created on or after 30 November 2026 (GMT) and on or before today (30 November 2026, GMT)',
    { now: '2026-11-30T15:00:00Z' },
  ],
  [
    'conversation_created_at<=today conversation_created_at>=2026-11-30',
    'conversations that were created on or before today (30 November 2026, GMT) and on or after 30 November 2026 (GMT)',
    { now: '2026-11-30T15:00:00Z' },
  ],
  ['conversation_created_at:today conversation_created_at<2026-12-01', 'conversations that were created today (30 November 2026, GMT), that were created before 1 December 2026 (GMT)', { now: '2026-11-30T15:00:00Z' }],
  ['conversation_created_at:[now-7d/d TO 2026-11-23]', 'conversations that were created on or after now-7d/d (23 November 2026, GMT) and on or before 23 November 2026 (GMT)', { now: '2026-11-30T15:00:00Z' }],
]);

test('criteriaInWords: relative expressions are keyed by the criterion object', () => {
  const literal = { conversation_created_at: { gte: '2026-11-30' } };
  const relative = { conversation_created_at: { lte: '2026-11-30' } };
  const text = criteriaInWords({ queryContext: 'conversation', and: [literal, relative] }, { relative: new Map([[relative, 'today']]) });
  assert.is(text, 'conversations that were created on or after 30 November 2026 (GMT) and on or before today (30 November 2026, GMT)');
});

test('x:1 (a query with errors: they are listed)', () => {
  const text = explain('x:1', opts());
  assert.match(text, 'cannot be explained');
  assert.match(text, "query:1:1: KQ2001 error: Unknown field 'x'.");
});

test('explainQuery returns the criteria and the diagnostics', () => {
  const e = explainQuery('conversation_status:open', opts());
  assert.equal(e.criteria, { queryContext: 'conversation', and: [{ conversation_status: { equals: 'open' } }] });
  assert.is(e.diagnostics[0]!.code, 'KQ2015');
  assert.is(explainQuery('x:1', opts()).text, undefined);
});

test('criteriaInWords on what is not a body', () => {
  assert.match(criteriaInWords(null), 'Not a search body');
  assert.match(criteriaInWords([1]), 'Not a search body');
  const hostile: unknown = JSON.parse('{"queryContext": "conversation", "and": {"__proto__": {"equals": 1}}}');
  assert.is(criteriaInWords(hostile), 'conversations whose proto is 1');
  assert.is(criteriaInWords({ queryContext: 'note', and: [{ x: { equals: 1, gt: 2 } }] }), 'notes matching {"x":{"equals":1,"gt":2}}');
});

test.run();
