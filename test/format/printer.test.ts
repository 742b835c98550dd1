import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { format, parse, print } from '../../src/index.js';
import type * as A from '../../src/syntax/ast.js';

/** The canonical text of `input`, asserting it formats. */
function fmt(input: string): string {
  const r = format(input);
  assert.ok(r.text !== undefined, `format failed: ${JSON.stringify(r.diagnostics)}`);
  return r.text!;
}

const cases: [string, string][] = [
  ['conversation_status:done   customer_updated_at:>=2016-06-24 sort:customer_name', 'conversation_status:done AND customer_updated_at>=2016-06-24 sort:customer_name'],
  ['a b', 'a AND b'],
  ['a OR b c', 'a OR b AND c'],
  ['(a OR b) c', '(a OR b) AND c'],
  ['((a))', 'a'],
  ['NOT a', '-a'],
  ['NOT (a b)', '-(a AND b)'],
  ['NOT (a OR b)', '-(a OR b)'],
  ['NOT NOT a', '--a'],
  ['a OR (b OR c)', 'a OR b OR c'],
  ['status:(open OR snoozed)', 'status:open,snoozed'],
  ['status:open,snoozed', 'status:open,snoozed'],
  ['status!=(a OR b)', 'status!=a,b'],
  ['priority:>=3', 'priority>=3'],
  ['priority:<3', 'priority<3'],
  ['priority:[1 TO 5]', 'priority:1..5'],
  ['priority:{1 TO 5]', 'priority:{1 TO 5]'],
  ['priority:[1 TO *}', 'priority:1..*'],
  ['priority:{* TO 5]', 'priority:*..5'],
  ['has:customer_email', 'customer_email:*'],
  ['no:customer_email', '-customer_email:*'],
  ['NOT customer_email:*', '-customer_email:*'],
  ['sort:customer_name-asc', 'sort:customer_name'],
  ['sort:customer_name-desc', 'sort:customer_name-desc'],
  ['sort:"x-desc-asc"', 'sort:x-desc-asc'],
  ['sort:a sort:b-desc tz:UTC in:conversation x', 'x context:conversation tz:UTC sort:a sort:b-desc'],
  ['a OR sort:x', 'a OR sort:x'],
  ['"hello world"', '"hello world"'],
  ['"hello"', 'hello'],
  ['"AND" "OR" "NOT" "TO"', '"AND" AND "OR" AND "NOT" AND "TO"'],
  ['"and"', '"and"'],
  ['""', '""'],
  ['"-x"', '"-x"'],
  ['"#x"', '"#x"'],
  ['":"', '":"'],
  ['"a:b"', '"a:b"'],
  ['"10:30"', '10:30'],
  ['"x*"', '"x*"'],
  ['"a,b"', '"a,b"'],
  ['"a..b"', '"a..b"'],
  ['"say \\"hi\\""', '"say \\"hi\\""'],
  ['"back\\\\slash"', '"back\\\\slash"'],
  ['foo\\ bar', '"foo bar"'],
  ['"tab\\there"', '"tab\\there"'],
  ['"nb\u00a0sp"', '"nb\\u00a0sp"'],
  ['"\\ud800"', '"\\ud800"'],
  ['"😀"', '"😀"'],
  ['𒀀', '𒀀'],
  ['x:𒀀', 'x:𒀀'],
  ['x:"😀"', 'x:😀'],
  ['测试', '测试'],
  ['x:"*"', 'x:"*"'],
  ['x:-12', 'x:-12'],
  ['x:">5"', 'x:">5"'],
  ['x>"=5"', 'x>"=5"'],
  ['x:"OR"', 'x:"OR"'],
  ['x:""', 'x:""'],
  ['x:"a b"', 'x:"a b"'],
  ['x:"a."..b', 'x:"a."..b'],
  ['x:[a TO "TO"]', 'x:a.."TO"'],
  ['x:https://acme.example/x?y=1', 'x:https://acme.example/x?y=1'],
  ['x~refund', 'x~refund'],
  ['context:"kobject_ecomm-order"', 'context:kobject_ecomm-order'],
  ['', ''],
  ['   ', ''],
];

