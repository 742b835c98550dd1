/**
 * `readCriteria`, the one reader of search bodies: each accepted spelling and what it reads as, each problem with its
 * reason and pointer, `emittedShape`, and properties over bodies compiled from generated queries (every criterion
 * read once; every pointer resolves to the value it names; respelled bodies read back to the compiled one).
 */
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  describeJson,
  emittedShape,
  readCriteria,
  resolvePointer,
  type ReadGroup,
  type ReadItem,
  type ReadProblemReason,
} from '../../src/criteria/index.js';
import { compile } from '../../src/index.js';
import { fcOptions } from '../helpers/fc.js';
import { directives, query } from '../helpers/queries.js';

/** One line per part of the read body: `<pointer> <what>`, in document order. */
function outline(json: unknown): string[] {
  const read = readCriteria(json);
  assert.equal(read.problems, [], `problems: ${JSON.stringify(read.problems)}`);
  const out: string[] = [];
  const item = (i: ReadItem): void => {
    if (i.kind === 'invalid') out.push(`${i.pointer} invalid`);
    else if (i.kind === 'group') group(i.group);
    else {
      for (const c of i.conditions) {
        if (c.kind === 'scalar') out.push(`${c.pointer} ${i.attribute} ${c.operator} ${JSON.stringify(c.value.value)}`);
        else if (c.kind === 'in') out.push(`${c.pointer} ${i.attribute} in ${c.values.map((v) => `${v.pointer}=${JSON.stringify(v.value)}`).join(' ')}`);
        else if (c.kind === 'notSet') out.push(`${c.pointer} ${i.attribute} not_set`);
      }
    }
  };
  const group = (g: ReadGroup): void => {
    out.push(`${g.pointer} ${g.kind} (${g.spelling}, ${g.items.length})`);
    g.items.forEach(item);
  };
  for (const e of read.body!.entries) {
    if (e.kind === 'string') out.push(`${e.pointer} ${e.key} ${e.value}`);
    else if (e.kind === 'group') group(e.group);
    else if (e.kind === 'sort') {
      out.push(`${e.pointer} sort (${e.sort.spelling})`);
      for (const k of e.sort.keys) if (k.kind === 'sortKey') out.push(`${k.pointer} ${k.attribute} ${k.direction} (${k.spelling})`);
    }
  }
  return out;
}

const open = { conversation_status: { equals: 'open' } };

const spellings: [name: string, body: unknown, expected: string[]][] = [
  ['{"queryContext":"conversation","and":[{"conversation_status":{"equals":"open"}}]}', { queryContext: 'conversation', and: [open] }, [
    '/queryContext queryContext conversation',
    '/and and (array, 1)',
    '/and/0/conversation_status/equals conversation_status equals "open"',
  ]],
  ['{"and":{"conversation_status":{"equals":"open"}}} (one object for the array)', { and: open }, [
    '/and and (object, 1)',
    '/and/conversation_status/equals conversation_status equals "open"',
  ]],
  ['{"and":[],"or":[],"not":[]} (empty groups)', { and: [], or: [], not: [] }, ['/and and (array, 0)', '/or or (array, 0)', '/not not (array, 0)']],
  ['{"or":[{"and":[]}]} (an empty nested group)', { or: [{ and: [] }] }, ['/or or (array, 1)', '/or/0/and and (array, 0)']],
  ['{"not":[{"or":[a, {"and": b}]}]} (nested groups)', { not: [{ or: [open, { and: { customer_tags: { in: ['a', 1, true] } } }] }] }, [
    '/not not (array, 1)',
    '/not/0/or or (array, 2)',
    '/not/0/or/0/conversation_status/equals conversation_status equals "open"',
    '/not/0/or/1/and and (object, 1)',
    '/not/0/or/1/and/customer_tags/in customer_tags in /not/0/or/1/and/customer_tags/in/0="a" /not/0/or/1/and/customer_tags/in/1=1 /not/0/or/1/and/customer_tags/in/2=true',
  ]],
  ['{"and":[{"conversation_priority":{"gte":2,"lte":4}}]} (two operators in one object)', { and: [{ conversation_priority: { gte: 2, lte: 4 } }] }, [
    '/and and (array, 1)',
    '/and/0/conversation_priority/gte conversation_priority gte 2',
    '/and/0/conversation_priority/lte conversation_priority lte 4',
  ]],
  ['{"and":[{"x":{"gt":1,"gte":2,"lt":3,"lte":4,"contains":"c"}}]} (every scalar operator)', { and: [{ x: { gt: 1, gte: 2, lt: 3, lte: 4, contains: 'c' } }] }, [
    '/and and (array, 1)',
    '/and/0/x/gt x gt 1',
    '/and/0/x/gte x gte 2',
    '/and/0/x/lt x lt 3',
    '/and/0/x/lte x lte 4',
    '/and/0/x/contains x contains "c"',
  ]],
  ['{"and":[{"a":{"not_set":""}},{"b":{"not_set":true}}]}', { and: [{ a: { not_set: '' } }, { b: { not_set: true } }] }, [
    '/and and (array, 2)',
    '/and/0/a/not_set a not_set',
    '/and/1/b/not_set b not_set',
  ]],
  ['{"sort":[{"a":"asc"},{"b":"desc","c":"asc"}]} (the array, an entry with two keys)', { sort: [{ a: 'asc' }, { b: 'desc', c: 'asc' }] }, [
    '/sort sort (array)',
    '/sort/0/a a asc (plain)',
    '/sort/1/b b desc (plain)',
    '/sort/1/c c asc (plain)',
  ]],
  ['{"sort":{"a":"desc"}} (one object)', { sort: { a: 'desc' } }, ['/sort sort (object)', '/sort/a a desc (plain)']],
  ['{"sort":{"a":{"order":"desc"}}} (legacy order)', { sort: { a: { order: 'desc' } } }, ['/sort sort (object)', '/sort/a a desc (order)']],
  ['{"sort":[]}', { sort: [] }, ['/sort sort (array)']],
  ['{"timeZone":"Europe/Amsterdam","a/b~c":…} is a problem, but {"and":[{"a/b~c":…}]} reads with an escaped pointer', { and: [{ 'a/b~c': { equals: 1 } }], timeZone: 'Europe/Amsterdam' }, [
    '/and and (array, 1)',
    '/and/0/a~1b~0c/equals a/b~c equals 1',
    '/timeZone timeZone Europe/Amsterdam',
  ]],
  ['{"and":[{"__proto__":{"equals":1}}]} from JSON.parse (an own __proto__ key is a name)', JSON.parse('{"and":[{"__proto__":{"equals":1}}]}'), [
    '/and and (array, 1)',
    '/and/0/__proto__/equals __proto__ equals 1',
  ]],
];

