/**
 * Sorting by evidence (kustomer-search-api.md §6.1): the documented customer sort list and the context's own
 * `_created_at`/`_updated_at` are silent; cross-object sorts seen in working integrations, the archive endpoint's
 * sortable list, and datetime, number and keyword attributes of the searched object compile with KQ2020 naming the
 * evidence; other names are KQ2011.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compile } from '../../src/index.js';
import { contextObject, isValidContext, queryContexts, sortEvidence } from '../../src/schema/index.js';

const now = '2026-11-30T15:00:00Z';

/** [sort key, context, expected outcome, a word the KQ2020 message must contain] */
const rows: [string, string, 'silent' | 'KQ2020' | 'KQ2011', string?][] = [
  // The Customer Search doc's list (§6.1), in any context.
  ['customer_name', 'customer', 'silent'],
  ['customer_last_message_at', 'conversation', 'silent'],
  ['customer_done', 'customer', 'silent'],
  // The context's own created/updated time (the singer and Meltano taps, §6.1; api-live §1c).
  ['conversation_updated_at', 'conversation', 'silent'],
  ['kobject_created_at', 'kobject_ecomm-order', 'silent'],
  // Cross-object sorts in a working integration (casper12340 main.py, §6.1).
  ['conversation_last_done_created_at', 'conversation', 'KQ2020', 'working integration'],
  ['conversation_updated_at', 'message', 'KQ2020', 'working integration'],
  // The archive endpoint's sortable list (§6.1).
  ['message_id', 'message', 'KQ2020', 'archive'],
  ['conversation_customer_id', 'conversation', 'KQ2020', 'archive'],
  ['customer_companyId', 'customer', 'KQ2020', 'archive'],
  ['company_created_at', 'customer', 'KQ2020', 'archive'],
  ['kobject_custom_order_created_at', 'kobject', 'KQ2020', 'archive'],
  // Datetime, number and keyword attributes of the object searched.
  ['conversation_priority', 'conversation', 'KQ2020', 'number attribute of the conversation'],
  ['conversation_first_response_sent_at', 'conversation', 'KQ2020', 'datetime attribute'],
  ['customer_externalId', 'customer', 'silent'],
  ['customer_default_lang', 'customer', 'KQ2020', 'string_notanalyzed attribute'],
  ['conversation_custom_dueAt', 'conversation', 'KQ2020', 'datetime attribute'],
  // No evidence: errors.
  ['conversation_priority', 'customer', 'KQ2011'],
  ['conversation_status', 'conversation', 'KQ2011'],
  ['customer_email', 'customer', 'KQ2011'],
  ['message_body', 'message', 'KQ2011'],
  ['bogus_field', 'customer', 'KQ2011'],
  ['conversation_time_handle_time', 'conversation_time', 'KQ2011'],
];

for (const [key, context, outcome, word] of rows) {
  test(`sort:${key} context:${context} → ${outcome}`, () => {
    const r = compile(`sort:${key} context:${context}`, { now });
    const codes = r.diagnostics.filter((d) => d.severity !== 'info').map((d) => d.code);
    assert.equal(codes, outcome === 'silent' ? [] : [outcome]);
    if (outcome !== 'KQ2011') assert.equal(r.criteria?.sort, [{ [key]: 'asc' }]);
    if (word !== undefined) assert.match(r.diagnostics[0]!.message, word);
  });
}

test('sortEvidence names the source document and section in every reason', () => {
  for (const [key, context, outcome] of rows) {
    if (outcome !== 'KQ2020') continue;
    const field = null;
    const reason = sortEvidence(key, context, field) ?? compile(`sort:${key} context:${context}`, { now }).diagnostics[0]!.message;
    assert.match(reason, 'kustomer-search-api.md §6.1');
  }
});

test('conversation_time, work_session, work_item are contexts (OpenAPI pattern, api-live §1c) whose object is not known', () => {
  for (const c of ['conversation_time', 'work_session', 'work_item']) {
    assert.ok(queryContexts.includes(c));
    assert.ok(isValidContext(c));
    assert.is(contextObject(c), null);
  }
  assert.is(contextObject('conversation'), 'conversation');
  assert.not.ok(isValidContext('work_items'));
});

test('conversation_time_handle_time>=60 (no context): still inferred as a conversation search', () => {
  assert.is(compile('conversation_time_handle_time>=60', { now }).criteria!.queryContext, 'conversation');
});


for (const [query, fixed] of [
  ['sort:-customer_name', 'sort:customer_name-desc'],
  ['sort:customer_name:desc', 'sort:customer_name-desc'],
  ['sort:customer_name:ASC', 'sort:customer_name-asc'],
] as const) {
  test(`${query}: KQ2011 suggests the direction suffix (${fixed}), which compiles to that order`, () => {
    const d = compile(query).diagnostics.find((x) => x.code === 'KQ2011')!;
    assert.ok(d, 'KQ2011 expected');
    const replaced = query.slice(0, d.span.start) + d.suggestions![0]! + query.slice(d.span.end);
    assert.is(replaced, fixed);
    const sort = compile(replaced).criteria!.sort;
    assert.equal(sort, [{ customer_name: fixed.endsWith('desc') ? 'desc' : 'asc' }]);
  });
}

test.run();
