/**
 * Properties of complete / describe / explain (fast-check; a failure prints its seed, replay with FC_SEED=<seed>):
 * - on any text and offset they never throw, and their spans stay in the text around the cursor;
 * - every field is offered for every prefix of its name, and a completion put in place reads back as that field;
 * - every value offered after `field<op>` compiles (enum values, booleans, date helpers, the priority range);
 * - on generated valid queries, describe names the field of every field term, and explain says every value of the
 *   criteria (nothing is dropped from the reading), says every criterion of the body exactly once, and labels no
 *   more criteria with a relative expression (`today (…)`) than the query wrote it.
 */
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { allows } from '../../src/check/operators.js';
import { catalogFor } from '../../src/schema/index.js';
import { criteriaReading } from '../../src/interactive/criteriaInWords.js';
import { dayInWords, instantInWords } from '../../src/interactive/humanDates.js';
import { compile, complete, describe, explainQuery, parse, standardFields, walk, type ComparisonOperator } from '../../src/index.js';
import { fcOptions } from '../helpers/fc.js';
import { directives, query } from '../helpers/queries.js';
import { now } from './helpers.js';

const fieldNames = [...standardFields.keys()];

/** Text from a hostile alphabet: the language's punctuation, quotes, escapes, spaces and non-ASCII. */
const hostileText = fc
  .array(fc.constantFrom('a', 'conversation_status', ':', '(', ')', '"', '\\', ' ', '\u00a0', '-', ',', '..', '[', '{', '}', ']', '*', 'OR', 'TO', '>=', '~', '!=', 'é', '😀', '\ud800', 'sort:', 'tz:', 'has:', '__proto__'), { maxLength: 20 })
  .map((parts) => parts.join(''));

/** True when `offset` is between the two halves of a surrogate pair. */
const splitsPair = (text: string, offset: number) => /[\ud800-\udbff]/.test(text[offset - 1] ?? '') && /[\udc00-\udfff]/.test(text[offset] ?? '');

test('complete, describe and explain never throw, and keep their spans around the cursor (snapped out of surrogate pairs)', () => {
  fc.assert(
    fc.property(fc.oneof(hostileText, fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 10 })), fc.integer({ min: -3, max: 60 }), (text, offset) => {
      const clamped = Math.max(0, Math.min(text.length, offset));
      const at = splitsPair(text, clamped) ? clamped - 1 : clamped;
      const c = complete(text, offset, { now });
      assert.ok(c.from <= at && at <= c.to && c.to <= text.length, `${c.from} ${at} ${c.to}`);
      assert.ok(!splitsPair(text, c.from) && !splitsPair(text, c.to), `${c.from}..${c.to} splits a surrogate pair`);
      for (const item of c.items) assert.type(item.label, 'string');
      const d = describe(text, offset, { now });
      if (d) assert.ok(d.span.start >= 0 && d.span.start <= d.span.end && d.span.end <= text.length && d.span.start <= at && at <= d.span.end);
      if (d) assert.ok(!splitsPair(text, d.span.start) && !splitsPair(text, d.span.end));
      assert.type(explainQuery(text, { now }).diagnostics, 'object');
    }),
    fcOptions(400),
  );
});

test('every field is offered for every prefix of its name (the whole name: with its operators), and reads back as that field', () => {
  fc.assert(
    fc.property(fc.constantFrom(...fieldNames), fc.nat(), fc.constantFrom('', 'refund ', '(a OR ', 'NOT ', '-'), (name, cut, before) => {
      const prefix = name.slice(0, 1 + (cut % name.length));
      const text = before + prefix;
      const c = complete(text, text.length, { now });
      // A whole name is offered with its operators instead (`conversation_status:` …).
      const item = c.items.find((i) => i.label === name || (i.kind === 'operator' && i.insertText === `${name}:`));
      assert.ok(item, `${name} not offered for ${JSON.stringify(text)}`);
      assert.ok(c.items[0]!.label.toLowerCase().startsWith(prefix.toLowerCase()) || c.items[0]!.kind === 'operator', 'a prefix match comes first');
      const completed = text.slice(0, c.from) + (item!.insertText ?? item!.label) + text.slice(c.to);
      const d = describe(completed, completed.length, { now });
      assert.is(d?.field?.name, name);
    }),
    fcOptions(300),
  );
});

