/**
 * complete(): one test per cursor position class, each named by its input (`|` marks the cursor). The clock is
 * fixed at 2024-06-24T12:00Z.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { complete, type CompleteOptions, type CompletionItem } from '../../src/index.js';
import { cursor, opts } from './helpers.js';

function run(marked: string, extra: CompleteOptions = {}) {
  const { text, offset } = cursor(marked);
  return complete(text, offset, { ...opts(), ...extra });
}

const labels = (items: readonly CompletionItem[]) => items.map((i) => i.label);
const texts = (items: readonly CompletionItem[]) => items.map((i) => i.insertText ?? i.label);

// --- Term positions --------------------------------------------------------------------------------------------------

test('| (empty query: NOT, directives and fields, no AND/OR)', () => {
  const r = run('|');
  assert.is(r.from, 0);
  assert.is(r.to, 0);
  assert.is(r.items[0]!.label, 'NOT');
  assert.ok(!labels(r.items).includes('AND'));
  assert.ok(!labels(r.items).includes('OR'));
  for (const d of ['sort:', 'context:', 'in:', 'tz:', 'has:', 'no:']) assert.ok(labels(r.items).includes(d), d);
  assert.ok(labels(r.items).includes('conversation_status'));
  assert.ok(r.items.length > 184);
});

test('refund | (after a term: AND, OR, NOT first)', () => {
  const r = run('refund |');
  assert.equal(labels(r.items).slice(0, 3), ['AND', 'OR', 'NOT']);
  assert.is(r.items[0]!.kind, 'keyword');
  assert.is(r.from, 7);
  assert.is(r.to, 7);
});

test('a AND | (after AND: NOT but not AND/OR)', () => {
  const r = run('a AND |');
  assert.is(r.items[0]!.label, 'NOT');
  assert.ok(!labels(r.items).includes('OR'));
});

test('-| (after a negation: no keywords; has:/no: but not sort:)', () => {
  const r = run('-|');
  assert.ok(!r.items.some((i) => i.kind === 'keyword'));
  assert.ok(labels(r.items).includes('has:'));
  assert.ok(!labels(r.items).includes('sort:'));
  assert.is(r.from, 1);
});

test('conversation_st| (a partial field: replaced from its start)', () => {
  const r = run('conversation_st|');
  assert.is(r.from, 0);
  assert.is(r.to, 15);
  assert.is(r.items[0]!.label, 'conversation_status');
  assert.is(r.items[0]!.kind, 'field');
  assert.match(r.items[0]!.detail, 'snoozed | open | done');
  assert.match(r.items[0]!.documentation!, 'Operators:');
});

test('updated| (fuzzy: word matches such as customer_updated_at, conversation_updated_at)', () => {
  const r = run('updated|');
  const names = labels(r.items);
  assert.ok(names.includes('customer_updated_at'));
  assert.ok(names.includes('conversation_updated_at'));
  assert.ok(names.every((n) => n.includes('updated')));
});

test('note| (prefix matches before fuzzy ones)', () => {
  const names = labels(run('note|').items);
  const lastPrefix = Math.max(...names.map((n, i) => (n.toLowerCase().startsWith('note') ? i : -1)));
  const firstOther = names.findIndex((n) => !n.toLowerCase().startsWith('note'));
  assert.ok(firstOther > lastPrefix, `${firstOther} > ${lastPrefix}`);
  assert.ok(names.includes('conversation_note_count'));
});

test('convst| (word pieces: conv + st)', () => {
  assert.is(run('convst|').items[0]!.label, 'conversation_status');
});

test('context:message updated| (the context\'s fields first)', () => {
  assert.is(run('context:message updated|').items[0]!.label, 'message_updated_at');
});

test('conversation_status| (a whole field: the operators its kind takes)', () => {
  const r = run('conversation_status|');
  const ops = r.items.filter((i) => i.kind === 'operator');
  assert.equal(labels(ops), [':', '=', '!=', ':*']);
  assert.equal(texts(ops), ['conversation_status:', 'conversation_status=', 'conversation_status!=', 'conversation_status:*']);
  assert.is(r.items[0]!.kind, 'operator');
  assert.is(r.from, 0);
  assert.is(r.to, 19);
  assert.ok(!labels(r.items).includes('conversation_status'));
});

test('conversation_created_at| (datetime operators: ordered, no ~)', () => {
  const ops = labels(run('conversation_created_at|').items.filter((i) => i.kind === 'operator'));
  assert.equal(ops, [':', '=', '!=', '>', '>=', '<', '<=', ':*']);
});

test('message_body| (text operators: : and ~)', () => {
  const ops = labels(run('message_body|').items.filter((i) => i.kind === 'operator'));
  assert.equal(ops, [':', '~', ':*']);
});

test('conversation_satisfaction| (a whole field with longer siblings: operators, then the siblings)', () => {
  const items = run('conversation_satisfaction|').items;
  assert.is(items[0]!.kind, 'operator');
  assert.ok(labels(items).includes('conversation_satisfaction_score'));
});

test('conv|ersation_status:open (editing the name of a field term)', () => {
  const r = run('conv|ersation_status:open');
  assert.is(r.from, 0);
  assert.is(r.to, 19);
  assert.ok(labels(r.items).includes('conversation_status'));
  assert.ok(!r.items.some((i) => i.kind === 'operator'));
});

test('customer_custom_tier| (no custom attribute list: each type suffix)', () => {
  const names = labels(run('customer_custom_tier|').items);
  for (const s of ['Str', 'Txt', 'Num', 'At', 'Bool', 'Url', 'Id']) assert.ok(names.includes(`customer_custom_tier${s}`), s);
});

test('tier| [customAttributes] (custom attributes are fields)', () => {
  const r = run('tier|', { customAttributes: [{ name: 'customer_custom_tierStr', values: ['gold', 'silver'] }] });
  assert.is(r.items[0]!.label, 'customer_custom_tierStr');
  assert.match(r.items[0]!.detail, 'custom');
});

// --- Values ------------------------------------------------------------------------------------------------------------

test('conversation_status:| (enum values, and * after :)', () => {
  const r = run('conversation_status:|');
  assert.equal(labels(r.items), ['snoozed', 'open', 'done', '*']);
  assert.is(r.from, 20);
  assert.is(r.to, 20);
});

test('conversation_status=| (= takes values but not *)', () => {
  assert.equal(labels(run('conversation_status=|').items), ['snoozed', 'open', 'done']);
});

test('conversation_status:op| (a partial value)', () => {
  const r = run('conversation_status:op|');
  assert.equal(labels(r.items), ['open']);
  assert.is(r.from, 20);
  assert.is(r.to, 22);
});

test('conversation_status:"sn| (inside quotes: the value quoted, from the quote)', () => {
  const r = run('conversation_status:"sn|');
  assert.is(r.from, 20);
  assert.is(r.to, 23);
  assert.equal(texts(r.items), ['"snoozed"']);
});

test('conversation_status:(open | (in a value list after a value: OR)', () => {
  assert.equal(labels(run('conversation_status:(open |').items), ['OR']);
});

test('conversation_status:(open OR | (in a value list after OR: values)', () => {
  assert.equal(labels(run('conversation_status:(open OR |').items), ['snoozed', 'open', 'done']);
});

test('conversation_status:open,| (after a comma: values)', () => {
  assert.equal(labels(run('conversation_status:open,|').items), ['snoozed', 'open', 'done']);
});

test('conversation_created_at:[2024-01-01 | (after a low bound: TO)', () => {
  assert.equal(labels(run('conversation_created_at:[2024-01-01 |').items), ['TO']);
});

test('conversation_priority:| (the schema\'s 1..5)', () => {
  assert.equal(labels(run('conversation_priority:|').items), ['1', '2', '3', '4', '5', '*']);
});

test('conversation_sla_breached:| (booleans)', () => {
  assert.equal(labels(run('conversation_sla_breached:|').items), ['true', 'false', '*']);
});

test('message_direction=| (a boolean kind with an enum: its values)', () => {
  assert.equal(labels(run('message_direction=|').items), ['in', 'out']);
});

test('conversation_created_at>=| (date helpers, resolved, and a YYYY-MM-DD hint)', () => {
  const items = run('conversation_created_at>=|').items;
  const today = items.find((i) => i.label === 'today')!;
  assert.match(today.detail, '2024-06-24');
  const week = items.find((i) => i.label === 'now-7d/d')!;
  assert.match(week.detail, '2024-06-17');
  const hint = items.find((i) => i.label === 'YYYY-MM-DD')!;
  assert.is(hint.insertText, '2024-06-24');
  assert.ok(!labels(items).includes('*'));
});

test('tz:Pacific/Auckland conversation_created_at>=| (helpers in the query\'s time zone)', () => {
  const items = run('tz:Pacific/Auckland conversation_created_at>=|').items;
  assert.match(items.find((i) => i.label === 'today')!.detail, '2024-06-25 (Pacific/Auckland)');
  assert.is(items.find((i) => i.label === 'YYYY-MM-DD')!.insertText, '2024-06-25');
});

test('conversation_created_at:[2024-01-01 TO | (a range bound: date helpers)', () => {
  assert.ok(labels(run('conversation_created_at:[2024-01-01 TO |').items).includes('now'));
});

test('message_body~| (contains takes any words: nothing to offer)', () => {
  assert.equal(run('message_body~|').items, []);
});

test('customer_custom_tierStr:| [customAttributes] (declared values)', () => {
  const r = run('customer_custom_tierStr:|', { customAttributes: [{ name: 'customer_custom_tierStr', values: ['gold', 'two words'] }] });
  assert.equal(texts(r.items), ['gold', '"two words"', '*']);
});

test('x:| (an unknown field: nothing)', () => {
  assert.equal(run('x:|').items, []);
});

// --- Directive values ------------------------------------------------------------------------------------------------

test('sort:| (the customer sort keys by default)', () => {
  const names = labels(run('sort:|').items);
  assert.equal(names.slice(0, 2), ['customer_created_at', 'customer_updated_at']);
  assert.ok(names.includes('customer_name'));
  assert.ok(names.includes('customer_done'));
});

test('context:conversation sort:conv| (the context\'s own sort keys)', () => {
  assert.equal(labels(run('context:conversation sort:conv|').items), ['conversation_created_at', 'conversation_updated_at']);
});

test('sort:customer_name| (-asc and -desc once the key is typed)', () => {
  assert.equal(labels(run('sort:customer_name|').items), ['customer_name', 'customer_name-asc', 'customer_name-desc']);
});

test('context:| (the query contexts)', () => {
  assert.equal(labels(run('context:|').items), ['customer', 'conversation', 'message', 'company', 'note', 'kobject', 'conversation_time', 'work_session', 'work_item']);
});

test('in:| [customAttributes with a klass] (kobject_<klass> contexts)', () => {
  const names = labels(run('in:|', { customAttributes: [{ name: 'kobject_custom_order_totalNum' }] }).items);
  assert.ok(names.includes('kobject_order'));
});

test('tz:new_y| (IANA zones)', () => {
  assert.is(run('tz:new_y|').items[0]!.label, 'America/New_York');
});

test('has:customer_em| (has: takes field names)', () => {
  const r = run('has:customer_em|');
  assert.is(r.items[0]!.label, 'customer_email');
  assert.is(r.from, 4);
});

// --- Nowhere to complete -----------------------------------------------------------------------------------------------

test('"refund | (inside a phrase: nothing)', () => {
  assert.equal(run('"refund |').items, []);
});

test('conversation_priority>|=4 (inside an operator: nothing)', () => {
  assert.equal(run('conversation_priority>|=4').items, []);
});

test('(a OR b)| (right after a closing parenthesis: nothing)', () => {
  assert.equal(run('(a OR b)|').items, []);
});

// --- The cursor at the start of a word: the word is replaced, nothing is glued onto it --------------------------------

/** The text after putting the first item whose text is `choice` in place. */
function apply(marked: string, choice: string): string {
  const { text } = cursor(marked);
  const r = run(marked);
  const item = r.items.find((i) => (i.insertText ?? i.label) === choice);
  assert.ok(item, `${choice} is not offered for ${marked}: ${texts(r.items).slice(0, 8).join(' ')}`);
  return text.slice(0, r.from) + choice + text.slice(r.to);
}

