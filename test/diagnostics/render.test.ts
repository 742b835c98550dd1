import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { formatDiagnosticLine, renderDiagnostics } from '../../src/render/index.js';

/** Golden frames are written one array element per line. */
const lines = (...rows: string[]) => rows.join('\n');
const ANSI = /\x1b\[[0-9;]*m/g;
const stripAnsi = (s: string) => s.replace(ANSI, '');

const unknownField = (name: string, start: number, extra: Partial<Diagnostic> = {}): Diagnostic => ({
  code: 'KQ2001',
  severity: 'error',
  message: `Unknown field '${name}'.`,
  span: { start, end: start + name.length },
  ...extra,
});
const unexpected = (start: number, end: number, extra: Partial<Diagnostic> = {}): Diagnostic => ({
  code: 'KQ1006',
  severity: 'error',
  message: 'Unexpected word.',
  span: { start, end },
  ...extra,
});

// --- golden frames ---------------------------------------------------------------------------------------------------
const Golden = suite('renderDiagnostics');

Golden('conversation_statu:done AND customer_updated_at>=2016-06-24', () => {
  const query = 'conversation_statu:done AND customer_updated_at>=2016-06-24';
  assert.is(
    renderDiagnostics(query, [unknownField('conversation_statu', 0)]),
    lines(
      "error[KQ2001]: Unknown field 'conversation_statu'.",
      ' --> query:1:1',
      '  |',
      '1 | conversation_statu:done AND customer_updated_at>=2016-06-24',
      '  | ^^^^^^^^^^^^^^^^^^',
    ),
  );
});

Golden('status:open and priority:5', () => {
  const query = 'status:open and priority:5';
  const diagnostics: Diagnostic[] = [
    {
      code: 'KQ1012',
      severity: 'warning',
      message: "'and' is searched for as a word; to combine terms, write 'AND' in upper case.",
      span: { start: 12, end: 15 },
    },
    {
      code: 'KQ2015',
      severity: 'info',
      message: 'No context given: searching conversations (the default).',
      span: { start: 0, end: 0 },
    },
  ];
  assert.is(
    renderDiagnostics(query, diagnostics),
    lines(
      "warning[KQ1012]: 'and' is searched for as a word; to combine terms, write 'AND' in upper case.",
      ' --> query:1:13',
      '  |',
      '1 | status:open and priority:5',
      '  |             ^^^',
      '',
      'info[KQ2015]: No context given: searching conversations (the default).',
      ' --> query:1:1',
      '  |',
      '1 | status:open and priority:5',
      '  | ^',
    ),
  );
});

Golden('status:', () => {
  const diagnostic: Diagnostic = {
    code: 'KQ1005',
    severity: 'error',
    message: "Expected a value after ':'.",
    span: { start: 7, end: 7 },
  };
  assert.is(
    renderDiagnostics('status:', [diagnostic]),
    lines(
      "error[KQ1005]: Expected a value after ':'.",
      ' --> query:1:8',
      '  |',
      '1 | status:',
      '  |        ^',
    ),
  );
});

const longQuery =
  Array.from({ length: 12 }, (_, i) => `tag:t${i}`).join(' AND ') +
  ' AND conversation_statu:done AND ' +
  Array.from({ length: 12 }, (_, i) => `tag:u${i}`).join(' AND ');

Golden(longQuery, () => {
  const start = longQuery.indexOf('conversation_statu');
  assert.is(
    renderDiagnostics(longQuery, [unknownField('conversation_statu', start)]),
    lines(
      "error[KQ2001]: Unknown field 'conversation_statu'.",
      ' --> query:1:135',
      '  |',
      '1 | …AND tag:t8 AND tag:t9 AND tag:t10 AND tag:t11 AND conversation_statu:done AND tag:u0 AND tag:u1 AND tag:u2 AND tag:u3 …',
      '  |                                                    ^^^^^^^^^^^^^^^^^^',
    ),
  );
});

const longTail = 'tag:x AND '.repeat(20) + 'status:';

Golden(longTail, () => {
  assert.is(
    renderDiagnostics(longTail, [unexpected(longTail.length, longTail.length)]),
    lines(
      'error[KQ1006]: Unexpected word.',
      ' --> query:1:208',
      '  |',
      '1 | … tag:x AND tag:x AND tag:x AND tag:x AND tag:x AND tag:x AND tag:x AND tag:x AND tag:x AND tag:x AND tag:x AND status:',
      '  |                                                                                                                        ^',
    ),
  );
});

const longSpan = 'a '.repeat(30) + 'b'.repeat(200) + ' c';

Golden(longSpan, () => {
  // The span is wider than the window: 8 cells of left context, carets run through the right ellipsis.
  assert.is(
    renderDiagnostics(longSpan, [unexpected(60, 260)]),
    lines(
      'error[KQ1006]: Unexpected word.',
      ' --> query:1:61',
      '  |',
      `1 | …a a a a ${'b'.repeat(110)}…`,
      `  |          ${'^'.repeat(111)}`,
    ),
  );
});

Golden('status:open\\r\\nAND conversation_statu:done\\r\\nsort:customer_name', () => {
  const query = 'status:open\r\nAND conversation_statu:done\r\nsort:customer_name';
  assert.is(
    renderDiagnostics(query, [unknownField('conversation_statu', 17)]),
    lines(
      "error[KQ2001]: Unknown field 'conversation_statu'.",
      ' --> query:2:5',
      '  |',
      '2 | AND conversation_statu:done',
      '  |     ^^^^^^^^^^^^^^^^^^',
    ),
  );
});

Golden('status:open AND (priority:5\\r\\nOR priority:4', () => {
  const query = 'status:open AND (priority:5\r\nOR priority:4';
  assert.is(
    renderDiagnostics(query, [unexpected(16, query.length, { message: "This '(' is never closed." })]),
    lines(
      "error[KQ1006]: This '(' is never closed.",
      ' --> query:1:17',
      '  |',
      '1 | status:open AND (priority:5',
      '  |                 ^^^^^^^^^^^',
      '2 | OR priority:4',
      '  | ^^^^^^^^^^^^^',
    ),
  );
});

Golden('a\\nb\\nc\\nd\\ne\\nf', () => {
  assert.is(
    renderDiagnostics('a\nb\nc\nd\ne\nf', [unexpected(0, 11, { suggestions: ['x'] })]),
    lines(
      'error[KQ1006]: Unexpected word.',
      ' --> query:1:1',
      '  |',
      '1 | a',
      '  | ^',
      '2 | b',
      '  | ^',
      '...',
      '6 | f',
      "  | ^ did you mean 'x'?",
    ),
  );
});

Golden('a:1\\nb:2\\nc:3\\nd:4\\ne:5\\nf:6\\ng:7\\nh:8\\ni:9\\nconversation_statu:done', () => {
  const query = 'a:1\nb:2\nc:3\nd:4\ne:5\nf:6\ng:7\nh:8\ni:9\nconversation_statu:done';
  assert.is(
    renderDiagnostics(query, [unknownField('conversation_statu', 36)]),
    lines(
      "error[KQ2001]: Unknown field 'conversation_statu'.",
      '  --> query:10:1',
      '   |',
      '10 | conversation_statu:done',
      '   | ^^^^^^^^^^^^^^^^^^',
    ),
  );
});

Golden('\\tconversation_statu:done', () => {
  assert.is(
    renderDiagnostics('\tconversation_statu:done', [unknownField('conversation_statu', 1)]),
    lines(
      "error[KQ2001]: Unknown field 'conversation_statu'.",
      ' --> query:1:2',
      '  |',
      '1 |     conversation_statu:done',
      '  |     ^^^^^^^^^^^^^^^^^^',
    ),
  );
});

Golden('title:"🎉 launch" AND conversation_statu:done', () => {
  // The emoji is two UTF-16 units (column 23) and two terminal cells (carets one further right than the column).
  assert.is(
    renderDiagnostics('title:"🎉 launch" AND conversation_statu:done', [unknownField('conversation_statu', 22)]),
    lines(
      "error[KQ2001]: Unknown field 'conversation_statu'.",
      ' --> query:1:23',
      '  |',
      '1 | title:"🎉 launch" AND conversation_statu:done',
      '  |                       ^^^^^^^^^^^^^^^^^^',
    ),
  );
});

Golden('名前:完了 AND conversation_statu:done', () => {
  assert.is(
    renderDiagnostics('名前:完了 AND conversation_statu:done', [unknownField('conversation_statu', 10)]),
    lines(
      "error[KQ2001]: Unknown field 'conversation_statu'.",
      ' --> query:1:11',
      '  |',
      '1 | 名前:完了 AND conversation_statu:done',
      '  |               ^^^^^^^^^^^^^^^^^^',
    ),
  );
});

Golden('name:"\\x1b[31mred\\x1b[0m" AND \\u202edone:x', () => {
  const query = 'name:"\x1b[31mred\x1b[0m" AND \u202edone:x';
  const out = renderDiagnostics(query, [unexpected(24, 30, { message: "Unknown field '\u202edone\x07'." })]);
  assert.is(
    out,
    lines(
      "error[KQ1006]: Unknown field '<U+202E>done␇'.",
      ' --> query:1:25',
      '  |',
      '1 | name:"␛[31mred␛[0m" AND <U+202E>done:x',
      '  |                         ^^^^^^^^^^^^^',
    ),
  );
});

const suggestionsQuery = 'conversation_statu:done AND sort:customer_nme';
const suggestionsDiagnostics: Diagnostic[] = [
  unknownField('conversation_statu', 0, {
    suggestions: ['conversation_status'],
    help: "Field names come from the org's schema; run `kq fields` to list them.",
  }),
  unknownField('customer_nme', 33, { suggestions: ['customer_name', 'customer_names'] }),
];
const suggestionsFrames = lines(
  "error[KQ2001]: Unknown field 'conversation_statu'.",
  ' --> query:1:1',
  '  |',
  '1 | conversation_statu:done AND sort:customer_nme',
  "  | ^^^^^^^^^^^^^^^^^^ did you mean 'conversation_status'?",
  '  |',
  "  = help: Field names come from the org's schema; run `kq fields` to list them.",
  '',
  "error[KQ2001]: Unknown field 'customer_nme'.",
  ' --> query:1:34',
  '  |',
  '1 | conversation_statu:done AND sort:customer_nme',
  "  |                                  ^^^^^^^^^^^^ did you mean one of 'customer_name', 'customer_names'?",
);

Golden(suggestionsQuery, () => {
  assert.is(renderDiagnostics(suggestionsQuery, suggestionsDiagnostics), suggestionsFrames);
});

Golden(`${suggestionsQuery} (color: true)`, () => {
  const out = renderDiagnostics(suggestionsQuery, suggestionsDiagnostics, { color: true });
  assert.ok(out.includes('\x1b[31m'), 'errors are red');
  assert.ok(out.includes('\x1b[1m'), 'headers are bold');
  assert.ok(out.includes('\x1b[2m'), 'the gutter is dim');
  assert.is(stripAnsi(out), suggestionsFrames);
});

Golden('status:open and priority:5 (color: true)', () => {
  const out = renderDiagnostics(
    'status:open and priority:5',
    [
      { code: 'KQ1012', severity: 'warning', message: 'w', span: { start: 12, end: 15 } },
      { code: 'KQ2015', severity: 'info', message: 'i', span: { start: 0, end: 0 } },
    ],
    { color: true },
  );
  assert.ok(out.includes('\x1b[33m'), 'warnings are yellow');
  assert.ok(out.includes('\x1b[34m'), 'infos are blue');
  assert.not.ok(out.includes('\x1b[31m'), 'nothing is red');
});

Golden('a:1 AND b:2 (help over two lines, fileName)', () => {
  assert.is(
    renderDiagnostics('a:1 AND b:2', [unknownField('b', 8, { help: 'First line.\nSecond line.' })], {
      fileName: 'saved/open.kq',
    }),
    lines(
      "error[KQ2001]: Unknown field 'b'.",
      ' --> saved/open.kq:1:9',
      '  |',
      '1 | a:1 AND b:2',
      '  |         ^',
      '  |',
      '  = help: First line.',
      '          Second line.',
    ),
  );
});

Golden('a:1 (span out of range, seven suggestions)', () => {
  assert.is(
    renderDiagnostics('a:1', [unexpected(99, -3, { suggestions: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] })]),
    lines(
      'error[KQ1006]: Unexpected word.',
      ' --> query:1:4',
      '  |',
      '1 | a:1',
      "  |    ^ did you mean one of 'a', 'b', 'c', 'd', 'e', …?",
    ),
  );
});

