/**
 * `kq run` in process, over the sample data set (examples/data/support.ndjson) and small files written here; the
 * expected matches are computed with plain filters over the parsed records, not with the evaluator. Also: the
 * sample data set is what its generator makes, and holds only known attributes.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { main, type CliIO } from '../../src/cli/main.js';
import { createCatalog, resolveField } from '../../src/index.js';
import { tempDir } from '../helpers/tempDir.js';

const sample = 'examples/data/support.ndjson';
type Rec = Record<string, unknown>;
const records: Rec[] = readFileSync(sample, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Rec);

async function kq(args: string[], stdin = '') {
  let out = '';
  let err = '';
  const io: CliIO = { stdout: (t) => (out += t), stderr: (t) => (err += t), readStdin: async () => stdin, stdinIsTTY: false, color: false };
  const status = await main(args, io);
  return { status, out, err, lines: out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Rec) };
}

const list = (v: unknown): unknown[] => (v === null || v === undefined ? [] : Array.isArray(v) ? v : [v]);

test("kq run 'conversation_status:open conversation_priority>=4' --data support.ndjson", async () => {
  const r = await kq(['run', 'conversation_status:open conversation_priority>=4', '--data', sample]);
  assert.is(r.status, 0);
  const expected = records.filter((x) => x._type === 'conversation' && x.conversation_status === 'open' && (x.conversation_priority as number) >= 4);
  assert.ok(expected.length > 3, 'the sample has such conversations');
  assert.equal(r.lines.map((x) => x.id), expected.map((x) => x.id));
  // The context was inferred from the fields: the note is only for --verbose (it used to be printed on every call).
  assert.not.match(r.err, 'note[KQ2015]');
});

test("kq run 'customer_tags:vip' --count (context customer: only customer records)", async () => {
  const r = await kq(['run', 'customer_tags:vip', '--data', sample, '--count']);
  assert.is(r.status, 0);
  const expected = records.filter((x) => x._type === 'customer' && list(x.customer_tags).includes('vip'));
  assert.is(r.out, `${expected.length}\n`);
  // The conversations carry customer_tags too, but the context is customer.
  assert.ok(records.some((x) => x._type === 'conversation' && list(x.customer_tags).includes('vip')));
});

test("kq run 'customer_tags:vip context:conversation sort:conversation_updated_at-desc'", async () => {
  const r = await kq(['run', 'customer_tags:vip context:conversation sort:conversation_updated_at-desc', '--data', sample]);
  assert.is(r.status, 0);
  const expected = records
    .filter((x) => x._type === 'conversation' && list(x.customer_tags).includes('vip'))
    .sort((a, b) => Date.parse(b.conversation_updated_at as string) - Date.parse(a.conversation_updated_at as string));
  assert.equal(r.lines.map((x) => x.id), expected.map((x) => x.id));
});

test("kq run 'conversation_created_at:2026-10-01..2026-10-31 tz:Pacific/Kiritimati' (days in the query's zone)", async () => {
  const r = await kq(['run', 'conversation_created_at:2026-10-01..2026-10-31 tz:Pacific/Kiritimati', '--data', sample, '--count']);
  // Kiritimati is UTC+14: 2026-10-01 starts at 2026-09-30T10:00Z, 2026-10-31 ends at 2026-10-31T10:00Z.
  const from = Date.parse('2026-09-30T10:00:00Z');
  const to = Date.parse('2026-10-31T10:00:00Z');
  const expected = records.filter((x) => {
    const t = Date.parse(x.conversation_created_at as string);
    return x._type === 'conversation' && t >= from && t < to;
  });
  assert.is(r.out, `${expected.length}\n`);
});

test("kq run '\"double charged\" message_direction:in' (full text of the message's attributes)", async () => {
  const r = await kq(['run', '"double charged" message_direction:in', '--data', sample]);
  assert.is(r.status, 0);
  const expected = records.filter(
    (x) => x._type === 'message' && x.message_direction === 'in' && /\bdouble charged\b/i.test(`${x.message_body} ${x.message_subject} ${x.customer_name}`),
  );
  assert.ok(expected.length > 0);
  assert.equal(r.lines.map((x) => x.id), expected.map((x) => x.id));
});

test("kq run 'customer_last_seen_at>=now-7d/d' --now 2026-11-30T15:00:00Z", async () => {
  const r = await kq(['run', 'customer_last_seen_at>=now-7d/d', '--data', sample, '--now', '2026-11-30T15:00:00Z', '--count']);
  const expected = records.filter((x) => x._type === 'customer' && typeof x.customer_last_seen_at === 'string' && x.customer_last_seen_at >= '2026-11-23');
  assert.is(r.out, `${expected.length}\n`);
});

test("kq run 'context:conversation sort:conversation_created_at' --page 2 --page-size 5", async () => {
  const r = await kq(['run', 'context:conversation sort:conversation_created_at', '--data', sample, '--page', '2', '--page-size', '5']);
  assert.is(r.status, 0);
  const all = records
    .filter((x) => x._type === 'conversation')
    .sort((a, b) => Date.parse(a.conversation_created_at as string) - Date.parse(b.conversation_created_at as string));
  assert.equal(r.lines.map((x) => x.id), all.slice(5, 10).map((x) => x.id));
  assert.match(r.err, `note: page 2 of ${Math.ceil(all.length / 5)} (${all.length} matching records, 5 per page)`);
});

test('kq run with --data - (records on stdin, a JSON array)', async () => {
  const r = await kq(['run', 'customer_name:jane', '--data', '-'], JSON.stringify([{ customer_name: 'Jane' }, { customer_name: 'Bob' }, { customer_name: 'JANE' }]));
  assert.is(r.status, 0);
  assert.equal(r.lines, [{ customer_name: 'Jane' }, { customer_name: 'JANE' }]);
});

test('kq run over an NDJSON file with blank lines and a BOM', async () => {
  const dir = tempDir('kq-run-');
  const file = join(dir, 'r.ndjson');
  writeFileSync(file, '\uFEFF{"conversation_priority": 5}\n\n{"conversation_priority": "2"}\r\n{"conversation_priority": 4}\n');
  const r = await kq(['run', 'conversation_priority:[3 TO 5]', '--data', file]);
  assert.is(r.status, 0);
  assert.equal(r.lines, [{ conversation_priority: 5 }, { conversation_priority: 4 }]);
});

const usage: [name: string, args: string[], stdin: string, part: string][] = [
  ['kq run x (no --data)', ['run', 'x'], '', 'needs --data'],
  ['kq run --data - (query and records both on stdin)', ['run', '--data', '-'], '', 'cannot both come from stdin'],
  ['kq run x --data missing.ndjson', ['run', 'x', '--data', 'missing.ndjson'], '', 'cannot read records from missing.ndjson'],
  ['kq run x --data - (a line that is not JSON)', ['run', 'x', '--data', '-'], '{"a":1}\n{oops}\n', 'stdin:2: not valid JSON'],
  ['kq run x --data - (a line that is not an object)', ['run', 'x', '--data', '-'], '[1, 2]', 'stdin:1: element 1 (from 1) of the array is not a JSON object'],
  ['kq run x --data - (\'[\\n{"a":1},\\n{oops}\\n]\': the element and its line)', ['run', 'x', '--data', '-'], '[\n{"a":1},\n{oops}\n]', 'stdin:3: element 2 (from 1) of the array is not valid JSON'],
  ['kq run x --data - (\'[{"a":1}\': an array not closed)', ['run', 'x', '--data', '-'], '[{"a":1}', "stdin:1: the array is not closed (expected ']')"],
  ['kq run x --data - (\'[{"a":1}] x\': text after the array)', ['run', 'x', '--data', '-'], '[{"a":1}] x', 'stdin:1: unexpected text after the array'],
  ['kq run x --data - --count --page 1', ['run', 'x', '--data', '-', '--count', '--page', '1'], '', '--count counts every match; it takes no --page'],
  ['kq run x --data - --page-size 501', ['run', 'x', '--data', '-', '--page-size', '501'], '', '--page-size: pageSize must be a whole number from 1 to 500'],
  ['kq run x --data - --page 101', ['run', 'x', '--data', '-', '--page', '101'], '', 'hard limit of 100 pages'],
  ['kq run x --data - --page two', ['run', 'x', '--data', '-', '--page', 'two'], '', "--page: expected a whole number, got 'two'"],
];

for (const [name, args, stdin, part] of usage) {
  test(`${name}: exit 2`, async () => {
    const r = await kq(args, stdin);
    assert.is(r.status, 2);
    assert.match(r.err, part);
  });
}

test("kq run 'conversation_statu:open' --data support.ndjson: exit 1, the code frame", async () => {
  const r = await kq(['run', 'conversation_statu:open', '--data', sample]);
  assert.is(r.status, 1);
  assert.is(r.out, '');
  assert.match(r.err, "error[KQ2001]: Unknown field 'conversation_statu'.");
});

test('kq run customer_name:jane --data - (NDJSON: 12345678901234567890, 1e400, -0 printed as written)', async () => {
  const line = '{"customer_name":"Jane", "n":12345678901234567890,"x":1e400,"z":-0,"s":"\\u00e9"}';
  const r = await kq(['run', 'customer_name:jane', '--data', '-'], `  ${line}\r\n{"customer_name":"Bob"}\n`);
  assert.is(r.status, 0);
  assert.is(r.out, `${line}\n`);
});

test('kq run customer_name:jane --data - (a JSON array: each element printed as written)', async () => {
  const a = '{"customer_name":"Jane","n":12345678901234567890,"s":"a]\\"},"}';
  const b = '{ "customer_name": ["x", "JANE"], "z": -0 }';
  const r = await kq(['run', 'customer_name:jane', '--data', '-'], `[\n  ${a},\n {"customer_name":"Bob"}, ${b}\n]\n`);
  assert.is(r.status, 0);
  assert.is(r.out, `${a}\n${b}\n`);
});

test("kq run 'conversation_statu:open' --data - with bad records: the query's error first (exit 1)", async () => {
  const r = await kq(['run', 'conversation_statu:open', '--data', '-'], '{oops');
  assert.is(r.status, 1);
  assert.match(r.err, "error[KQ2001]: Unknown field 'conversation_statu'.");
  assert.not.match(r.err, 'not valid JSON');
});

test('kq run x --data bad.ndjson (0xFF 0xFE on line 2: not valid UTF-8, exit 2)', async () => {
  const dir = tempDir('kq-run-');
  const file = join(dir, 'bad.ndjson');
  writeFileSync(file, Buffer.concat([Buffer.from('{"customer_name":"Jane"}\n{"customer_name":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}\n')]));
  const r = await kq(['run', 'customer_name:jane', '--data', file]);
  assert.is(r.status, 2);
  assert.match(r.err, `${file}:2: not valid UTF-8`);
});

test('examples/data/support.ndjson is what scripts/generate-examples.mjs makes (deterministic)', () => {
  const dir = tempDir('kq-examples-');
  const file = join(dir, 'support.ndjson');
  execFileSync(process.execPath, ['scripts/generate-examples.mjs', file], { stdio: 'pipe' });
  assert.ok(readFileSync(file, 'utf8') === readFileSync(sample, 'utf8'), 'regenerate with npm run examples:data');
});

test('examples/data/support.ndjson: customers, conversations and messages, keyed by known attributes', () => {
  const { catalog } = createCatalog();
  const types = new Set(records.map((x) => x._type));
  assert.equal([...types].sort(), ['conversation', 'customer', 'message']);
  for (const r of records) {
    for (const key of Object.keys(r)) {
      if (key === 'id' || key === '_type') continue;
      assert.ok(resolveField(catalog, key).ok, `unknown attribute ${key}`);
    }
  }
});

test.run();
