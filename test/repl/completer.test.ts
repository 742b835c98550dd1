/** The readline completer, named by the line before the cursor (and the pending lines of a multi-line query). */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { candidates, completeLine } from '../../src/cli/repl/completer.js';

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

test('.tz america/new → America/New_York; .context conv → conversation; .nested o → on, off', () => {
  assert.equal(completeLine('.tz America/New_Y', [], opts), [['America/New_York'], 'America/New_Y']);
  assert.equal(completeLine('.context conv', [], opts), [['conversation'], 'conv']);
  assert.equal(completeLine('.nested o', [], opts), [['on', 'off'], 'o']);
  assert.equal(completeLine('.load rec', [], opts), [[], 'rec']);
});

test('candidates: none, extending, one fuzzy, several fuzzy', () => {
  assert.equal(candidates([], 'x'), [[], 'x']);
  assert.equal(candidates(['ab', 'abc', 'zab'], 'ab'), [['ab', 'abc'], 'ab']);
  assert.equal(candidates(['zab'], 'ab'), [['zab'], 'ab']);
  assert.equal(candidates(['zab', 'yab'], 'ab'), [['ab', 'zab', 'yab'], 'ab']);
});

test.run();