test('conversation_status:|open (the value is replaced)', () => {
  const r = run('conversation_status:|open');
  assert.equal([r.from, r.to], [20, 24]);
  assert.equal(labels(r.items), ['snoozed', 'open', 'done', '*']);
  assert.is(apply('conversation_status:|open', 'snoozed'), 'conversation_status:snoozed');
});

test('sort:|customer_name, tz:|Europe/Paris (directive values are replaced)', () => {
  assert.equal([run('sort:|customer_name').from, run('sort:|customer_name').to], [5, 18]);
  assert.is(apply('sort:|customer_name', 'customer_created_at'), 'sort:customer_created_at');
  assert.is(apply('tz:|Europe/Paris', 'UTC'), 'tz:UTC');
});

test('x |conversation_st (a word in term position is replaced)', () => {
  const r = run('x |conversation_st');
  assert.equal([r.from, r.to], [2, 17]);
  assert.is(apply('x |conversation_st', 'AND'), 'x AND');
  assert.is(apply('x |conversation_st', 'conversation_status'), 'x conversation_status');
});

test('conversation_status:(|open OR done) and conversation_status:(open OR |done) (values in a list)', () => {
  assert.is(apply('conversation_status:(|open OR done)', 'snoozed'), 'conversation_status:(snoozed OR done)');
  assert.is(apply('conversation_status:(open OR |done)', 'snoozed'), 'conversation_status:(open OR snoozed)');
});

