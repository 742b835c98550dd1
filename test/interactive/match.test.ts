/** matchLabel: the tiers completion ranks by, named by typed text → label. */
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { matchLabel, tierOf } from '../../src/interactive/match.js';
import { fcOptions } from '../helpers/fc.js';

const rank = (label: string, typed: string) => matchLabel(label, label.toLowerCase(), typed.toLowerCase());
const tier = (label: string, typed: string) => {
  const r = rank(label, typed);
  return r === null ? null : tierOf(r);
};

test('conv → conversation_status (prefix, tier 0)', () => assert.is(tier('conversation_status', 'conv'), 0));
test('CONV → conversation_status (case-insensitive)', () => assert.is(tier('conversation_status', 'CONV'), 0));
test('updated → customer_updated_at (word prefix, tier 1)', () => assert.is(tier('customer_updated_at', 'updated'), 1));
test('york → America/New_York (word prefix after / and _)', () => assert.is(tier('America/New_York', 'york'), 1));
test('id → customer_externalId (word prefix at a camelCase change)', () => assert.is(tier('customer_externalId', 'id'), 1));
test('dated → customer_updated_at (substring, tier 2)', () => assert.is(tier('customer_updated_at', 'dated'), 2));
test('convst → conversation_status (word pieces, tier 3)', () => assert.is(tier('conversation_status', 'convst'), 3));
test('cnvrs → conversation_status (subsequence, tier 4)', () => assert.is(tier('conversation_status', 'cnvrs'), 4));
test('zz → conversation_status (no match)', () => assert.is(tier('conversation_status', 'zz'), null));
test('cs → conversation_status (two letters: no fuzzy tiers)', () => assert.is(tier('conversation_status', 'cs'), null));
test('"" → anything (tier 0)', () => assert.is(rank('x', ''), 0));
test('conversation_status → conv (longer than the label: no match)', () => assert.is(rank('conv', 'conversation_status'), null));
test('shorter prefix completions rank first: conversation_tags before conversation_assigned_teams', () => {
  assert.ok(rank('conversation_tags', 'conv')! < rank('conversation_assigned_teams', 'conv')!);
});

test('the prefix tier is exactly the labels that start with the typed text', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 6 }), (label, typed) => {
      const r = rank(label, typed);
      assert.is(r !== null && tierOf(r) === 0, label.toLowerCase().startsWith(typed.toLowerCase()));
    }),
    fcOptions(500),
  );
});

test('every label containing the typed text matches by tier 2 at worst', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 12 }), fc.nat(), fc.nat(), (label, a, b) => {
      const start = label.length ? a % label.length : 0;
      const typed = label.slice(start, start + (b % 5));
      const r = rank(label, typed);
      assert.ok(r !== null && tierOf(r) <= 2);
    }),
    fcOptions(500),
  );
});

test.run();