for (const [name, body, expected] of spellings) {
  test(name, () => {
    assert.equal(outline(body), expected);
  });
}

/** The reasons and pointers of the problems of reading `json`, in order. */
function problems(json: unknown, maxDepth?: number): [ReadProblemReason, string][] {
  return readCriteria(json, maxDepth === undefined ? {} : { maxDepth }).problems.map((p) => [p.reason, p.pointer]);
}

const sparse: unknown[] = [];
sparse[1] = open;

const problemCases: [name: string, body: unknown, expected: [ReadProblemReason, string][], maxDepth?: number][] = [
  ['null', null, [['notAnObject', '']]],
  ['[1, 2]', [1, 2], [['notAnObject', '']]],
  ['new Date(0) (a class instance)', new Date(0), [['notAnObject', '']]],
  ['{"queryContext":5,"timeZone":null}', { queryContext: 5, timeZone: null }, [['notAString', '/queryContext'], ['notAString', '/timeZone']]],
  ['{"filter":{},"fields":[],"a/b~c":1}', { filter: {}, fields: [], 'a/b~c': 1 }, [['unknownKey', '/filter'], ['ignoredKey', '/fields'], ['unknownKey', '/a~1b~0c']]],
  ['{"and":"x","or":null,"not":5}', { and: 'x', or: null, not: 5 }, [['notItems', '/and'], ['notItems', '/or'], ['notItems', '/not']]],
  ['{"and":[{"or":"x"}]}', { and: [{ or: 'x' }] }, [['notItems', '/and/0/or']]],
  ['{"and":[1,[],null]}', { and: [1, [], null] }, [['notACriterion', '/and/0'], ['notACriterion', '/and/1'], ['notACriterion', '/and/2']]],
  ['{"and":[<hole>, criterion]} (a sparse array)', { and: sparse }, [['notACriterion', '/and/0']]],
  ['{"and":[{},{"a":…,"b":…}]}', { and: [{}, { a: { equals: 1 }, b: { equals: 2 } }] }, [['attributeCount', '/and/0'], ['attributeCount', '/and/1']]],
  ['{"and":[{"a":"x"},{"b":{}}]}', { and: [{ a: 'x' }, { b: {} }] }, [['notOperators', '/and/0/a'], ['notOperators', '/and/1/b']]],
  ['{"and":[{"a":{"starts_with":"x"}}]}', { and: [{ a: { starts_with: 'x' } }] }, [['unknownOperator', '/and/0/a/starts_with']]],
  [
    '{"and":[{"a":{"equals":{},"gt":null,"contains":NaN}}]}',
    { and: [{ a: { equals: {}, gt: null, contains: Number.NaN } }] },
    [['invalidOperand', '/and/0/a/equals'], ['invalidOperand', '/and/0/a/gt'], ['invalidOperand', '/and/0/a/contains']],
  ],
  [
    '{"and":[{"a":{"in":[]}},{"b":{"in":"x"}},{"c":{"in":[1,{}]}}]}',
    { and: [{ a: { in: [] } }, { b: { in: 'x' } }, { c: { in: [1, {}] } }] },
    [['invalidOperand', '/and/0/a/in'], ['invalidOperand', '/and/1/b/in'], ['invalidOperand', '/and/2/c/in']],
  ],
  ['{"and":[{"a":{"not_set":false}}]}', { and: [{ a: { not_set: false } }] }, [['invalidOperand', '/and/0/a/not_set']]],
  ['{"sort":[1,{"a":"up","b":{"order":"x"}}]}', { sort: [1, { a: 'up', b: { order: 'x' } }] }, [['notASortKey', '/sort/0'], ['sortDirection', '/sort/1/a'], ['sortDirection', '/sort/1/b']]],
  ['{"sort":"a"}', { sort: 'a' }, [['notASortKey', '/sort']]],
  ['{"and":[{"and":[{"and":[a]}]}]} with maxDepth 2 (items at depth 3 are not read)', { and: [{ and: [{ and: [open] }] }] }, [['tooDeep', '/and/0/and/0/and/0']], 2],
  ['{"and":[{"or":[a, b]}]} with maxDepth 1: each item past the depth', { and: [{ or: [open, open] }] }, [['tooDeep', '/and/0/or/0'], ['tooDeep', '/and/0/or/1']], 1],
];

