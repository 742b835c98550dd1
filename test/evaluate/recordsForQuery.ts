/**
 * Records built from a query (not a test file): for each field the query names, values taken from the query's own
 * literals and their neighbours — the same value in other cases, inside longer text, one more and one less, the
 * first and last millisecond of its local day in the query's time zone — so that a query over any of the 184
 * standard fields is tested on records that sit on its boundaries.
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { parse, walk } from '../../src/index.js';
import { analyze } from '../../src/check/check.js';
import type { FieldInfo } from '../../src/index.js';

/** Neighbours of one typed value, as record elements. */
function neighbours(field: FieldInfo, typed: unknown, zone: string): unknown[] {
  const t = typed as { type: 'json'; value: string | number | boolean } | { type: 'date'; date: { kind: 'day'; day: string } | { kind: 'instant'; iso: string } };
  if (t.type === 'date') {
    const edges: number[] = [];
    if (t.date.kind === 'instant') edges.push(Date.parse(t.date.iso));
    else {
      const start = DateTime.fromISO(t.date.day, { zone });
      const next = DateTime.fromISO(t.date.day, { zone: 'UTC' }).plus({ days: 1 });
      const end = DateTime.fromObject({ year: next.year, month: next.month, day: next.day }, { zone });
      if (start.isValid) edges.push(start.toMillis());
      if (end.isValid) edges.push(end.toMillis());
    }
    const out: unknown[] = [];
    for (const e of edges) for (const d of [-1, 0, 1, 43_200_000]) out.push(new Date(e + d).toISOString());
    return out.filter((x) => typeof x === 'string' && !x.startsWith('+') && !x.startsWith('-'));
  }
  const v = t.value;
  if (typeof v === 'number') return [v, v + 1, v - 1, v + 0.5, String(v)];
  if (typeof v === 'boolean') return [v, !v, String(v)];
  const words = [v, v.toUpperCase(), v.toLowerCase(), `x ${v} y`, `${v}s`, ''];
  return field.kind === 'number' ? [Number(v)] : words;
}

/** Records for `text` (compiled with `now`): arbitrary subsets of its fields, with neighbouring values. */
export function recordsForQuery(text: string, now: string): fc.Arbitrary<Record<string, unknown>[]> {
  const { ast } = parse(text);
  if (!ast) return fc.constant([{}]);
  const checked = analyze(ast, { now });
  const zone = checked.timeZone ?? 'UTC';
  const pools = new Map<string, unknown[]>();
  const add = (name: string, values: readonly unknown[]) => {
    const list = pools.get(name) ?? [];
    list.push(...values);
    pools.set(name, list);
  };
  const fullText: string[] = [];
  walk(ast, (node) => {
    switch (node.kind) {
      case 'Comparison':
      case 'List':
      case 'Range': {
        const field = checked.fieldOf.get(node.field);
        if (!field) break;
        const values = node.kind === 'Comparison' ? [node.value] : node.kind === 'List' ? node.values : [node.lower, node.upper];
        for (const v of values) {
          if (!v) continue;
          const typed = checked.valueOf.get(v);
          if (typed) add(field.name, neighbours(field, typed, zone));
        }
        add(field.name, field.enum ? [...field.enum] : []);
        break;
      }
      case 'Exists': {
        const field = checked.fieldOf.get(node.field);
        if (field) add(field.name, field.kind === 'number' ? [0, 1] : field.kind === 'datetime' ? ['2024-01-01T00:00:00Z'] : ['x', true]);
        break;
      }
      case 'Text':
        fullText.push(node.value, node.value.toUpperCase(), `before ${node.value} after`);
        break;
    }
  });
  if (fullText.length) {
    // Bare words search any_text: put them in text attributes it is derived from, or in any_text itself.
    for (const name of ['message_body', 'conversation_name', 'customer_name']) add(name, fullText);
    add('any_text', fullText);
  }
  if (pools.size === 0) return fc.constant([{}]);
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, values] of pools) {
    const element = fc.constantFrom(...(values.length ? values : [null]));
    model[name] = fc.oneof(
      { weight: 1, arbitrary: fc.constant(null) },
      { weight: 5, arbitrary: element },
      { weight: 2, arbitrary: fc.array(element, { minLength: 1, maxLength: 3 }) },
    );
  }
  return fc.array(fc.record(model, { requiredKeys: [], noNullPrototype: true }), { minLength: 1, maxLength: 5 });
}
