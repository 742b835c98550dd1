/**
 * The diagnostic catalogue (src/diagnostics/catalogue.ts) as the one place codes and wording live:
 * - no source file outside src/diagnostics holds a diagnostic code as a string literal (comments aside), so codes
 *   cannot cross layers as strings again — a layer returns its problem as data, and the check layer (or the
 *   interactive code, through `Messages.X.code`) goes through the catalogue;
 * - every entry is well formed (code format, unique codes, a message for its arguments);
 * - every KQ5xxx entry is produced by one input record here (test/compile/diagnostics.test.ts covers KQ1xxx–KQ3xxx
 *   from query text, test/decompile/shapes.test.ts KQ4xxx from criteria), with its exact message where the
 *   wording is built from a situation.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { allMessages, Messages } from '../../src/diagnostics/catalogue.js';
import { diagnostic } from '../../src/diagnostics/diagnostic.js';
import { read, withBadBytes } from '../translate/helpers.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const src = join(root, 'src');

/**
 * `text` with its comments blanked (`//` to the end of the line, `/* … *\/`), string and template literals kept.
 * A `/` that starts neither is taken as division or a regular expression and kept as is (good enough for this
 * code base, whose regular expressions hold no quotes that start a string).
 */
function withoutComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
      out += ' ';
    } else if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

const codeLiteral = /(['"`])KQ\d{4}\1/;

test('no src file outside src/diagnostics holds a code literal such as \'KQ2005\' (comments aside)', () => {
  const files = readdirSync(src, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|js|mjs)$/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => relative(src, join(e.parentPath, e.name)).split('\\').join('/'))
    .filter((f) => !f.startsWith('diagnostics/'));
  assert.ok(files.length > 100, `only ${files.length} source files found`);
  const offending = files.flatMap((f) =>
    withoutComments(readFileSync(join(src, f), 'utf8'))
      .split('\n')
      .filter((line) => codeLiteral.test(line))
      .map((line) => `${f}: ${line.trim()}`),
  );
  assert.equal(offending, []);
});

test("withoutComments: a code in a comment is not a literal, one in a string is", () => {
  assert.not.ok(codeLiteral.test(withoutComments("// d.code === 'KQ1002'\n/* 'KQ1007' */ x")));
  assert.ok(codeLiteral.test(withoutComments("const c = 'KQ1002'; // note")));
  assert.ok(codeLiteral.test(withoutComments('const url = "http://x"; const c = `KQ1007`;')));
});

test('every catalogue entry: code KQ + four digits, unique, ordered by allMessages()', () => {
  const all = allMessages();
  const codes = all.map((m) => m.code);
  assert.equal(new Set(codes).size, codes.length, 'a code is used twice');
  assert.equal([...codes].sort(), codes);
  assert.is(all.length, Object.keys(Messages).length);
  for (const m of all) assert.match(m.code, /^KQ[123459]\d{3}$/);
});

test("diagnostic('UnterminatedString', span): the code, severity, message and help are the entry's", () => {
  assert.equal(diagnostic('UnterminatedString', { start: 3, end: 7 }), {
    code: Messages.UnterminatedString.code,
    severity: 'error',
    message: 'Unterminated quoted string.',
    span: { start: 3, end: 7 },
    help: 'Add the closing double quote (").',
  });
});

test("diagnostic('ContextChosen', …): the situation decides the wording", () => {
  const at = { start: 0, end: 4 };
  assert.equal(diagnostic('ContextChosen', at, { reason: 'inferred', context: 'conversation' }), {
    code: 'KQ2015',
    severity: 'info',
    message: 'No context given: searching conversation (every field is a conversation attribute).',
    span: at,
    help: 'Add context:conversation to say so, or context:<type> to search another type.',
  });
  assert.is(diagnostic('ContextChosen', at, { reason: 'default', fieldContexts: [] }).message, 'No context given: searching customer (the default).');
  assert.is(
    diagnostic('ContextChosen', at, { reason: 'default', fieldContexts: ['conversation', 'message'] }).message,
    'No context given: searching customer (the default; the fields belong to conversation, message).',
  );
});

test("diagnostic('UnknownBodyKey', …, {suggestions: []}): empty suggestions are left out, a pointer is kept", () => {
  const d = diagnostic('UnknownBodyKey', { start: 0, end: 0 }, { key: 'sortt' }, { suggestions: [], pointer: '/sortt' });
  assert.is(d.suggestions, undefined);
  assert.is(d.pointer, '/sortt');
});

// --- KQ5xxx: input records that cannot be read ---------------------------------------------------------------------

interface RecordRow {
  readonly code: string;
  readonly input: string | Uint8Array;
  readonly opts: Parameters<typeof read>[1];
  /** The exact message, where the test pins it. */
  readonly message?: string;
}

const jsonl = { inputFormat: 'jsonl' } as const;
const csv = { inputFormat: 'csv' } as const;
const records: readonly RecordRow[] = [
  { code: 'KQ5001', input: '{bad\n', opts: jsonl },
  { code: 'KQ5002', input: '5\n', opts: jsonl, message: "Expected a JSON object with a 'query' field, found a number." },
  { code: 'KQ5003', input: '{"x": 1}\n', opts: jsonl, message: "The record has no 'query' field." },
  { code: 'KQ5003', input: 'id\n1\n', opts: csv, message: "The record has no 'query' field (the CSV header has no 'query' column)." },
  { code: 'KQ5004', input: '{"query": 5}\n', opts: jsonl, message: "The 'query' field is a number, not a string." },
  { code: 'KQ5005', input: withBadBytes('a@\n'), opts: { inputFormat: 'text' }, message: 'Line 1 is not valid UTF-8.' },
  { code: 'KQ5006', input: `{"query": "${'a'.repeat(6000)}"}\n`, opts: { ...jsonl, maxRecordBytes: 5000 }, message: 'The record is longer than 5000 bytes, the limit.' },
  { code: 'KQ5007', input: 'id,query\n1,con"versation\n', opts: csv },
  { code: 'KQ5008', input: 'id,query\n1,a,extra\n', opts: csv, message: 'The row has 3 field(s); the header has 2.' },
  { code: 'KQ5009', input: '[{"query": "a"},\n{"query": "b"}\n', opts: { inputFormat: 'json' } },
  { code: 'KQ5010', input: `${'['.repeat(2000)}\n`, opts: jsonl },
];

for (const row of records) {
  test(`${row.code}: ${JSON.stringify(typeof row.input === 'string' ? row.input.slice(0, 40) : 'bytes')} (${row.opts?.inputFormat})`, async () => {
    const results = await read(row.input, row.opts);
    const d = results.flatMap((r) => r.diagnostics).find((x) => x.code === row.code);
    assert.ok(d, `no ${row.code} in ${JSON.stringify(results.map((r) => r.diagnostics.map((x) => x.code)))}`);
    assert.is(d!.severity, 'error');
    if (row.message !== undefined) assert.is(d!.message, row.message);
  });
}

test('every KQ5xxx entry is produced by a record above', () => {
  const covered = new Set(records.map((r) => r.code));
  const missing = allMessages()
    .map((m) => m.code)
    .filter((c) => c.startsWith('KQ5') && !covered.has(c));
  assert.equal(missing, []);
});

test.run();
