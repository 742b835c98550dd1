/**
 * What a new user hits in the first hour (issue "Fidelity with what Kustomer accepts…"): records read by one
 * streaming reader (`kq run --data`), the `.kq` format for `-` and `--file` everywhere, strict UTF-8 for every text
 * input, the empty query refused, `--jobs` capped, and the smaller CLI messages. Each test is named by its input.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { CliIO } from '../../src/cli/main.js';
import { jobsFlag } from '../../src/cli/commands/translate.js';
import { fieldsFooter } from '../../src/cli/commands/fields.js';
import { pageNote } from '../../src/cli/commands/run.js';
import { decodeUtf8, firstInvalidUtf8 } from '../../src/node/text.js';
import { InputTooLargeError, parseKq, readRecords, recordLimits, translate, type RecordItem } from '../../src/node/index.js';
import { kq } from '../helpers/cli.js';
import { fcOptions } from '../helpers/fc.js';
import { tempDir } from '../helpers/tempDir.js';

const now = ['--now', '2025-01-15T12:00:00Z'];
const dir = () => tempDir('kq-io-');

/** `kq args` with stdin as bytes (readStdin gives a Buffer, as the real process does), optionally as a stream too. */
const kqBytes = (args: string[], stdin: Uint8Array, stream = false) => kq(args, Buffer.from(stdin), stream);

/** Every item the record reader yields for `chunks`. */
async function items(chunks: (string | Uint8Array)[], opts = {}): Promise<RecordItem[]> {
  const out: RecordItem[] = [];
  for await (const batch of readRecords(chunks, opts)) out.push(...batch);
  return out;
}

// --- 1. kq run: one streaming record reader ---------------------------------------------------------------------

test("kq run 'conversation_status:open' --data export.json --count (a JSON array of 100,000 records: linear)", async () => {
  const path = join(dir(), 'export.json');
  const statuses = ['open', 'done', 'snoozed'];
  const n = 100_000;
  writeFileSync(path, `[\n${Array.from({ length: n }, (_, i) => `  {"_type":"conversation","conversation_status":"${statuses[i % 3]}","n":${i}}`).join(',\n')}\n]\n`);
  const started = performance.now();
  const r = await kq(['run', 'conversation_status:open', '--data', path, '--count']);
  const seconds = (performance.now() - started) / 1000;
  assert.is(r.status, 0, r.err);
  assert.is(r.out, `${Math.ceil(n / 3)}\n`);
  // The quadratic reader took 4 s for 20,000 elements (≈100 s for these); linear takes well under a second.
  assert.ok(seconds < 20, `took ${seconds} s`);
});

test('kq run customer_name:jane --data export.json (12345678901234567890, 1e400, -0 printed as written)', async () => {
  const path = join(dir(), 'export.json');
  const a = '{"customer_name":"Jane","id":12345678901234567890,"x":1e400,"z":-0}';
  const b = '{ "customer_name" : "jane",\n  "y": 1.0 }';
  writeFileSync(path, `[\n  ${a},\n  {"customer_name":"Bob"},\n  ${b}\n]`);
  const r = await kq(['run', 'customer_name:jane', '--data', path]);
  assert.is(r.status, 0, r.err);
  assert.is(r.out, `${a}\n${b}\n`);
});

test("kq run x --data - with '[\\n{\"a\":1},\\n\\n  {oops}\\n]' as a stream (the element and its line)", async () => {
  const r = await kq(['run', 'x', '--data', '-'], '[\n{"a":1},\n\n  {oops}\n]', true);
  assert.is(r.status, 2);
  assert.match(r.err, 'stdin:4: element 2 (from 1) of the array is not valid JSON');
});

test('kq run x --data - with "{\\"a\\":1}\\n{\\"b\\":\\"\\xff\\"}" (invalid UTF-8 on stdin is an error naming the line)', async () => {
  const bytes = Buffer.concat([Buffer.from('{"a":1}\n{"b":"'), Buffer.from([0xff]), Buffer.from('"}\n')]);
  for (const stream of [true, false]) {
    const r = await kqBytes(['run', 'x', '--data', '-'], bytes, stream);
    assert.is(r.status, 2);
    assert.match(r.err, 'stdin:2: not valid UTF-8');
  }
});