test('|conversation_status:open (the name of a field term is replaced)', () => {
  const r = run('|conversation_status:open');
  assert.equal([r.from, r.to], [0, 19]);
  assert.is(apply('|conversation_status:open', 'conversation_priority'), 'conversation_priority:open');
});

test('conversation_status:|"open" (a quoted value is replaced, quotes included)', () => {
  const r = run('conversation_status:|"open"');
  assert.equal([r.from, r.to], [20, 26]);
  assert.is(apply('conversation_status:|"open"', '"done"'), 'conversation_status:"done"');
});

// --- Only what compiles is offered ---------------------------------------------------------------------------------

test('sort:customer_name,| tz:UTC,| context:(| has:x,| sort:[| (a directive takes one value: nothing)', () => {
  for (const marked of ['sort:customer_name,|', 'tz:UTC,|', 'context:(|', 'has:x,|', 'sort:[|', 'sort:(customer_name |', 'in:conversation..|']) {
    assert.equal(run(marked).items, [], marked);
  }
});

test('conversation_status:open..| and conversation_status:[open | (a list field takes no range: nothing)', () => {
  assert.equal(run('conversation_status:open..|').items, []);
  assert.equal(run('conversation_status:[open |').items, []);
  assert.equal(run('conversation_status:[|').items, []);
});

