/**
 * `evaluateQuery`: the direct meaning of queries, named by the query, on records chosen to show each construct;
 * errors; and the module's independence from the lowering and the emitter (its import graph).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, type CompileOptions } from '../../src/index.js';
import { analyze } from '../../src/check/check.js';
import { evaluateQuery, prepareQuery, QueryEvaluationError } from '../../src/evaluate/index.js';

const now = '2024-03-10T06:30:00Z';

/** Parses and evaluates `text` on each record; the query must parse. */
function answers(text: string, records: readonly unknown[], opts: CompileOptions = {}): boolean[] {
  const { ast } = parse(text);
  assert.ok(ast, text);
  const checked = analyze(ast!, { now, ...opts });
  return records.map((r) => evaluateQuery(checked, r, { now, ...opts }));
}

const cases: [query: string, records: unknown[], expected: boolean[], opts?: CompileOptions][] = [
  ['conversation_status:open', [{ conversation_status: 'open' }, { conversation_status: ['done', 'open'] }, { conversation_status: 'OPEN' }, {}], [true, true, false, false]],
  ['customer_tags!=vip', [{ customer_tags: 'vip' }, { customer_tags: ['gold'] }, {}], [false, true, true]],
  ['customer_tags!=(vip OR gold)', [{ customer_tags: 'vip' }, { customer_tags: ['b2b'] }, {}], [false, true, true]],
  ['customer_tags:vip,gold', [{ customer_tags: 'gold' }, { customer_tags: 'b2b' }], [true, false]],
  ['message_body:refund', [{ message_body: 'REFUND please' }, { message_body: 'refunded' }], [true, false]],
  ['message_body:(refund OR "double charged")', [{ message_body: 'I was double-charged' }, { message_body: 'charged double' }], [true, false]],
  ['customer_name:jane', [{ customer_name: 'Jane' }, { customer_name: 'Jane Doe' }], [true, false]],
  ['customer_name~jane', [{ customer_name: 'Jane' }, { customer_name: 'Jane Doe' }], [true, true]],
  ['conversation_priority>=4', [{ conversation_priority: 4 }, { conversation_priority: 3 }, {}], [true, false, false]],
  ['conversation_priority:[2 TO 4}', [{ conversation_priority: 2 }, { conversation_priority: 4 }, { conversation_priority: [1, 5] }], [true, false, false]],
  ['customer_custom_scoreNum:2.5..*', [{ customer_custom_scoreNum: 2.5 }, { customer_custom_scoreNum: 2 }], [true, false]],
  ['conversation_created_at:2024-03-10 tz:America/New_York', [
    { conversation_created_at: '2024-03-10T05:00:00.000Z' },
    { conversation_created_at: '2024-03-10T04:59:59.999Z' },
    { conversation_created_at: '2024-03-11T03:59:59.999Z' },
    { conversation_created_at: '2024-03-11T04:00:00.000Z' },
  ], [true, false, true, false]],
  ['conversation_created_at:2024-03-10', [{ conversation_created_at: '2024-03-10T05:00:00.000Z' }], [true], { timeZone: 'Asia/Kolkata' }],
  ['conversation_created_at:2024-03-10', [{ conversation_created_at: '2024-03-09T20:00:00.000Z' }], [true], { timeZone: 'Asia/Kolkata' }],
  ['conversation_created_at>2024-03-10', [{ conversation_created_at: '2024-03-10T23:59:59.999Z' }, { conversation_created_at: '2024-03-11T00:00:00.000Z' }], [false, true]],
  ['conversation_created_at<=2024-03-10', [{ conversation_created_at: '2024-03-10T23:59:59.999Z' }, { conversation_created_at: '2024-03-11T00:00:00.000Z' }], [true, false]],
  ['conversation_created_at:2024-01-01..2024-01-31', [{ conversation_created_at: '2024-01-31T23:00:00Z' }, { conversation_created_at: ['2023-12-01T00:00:00Z', '2024-02-02T00:00:00Z'] }], [true, false]],
  ['conversation_created_at>=today tz:America/New_York', [{ conversation_created_at: '2024-03-10T05:00:00.000Z' }, { conversation_created_at: '2024-03-10T04:59:59.999Z' }], [true, false]],
  ['conversation_created_at>now-1h', [{ conversation_created_at: '2024-03-10T05:30:00.001Z' }, { conversation_created_at: '2024-03-10T05:30:00.000Z' }], [true, false]],
  ['has:customer_tags', [{ customer_tags: ['x'] }, { customer_tags: [] }, { customer_tags: null }, {}], [true, false, false, false]],
  ['no:customer_tags', [{ customer_tags: ['x'] }, { customer_tags: [] }], [false, true]],
  ['-conversation_priority:*', [{ conversation_priority: 'abc' }, { conversation_priority: 0 }], [true, false]],
  ['"double charged" ORD-1234', [{ message_body: 'Double charged on ord-1234' }, { message_body: 'double charged' }], [true, false]],
  ['refund OR vip', [{ customer_name: 'VIP' }, { customer_name: 'gold' }], [true, false]],
  ['NOT (conversation_status:open OR conversation_status:snoozed)', [{ conversation_status: 'done' }, { conversation_status: 'snoozed' }, {}], [true, false, true]],
  ['conversation_status:open context:customer', [{ _type: 'customer', conversation_status: 'open' }, { _type: 'conversation', conversation_status: 'open' }], [true, false]],
  ['conversation_status:open', [{ _type: 'customer', conversation_status: 'open' }, { _type: 'conversation', conversation_status: 'open' }], [false, true]],
  ['sort:customer_name', [{}, null], [true, false]],
  ['', [{}, { anything: 1 }], [true, true]],
];