test('kq run x --data /dev/zero (a device: refused before reading)', async () => {
  const r = await kq(['run', 'x', '--data', '/dev/zero']);
  assert.is(r.status, 2);
  assert.match(r.err, 'cannot read records from /dev/zero: a character device, not a regular file');
});

test('kq run x --data emptydir/ (a folder: refused)', async () => {
  const r = await kq(['run', 'x', '--data', dir()]);
  assert.is(r.status, 2);
  assert.match(r.err, 'a folder, not a regular file');
});

test('readRecords of [{"a":1},{"a":2}] with maxTotalBytes 5 (the total cap throws InputTooLargeError)', async () => {
  try {
    await items(['[{"a":1},', '{"a":2}]'], { maxTotalBytes: 5 });
    assert.unreachable('expected an InputTooLargeError');
  } catch (e) {
    assert.instance(e, InputTooLargeError);
    assert.match((e as Error).message, 'longer than 5 bytes');
  }
});

test('readRecords of {"a":"xxxxxxxxxx"} in NDJSON and in an array with maxRecordBytes 8 (the per-record cap)', async () => {
  assert.equal(await items(['{"a":"xxxxxxxxxx"}\n{"b":1}\n'], { maxRecordBytes: 8 }), [
    { line: 1, problem: 'longer than 8 bytes, the limit', structural: false },
    { line: 2, record: { b: 1 }, source: '{"b":1}' },
  ]);
  assert.equal(await items(['[{"a":"xxxxxxxxxx"},\n{"b":1}]'], { maxRecordBytes: 8 }), [
    { line: 1, element: 1, problem: 'longer than 8 bytes, the limit', structural: false },
    { line: 2, element: 2, record: { b: 1 }, source: '{"b":1}' },
  ]);
});

test('readRecords of "\\uFEFF  [\\r\\n {\\"a\\":-0}\\r\\n]" split in 1-byte chunks (BOM, CRLF, the array sniffed across chunks)', async () => {
  const text = Buffer.from('\uFEFF  [\r\n {"a":-0}\r\n]');
  const chunks = [...text].map((b) => Uint8Array.of(b));
  assert.equal(await items(chunks), [{ line: 2, element: 1, record: { a: -0 }, source: '{"a":-0}' }]);
});

test('recordLimits (stated: 16 MiB a record, 1 GiB in all)', () => {
  assert.equal(recordLimits, { maxRecordBytes: 16 * 1024 * 1024, maxTotalBytes: 1024 * 1024 * 1024 });
});

test('readRecords and translate agree on the lines and texts of a JSON array and NDJSON (property; seed printed)', async () => {
  const element = fc.oneof(
    fc.dictionary(fc.constantFrom('a', 'b', 'query'), fc.oneof(fc.integer(), fc.string(), fc.constant(null)), { maxKeys: 3 }).map((o) => JSON.stringify(o)),
    fc.constantFrom('{oops}', '42', '"x"', '[1]'),
  );
  const space = fc.constantFrom('', ' ', '\n', '\r\n', '\n\n');
  await fc.assert(
    fc.asyncProperty(fc.array(fc.tuple(element, space), { maxLength: 8 }), fc.boolean(), async (parts, asArray) => {
      const text = asArray ? `[${parts.map(([e, s]) => `${s}${e}`).join(',')}]` : parts.map(([e, s]) => `${e}\n${s.replace(/\S/g, '')}`).join('');
      const read = await items([text]);
      const results = [];
      // readRecords tells an array by its first non-blank character, as `kq run` does.
      const format = text.trimStart().startsWith('[') ? 'json' : 'jsonl';
      for await (const r of translate(Buffer.from(text), { inputFormat: format, to: 'text' })) results.push(r);
      assert.equal(
        read.map((i) => i.line),
        results.map((r) => r.line),
      );
    }),
    fcOptions(200),
  );
});

// --- 2. the .kq format for - and --file --------------------------------------------------------------------------

