import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { closest, closestIn, editDistance, maxSuggestLength, suggestionIndex, suggestionThreshold } from '../../src/schema/suggest.js';
import { fcOptions } from '../helpers/fc.js';

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

/** The optimal-string-alignment distance from its full (|a|+1) × (|b|+1) table: the reference for the fast one. */
function fullTableDistance(a: string, b: string): number {
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) d.push(Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** Words over a small alphabet, so that common prefixes, suffixes and adjacent swaps are frequent. */
const smallWord = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '_'), maxLength: 9 });

test('editDistance (middles only, reused rows) equals the full table on random pairs, with and without a limit', () => {
  fc.assert(
    fc.property(smallWord, smallWord, fc.integer({ min: 0, max: 6 }), (a, b, limit) => {
      const exact = fullTableDistance(a, b);
      assert.is(editDistance(a, b), exact);
      assert.is(editDistance(a, b, limit), exact <= limit ? exact : limit + 1);
    }),
    fcOptions(2000),
  );
});

test('editDistance conversation_stauts conversation_status: a shared prefix costs nothing', () => {
  assert.is(editDistance('conversation_stauts', 'conversation_status'), 1);
  assert.is(editDistance('conversation_stauts', 'conversation_status', 1), 1);
  assert.is(editDistance('xab_suffix', 'xba_suffix'), 1);
});

/** closest as specified, on the full table: distance ≤ min(threshold, max(1, ⌊differing part / 2⌋)), best first. */
function referenceClosest(word: string, candidates: readonly string[], max = 3): string[] {
  if (word.length === 0) return [];
  const lower = word.toLowerCase();
  const scored: { candidate: string; distance: number; order: number }[] = [];
  for (const candidate of new Set(candidates)) {
    if (candidate === word) continue;
    const other = candidate.toLowerCase();
    let s = 0;
    while (s < Math.min(lower.length, other.length) && lower[s] === other[s]) s++;
    let e = 0;
    while (e < Math.min(lower.length, other.length) - s && lower[lower.length - 1 - e] === other[other.length - 1 - e]) e++;
    const differing = Math.max(lower.length, other.length) - s - e;
    const bound = Math.min(suggestionThreshold(word), Math.max(1, Math.floor(differing / 2)));
    const distance = fullTableDistance(lower, other);
    if (distance <= bound) scored.push({ candidate, distance, order: scored.length });
  }
  return scored.sort((x, y) => x.distance - y.distance || x.order - y.order).slice(0, max).map((x) => x.candidate);
}

test('closestIn over a prepared index gives what the full-table search gives', () => {
  const names = ['conversation_status', 'conversation_tags', 'customer_name', 'Customer_Name', 'customer_name', 'open'];
  const index = suggestionIndex(names);
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom('c', 'o', 'n', 'u', 's', 't', '_', 'a', 'e', 'm', 'N', 'p'), maxLength: 22 }), (word) => {
      assert.equal(closestIn(word, index), referenceClosest(word, names));
      assert.equal(closest(word, names), referenceClosest(word, names));
    }),
    fcOptions(500),
  );
  assert.equal(closestIn('conversation_stauts', index), ['conversation_status']);
});

// Characters whose code units collide modulo 32 (p/0, d/$, n/., m/-, A/a): the class counts closestIn filters with
// merge them, which must only ever weaken its lower bound, never drop a candidate the full table keeps.
const collidingUnit = fc.constantFrom('p', '0', 'd', '$', 'n', '.', 'm', '-', 'a', 'A', '_', 'q', '1');

test('closestIn over random candidate lists (characters that share a class) gives what the full-table search gives', () => {
  fc.assert(
    fc.property(
      fc.string({ unit: collidingUnit, minLength: 1, maxLength: 14 }),
      fc.array(fc.string({ unit: collidingUnit, maxLength: 16 }), { maxLength: 30 }),
      (word, names) => {
        assert.equal(closestIn(word, suggestionIndex(names)), referenceClosest(word, names));
      },
    ),
    fcOptions(1000),
  );
});
