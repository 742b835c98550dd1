/**
 * Differential properties: the compiler keeps meaning. For generated queries that compile and generated records,
 * the query's direct meaning (`evaluateQuery`, written from the language's definition, never calling the lowering
 * or the emitter) agrees with the meaning of the criteria the compiler emits (`evaluate`), for the flat target and
 * for `nested: true`. A failure prints the query, the criteria, the record and both answers; fast-check adds the seed
 * (replay with FC_SEED=<seed> npm test -- test/evaluate).
 */
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { elementsOf } from '../../src/evaluate/record.js';
import { compile, type CompileOptions, type FieldInfo } from '../../src/index.js';
import { analyze } from '../../src/check/check.js';
import { evaluate, evaluateQuery } from '../../src/evaluate/index.js';
import { fcOptions } from '../helpers/fc.js';
import { directives, query as anyFieldQuery } from '../helpers/queries.js';
import { clocks, poolQuery, poolRecord, queryAnchors, zones } from './arbitraries.js';
import { recordsForQuery } from './recordsForQuery.js';

/** What the runs covered, so that a property that stopped exercising anything fails instead of passing. */
interface Tally {
  runs: number;
  flat: number;
  nested: number;
  matched: number;
  unmatched: number;
  /** Records checked through their one-value projections (see {@link projections}). */
  projected: number;
}

function newTally(): Tally {
  return { runs: 0, flat: 0, nested: 0, matched: 0, unmatched: 0, projected: 0 };
}

/**
 * KNOWN LIMITATION (reported to the lead; the "KNOWN LIMITATION" test below shows it on an example): the
 * compiler states `f:D` and `f:a..b` as two criteria, which different values of a multi-valued field may meet, so
 * the compiled body and the query may disagree on a record holding several values in a datetime or number field
 * the query names. Such a record is checked through its projections instead: every record that keeps one of the
 * values of each such field (at most 64), on each of which the two must agree exactly. Other records are checked
 * as they are.
 */
function projections(record: Record<string, unknown>, fields: readonly FieldInfo[]): Record<string, unknown>[] | null {
  const several = fields.filter((f) => (f.kind === 'datetime' || f.kind === 'number') && elementsOf(record[f.name]).length > 1);
  if (several.length === 0) return null;
  let out: Record<string, unknown>[] = [record];
  for (const f of several) {
    const next: Record<string, unknown>[] = [];
    for (const r of out) for (const e of elementsOf(record[f.name])) next.push({ ...r, [f.name]: e });
    out = next.slice(0, 64);
  }
  return out;
}

/** Compiles `text` flat and nested, and checks both bodies against the direct meaning on every record. */
function agree(text: string, opts: CompileOptions, records: readonly Record<string, unknown>[], tally: Tally): void {
  tally.runs++;
  for (const nested of [false, true]) {
    const compiled = compile(text, { ...opts, nested });
    if (!compiled.criteria) continue;
    if (nested) tally.nested++;
    else tally.flat++;
    const checked = analyze(compiled.ast!, opts);
    const fields = [...checked.fieldOf.values()];
    for (const original of records) {
      const split = projections(original, fields);
      if (split) tally.projected++;
      for (const record of split ?? [original]) {
        const direct = evaluateQuery(checked, record, opts);
        const viaCriteria = evaluate(compiled.criteria, record, opts);
        if (direct) tally.matched++;
        else tally.unmatched++;
        if (direct !== viaCriteria) {
          assert.unreachable(
            [
              'the compiled criteria disagree with the query',
              `  query:    ${text}`,
              `  options:  ${JSON.stringify({ ...opts, nested })}`,
              `  criteria: ${JSON.stringify(compiled.criteria)}`,
              `  record:   ${JSON.stringify(record)}${split ? ` (a projection of ${JSON.stringify(original)})` : ''}`,
              `  evaluateQuery: ${direct}, evaluate(criteria): ${viaCriteria}`,
            ].join('\n'),
          );
        }
      }
    }
  }
}