const savedKq = 'conversation_status:open\n# saved searches\n\ncustomer_name:jane AND bogus_field:1\r\n  conversation_priority>=4  \n';

test('kq check - < saved.kq (one query per line: comments and blank lines skipped, errors at stdin:line)', async () => {
  const r = await kq(['check', '-', ...now], savedKq);
  assert.is(r.status, 1);
  assert.match(r.out, '# stdin:1\nconversation_status:open\nok');
  assert.match(r.out, '# stdin:5\nconversation_priority>=4\nok');
  assert.match(r.out, '--> stdin:4:24');
  assert.is((r.out.match(/error\[/g) ?? []).length, 1, r.out);
});

test('kq check --file saved.kq and kq check - < saved.kq give the same lines', async () => {
  const path = join(dir(), 'saved.kq');
  writeFileSync(path, savedKq);
  const file = await kq(['check', '--file', path, ...now]);
  const stdin = await kq(['check', '-', ...now], savedKq);
  assert.is(file.out.replaceAll(path, 'stdin'), stdin.out);
});

test("kq compile 'a\\nb' (a query argument stays one query: its newline is white space)", async () => {
  const r = await kq(['compile', 'customer_name:a\ncustomer_name:b', '--compact', ...now]);
  assert.is(r.status, 0, r.err);
  assert.is(r.out, '{"queryContext":"customer","and":[{"customer_name":{"equals":"a"}},{"customer_name":{"equals":"b"}}]}\n');
});

test('kq compile - with "# note\\nconversation_status:open\\n" (one query on stdin prints as an argument would)', async () => {
  const r = await kq(['compile', '-', '--compact', ...now], '# note\nconversation_status:open\n');
  assert.is(r.status, 0, r.err);
  assert.is(r.out, '{"queryContext":"conversation","and":[{"conversation_status":{"equals":"open"}}]}\n');
});

test('kq explain - with two queries (each under its # stdin:line header)', async () => {
  const r = await kq(['explain', '-', ...now], 'conversation_status:open\n\ncustomer_name:jane\n');
  assert.is(r.status, 0, r.err);
  assert.match(r.out, '# stdin:1\nconversation_status:open\n');
  assert.match(r.out, '# stdin:3\ncustomer_name:jane\n');
});

test('kq run - --data records.ndjson with "# q\\nconversation_status:open" (the query from stdin, .kq format)', async () => {
  const path = join(dir(), 'records.ndjson');
  writeFileSync(path, '{"_type":"conversation","conversation_status":"open"}\n{"_type":"conversation","conversation_status":"done"}\n');
  const r = await kq(['run', '-', '--data', path, '--count'], '# q\nconversation_status:open\n');
  assert.is(r.status, 0, r.err);
  assert.is(r.out, '1\n');
  const two = await kq(['run', '-', '--data', path], 'a\nb\n');
  assert.is(two.status, 2);
  assert.match(two.err, 'kq run takes one query; stdin holds 2');
});

test('kq compile - with only "# comment\\n\\n" (no query: exit 2, said so)', async () => {
  const r = await kq(['compile', '-'], '# comment\n\n');
  assert.is(r.status, 2);
  assert.match(r.err, 'no query in stdin: only blank lines and # comments');
});

test("parseKq('a\\n# saved\\n\\n  b\\r\\n') (the docstring's example)", () => {
  assert.equal(parseKq('a\n# saved\n\n  b\r\n'), [
    { line: 1, text: 'a', start: 0 },
    { line: 4, text: '  b', start: 11 },
  ]);
});

test('parseKq and translate text input read the same queries on the same lines (property; seed printed)', async () => {
  const line = fc.constantFrom('', '   ', '# c', '  # c', 'a', ' b ', 'c:d', '#', 'x # y', '\t', '\r');
  await fc.assert(
    fc.asyncProperty(fc.array(line, { maxLength: 10 }), fc.constantFrom('\n', '\r\n'), async (lines, eol) => {
      const text = lines.join(eol);
      const results = [];
      for await (const r of translate(Buffer.from(text), { inputFormat: 'text' })) results.push({ line: r.line, text: r.query });
      assert.equal(
        parseKq(text).map((q) => ({ line: q.line, text: q.text })),
        results,
      );
    }),
    fcOptions(300),
  );
});

// --- 3. strict UTF-8 for every text input --------------------------------------------------------------------------

const badQuery = Buffer.concat([Buffer.from('conversation_status:open\ncustomer_name:'), Buffer.from([0xc3, 0x28]), Buffer.from('\n')]);

test('kq compile --file bad.kq (customer_name:\\xc3\\x28 on line 2: refused, byte offset and line named)', async () => {
  const path = join(dir(), 'bad.kq');
  writeFileSync(path, badQuery);
  const r = await kq(['compile', '--file', path]);
  assert.is(r.status, 2);
  assert.match(r.err, `${path}:2: not valid UTF-8 (at byte 39`);
});

test('kq compile - and kq check - with customer_name:\\xc3\\x28 on stdin (bytes: refused, not U+FFFD)', async () => {
  for (const command of ['compile', 'check', 'explain']) {
    const r = await kqBytes([command, '-'], badQuery);
    assert.is(r.status, 2, command);
    assert.match(r.err, 'stdin:2: not valid UTF-8 (at byte 39');
    assert.not.match(r.out, '\uFFFD');
  }
});

test('kq fmt --file bad.kq (refused: the file is not rewritten with U+FFFD)', async () => {
  const path = join(dir(), 'bad.kq');
  writeFileSync(path, badQuery);
  const r = await kq(['fmt', '--file', path]);
  assert.is(r.status, 2);
  assert.is(r.out, '');
  assert.equal(readFileSync(path), badQuery);
  const piped = await kqBytes(['fmt', '-'], badQuery);
  assert.is(piped.status, 2);
  assert.is(piped.out, '');
});

test('kq decompile with {"customer_name":"\\xff"} on stdin and in --file (refused)', async () => {
  const body = Buffer.concat([Buffer.from('{"queryContext":"customer","and":[{"customer_name":{"equals":"'), Buffer.from([0xff]), Buffer.from('"}}]}')]);
  const r = await kqBytes(['decompile'], body);
  assert.is(r.status, 2);
  assert.match(r.err, 'stdin:1: not valid UTF-8 (at byte 62');
  const path = join(dir(), 'criteria.json');
  writeFileSync(path, body);
  const f = await kq(['decompile', '--file', path]);
  assert.is(f.status, 2);
  assert.match(f.err, `${path}:1: not valid UTF-8`);
});

test('kq compile - with "\\uFEFFconversation_status:open" as bytes (a BOM is dropped; UTF-8 passes)', async () => {
  const r = await kqBytes(['compile', '-', '--compact'], Buffer.from('\uFEFFconversation_status:open\n'));
  assert.is(r.status, 0, r.err);
  assert.is(r.out, '{"queryContext":"conversation","and":[{"conversation_status":{"equals":"open"}}]}\n');
});

test('firstInvalidUtf8 agrees with TextDecoder fatal on any bytes (property; seed printed)', () => {
  const interesting = fc.constantFrom(0x00, 0x41, 0x7f, 0x80, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff, 0x9f, 0xa0, 0x8f, 0x90);
  fc.assert(
    fc.property(fc.array(fc.oneof(interesting, fc.integer({ min: 0, max: 255 })), { maxLength: 12 }), (list) => {
      const bytes = Uint8Array.from(list);
      let valid = true;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        valid = false;
      }
      const at = firstInvalidUtf8(bytes);
      assert.is(at === -1, valid);
      // Everything before the reported offset is valid UTF-8.
      if (at >= 0) new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, at));
    }),
    fcOptions(2000),
  );
});

