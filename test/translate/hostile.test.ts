/**
 * Regressions from a hostile review of `kq translate` / `translate()`: deep nesting (KQ5010), `--out` onto the input,
 * oversized CSV rows, carried fields kept exactly as written, unique CSV output headers, JSON array punctuation
 * (KQ5009), option checks, and the progress measure.
 */
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ProgressBytes } from '../../src/cli/commands/translate.js';
import { jsonTextTooDeep, valueTooDeep } from '../../src/node/jsonDepth.js';
import { resultJson } from '../../src/node/output.js';
import { carriedFieldsJson } from '../../src/node/rawFields.js';
import { translate } from '../../src/node/translate.js';
import { fcOptions } from '../helpers/fc.js';
import { kq } from '../helpers/cli.js';
import { collect, NOW, read, summary } from './helpers.js';
import { tempDir } from '../helpers/tempDir.js';

const dir = tempDir('kq-translate-hostile-');
function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const open = 'conversation_status:open';
const deepBody = `{"data":${'{"and":['.repeat(10000)}{"conversation_status":{"equals":"open"}}${']}'.repeat(10000)}}`;
const deepCarried = `{"query":"${open}","x":${'['.repeat(5000)}${']'.repeat(5000)}}`;

// --- 1. nesting deeper than 1,000 levels: one KQ5010 record, and the run goes on ------------------------------------

for (const jobs of [1, 2]) {
  test(`{"data":{"and":[×10000 …}]}×10000} then a body, to text, jobs ${jobs}: KQ5010, then the next record`, async () => {
    const results = await read(`${deepBody}\n{"and":[{"conversation_status":{"equals":"open"}}]}\n`, { to: 'text', jobs });
    assert.equal(summary(results), [[1, false, 'KQ5010'], [2, true, '']]);
    assert.match(results[0]!.diagnostics[0]!.message, 'nests deeper than 1000 levels');
    assert.ok(JSON.stringify(results).length > 0); // every result can be written
  });
}

test('{"query":…,"x":[[[…5000…]]]} (jsonl, json array element, jobs 2): KQ5010 for that record only', async () => {
  assert.equal(summary(await read(`${deepCarried}\n"${open}"\n`, { inputFormat: 'jsonl', jobs: 2 })), [[1, false, 'KQ5010'], [2, true, '']]);
  assert.equal(summary(await read(`[${deepCarried},\n"${open}"]`, { inputFormat: 'json' })), [[1, false, 'KQ5010'], [2, true, '']]);
});

test('[{query, deep: {a:{a:…3000…}}}, {query, self: <cycle>}, "…"] given as values: KQ5010, KQ5010, ok', async () => {
  let deep: unknown = { query: 'x' };
  for (let i = 0; i < 3000; i++) deep = { a: deep };
  const self: Record<string, unknown> = { query: open };
  self.self = self;
  for (const jobs of [1, 2]) {
    assert.equal(summary(await collect([{ query: open, deep }, self, open], { jobs })), [[1, false, 'KQ5010'], [2, false, 'KQ5010'], [3, true, '']]);
  }
});

test('kq translate deep.jsonl --check (a 5,000-deep record, then a good one): the error line, exit 1', async () => {
  const path = file('deep.jsonl', `${deepCarried}\n{"query":"${open}"}\n`);
  const r = await kq(['translate', path, '--check', '--now', NOW]);
  assert.is(r.status, 1);
  assert.is(r.out, `${path}:1:1: KQ5010 error: The record nests deeper than 1000 levels, the limit.\n`);
  assert.match(r.err, '2 records: 1 ok, 1 with errors (KQ5010 ×1)');
});

test('jsonTextTooDeep / valueTooDeep agree with a recursive depth count (property)', () => {
  const depth = (v: unknown): number =>
    typeof v === 'object' && v !== null ? 1 + Math.max(0, ...Object.values(v as object).map(depth)) : 0;
  fc.assert(
    fc.property(fc.jsonValue({ maxDepth: 6 }), fc.integer({ min: 0, max: 7 }), (value, limit) => {
      const expected = depth(value) > limit;
      assert.is(jsonTextTooDeep(JSON.stringify(value), limit), expected);
      assert.is(jsonTextTooDeep(JSON.stringify(value, null, 2), limit), expected);
      assert.is(valueTooDeep(value, limit), expected);
    }),
    fcOptions(300),
  );
});

// --- 2. --out onto the input ----------------------------------------------------------------------------------------