Golden('"" (NaN span)', () => {
  assert.is(
    renderDiagnostics('', [unexpected(Number.NaN, Number.NaN)]),
    lines('error[KQ1006]: Unexpected word.', ' --> query:1:1', '  |', '1 |', '  | ^'),
  );
});

Golden('no diagnostics', () => {
  assert.is(renderDiagnostics('status:open', []), '');
});

Golden.run();

// --- one-line form ---------------------------------------------------------------------------------------------------
const OneLine = suite('formatDiagnosticLine');

OneLine('status:open\\r\\nAND conversation_statu:done', () => {
  const query = 'status:open\r\nAND conversation_statu:done';
  assert.is(
    formatDiagnosticLine(query, unknownField('conversation_statu', 17)),
    "query:2:5: KQ2001 error: Unknown field 'conversation_statu'.",
  );
  assert.is(
    formatDiagnosticLine(query, unknownField('conversation_statu', 17), 'q.kq'),
    "q.kq:2:5: KQ2001 error: Unknown field 'conversation_statu'.",
  );
});

OneLine('x\\u0007 (control character in the message)', () => {
  assert.is(
    formatDiagnosticLine('x\x07', {
      code: 'KQ1001',
      severity: 'error',
      message: "Unexpected character '\x07'.",
      span: { start: 1, end: 2 },
    }),
    "query:1:2: KQ1001 error: Unexpected character '␇'.",
  );
});