for (const [query, records, expected, opts] of cases) {
  test(`${query || '(empty query)'}${opts ? ` ${JSON.stringify(opts)}` : ''} on ${JSON.stringify(records)}`, () => {
    assert.equal(answers(query, records, opts), expected);
  });
}

test('evaluateQuery(ast) with the AST (not a CheckedQuery) checks it with opts', () => {
  const { ast } = parse('conversation_created_at>=today');
  assert.is(evaluateQuery(ast!, { conversation_created_at: '2024-03-10T00:00:00Z' }, { now }), true);
  assert.is(evaluateQuery(ast!, { conversation_created_at: '2024-03-10T00:00:00Z' }, { now, timeZone: 'America/New_York' }), false);
});

test("conversation_statu:open throws QueryEvaluationError with KQ2001; prepareQuery returns it", () => {
  const { ast } = parse('conversation_statu:open');
  const p = prepareQuery(ast!);
  assert.is(p.ok, false);
  if (!p.ok) assert.ok(p.diagnostics.some((d) => d.code === 'KQ2001'));
  assert.throws(() => evaluateQuery(ast!, {}), (e: unknown) => e instanceof QueryEvaluationError && /KQ2001/.test(e.message));
});

test('src/evaluate/query.ts never reaches src/lowering or src/emit through its imports', () => {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  const seen = new Set<string>();
  const stack = [join(root, 'src/evaluate/query.ts')];
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gms)) {
      // A `.js` specifier names a `.ts` source, or a generated `.js` module (src/*/generated/).
      const js = resolve(dirname(file), m[1]!);
      const target = js.endsWith('.js') && existsSync(js) ? js : js.replace(/\.js$/, '.ts');
      if (target.endsWith('.ts') || target.endsWith('.js')) stack.push(target);
    }
  }
  const reached = [...seen].map((f) => relative(root, f));
  assert.ok(reached.includes('src/check/check.ts'), 'the import scan found the checker');
  const forbidden = reached.filter((f) => f.startsWith('src/lowering/') || f.startsWith('src/emit/') || f === 'src/compile.ts');
  assert.equal(forbidden, []);
});

test.run();