test('kq translate same.kq --out same.kq (and through a symbolic link): usage error, input untouched', async () => {
  const content = `${open}\nx:1\n`;
  const path = file('same.kq', content);
  const link = join(dir, 'link.kq');
  symlinkSync(path, link);
  for (const [input, out] of [[path, path], [link, path], [path, link]] as const) {
    const r = await kq(['translate', input, '--out', out, '--now', NOW]);
    assert.is(r.status, 2);
    assert.match(r.err, 'is the input file');
    assert.is(readFileSync(path, 'utf8'), content);
  }
  const other = join(dir, 'other.jsonl');
  assert.is((await kq(['translate', path, '--out', other, '--now', NOW, '--allow-errors'])).status, 0);
  assert.is(readFileSync(other, 'utf8').split('\n').length, 3);
});

// --- 3. a CSV row over maxRecordBytes ---------------------------------------------------------------------------------

test('query\\n"aaaaaaaaaaaaaaaaaaaaaaa\\naaaaaa"\\nb\\n (maxRecordBytes 10): one KQ5006, then b', async () => {
  const input = 'query\n"aaaaaaaaaaaaaaaaaaaaaaa\naaaaaa"\nb\n';
  assert.equal(summary(await collect(Buffer.from(input), { inputFormat: 'csv', maxRecordBytes: 10 })), [[2, false, 'KQ5006'], [4, true, '']]);
});

test('query,id\\n"aaaa\\n×20 x"",y",7\\nb,8\\n"c\\nd",9 (maxRecordBytes 30, every chunk size): one KQ5006 per oversized row', async () => {
  const input = `query,id\n"${'aaaa\n'.repeat(20)}x"",y",7\n${open},8\n"c\nd",9\n`;
  for (const size of [1, 3, 7, 64, 1 << 16]) {
    const results = await read(input, { inputFormat: 'csv', maxRecordBytes: 30 }, size);
    assert.equal(summary(results), [[2, false, 'KQ5006'], [23, true, ''], [24, true, '']], `chunks of ${size}`);
    assert.is(results[2]!.query, 'c\nd');
  }
});

// --- 4. carried fields exactly as written -----------------------------------------------------------------------------

const numbers = `{"id":12345678901234567890,"f":1.0,"e":1e400,"neg":-0,"query":"${open}"}`;
const numbersJson = '{"id":12345678901234567890,"f":1.0,"e":1e400,"neg":-0}';

test('{"id":12345678901234567890,"f":1.0,"e":1e400,"neg":-0,"query":…}: fieldsJson keeps them; the output writes them', async () => {
  const [r] = await read(`${numbers}\n`, { inputFormat: 'jsonl' });
  assert.is(r!.fieldsJson, numbersJson);
  assert.ok(resultJson(r!).startsWith(`{"line":1,"fields":${numbersJson},"ok":true,`));
  assert.not.ok('fieldsJson' in JSON.parse(resultJson(r!)));
  const [element] = await read(`[\n  {\n    "id": 12345678901234567890,\n    "f": 1.0, "e": 1e400, "neg": -0,\n    "query": "${open}"\n  }\n]`, { inputFormat: 'json' });
  assert.is(element!.fieldsJson, numbersJson);
});

test('kq translate numbers.jsonl (jsonl, --to text, --format csv): the fields come out as written', async () => {
  const path = file('numbers.jsonl', `${numbers}\n`);
  const jsonl = await kq(['translate', path, '--now', NOW]);
  assert.match(jsonl.out, `"fields":${numbersJson},`);
  const csv = parse(await kq(['translate', path, '--now', NOW, '--format', 'csv']).then((r) => r.out)) as string[][];
  assert.is(csv[1]![1], numbersJson);
  const body = file('body.jsonl', '{"id":12345678901234567890,"f":1.0,"data":{"and":[{"conversation_status":{"equals":"open"}}]}}\n');
  assert.match((await kq(['translate', body, '--to', 'text', '--now', NOW])).out, '"fields":{"id":12345678901234567890,"f":1.0},');
});

test('{"a":1,"query":"x","a":2,"quer\\u0079":"y","b":{ "c" : [1, 2] }}: JSON.parse order and values, minified, query omitted', () => {
  assert.is(carriedFieldsJson('{"a":1,"query":"x","a":2,"quer\\u0079":"y","b":{ "c" : [1, 2] }}', 'query'), '{"a":2,"b":{"c":[1,2]}}');
});

test('carriedFieldsJson parses to the object without query (property, compact and indented)', () => {
  fc.assert(
    fc.property(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 })), (object) => {
      const expected = JSON.parse(JSON.stringify(object)) as Record<string, unknown>;
      delete expected.query;
      for (const text of [JSON.stringify(object), JSON.stringify(object, null, 2)]) {
        const raw = carriedFieldsJson(text, 'query')!;
        assert.equal(JSON.parse(raw), expected);
        assert.not.match(raw, '\n');
      }
    }),
    fcOptions(300),
  );
});

