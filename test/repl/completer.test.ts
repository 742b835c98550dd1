/** The readline completer, named by the line before the cursor (and the pending lines of a multi-line query). */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { candidates, completeInput, completeLine, type ReplCompletion } from '../../src/cli/repl/completer.js';

const opts = { now: '2024-06-24T12:00:00Z' };

test('conversation_st → [conversation_status], typed conversation_st', () => {
  assert.equal(completeLine('conversation_st', [], opts), [['conversation_status'], 'conversation_st']);
});

test('conversation_status → its operators (readline extends typed text only)', () => {
  const [items, typed] = completeLine('conversation_status', [], opts);
  assert.is(typed, 'conversation_status');
  assert.equal(items, ['conversation_status:', 'conversation_status=', 'conversation_status!=', 'conversation_status:*']);
});

test('a AND conversation_status:op → [open], typed op', () => {
  assert.equal(completeLine('a AND conversation_status:op', [], opts), [['open'], 'op']);
});

test('updated → the typed text first, then the fuzzy matches (readline keeps the line)', () => {
  const [items, typed] = completeLine('updated', [], opts);
  assert.is(typed, 'updated');
  assert.is(items[0], 'updated');
  assert.ok(items.includes('customer_updated_at'));
});

test('custupd → the one fuzzy match replaces the typed text', () => {
  const [items] = completeLine('custupd', [], opts);
  assert.equal(items, ['customer_updated_at']);
});

test('OR done → values after the pending line conversation_status:(open', () => {
  assert.equal(completeLine('OR d', ['conversation_status:(open'], opts), [['done'], 'd']);
});

test('second line of a string that began on the first: nothing (never reaches back)', () => {
  assert.equal(completeLine('sn', ['conversation_status:"'], opts), [[], '']);
});

test('.de → .describe, .decompile; .describe conversation_st → the field', () => {
  assert.equal(completeLine('.de', [], opts), [['.describe', '.decompile'], '.de']);
  assert.equal(completeLine('.describe conversation_st', [], opts), [['conversation_status'], 'conversation_st']);
});

test('.tz america/new → America/New_York; .context conv → conversation, conversation_time; .nested o → on, off', () => {
  assert.equal(completeLine('.tz America/New_Y', [], opts), [['America/New_York'], 'America/New_Y']);
  assert.equal(completeLine('.context conv', [], opts), [['conversation', 'conversation_time'], 'conv']);
  assert.equal(completeLine('.nested o', [], opts), [['on', 'off'], 'o']);
  assert.equal(completeLine('.load rec', [], opts), [[], 'rec']);
});

test('candidates: none, extending, one fuzzy, several fuzzy', () => {
  assert.equal(candidates([], 'x'), [[], 'x']);
  assert.equal(candidates(['ab', 'abc', 'zab'], 'ab'), [['ab', 'abc'], 'ab']);
  assert.equal(candidates(['zab'], 'ab'), [['zab'], 'ab']);
  assert.equal(candidates(['zab', 'yab'], 'ab'), [['ab', 'zab', 'yab'], 'ab']);
});

/**
 * What readline makes of a completion on the line `before|after`: the tail deleted (`cut`), then the only candidate
 * (or a common prefix that extends the typed text) put in place of the typed text — as node:readline does.
 */
function applied(before: string, after: string, r: ReplCompletion): string {
  assert.ok(after.startsWith(r.cut), `cut ${JSON.stringify(r.cut)} is not the text after the cursor`);
  const rest = after.slice(r.cut.length);
  const nonEmpty = r.completions.filter((c) => c !== '');
  if (nonEmpty.length === 0) return before + rest;
  let prefix = nonEmpty[0]!;
  for (const c of nonEmpty) while (!c.startsWith(prefix)) prefix = prefix.slice(0, -1);
  if (prefix.startsWith(r.typed) && prefix.length > r.typed.length) return before + prefix.slice(r.typed.length) + rest;
  if (!r.typed.startsWith(prefix)) return before.slice(0, before.length - r.typed.length) + prefix + rest;
  return before + rest;
}

test('conversation_status:|open TAB (at the start of a value: several values, the line unchanged)', () => {
  const r = completeInput('conversation_status:', 'open', [], opts);
  assert.equal(r.completions, ['snoozed', 'open', 'done', '*']);
  assert.is(r.cut, '');
  assert.is(applied('conversation_status:', 'open', r), 'conversation_status:open');
});

test('conversation_status:sn|ooz AND x (one candidate: the whole word is replaced, the rest kept)', () => {
  const r = completeInput('conversation_status:sn', 'ooz AND x', [], opts);
  assert.equal(r, { completions: ['snoozed'], typed: 'sn', cut: 'ooz' });
  assert.is(applied('conversation_status:sn', 'ooz AND x', r), 'conversation_status:snoozed AND x');
});

test('sort:|customer_name, tz:|Europe/Paris, x |conversation_st TAB (several candidates: nothing glued)', () => {
  for (const [before, after] of [['sort:', 'customer_name'], ['tz:', 'Europe/Paris'], ['x ', 'conversation_st'], ['conv', 'ersation_status:open']]) {
    const r = completeInput(before!, after!, [], opts);
    assert.ok(r.completions.length > 1, before);
    assert.is(applied(before!, after!, r), before! + after!, `${before}|${after}`);
  }
});

test('custupd|xx TAB (one fuzzy candidate for a word that goes on: the whole word replaced)', () => {
  const r = completeInput('custupd', 'xx', [], opts);
  assert.equal(r, { completions: ['customer_updated_at'], typed: 'custupd', cut: 'xx' });
  assert.is(applied('custupd', 'xx', r), 'customer_updated_at');
});

test('conversation_status:open| and conversation_status:|open with the word already complete: no change', () => {
  assert.is(applied('conversation_status:op', 'en', completeInput('conversation_status:op', 'en', [], opts)), 'conversation_status:open');
});

test('.describe |conversation_st and .de|scribe x (dot-commands: the word at the cursor is replaced)', () => {
  const r = completeInput('.describe conversation_sta', 'tu', [], opts);
  assert.is(applied('.describe conversation_sta', 'tu', r), '.describe conversation_status');
  const name = completeInput('.des', 'cribe x', [], opts);
  assert.is(applied('.des', 'cribe x', name), '.describe x');
  const nested = completeInput('.nested o', 'n', [], opts);
  assert.is(applied('.nested o', 'n', nested), '.nested on');
});

test.run();