test("decodeUtf8 of 'ab\\n\\ncd\\xe2\\x82' (a sequence cut at the end: byte 6, line 3)", () => {
  try {
    decodeUtf8(Buffer.concat([Buffer.from('ab\n\ncd'), Buffer.from([0xe2, 0x82])]), 'x.kq');
    assert.unreachable();
  } catch (e) {
    assert.is((e as Error).message, 'x.kq:3: not valid UTF-8 (at byte 6; kq reads UTF-8 text)');
  }
});

// --- 4. the empty query ---------------------------------------------------------------------------------------------

test('kq compile "" (refused: exit 2, KQ2030 named, --allow-empty suggested)', async () => {
  const r = await kq(['compile', '']);
  assert.is(r.status, 2);
  assert.is(r.out, '');
  assert.match(r.err, 'the query is empty (KQ2030)');
  assert.match(r.err, '--allow-empty');
});

test('kq compile "" --allow-empty (compiles to every customer, exit 0, no warning)', async () => {
  const r = await kq(['compile', '', '--allow-empty', '--compact']);
  assert.is(r.status, 0);
  assert.is(r.out, '{"queryContext":"customer"}\n');
  assert.is(r.err, '');
});

test("kq check '   ', kq explain '', kq run '' --data r.ndjson, kq compile '' --json (all refused)", async () => {
  const path = join(dir(), 'r.ndjson');
  writeFileSync(path, '{"a":1}\n');
  for (const args of [['check', '   '], ['explain', ''], ['run', '', '--data', path], ['compile', '', '--json']]) {
    const r = await kq(args);
    assert.is(r.status, 2, args.join(' '));
    assert.match(r.err, 'the query is empty', args.join(' '));
  }
});