OneLine.run();

// --- properties ------------------------------------------------------------------------------------------------------
const Properties = suite('renderDiagnostics properties');

const nastyUnit = fc.oneof(
  fc.constantFrom('\t', '\r', '\n', '\r\n', '\u2028', '\u202e', '\u200d', '\u0301', '\ufe0f', '\ufeff'),
  fc.constantFrom('😀', '🇫', '日', '\x1b', '\x00', '\x85'),
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  fc.string({ unit: 'grapheme', maxLength: 3 }),
);
const offset = fc.oneof(fc.integer({ min: -5, max: 400 }), fc.constant(Number.NaN));
const anyDiagnostic = fc.record(
  {
    code: fc.constantFrom('KQ1006', 'KQ2001'),
    severity: fc.constantFrom('error', 'warning', 'info') as fc.Arbitrary<Diagnostic['severity']>,
    message: fc.string({ unit: nastyUnit }),
    span: fc.record({ start: offset, end: offset }, { noNullPrototype: true }),
    help: fc.option(fc.string({ unit: nastyUnit }), { nil: undefined }),
    suggestions: fc.option(fc.array(fc.string({ unit: nastyUnit }), { maxLength: 7 }), { nil: undefined }),
  },
  { noNullPrototype: true, requiredKeys: ['code', 'severity', 'message', 'span'] },
);

