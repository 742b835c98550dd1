/** cursorAt: the position classes, named by the input (`|` marks the cursor). */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cursorAt, scanQuery } from '../../src/interactive/cursor.js';
import { cursor } from './helpers.js';

function at(marked: string) {
  const { text, offset } = cursor(marked);
  return cursorAt(scanQuery(text), offset);
}

const rows: [string, object][] = [
  ['|', { kind: 'term', from: 0, to: 0, prefix: '', after: 'start' }],
  ['conversation_st|', { kind: 'term', from: 0, to: 15, prefix: 'conversation_st', after: 'start' }],
  ['conv|ersation_st', { kind: 'term', from: 0, to: 15, prefix: 'conv', after: 'start' }],
  ['a |', { kind: 'term', from: 2, to: 2, prefix: '', after: 'term' }],
  ['a OR |', { kind: 'term', from: 5, to: 5, prefix: '', after: 'operand' }],
  ['NOT |', { kind: 'term', from: 4, to: 4, prefix: '', after: 'negation' }],
  ['-st|', { kind: 'term', from: 1, to: 3, prefix: 'st', after: 'negation' }],
  ['a (|', { kind: 'term', from: 3, to: 3, prefix: '', after: 'start' }],
  ['stat|us:open', { kind: 'field', from: 0, to: 6, prefix: 'stat' }],
  ['status:|', { kind: 'value', from: 7, to: 7, prefix: '', quoted: false, expect: 'value' }],
  ['status:op|', { kind: 'value', from: 7, to: 9, prefix: 'op', quoted: false, expect: 'value' }],
  ['status:"o|', { kind: 'value', from: 7, to: 9, prefix: 'o', quoted: true, expect: 'value' }],
  ['status:"o|" x', { kind: 'value', from: 7, to: 10, prefix: 'o', quoted: true, expect: 'value' }],
  ['status:(|', { kind: 'value', from: 8, to: 8, prefix: '', quoted: false, expect: 'value' }],
  ['status:(a |', { kind: 'value', from: 10, to: 10, prefix: '', quoted: false, expect: 'or' }],
  ['status:(a O|', { kind: 'value', from: 10, to: 11, prefix: 'O', quoted: false, expect: 'value' }],
  ['status:(a OR |', { kind: 'value', from: 13, to: 13, prefix: '', quoted: false, expect: 'value' }],
  ['status:a,|', { kind: 'value', from: 9, to: 9, prefix: '', quoted: false, expect: 'value' }],
  ['n:1..|', { kind: 'value', from: 5, to: 5, prefix: '', quoted: false, expect: 'value' }],
  ['n:[1 |', { kind: 'value', from: 5, to: 5, prefix: '', quoted: false, expect: 'to' }],
  ['n:[1 TO |', { kind: 'value', from: 8, to: 8, prefix: '', quoted: false, expect: 'value' }],
  ['status:a |', { kind: 'term', from: 9, to: 9, prefix: '', after: 'term' }],
  ['status:(a) |', { kind: 'term', from: 11, to: 11, prefix: '', after: 'term' }],
  ['"a b|', { kind: 'phrase', from: 0, to: 4 }],
  ['"a b"|', { kind: 'none', from: 5, to: 5 }],
  ['n>|=1', { kind: 'none', from: 2, to: 2 }],
  // The cursor at the start of a word: the whole word is replaced.
  ['status:|open', { kind: 'value', from: 7, to: 11, prefix: '', quoted: false, expect: 'value' }],
  ['status:(|a OR b)', { kind: 'value', from: 8, to: 9, prefix: '', quoted: false, expect: 'value' }],
  ['status:(a |OR b)', { kind: 'value', from: 10, to: 12, prefix: '', quoted: false, expect: 'or' }],
  ['status:|"o"', { kind: 'value', from: 7, to: 10, prefix: '', quoted: true, expect: 'value' }],
  ['x |conversation_st', { kind: 'term', from: 2, to: 17, prefix: '', after: 'term' }],
  ['|stat:open', { kind: 'field', from: 0, to: 4, prefix: '' }],
  ['a |AND b', { kind: 'term', from: 2, to: 5, prefix: '', after: 'term' }],
  ['|"a b"', { kind: 'phrase', from: 0, to: 5 }],
];

for (const [marked, expected] of rows) {
  test(marked, () => {
    const { term: _term, ...position } = at(marked) as { term?: unknown };
    assert.equal(position, expected);
  });
}

test('status:(a |: the position knows its field term', () => {
  const p = at('status:(a |');
  assert.is(p.kind === 'value' && p.term.name, 'status');
  assert.is(p.kind === 'value' && p.term.shape, 'group');
});

test.run();
