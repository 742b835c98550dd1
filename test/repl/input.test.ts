/** When input continues on the next line: an open parenthesis, string or range; named by the text. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { openConstruct } from '../../src/cli/repl/input.js';

const rows: [string, ReturnType<typeof openConstruct>][] = [
  ['conversation_status:open', null],
  ['(a OR b', 'paren'],
  ['conversation_status:(open', 'paren'],
  ['(a OR b)', null],
  ['"refund', 'quote'],
  ['conversation_status:"op', 'quote'],
  ['"a (b"', null],
  ['conversation_priority:[1 TO', 'range'],
  ['conversation_priority:[1 TO 3]', null],
  ['a)', null],
  ['.explain (a', null],
  ['', null],
];

for (const [text, expected] of rows) test(JSON.stringify(text), () => assert.is(openConstruct(text), expected));

test.run();