for (const [input, expected] of cases) {
  test(input === '' ? '(empty query)' : input, () => {
    assert.is(fmt(input), expected);
    assert.is(fmt(expected), expected, 'idempotent');
  });
}

test('status: open (syntax error: diagnostics, no text)', () => {
  const r = format('status: open');
  assert.is(r.text, undefined);
  assert.equal(r.diagnostics.map((d) => d.code), ['KQ1005']);
});

test('a or b (formats the words, keeps the KQ1012 warning)', () => {
  const r = format('a or b');
  assert.is(r.text, 'a AND "or" AND b');
  assert.equal(r.diagnostics.map((d) => d.code), ['KQ1012']);
});

test('format(ast) prints the parsed AST', () => {
  const ast = parse('status:open   OR  b').ast!;
  assert.equal(format(ast), { text: 'status:open OR b', diagnostics: [] });
  assert.is(print(ast), 'status:open OR b');
});

test('format(ast) with a field name the lexer cannot read is KQ4012', () => {
  const span = { start: 0, end: 0 };
  const ast: A.Query = {
    kind: 'Query',
    span,
    body: { kind: 'Comparison', span, field: { kind: 'Name', span, value: 'bad name' }, operator: ':', value: { kind: 'Value', span, value: 'x' } },
  };
  const r = format(ast);
  assert.is(r.text, undefined);
  assert.equal(r.diagnostics.map((d) => d.code), ['KQ4012']);
});

const span = { start: 0, end: 0 };
const v = (value: unknown) => ({ kind: 'Value', span, value });
const n = (value: unknown) => ({ kind: 'Name', span, value });
const badAsts: [string, unknown][] = [
  ['a Comparison with a number value', { kind: 'Comparison', span, field: n('x'), operator: ':', value: v(5) }],
  ['a Comparison with operator LIKE', { kind: 'Comparison', span, field: n('x'), operator: 'LIKE', value: v('a') }],
  ['a Comparison without a value', { kind: 'Comparison', span, field: n('x'), operator: ':' }],
  ['a Text with a number', { kind: 'Text', span, value: 5 }],
  ['a List with no values', { kind: 'List', span, field: n('x'), operator: ':', values: [] }],
  ['a List with operator >', { kind: 'List', span, field: n('x'), operator: '>', values: [v('a'), v('b')] }],
  ['a Range with both bounds open', { kind: 'Range', span, field: n('x'), lower: null, upper: null, lowerInclusive: true, upperInclusive: true }],
  ['a Sort with direction up', { kind: 'Sort', span, field: n('x'), direction: 'up' }],
  ['a Sort with a numeric field', { kind: 'Sort', span, field: n(5), direction: 'asc' }],
  ['an unknown node kind', { kind: 'Wildcard', span }],
];
for (const [name, body] of badAsts) {
  test(`format(ast) with ${name} is KQ4012`, () => {
    const r = format({ kind: 'Query', span, body } as A.Query);
    assert.is(r.text, undefined);
    assert.equal(r.diagnostics.map((d) => d.code), ['KQ4012']);
  });
}

test('format(null) and format of a Query without body are KQ4012', () => {
  assert.equal(format(null as unknown as string).diagnostics.map((d) => d.code), ['KQ4012']);
  assert.equal(format({ kind: 'Query', span } as unknown as A.Query).diagnostics.map((d) => d.code), ['KQ4012']);
});

test("'a '.repeat(300000): canonical text over maxLength is KQ1015, not text that will not parse", () => {
  const r = format('a '.repeat(300_000));
  assert.is(r.text, undefined);
  assert.equal(r.diagnostics.map((d) => d.code), ['KQ1015']);
  assert.ok(format('a '.repeat(300_000), { maxLength: 4_000_000 }).text!.startsWith('a AND a'));
});

test('format(ast) deeper than maxDepth is KQ4012, without recursion', () => {
  const span = { start: 0, end: 0 };
  let body: A.Expression = { kind: 'Text', span, value: 'x' };
  for (let i = 0; i < 100_000; i++) body = { kind: 'Not', span, operand: body };
  const r = format({ kind: 'Query', span, body });
  assert.equal(r.diagnostics.map((d) => d.code), ['KQ4012']);
});

test.run();