// --- 5. --jobs ------------------------------------------------------------------------------------------------------

test('kq translate --jobs 100 on 2 cores (capped at 2, with a note on stderr)', () => {
  let err = '';
  const io = { stderr: (t: string) => (err += t) } as unknown as CliIO;
  assert.is(jobsFlag({ jobs: '100' }, io, 2), 2);
  assert.match(err, '--jobs 100 is more than the 2 core(s) available; using 2');
  err = '';
  assert.is(jobsFlag({ jobs: '2' }, io, 2), 2);
  assert.is(jobsFlag({}, io, 2), 1);
  assert.is(err, '');
});

test('kq translate - --jobs 1000 (the real cap: the output is whole, the note says how many)', async () => {
  const r = await kq(['translate', '-', '--jobs', '1000', ...now], 'conversation_status:open\ncustomer_name:x\n', true);
  assert.is(r.status, 0, r.err);
  assert.match(r.err, /--jobs 1000 is more than the \d+ core\(s\) available; using \d+/);
  assert.is(r.out.trim().split('\n').length, 2);
});

// --- 6. smaller CLI items -------------------------------------------------------------------------------------------

test('kq compile --file emptydir (a folder with no .kq files: said so, exit 2)', async () => {
  const empty = dir();
  mkdirSync(join(empty, 'sub'));
  writeFileSync(join(empty, 'notes.txt'), 'x');
  const r = await kq(['compile', '--file', empty]);
  assert.is(r.status, 2);
  assert.match(r.err, `${empty} is a folder with no .kq files in it`);
});

test('kq fields (the footer is whole: every kind with its meaning, no …)', async () => {
  const r = await kq(['fields']);
  assert.is(r.status, 0);
  const footer = r.out.trimEnd().split('\n').pop()!;
  assert.not.match(footer, '…');
  assert.match(footer, /^\d+ fields\. ':' means /);
  for (const kind of ['text', 'list', 'datetime', 'number', 'boolean']) assert.match(footer, new RegExp(`\\b${kind}\\b`));
  assert.ok(footer.endsWith('.'));
});

test('kq fields conversation_status and kq fields zzz (one field; none)', async () => {
  const one = await kq(['fields', 'conversation_status']);
  assert.match(one.out, "1 field. ':' means equals on list.\n");
  const none = await kq(['fields', 'zzz']);
  assert.is(none.status, 1);
  assert.is(none.out, 'No field matches the pattern.\n');
  assert.is(fieldsFooter([{ kind: 'text' }, { kind: 'keyword' as never }, { kind: 'text' }]).startsWith('3 fields.'), true);
});