test('conversation_created_at:(| (flat: instants only, no local days; nested: days too)', () => {
  const flat = labels(run('conversation_created_at:(|').items);
  assert.ok(flat.includes('now') && flat.includes('now-1h'));
  for (const day of ['today', 'yesterday', 'now-7d/d', 'now/M', 'YYYY-MM-DD']) assert.ok(!flat.includes(day), day);
  const comma = labels(run('conversation_created_at:now,|').items);
  assert.ok(!comma.includes('today') && comma.includes('now-1h'));
  const nested = labels(run('conversation_created_at:(|', { nested: true }).items);
  assert.ok(nested.includes('today') && nested.includes('YYYY-MM-DD'));
});

test('conversation_created_at=(| (= takes no list on a datetime: nothing)', () => {
  assert.equal(run('conversation_created_at=(|').items, []);
});

test('conversation_priority:1..| and conversation_created_at:today..| (ranges on ordered kinds: values)', () => {
  assert.equal(labels(run('conversation_priority:1..|').items), ['1', '2', '3', '4', '5']);
  assert.ok(labels(run('conversation_created_at:today..|').items).includes('today'));
});

test('conversation_priority:3..| and conversation_created_at:[now TO | (a high bound is never below the low one: KQ2016)', () => {
  assert.equal(labels(run('conversation_priority:3..|').items), ['3', '4', '5']);
  assert.equal(labels(run('conversation_priority:{3 TO |').items), ['4', '5']);
  const dates = labels(run('conversation_created_at:[now TO |').items);
  assert.ok(dates.includes('now') && !dates.includes('now-1h') && !dates.includes('now-7d'));
  assert.ok(dates.includes('yesterday'), 'a day and an instant are not compared');
  const days = labels(run('conversation_created_at:today..|').items);
  assert.ok(days.includes('today') && days.includes('tomorrow') && !days.includes('yesterday'));
});

// --- Offsets inside a surrogate pair -------------------------------------------------------------------------------

test('😀 at 1 (inside the pair: snapped to its start, nothing splits it)', () => {
  const r = complete('😀', 1, opts());
  assert.equal([r.from, r.to], [0, 0]);
  assert.equal(r, complete('😀', 0, opts()));
});

test('customer_name:"😀 at 16 (inside the pair in a quoted value: snapped)', () => {
  const r = complete('customer_name:"😀', 16, opts());
  assert.is(r.from, 14);
  assert.is(r.to, 17);
});

// --- Options and bad input ---------------------------------------------------------------------------------------------

test('conv| [maxItems: 3]', () => {
  assert.is(run('conv|', { maxItems: 3 }).items.length, 3);
});

test('offsets out of range are clamped', () => {
  assert.equal(complete('conversation_st', 999, opts()), complete('conversation_st', 15, opts()));
  assert.equal(complete('conversation_st', -5, opts()).from, 0);
  assert.equal(complete('conversation_st', Number.NaN, opts()).from, 0);
});

test('__proto__| and constructor:| (untrusted names are only matched)', () => {
  assert.ok(!run('__proto__|').items.some((i) => i.kind === 'operator'));
  assert.equal(run('constructor:|').items, []);
});

test.run();