for (const [name, body, expected, maxDepth] of problemCases) {
  test(`${name}: ${expected.map(([r, p]) => `${r} at '${p}'`).join(', ')}`, () => {
    assert.equal(problems(body, maxDepth), expected);
  });
}

test('{"and":[{"a":{"in":[1,{}]}}]}: the problem holds the whole operand', () => {
  const operand = [1, {}];
  const [p] = readCriteria({ and: [{ a: { in: operand } }] }).problems;
  assert.equal(p, { reason: 'invalidOperand', pointer: '/and/0/a/in', operator: 'in', found: operand });
});

test('{"sort":{"a":{"order":"x"}}}: the problem holds the legacy order value', () => {
  assert.equal(readCriteria({ sort: { a: { order: 'x' } } }).problems, [{ reason: 'sortDirection', pointer: '/sort/a', attribute: 'a', found: 'x' }]);
});

test('{"queryContext", get and() { throw }}: unreadable, no body, no throw', () => {
  const error = new Error('boom');
  const read = readCriteria({
    queryContext: 'customer',
    get and(): unknown {
      throw error;
    },
  });
  assert.is(read.body, null);
  assert.equal(read.problems, [{ reason: 'unreadable', pointer: '', thrown: error }]);
});

test('a cyclic body ({and: [itself]}): tooDeep at the default depth, no stack overflow', () => {
  const cyclic: Record<string, unknown> = { and: [] };
  (cyclic.and as unknown[]).push({ and: cyclic.and });
  const read = readCriteria(cyclic);
  assert.equal(read.problems.map((p) => p.reason), ['tooDeep']);
});

test('the read form keeps the input objects themselves (json), so consumers can key by them', () => {
  const criterion = { customer_name: { equals: 'x' } };
  const body = { queryContext: 'customer', and: [criterion] };
  const read = readCriteria(body);
  assert.is(read.body!.json, body);
  assert.is(read.body!.and!.items[0]!.json, criterion);
});

test('emittedShape({and: a, or: [], not: [b], sort: {f: "asc"}}): one-element arrays, empty groups left out', () => {
  const a = { customer_name: { equals: 'x' } };
  const b = { customer_email: { not_set: '' } };
  const shape = emittedShape(readCriteria({ queryContext: 'customer', and: a, or: [], not: [b], sort: { customer_name: 'asc' }, filter: 1 }).body!);
  assert.equal(shape.json, { queryContext: 'customer', and: [a], not: [b], sort: [{ customer_name: 'asc' }], filter: 1 });
  assert.is(shape.pointerInBody('/and/0/customer_name/equals'), '/and/customer_name/equals');
  assert.is(shape.pointerInBody('/and/0'), '/and');
  assert.is(shape.pointerInBody('/sort/0/customer_name'), '/sort/customer_name');
  assert.is(shape.pointerInBody('/not/0/customer_email'), '/not/0/customer_email');
  assert.is(shape.pointerInBody('/and/01'), '/and/01');
});