Properties('any text, any spans: no throw, no raw control characters, color strips to plain', () => {
  fc.assert(
    fc.property(
      fc.string({ unit: nastyUnit, maxLength: 300 }),
      fc.array(anyDiagnostic, { maxLength: 3 }),
      (text, ds) => {
        const plain = renderDiagnostics(text, ds);
        assert.not.match(plain, /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]/);
        assert.is(stripAnsi(renderDiagnostics(text, ds, { color: true })), plain);
        for (const d of ds) assert.not.match(formatDiagnosticLine(text, d), /[\x00-\x1f\u2028\u2029]/);
      },
    ),
  );
});

Properties('printable ASCII line: carets sit under the span', () => {
  const printable = fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c));
  const line = fc.string({ unit: printable, maxLength: 110 });
  fc.assert(
    fc.property(line, fc.nat(), fc.nat(), (text, x, y) => {
      const start = x % (text.length + 1);
      const end = start + (y % (text.length - start + 1));
      const rows = renderDiagnostics(text, [unexpected(start, end)]).split('\n');
      assert.is(rows[3], text === '' ? '1 |' : `1 | ${text}`);
      assert.is(rows[4], `  | ${' '.repeat(start)}${'^'.repeat(Math.max(1, end - start))}`);
    }),
  );
});

Properties.run();
