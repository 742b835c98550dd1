import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { clampOffset, lineColumn, lineContentEnd, lineIndexAt, lineStarts } from '../../src/diagnostics/location.js';

// --- lineStarts ------------------------------------------------------------------------------------------------------
const Starts = suite('lineStarts');

const startsCases: [string, number[]][] = [
  ['', [0]],
  ['status:open', [0]],
  ['a\nb', [0, 2]],
  ['a\r\nb', [0, 3]],
  ['a\rb', [0, 2]],
  ['a\u2028b\u2029c', [0, 2, 4]],
  ['a\n\nb\n', [0, 2, 3, 5]],
  ['a\r\r\nb', [0, 2, 4]],
  ['\n', [0, 1]],
];
for (const [text, expected] of startsCases) {
  Starts(JSON.stringify(text), () => {
    assert.equal(lineStarts(text), expected);
  });
}

Starts.run();

// --- lineColumn ------------------------------------------------------------------------------------------------------
const LineColumn = suite('lineColumn');

const columnCases: [string, number, { line: number; column: number }][] = [
  ['status:open', 0, { line: 1, column: 1 }],
  ['status:open', 7, { line: 1, column: 8 }],
  ['status:open', 11, { line: 1, column: 12 }],
  ['a:1\nstatu:done', 4, { line: 2, column: 1 }],
  ['a:1\nstatu:done', 9, { line: 2, column: 6 }],
  ['a:1\r\nstatu:done', 3, { line: 1, column: 4 }],
  ['a:1\r\nstatu:done', 4, { line: 1, column: 5 }],
  ['a:1\r\nstatu:done', 5, { line: 2, column: 1 }],
  ['a:1\rstatu:done', 4, { line: 2, column: 1 }],
  ['a:1\u2028statu:done', 4, { line: 2, column: 1 }],
  ['a:1\u2029statu:done', 4, { line: 2, column: 1 }],
  ['😀 statu:done', 3, { line: 1, column: 4 }],
  ['\tstatu:done', 1, { line: 1, column: 2 }],
  ['a\n', 2, { line: 2, column: 1 }],
  ['', 0, { line: 1, column: 1 }],
];
for (const [text, offset, expected] of columnCases) {
  LineColumn(`${JSON.stringify(text)} at ${offset}`, () => {
    assert.equal(lineColumn(text, offset), expected);
    assert.equal(lineColumn(text, offset, lineStarts(text)), expected);
  });
}

LineColumn('"a\\nb" at NaN (end of input)', () => {
  assert.equal(lineColumn('a\nb', Number.NaN), { line: 2, column: 2 });
});

LineColumn('"a\\nb" at -5 and 99 (clamped)', () => {
  assert.equal(lineColumn('a\nb', -5), { line: 1, column: 1 });
  assert.equal(lineColumn('a\nb', 99), { line: 2, column: 2 });
});

LineColumn.run();

// --- helpers ---------------------------------------------------------------------------------------------------------
const Helpers = suite('clampOffset, lineIndexAt, lineContentEnd');

Helpers('clampOffset("abc", …)', () => {
  assert.is(clampOffset('abc', Number.NaN), 3);
  assert.is(clampOffset('abc', Number.POSITIVE_INFINITY), 3);
  assert.is(clampOffset('abc', Number.NEGATIVE_INFINITY), 0);
  assert.is(clampOffset('abc', -1), 0);
  assert.is(clampOffset('abc', 1.7), 1);
  assert.is(clampOffset('abc', 2), 2);
});

Helpers('lineIndexAt over "a\\r\\nbb\\ncc"', () => {
  const starts = lineStarts('a\r\nbb\ncc');
  assert.equal(
    [0, 1, 2, 3, 4, 5, 6, 7, 8].map((o) => lineIndexAt(starts, o)),
    [0, 0, 0, 1, 1, 1, 2, 2, 2],
  );
});

Helpers('lineContentEnd over "a\\r\\nbb\\rcc\\u2028d\\n"', () => {
  const text = 'a\r\nbb\rcc\u2028d\n';
  const starts = lineStarts(text);
  assert.equal(
    starts.map((_, i) => text.slice(starts[i], lineContentEnd(text, starts, i))),
    ['a', 'bb', 'cc', 'd', ''],
  );
});

Helpers.run();
