/**
 * describe(): what is under the cursor, one test per kind of thing, named by the input (`|` marks the cursor; the
 * end when absent). The clock is fixed at 2024-06-24T12:00Z.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { describe, type CompileOptions } from '../../src/index.js';
import { cursor, opts } from './helpers.js';

function run(marked: string, extra: CompileOptions = {}) {
  const { text, offset } = cursor(marked);
  return describe(text, offset, { ...opts(), ...extra });
}

test('conversation_status (a bare field name: the field)', () => {
  const d = run('conversation_status')!;
  assert.is(d.kind, 'field');
  assert.equal(d.span, { start: 0, end: 19 });
  assert.is(d.field!.kind, 'list');
  assert.is(d.field!.type, 'string');
  assert.equal(d.field!.values, ['snoozed', 'open', 'done']);
  assert.equal(d.field!.operators, [':', '=', '!=', ':*']);
  assert.is(d.field!.sortable, false);
  assert.match(d.summary, 'one of snoozed, open, done');
});

test('customer_na|me:bob (the name of a field term)', () => {
  const d = run('customer_na|me:bob')!;
  assert.is(d.kind, 'field');
  assert.is(d.field!.name, 'customer_name');
  assert.is(d.field!.sortable, true);
});

test('conversation_priority (a number field with the schema\'s range)', () => {
  const d = run('conversation_priority')!;
  assert.is(d.field!.type, 'integer');
  assert.ok(d.field!.operators.includes('>='));
  assert.match(d.summary, 'a whole number from 1 to 5');
});

test('conversation_created_at (sortable only in its own context)', () => {
  assert.is(run('conversation_created_at')!.field!.sortable, false);
  assert.is(run('context:conversation conversation_created_at')!.field!.sortable, true);
  assert.match(run('conversation_created_at')!.summary, 'sortable in context:conversation');
});

test('conversation_statu:open (an unknown field: did you mean)', () => {
  const d = run('conversation_st|atu:open')!;
  assert.is(d.kind, 'field');
  assert.is(d.field, undefined);
  assert.match(d.title, 'unknown field');
  assert.match(d.summary, 'conversation_status');
});

test('customer_done (a sort-only key)', () => {
  assert.match(run('customer_done')!.title, 'a sort key only');
});

test('conversation_priority>|=4 (an operator on a number)', () => {
  const d = run('conversation_priority>|=4')!;
  assert.is(d.kind, 'operator');
  assert.is(d.operator, '>=');
  assert.equal(d.span, { start: 21, end: 23 });
  assert.match(d.title, 'at least');
  assert.match(d.summary, 'Kustomer gte');
});

test('conversation_created_at< (an operator on a date)', () => {
  assert.match(run('conversation_created_at<')!.title, 'before');
});

test('message_body~ vs conversation_status~ (whether the kind takes the operator)', () => {
  assert.match(run('message_body~')!.summary, 'A text field takes it.');
  assert.match(run('conversation_status~')!.summary, 'does not take it');
});

test('customer_tags~vip at 14 and conversation_status>open at 21 (a value after an operator the kind does not take)', () => {
  const tags = describe('customer_tags~vip', 14, opts())!;
  assert.is(tags.kind, 'value');
  assert.is(tags.value!.valid, false);
  assert.match(tags.title, '~ is not taken by a list field');
  assert.not.match(tags.summary, 'words to find');
  assert.match(tags.summary, 'KQ2004');
  const status = describe('conversation_status>open', 21, opts())!;
  assert.is(status.value!.valid, false);
  assert.match(status.summary, '> is not taken by a list field');
  assert.not.match(status.summary, 'greater than');
});

test('customer_tags~vip at 13 and conversation_status>open at 19 (the operator: not taken, and no meaning claimed for the field)', () => {
  const d = describe('customer_tags~vip', 13, opts())!;
  assert.is(d.kind, 'operator');
  assert.is(d.title, '~ — ~ is not taken by a list field');
  assert.match(d.summary, 'does not take it');
  assert.is(describe('conversation_status>open', 19, opts())!.kind, 'operator');
});

test('conversation_status:open..done at 19 and at 26 (a range on a list field: the operator and the value say so)', () => {
  assert.match(describe('conversation_status:open..done', 19, opts())!.title, 'a range is not taken by a list field');
  assert.is(describe('conversation_status:open..done', 26, opts())!.value!.valid, false);
});

test('conversation_priority>4 and customer_tags~vip: every offset (the operator character describes the operator)', () => {
  const kinds = (text: string) => Array.from({ length: text.length + 1 }, (_, i) => describe(text, i, opts())?.kind);
  const priority = kinds('conversation_priority>4');
  assert.equal(priority.slice(0, 21), Array(21).fill('field'));
  assert.equal(priority.slice(21), ['operator', 'value', 'value']);
  assert.is(describe('conversation_priority>4', 21, opts())!.operator, '>');
  const tags = kinds('customer_tags~vip');
  assert.equal(tags.slice(13, 15), ['operator', 'value']);
  for (const [text, op] of [['customer_name:bob', ':'], ['customer_name=bob', '='], ['conversation_priority<4', '<']] as const) {
    const at = text.indexOf(op);
    assert.is(describe(text, at, opts())!.kind, 'operator', text);
  }
});

test('😀 at 1 and customer_name:"😀" at 16 (inside a surrogate pair: snapped to its start)', () => {
  assert.equal(describe('customer_name:"😀"', 16, opts()), describe('customer_name:"😀"', 15, opts()));
  const d = describe('customer_name:"😀"', 16, opts())!;
  assert.equal(d.span, { start: 14, end: 18 });
  assert.equal(describe('😀', 1, opts()), describe('😀', 0, opts()));
});

test('sort|:customer_name (a directive: the word at the cursor before the operator after it)', () => {
  const d = run('sort|:customer_name')!;
  assert.is(d.kind, 'directive');
  assert.is(d.directive, 'sort');
  assert.match(d.summary, 'sorts the results');
});

test('sort:customer_name-desc (a sort key and direction)', () => {
  const d = run('sort:customer_name-desc')!;
  assert.is(d.kind, 'value');
  assert.match(d.title, 'descending');
  assert.is(d.value!.valid, true);
});

test('tz:America/New_York (a time zone and the local time now)', () => {
  const d = run('tz:America/New_York')!;
  assert.match(d.summary, '08:00 America/New_York');
});

test('context:conversations (not a context)', () => {
  assert.is(run('context:conversations')!.value!.valid, false);
});

test('has:customer_email (the field of has:)', () => {
  assert.is(run('has:customer_email')!.field!.name, 'customer_email');
});

test('conversation_created_at>=now-7d/d (a relative date: the day it resolves to)', () => {
  const d = run('conversation_created_at>=now-7d/d')!;
  assert.is(d.kind, 'value');
  assert.equal(d.value, { text: 'now-7d/d', valid: true, day: '2024-06-17', relative: 'now-7d/d' });
  assert.match(d.title, '17 June 2024');
});

test('conversation_created_at>=today tz:Pacific/Auckland (resolved in the query\'s zone)', () => {
  assert.is(run('conversation_created_at>=to|day tz:Pacific/Auckland')!.value!.day, '2024-06-25');
});

test('conversation_created_at>now-1h (an instant)', () => {
  assert.is(run('conversation_created_at>now-1h')!.value!.instant, '2024-06-24T11:00:00.000Z');
});

test('conversation_created_at:2024-02-30 (not a date)', () => {
  const d = run('conversation_created_at:2024-02-30')!;
  assert.is(d.value!.valid, false);
  assert.match(d.summary, 'February 2024 has 29 days');
});

test('conversation_status:opne (a value the field does not take)', () => {
  const d = run('conversation_status:opne')!;
  assert.is(d.value!.valid, false);
  assert.match(d.summary, 'snoozed, open, done');
});

test('conversation_status:(open |OR done) (OR in a value list)', () => {
  assert.match(run('conversation_status:(open |OR done)')!.title, 'any of the values');
});

test('a A|ND b (a keyword)', () => {
  const d = run('a A|ND b')!;
  assert.is(d.kind, 'keyword');
  assert.equal(d.span, { start: 2, end: 5 });
});

test('refund (a full-text word)', () => {
  const d = run('refund')!;
  assert.is(d.kind, 'text');
  assert.match(d.summary, 'any_text contains');
});

test('a or| b (a lower-case keyword is a word, and says so)', () => {
  assert.match(run('a or| b')!.summary, 'write OR');
});

test('conversation_status:"op| (inside an unterminated string: the value)', () => {
  const d = run('conversation_status:"op|')!;
  assert.is(d.kind, 'value');
  assert.equal(d.span, { start: 20, end: 23 });
});

test('a  |  b (white space: nothing)', () => {
  assert.is(run('a  |  b'), null);
});

test('describe never throws on odd arguments', () => {
  assert.is(describe('', 0), null);
  assert.not.throws(() => describe(undefined as unknown as string, Number.NaN, null as unknown as CompileOptions));
});

test.run();