// --- 5. unique CSV output headers -------------------------------------------------------------------------------------

test('kq translate dup.csv --format csv (columns line, ok, criteria, fields, codes): every header name unique', async () => {
  const path = file('dup.csv', `query,line,ok,criteria,fields,codes\n${open},1,2,3,4,5\n`);
  const rows = parse((await kq(['translate', path, '--format', 'csv', '--now', NOW])).out) as string[][];
  assert.equal(rows[0], ['line', 'line#2', 'ok#2', 'criteria#2', 'fields', 'codes#2', 'ok', 'query', 'criteria', 'codes', 'diagnostics', 'frame']);
  assert.equal(new Set(rows[0]).size, rows[0]!.length);
  assert.equal(rows[1]!.slice(0, 8), ['2', '1', '2', '3', '4', '5', 'true', open]);
});

// --- 6. JSON array punctuation ----------------------------------------------------------------------------------------

test('[{"query":"x"},{"query":"y"},] (trailing comma): both elements, then KQ5009', async () => {
  const results = await read(`[{"query":"${open}"},\n{"query":"${open}"},\n]`, { inputFormat: 'json' });
  assert.equal(summary(results), [[1, true, ''], [2, true, ''], [3, false, 'KQ5009']]);
  assert.match(results[2]!.diagnostics[0]!.message, 'trailing comma');
});

test('[{"query":"x"} {"query":"y"}] (missing comma): both elements and a KQ5009 between them', async () => {
  const results = await read(`[{"query":"${open}"}\n {"query":"${open}"}, "${open}" "${open}", 1 2]`, { inputFormat: 'json' });
  assert.equal(summary(results), [[1, true, ''], [2, false, 'KQ5009'], [2, true, ''], [2, true, ''], [2, false, 'KQ5009'], [2, true, ''], [2, false, 'KQ5002'], [2, false, 'KQ5009'], [2, false, 'KQ5002']]);
  assert.match(results[1]!.diagnostics[0]!.message, "expected ',' or ']' after an element, found '{'");
});

test('[\\n1\\n,\\n"a"\\n] (bare elements on lines of their own): read at their lines, no KQ5009', async () => {
  assert.equal(summary(await read('[\n1\n,\n"a"\n]', { inputFormat: 'json' })), [[2, false, 'KQ5002'], [4, true, '']]);
});

// --- 7. options ---------------------------------------------------------------------------------------------------------

test("translate(…, {onHeader: 'x'} / {fileName: 5} / {customAttributes: 5} / 'x' / {timeZone: 'Mars/X'}): TypeError at the call", () => {
  const bad: unknown[] = [{ onHeader: 'x' }, { fileName: 5 }, { customAttributes: 5 }, { customAttributes: [5] }, 'x', [], { timeZone: 'Mars/X' }, { inputFormat: 'yaml' }, { nested: 'yes' }];
  for (const opts of bad) assert.throws(() => translate([open], opts as never), (e: unknown) => e instanceof TypeError, JSON.stringify(opts));
});

test('translate(csv, {onHeader: () => { throw … }}): the error reaches the caller', async () => {
  const boom = new Error('onHeader failed');
  try {
    await collect(Buffer.from(`query\n${open}\n`), { inputFormat: 'csv', onHeader: () => { throw boom; } });
    assert.unreachable('should have thrown');
  } catch (e) {
    assert.is(e, boom);
  }
});

test('[{get query() { throw }}, "…"]: KQ5002 for the record whose getter throws, jobs 1 and 2', async () => {
  const hostile = { get query(): string { throw new Error('boom'); } };
  for (const jobs of [1, 2]) {
    const results = await collect([hostile, open], { jobs });
    assert.equal(summary(results), [[1, false, 'KQ5002'], [2, true, '']]);
    assert.match(results[0]!.diagnostics[0]!.message, 'throws when read (boom)');
  }
});

// --- 8. progress ----------------------------------------------------------------------------------------------------------

test('ProgressBytes: chunks "a\\nb\\n", "c\\nd\\n": bytes count once their lines are written, not when read', () => {
  const p = new ProgressBytes();
  p.read(Buffer.from('a\nb\n'));
  p.read(Buffer.from('c\nd\n'));
  assert.is(p.done, 0);
  p.written(1);
  p.written(2);
  assert.is(p.done, 0); // line 3 (after the first chunk) not yet reached
  p.written(4);
  assert.is(p.done, 4);
  p.written(6);
  assert.is(p.done, 8);
});

test.run();