const operators: ComparisonOperator[] = [':', '=', '!=', '>', '>=', '<', '<='];

test('every value offered after field<op> compiles', () => {
  const valued = [...standardFields.values()].filter((f) => f.enum || f.kind === 'boolean' || f.kind === 'datetime' || f.name === 'conversation_priority');
  fc.assert(
    fc.property(fc.constantFrom(...valued), fc.constantFrom(...operators), fc.constantFrom('UTC', 'America/New_York', 'Pacific/Kiritimati'), (field, op, timeZone) => {
      if (!allows(field.kind, op, 'single')) return;
      const text = `${field.name}${op}`;
      const c = complete(text, text.length, { now, timeZone });
      for (const item of c.items.filter((i) => i.kind === 'value')) {
        const q = text + (item.insertText ?? item.label);
        const r = compile(q, { now, timeZone });
        assert.ok(r.criteria, `${q}: ${r.diagnostics.map((d) => d.message).join('; ')}`);
      }
    }),
    fcOptions(300),
  );
});

test('every value offered in a value list or a range compiles (flat and nested)', () => {
  const valued = [...standardFields.values()].filter((f) => f.enum || f.kind === 'boolean' || f.kind === 'datetime' || f.name === 'conversation_priority');
  fc.assert(
    fc.property(fc.constantFrom(...valued), fc.constantFrom('group', 'comma', 'dots', 'range'), fc.boolean(), (field, form, nested) => {
      // A first value that is valid in every form: an instant on datetimes (a day in a flat list is KQ3004).
      const first = field.kind === 'datetime' ? 'now' : complete(`${field.name}:`, field.name.length + 1, { now }).items.find((i) => i.kind === 'value' && i.label !== '*')?.label;
      if (first === undefined) return;
      const [before, after] =
        form === 'group' ? [`${field.name}:(${first} OR `, ')'] : form === 'comma' ? [`${field.name}:${first},`, ''] : form === 'dots' ? [`${field.name}:${first}..`, ''] : [`${field.name}:[${first} TO `, ']'];
      const c = complete(before, before.length, { now, nested });
      for (const item of c.items) {
        const q = before + (item.insertText ?? item.label) + after;
        const r = compile(q, { now, nested });
        assert.ok(r.criteria, `${q}${nested ? ' [nested]' : ''}: ${r.diagnostics.map((d) => d.message).join('; ')}`);
      }
    }),
    fcOptions(300),
  );
});

test('describe names the field of every field term of a valid query', () => {
  fc.assert(
    fc.property(query, directives, (q, ds) => {
      const text = ds ? `${q} ${ds}` : q;
      const ast = parse(text).ast;
      if (!ast) return;
      walk(ast, (node) => {
        if (node.kind !== 'Comparison' && node.kind !== 'List' && node.kind !== 'Range' && node.kind !== 'Exists') return;
        const d = describe(text, node.field.span.start, { now });
        assert.is(d?.kind, 'field', `${text} @${node.field.span.start}`);
        assert.is(d?.field?.name, node.field.value);
      });
    }),
    fcOptions(200),
  );
});

/** Every (operator, value) of a criteria body, nested groups included. */
function criteriaValues(body: unknown, out: [string, unknown][] = [], depth = 0): [string, unknown][] {
  if (depth > 50 || body === null || typeof body !== 'object') return out;
  for (const [key, v] of Object.entries(body as Record<string, unknown>)) {
    if (key === 'queryContext' || key === 'sort' || key === 'timeZone') continue;
    if (Array.isArray(v)) for (const item of v) criteriaValues(item, out, depth + 1);
    else if (key === 'and' || key === 'or' || key === 'not') criteriaValues(v, out, depth + 1);
    else if (v && typeof v === 'object') for (const [op, value] of Object.entries(v)) out.push([op, value]);
  }
  return out;
}

function previousDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

test('explain says every value of the criteria of a valid query', () => {
  fc.assert(
    fc.property(query, directives, (q, ds) => {
      const text = ds ? `${q} ${ds}` : q;
      const e = explainQuery(text, { now, nested: true });
      if (e.text === undefined) return;
      assert.not.match(e.text, 'matching {');
      for (const [op, value] of criteriaValues(e.criteria)) {
        if (op === 'not_set') {
          assert.match(e.text, 'set');
          continue;
        }
        for (const v of Array.isArray(value) ? value : [value]) {
          const s = String(v);
          const said =
            typeof v !== 'string'
              ? e.text.includes(s)
              : /^\d{4}-\d{2}-\d{2}$/.test(s)
                ? e.text.includes(dayInWords(s)) || (op === 'lt' && e.text.includes(dayInWords(previousDay(s))))
                : /^\d{4}-\d{2}-\d{2}T/.test(s)
                  ? e.text.includes(instantInWords(s))
                  : e.text.includes(JSON.stringify(s)) || e.text.includes(s);
          assert.ok(said, `${text}: ${op} ${JSON.stringify(v)} is not in "${e.text}"`);
        }
      }
    }),
    fcOptions(300),
  );
});

/** Every criterion object (`{attribute: {operator: value}}`) of a body, nested groups included. */
function criterionObjects(node: unknown, out: object[] = [], depth = 0): object[] {
  if (depth > 60 || node === null || typeof node !== 'object') return out;
  if (Array.isArray(node)) {
    for (const x of node) criterionObjects(x, out, depth + 1);
    return out;
  }
  const keys = Object.keys(node);
  if (keys.length === 1 && ['and', 'or', 'not'].includes(keys[0]!)) return criterionObjects((node as Record<string, unknown>)[keys[0]!], out, depth + 1);
  out.push(node);
  return out;
}

/** Terms on two datetime fields mixing literal days, relative days and instants, with every operator. */
const dateTerms = fc
  .array(
    fc.tuple(
      fc.constantFrom('', '-'),
      fc.constantFrom('conversation_created_at', 'conversation_updated_at'),
      fc.constantFrom(':', '>', '>=', '<', '<=', '!='),
      fc.constantFrom('2024-06-23', '2024-06-24', '2024-06-25', 'today', 'yesterday', 'tomorrow', 'now-1d/d', 'now/w', 'now', 'now-1h', '2024-06-24T12:00:00Z'),
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map((terms) => terms.map(([neg, f, op, v]) => `${neg}${f}${op}${v}`).join(' '));

const expressions = ['today', 'yesterday', 'tomorrow', 'now-1d/d', 'now/w', 'now', 'now-1h'];

test('explain says every criterion of the body exactly once, and labels only criteria a relative date produced', () => {
  fc.assert(
    fc.property(fc.oneof(dateTerms, query), fc.constantFrom('', ' tz:America/New_York'), fc.boolean(), (q, tz, nested) => {
      const text = q + tz;
      const e = explainQuery(text, { now, nested });
      if (e.text === undefined) return;
      const reading = criteriaReading(e.criteria, { catalog: catalogFor({}).catalog });
      const criteria = criterionObjects([e.criteria!.and ?? [], e.criteria!.or ?? [], e.criteria!.not ?? []]);
      for (const c of criteria) assert.is(reading.uses.get(c), 1, `${text}: ${JSON.stringify(c)} said ${reading.uses.get(c) ?? 0} times in "${reading.text}"`);
      assert.is(reading.uses.size, criteria.length);
      const words = text.split(/[\s:<>=!(),[\]]+/);
      for (const x of expressions) {
        const written = words.filter((w) => w === x).length;
        const labelled = e.text.split(`${x} (`).length - 1;
        assert.ok(labelled <= written, `${text}: "${x} (" ${labelled} times in "${e.text}", written ${written}`);
      }
    }),
    fcOptions(400),
  );
});

test.run();
