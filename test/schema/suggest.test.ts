import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { closest, editDistance, maxSuggestLength, suggestionThreshold } from '../../src/schema/suggest.js';

test('editDistance kitten sitting', () => {
  assert.is(editDistance('kitten', 'sitting'), 3);
  assert.is(editDistance('', 'abc'), 3);
  assert.is(editDistance('abc', 'abc'), 0);
});

test('editDistance opne open (adjacent swap costs 1)', () => {
  assert.is(editDistance('opne', 'open'), 1);
  assert.is(editDistance('ab', 'ba'), 1);
});

test('editDistance with limit stops at limit + 1', () => {
  assert.is(editDistance('conversation_status', 'x', 2), 3);
  assert.is(editDistance('abcdef', 'ghijkl', 2), 3);
  assert.is(editDistance('abcd', 'abce', 2), 1);
});

test('editDistance is symmetric on a few pairs', () => {
  for (const [a, b] of [['status', 'sttaus'], ['customer_name', 'cutsomer_nmae'], ['', 'x']] as const) {
    assert.is(editDistance(a, b), editDistance(b, a));
  }
});

test('suggestionThreshold x opne conversation_status_long', () => {
  assert.is(suggestionThreshold('x'), 0);
  assert.is(suggestionThreshold('opne'), 2);
  assert.is(suggestionThreshold('a'.repeat(30)), 10);
});

test('closest opne among snoozed open done', () => {
  assert.equal(closest('opne', ['snoozed', 'open', 'done']), ['open']);
});

test('closest is case-insensitive: Open', () => {
  assert.equal(closest('Open', ['snoozed', 'open', 'done']), ['open']);
});

test('closest x among m f (too short to guess)', () => {
  assert.equal(closest('x', ['m', 'f']), []);
});

test('closest conversation_statu ignores conversation_tags', () => {
  assert.equal(closest('conversation_statu', ['conversation_tags', 'conversation_status', 'conversation_name']), [
    'conversation_status',
  ]);
});

test('closest respects max and leaves out the word itself', () => {
  assert.equal(closest('abcd', ['abcd', 'abce', 'abcf', 'abcg'], 2), ['abce', 'abcf']);
});

test('closest 1 MB word returns no suggestions', () => {
  const word = 'a'.repeat(1_000_000);
  assert.equal(closest(word, ['a', 'aa', 'aaa']), []);
  assert.equal(closest('a'.repeat(maxSuggestLength + 1), ['a'.repeat(maxSuggestLength)]), []);
});

test('closest empty word', () => {
  assert.equal(closest('', ['a']), []);
});

test.run();
