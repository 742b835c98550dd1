/**
 * Every valid real body (test/fixtures/real-bodies/bodies.ts, each with its source) decompiles, and its text
 * compiles back to the same criteria up to canonical form: arrays for single objects, the array form of sort, empty
 * arrays left out, the range pair in the order written, instants as the compiler spells them (UTC, milliseconds),
 * and a bare array as the `and` of a body in the context compile infers. The refused ones are refused, with their
 * code.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compile, decompile } from '../../src/index.js';
import { parseInstant } from '../../src/dates/index.js';
import { refusedBodies, validBodies } from '../fixtures/real-bodies/bodies.js';

const now = '2026-11-30T15:00:00Z';
type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

const asArray = (v: Json | undefined): Json[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** An instant in the compiler's spelling; any other value as it is. */
function canonValue(v: Json): Json {
  if (typeof v !== 'string') return v;
  const p = parseInstant(v);
  return p.kind === 'instant' ? new Date(p.epochMs).toISOString() : v;
}

/** The canonical form of `body` searched in `context` (see the module comment). */
function canon(body: Json, context: string): Record<string, Json> {
  const b: Record<string, Json> = Array.isArray(body) ? { and: body } : (body as Record<string, Json>);
  const item = (i: Json): Json => {
    const [field, ops] = Object.entries(i as Record<string, Json>)[0]!;
    const [op, v] = Object.entries(ops as Record<string, Json>)[0]!;
    return { [field]: { [op]: op === 'in' ? (v as Json[]).map(canonValue) : canonValue(v) } };
  };
  const out: Record<string, Json> = { queryContext: (b.queryContext as string | undefined) ?? context };
  for (const key of ['and', 'or', 'not'] as const) {
    const items = asArray(b[key]).map(item);
    if (items.length) out[key] = items;
  }
  const sort = asArray(b.sort).flatMap((o) =>
    Object.entries(o as Record<string, Json>).map(([k, v]) => ({ [k]: typeof v === 'string' ? v : ((v as Record<string, Json>).order as Json) })),
  );
  if (sort.length) out.sort = sort;
  if (b.timeZone !== undefined) out.timeZone = b.timeZone;
  return out;
}

for (const { name, source, body, context } of validBodies) {
  test(`${name} (${source}) decompiles and compiles back to itself`, () => {
    const back = decompile(body, { now });
    assert.ok(back.text !== undefined, `refused: ${JSON.stringify(back.diagnostics.map((d) => [d.code, d.pointer, d.message]))}`);
    const again = compile(back.text!, { now });
    assert.ok(again.criteria, `${back.text} does not compile: ${JSON.stringify(again.diagnostics)}`);
    assert.equal(again.criteria as unknown as Json, canon(body as Json, context), back.text);
  });
}

for (const { name, source, body, code } of refusedBodies) {
  test(`${name} (${source}) is refused with ${code}`, () => {
    const back = decompile(body, { now });
    assert.is(back.text, undefined);
    assert.ok(back.diagnostics.some((d) => d.code === code), JSON.stringify(back.diagnostics.map((d) => d.code)));
  });
}

test.run();
