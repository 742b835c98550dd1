/**
 * KQ2016 on ranges of local days: a day is a whole day, so exclusive bounds leave whole days out and
 * `{D TO D+1}` holds nothing. A range that compiles holds at least one day: the evaluator (the reference semantics)
 * matches a record at noon of its first day.
 */
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compile } from '../../src/index.js';
import { addDays } from '../../src/dates/index.js';
import { evaluate } from '../../src/evaluate/index.js';
import { fcOptions } from '../helpers/fc.js';

const codes = (q: string) => compile(q).diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);

test('conversation_created_at:{2024-01-01 TO 2024-01-02} (exclusive, adjacent days): KQ2016, no whole day between', () => {
  const r = compile('conversation_created_at:{2024-01-01 TO 2024-01-02}');
  assert.is(r.criteria, undefined);
  const d = r.diagnostics.find((x) => x.code === 'KQ2016')!;
  assert.match(d.message, /no whole day lies after 2024-01-01 and before 2024-01-02/);
  assert.match(d.help!, /conversation_created_at|field:2024-01-01/);
});

test('conversation_created_at:[2024-01-01 TO 2024-01-02} and {2024-01-01 TO 2024-01-02] compile (one day each)', () => {
  assert.equal(codes('conversation_created_at:[2024-01-01 TO 2024-01-02}'), []);
  assert.equal(codes('conversation_created_at:{2024-01-01 TO 2024-01-02]'), []);
});

test('conversation_created_at:{2024-01-01 TO 2024-01-03} compiles (2 January lies between)', () => {
  assert.equal(codes('conversation_created_at:{2024-01-01 TO 2024-01-03}'), []);
});

test('conversation_priority:{3 TO 3} keeps its help: make the bounds inclusive, or write the value', () => {
  const d = compile('conversation_priority:{3 TO 3}').diagnostics.find((x) => x.code === 'KQ2016')!;
  assert.match(d.help!, /inclusive with \[ \], or write the value itself/);
});

test('property: a day range reports KQ2016 exactly when it holds no whole day; one that compiles matches noon of its first day', () => {
  const day = fc.integer({ min: 0, max: 400 }).map((n) => addDays('2024-01-01', n));
  fc.assert(
    fc.property(day, fc.integer({ min: -2, max: 3 }), fc.boolean(), fc.boolean(), (low, width, lowIn, highIn) => {
      const high = addDays(low, width);
      const q = `conversation_created_at:${lowIn ? '[' : '{'}${low} TO ${high}${highIn ? ']' : '}'}`;
      const first = lowIn ? low : addDays(low, 1);
      const last = highIn ? high : addDays(high, -1);
      const r = compile(q);
      const empty = r.diagnostics.some((d) => d.code === 'KQ2016');
      assert.is(empty, first > last, q);
      if (!empty) {
        assert.ok(r.criteria, q);
        assert.ok(evaluate(r.criteria, { conversation_created_at: `${first}T12:00:00.000Z` }), `${q} misses noon of ${first}`);
      }
    }),
    fcOptions(300),
  );
});

test.run();
