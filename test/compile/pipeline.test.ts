/**
 * runPipeline (src/pipeline.ts): the stages compile runs, and the provenance the emitter records beside the criteria
 * (named by the query); then a property that on generated queries the pipeline's criteria and diagnostics are
 * compile's, provenance or not, and every criterion has its origin in the query text (fast-check; a failure prints its
 * seed, replay with FC_SEED=<seed>).
 */
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Criterion } from '../../src/emit/criteria.js';
import { compile } from '../../src/index.js';
import { runPipeline } from '../../src/pipeline.js';
import { fcOptions } from '../helpers/fc.js';
import { directives, query } from '../helpers/queries.js';

const now = '2026-11-30T15:00:00Z';

/** The text each origin of `criterion` was written as. */
function written(text: string, run: ReturnType<typeof runPipeline>, criterion: unknown): string[] {
  const origin = run.provenance?.get(criterion as Criterion);
  if (!origin) return [];
  return origin.origins.map((o) => text.slice(o.span.start, o.span.end));
}

test('conversation_status:(open OR snoozed) conversation_created_at:[now-7d/d TO 2026-11-23] (provenance: the values each criterion was written as)', () => {
  const text = 'conversation_status:(open OR snoozed) conversation_created_at:[now-7d/d TO 2026-11-23]';
  const run = runPipeline(text, { now }, { provenance: true });
  assert.equal(run.criteria, compile(text, { now }).criteria);
  const [status, lower, upper] = run.criteria!.and!;
  assert.equal(status, { conversation_status: { in: ['open', 'snoozed'] } });
  assert.equal(written(text, run, status), ['open', 'snoozed']);
  assert.equal(written(text, run, lower), ['now-7d/d']);
  assert.equal(written(text, run, upper), ['2026-11-23']);
  assert.equal(run.provenance!.get(status as Criterion)!.span, { start: 21, end: 25 }); // a merged `in`: at its first value
});

test('conversation_created_at:today conversation_tags:* refund (provenance: both bounds of a day come from its value; exists and text from their terms)', () => {
  const text = 'conversation_created_at:today conversation_tags:* refund';
  const run = runPipeline(text, { now }, { provenance: true });
  const [gte, lt, words] = run.criteria!.and!;
  assert.equal(gte, { conversation_created_at: { gte: '2026-11-30' } });
  assert.equal(lt, { conversation_created_at: { lt: '2026-12-01' } });
  assert.equal(written(text, run, gte), ['today']);
  assert.equal(written(text, run, lt), ['today']);
  assert.equal(written(text, run, words), ['refund']);
  assert.equal(written(text, run, run.criteria!.not![0]), ['conversation_tags:*']);
  assert.is(run.provenance!.get(run.criteria!.not![0] as Criterion)!.origins[0]!.kind, 'Exists');
});

test('conversation_status:open (no provenance unless asked; every stage returned)', () => {
  const run = runPipeline('conversation_status:open', { now });
  assert.is(run.provenance, undefined);
  assert.ok(run.parsed && run.ast && run.checked && run.lowered && run.normalized && run.shaped);
  assert.equal(run.criteria, { queryContext: 'conversation', and: [{ conversation_status: { equals: 'open' } }] });
});

test('(a OR b) AND (c OR d) (stops at shape: no criteria, no provenance, the lowered form kept)', () => {
  const run = runPipeline('(a OR b) AND (c OR d)', { now }, { provenance: true });
  assert.is(run.criteria, undefined);
  assert.is(run.provenance, undefined);
  assert.is(run.shaped, null);
  assert.ok(run.normalized);
  assert.equal(run.diagnostics.map((d) => d.code), ['KQ3001']);
});

test('x:1 (stops at check) and a:( (stops at parse)', () => {
  const checked = runPipeline('x:1', { now });
  assert.ok(checked.checked);
  assert.is(checked.lowered, null);
  assert.equal(checked.diagnostics.map((d) => d.code), ['KQ2001']);
  const parsed = runPipeline('a:(', { now });
  assert.is(parsed.ast, null);
  assert.is(parsed.checked, null);
  assert.ok(parsed.diagnostics.length > 0);
});

/** Every criterion object of an `and`/`or`/`not` array, at any depth. */
function criteria(items: readonly unknown[] | undefined, out: unknown[] = []): unknown[] {
  for (const item of items ?? []) {
    const record = item as Record<string, unknown>;
    const group = ['and', 'or', 'not'].find((k) => Object.keys(record).length === 1 && Array.isArray(record[k]));
    if (group) criteria(record[group] as unknown[], out);
    else out.push(item);
  }
  return out;
}

test('on generated queries, the pipeline gives compile’s result, and provenance covers every criterion', () => {
  fc.assert(
    fc.property(query, directives, fc.boolean(), (q, dirs, nested) => {
      const text = `${q} ${dirs}`;
      const opts = { now, nested };
      const plain = compile(text, opts);
      const run = runPipeline(text, opts, { provenance: true });
      assert.equal(run.criteria, plain.criteria);
      assert.equal(run.diagnostics, plain.diagnostics);
      assert.equal(runPipeline(text, opts).criteria, plain.criteria);
      if (!run.criteria) return;
      const all = criteria([...(run.criteria.and ?? []), ...(run.criteria.or ?? []), ...(run.criteria.not ?? [])]);
      assert.is(run.provenance!.size, all.length);
      for (const c of all) {
        const origin = run.provenance!.get(c as Criterion);
        assert.ok(origin, JSON.stringify(c));
        assert.ok(origin!.origins.length >= 1);
        for (const o of origin!.origins) assert.ok(o.span.start >= 0 && o.span.end <= text.length && o.span.start <= o.span.end);
      }
    }),
    fcOptions(300),
  );
});

test.run();