/** A query over the pool fields, read in one zone at one clock, and records drawn against it. */
const poolCase = fc
  .record({ zone: fc.constantFrom(...zones), clock: fc.constantFrom(...clocks), zoneAsOption: fc.boolean(), query: poolQuery })
  .chain(({ zone, clock, zoneAsOption, query }) => {
    const text = zone !== null && !zoneAsOption ? `(${query}) tz:${zone}` : query;
    const opts: CompileOptions = { now: clock, ...(zone !== null && zoneAsOption ? { timeZone: zone } : {}) };
    const near = queryAnchors(text, opts);
    return fc.record({
      text: fc.constant(text),
      opts: fc.constant(opts),
      records: fc.array(poolRecord(zone, clock, near), { minLength: 1, maxLength: 6 }),
    });
  });

test('evaluateQuery(ast, r) === evaluate(compile(q).criteria, r), flat and nested (pool fields, DST days, 10 zones)', () => {
  const tally = newTally();
  fc.assert(
    fc.property(poolCase, ({ text, opts, records }) => agree(text, opts, records, tally)),
    fcOptions(1600),
  );
  // The generators must keep producing flat-compilable queries and records on both sides of them.
  assert.ok(tally.flat >= tally.runs * 0.3, `only ${tally.flat} of ${tally.runs} queries fit the flat target`);
  assert.ok(tally.nested >= tally.runs * 0.9, `only ${tally.nested} of ${tally.runs} queries compiled nested`);
  assert.ok(tally.projected > 0, 'no record held several values in a field the query names');
  const checks = tally.matched + tally.unmatched;
  assert.ok(tally.matched >= checks * 0.1 && tally.unmatched >= checks * 0.1, `matched ${tally.matched} of ${checks} records`);
});

test('evaluateQuery(ast, r) === evaluate(compile(q).criteria, r) over every standard field (records built from the query)', () => {
  const tally = newTally();
  const now = '2026-11-30T15:00:00Z';
  fc.assert(
    fc.property(
      fc.tuple(anyFieldQuery, directives).chain(([q, dirs]) => {
        const text = dirs ? `(${q}) ${dirs}` : q;
        return fc.record({ text: fc.constant(text), records: recordsForQuery(text, now) });
      }),
      ({ text, records }) => agree(text, { now }, records, tally),
    ),
    fcOptions(500),
  );
  assert.ok(tally.flat >= tally.runs * 0.2, `only ${tally.flat} of ${tally.runs} queries fit the flat target`);
  const checks = tally.matched + tally.unmatched;
  assert.ok(tally.matched >= checks * 0.05 && tally.unmatched >= checks * 0.05, `matched ${tally.matched} of ${checks} records`);
});

test('conversation_created_at:9999-12-31 tz:Europe/Paris on 9999-12-31T23:30:00.000Z (the last day is bounded on both sides)', () => {
  // Found by the differential property: `gte 9999-12-31` alone also matched instants after the local day's end.
  const text = 'conversation_created_at:9999-12-31 tz:Europe/Paris';
  const compiled = compile(text, { now: '2024-01-01T00:00:00Z' });
  assert.equal(compiled.criteria?.and, [{ conversation_created_at: { gte: '9999-12-31' } }, { conversation_created_at: { lte: '9999-12-31' } }]);
  const record = { conversation_created_at: '9999-12-31T23:30:00.000Z' }; // 10000-01-01 00:30 in Paris
  assert.is(evaluateQuery(compiled.ast!, record, { now: '2024-01-01T00:00:00Z' }), false);
  assert.is(evaluate(compiled.criteria, record), false);
  assert.is(evaluate(compiled.criteria, { conversation_created_at: '9999-12-31T12:00:00.000Z' }), true);
});

test('KNOWN LIMITATION (reported): conversation_created_at:2024-01-01 on a record with values on 2023-12-31 and 2024-01-02', () => {
  // A day (or a range) on a field with several values is two criteria, which different values can meet.
  const text = 'conversation_created_at:2024-01-01';
  const compiled = compile(text);
  const record = { conversation_created_at: ['2023-12-31T12:00:00Z', '2024-01-02T12:00:00Z'] };
  assert.is(evaluateQuery(compiled.ast!, record), false);
  assert.is(evaluate(compiled.criteria, record), true);
  // Each one-value projection agrees.
  for (const one of record.conversation_created_at) {
    assert.is(evaluate(compiled.criteria, { conversation_created_at: one }), evaluateQuery(compiled.ast!, { conversation_created_at: one }));
  }
});

test.run();