test('kq compile conversation_status:open (no KQ2015 note without --verbose; with it, the note)', async () => {
  const quiet = await kq(['compile', 'conversation_status:open', ...now]);
  assert.is(quiet.status, 0);
  assert.is(quiet.err, '');
  const verbose = await kq(['compile', 'conversation_status:open', '--verbose', ...now]);
  assert.match(verbose.err, 'note[KQ2015]: No context given: searching conversation');
});

test("kq compile 'conversation_status:open customer_name:jane' (KQ2015 when the default changes the meaning: shown)", async () => {
  const r = await kq(['compile', 'conversation_status:open customer_name:jane', ...now]);
  assert.is(r.status, 0);
  assert.match(r.err, 'note[KQ2015]: No context given: searching customer (the default; the fields belong to conversation, customer)');
});

test("kq compile -- '-x' --compact (after '--' everything is the query: the hint says to put options first)", async () => {
  const r = await kq(['compile', '--', '-x', '--compact']);
  assert.is(r.status, 2);
  assert.match(r.err, "everything after '--' is read as the query, so '--compact' is not an option there");
  assert.match(r.err, "kq compile --compact -- '-x'");
  assert.not.match(r.err, 'quote the query');
  const fixed = await kq(['compile', '--compact', ...now, '--', '-customer_name:x']);
  assert.is(fixed.status, 0, fixed.err);
  assert.is(fixed.out, '{"queryContext":"customer","not":[{"customer_name":{"equals":"x"}}]}\n');
});

test("kq compile '-conversation_created_at:2026-11-01' (the usage error suggests kq compile -- '…', which reads it as the query)", async () => {
  const r = await kq(['compile', '-conversation_created_at:2026-11-01']);
  assert.is(r.status, 2);
  assert.match(r.err, "kq compile -- '-conversation_created_at:2026-11-01'");
  assert.not.match(r.err, "'-c'");
  // The suggested form reaches the compiler: a negated whole day is two conditions (KQ3002 without --nested).
  const suggested = await kq(['compile', ...now, '--', '-conversation_created_at:2026-11-01']);
  assert.is(suggested.status, 1);
  assert.match(suggested.err, 'KQ3002');
  const nested = await kq(['compile', '--nested', '--compact', ...now, '--', '-conversation_created_at:2026-11-01']);
  assert.is(nested.status, 0, nested.err);
  const negated = await kq(['compile', '--compact', ...now, '--', '-conversation_status:done']);
  assert.is(negated.out, '{"queryContext":"conversation","not":[{"conversation_status":{"equals":"done"}}]}\n');
});

test("kq compile 'customer_name:xxxx…' (60 characters) --max-length 50 (KQ1015's help names --max-length; 100 lets it through)", async () => {
  const query = `customer_name:${'x'.repeat(46)}`;
  const r = await kq(['compile', query, '--max-length', '50']);
  assert.is(r.status, 1);
  assert.match(r.err, 'KQ1015');
  assert.match(r.err, 'raise the limit with --max-length <n>');
  assert.not.match(r.err, 'maxLength');
  const ok = await kq(['compile', query, '--max-length', '100', ...now]);
  assert.is(ok.status, 0, ok.err);
  const bad = await kq(['compile', 'x', '--max-length', 'lots']);
  assert.is(bad.status, 2);
});

test('kq run --page 100 with 33 matches (the note says the page is past the last one)', async () => {
  const path = join(dir(), 'r.ndjson');
  writeFileSync(path, '{"customer_name":"a"}\n'.repeat(33));
  const r = await kq(['run', 'customer_name:a', '--data', path, '--page', '100', '--page-size', '1']);
  assert.is(r.status, 0, r.err);
  assert.is(r.out, '');
  assert.match(r.err, 'note: page 100 is past the last page, 33 (33 matching records, 1 per page): no records');
  assert.is(pageNote({ page: 2, pageSize: 10, total: 33, totalPages: 4 }), 'page 2 of 4 (33 matching records, 10 per page)');
  assert.is(pageNote({ page: 1, pageSize: 10, total: 0, totalPages: 0 }), 'page 1: there are no pages (0 matching records, 10 per page): no records');
});

test.run();