const described: [unknown, string][] = [
  [null, 'null'],
  [[1], 'an array'],
  ['x'.repeat(41), `the string "${'x'.repeat(40)}…"`],
  [5, 'the number 5'],
  [Number.NaN, 'the non-JSON number NaN'],
  [true, 'true'],
  [{}, 'an object'],
  [new Map(), 'a non-JSON object'],
  [undefined, 'a non-JSON undefined'],
];
for (const [value, expected] of described) {
  test(`describeJson(${String(value)}) is '${expected}'`, () => assert.is(describeJson(value), expected));
}

// --- properties over compiled bodies -----------------------------------------------------------------------------

const now = '2026-11-30T15:00:00Z';

/** Bodies the compiler emits for generated queries, flat and nested. */
const compiled = fc
  .tuple(query, directives, fc.boolean())
  .map(([q, d, nested]) => compile(`(${q}) ${d}`, { now, nested }).criteria)
  .filter((c): c is NonNullable<typeof c> => c !== undefined);

/** The criterion objects of a JSON body, counted without the reader: leaves of the and/or/not trees. */
function countCriteria(items: unknown): number {
  if (!Array.isArray(items)) return 0;
  let n = 0;
  for (const item of items as Record<string, unknown>[]) {
    const [key] = Object.keys(item);
    n += key === 'and' || key === 'or' || key === 'not' ? countCriteria(item[key]) : 1;
  }
  return n;
}

test('compile(q) read: no problems, every criterion read once, every pointer resolves to its value', () => {
  fc.assert(
    fc.property(compiled, (body) => {
      const read = readCriteria(body);
      assert.equal(read.problems, []);
      let criteria = 0;
      const item = (i: ReadItem): void => {
        assert.is(resolvePointer(body, i.pointer), i.json);
        if (i.kind === 'group') return group(i.group);
        assert.is(i.kind, 'criterion');
        if (i.kind !== 'criterion') return;
        criteria++;
        const operators = resolvePointer(body, i.attributePointer) as Record<string, unknown>;
        assert.is(operators, (i.json as Record<string, unknown>)[i.attribute]);
        assert.is(i.conditions.length, 1); // the compiler writes one operator per criterion
        for (const c of i.conditions) {
          assert.is(resolvePointer(body, c.pointer), operators[c.operator]);
          if (c.kind === 'scalar') assert.is(resolvePointer(body, c.value.pointer), c.value.value);
          if (c.kind === 'in') for (const v of c.values) assert.is(resolvePointer(body, v.pointer), v.value);
        }
      };
      const group = (g: ReadGroup): void => {
        assert.is(resolvePointer(body, g.pointer), g.json);
        g.items.forEach(item);
      };
      for (const g of [read.body!.and, read.body!.or, read.body!.not]) if (g) group(g);
      assert.is(criteria, countCriteria(body.and) + countCriteria(body.or) + countCriteria(body.not));
      for (const k of read.body!.sort?.keys ?? []) {
        assert.is(k.kind, 'sortKey');
        if (k.kind === 'sortKey') assert.is(resolvePointer(body, k.pointer), k.direction);
      }
      assert.is(read.body!.queryContext, body.queryContext);
      assert.is(read.body!.timeZone, body.timeZone);
    }),
    fcOptions(500),
  );
});

/** `body` with each one-element `and`/`or`/`not`/`sort` array written as its element when `flags` says so. */
function respell(body: Record<string, unknown>, flags: readonly boolean[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...body };
  ['and', 'or', 'not', 'sort'].forEach((key, i) => {
    const v = out[key];
    if (flags[i] && Array.isArray(v) && v.length === 1) out[key] = v[0];
  });
  return out;
}

test('compile(q) respelled (one-element arrays as objects, empty groups added): emittedShape gives back compile(q)', () => {
  fc.assert(
    fc.property(compiled, fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }), fc.boolean(), (body, flags, empties) => {
      const spelled = respell(body as unknown as Record<string, unknown>, flags);
      if (empties) for (const key of ['and', 'or', 'not', 'sort']) if (!(key in spelled)) spelled[key] = [];
      const read = readCriteria(spelled);
      assert.equal(read.problems, []);
      const shape = emittedShape(read.body!);
      // Key order aside (empty keys were appended), the emitted spelling is the compiled body.
      assert.equal(shape.json, body);
      // And every pointer of the respelled read resolves in the respelled body.
      const item = (i: ReadItem): void => {
        assert.is(resolvePointer(spelled, i.pointer), i.json);
        if (i.kind === 'group') i.group.items.forEach(item);
      };
      for (const g of [read.body!.and, read.body!.or, read.body!.not]) g?.items.forEach(item);
    }),
    fcOptions(300),
  );
});

test.run();
