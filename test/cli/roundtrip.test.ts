import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { kq } from '../helpers/cli.js';
import { tempDir } from '../helpers/tempDir.js';


test("kq fmt 'a  b   sort:x  status:(open OR done)'", async () => {
  const r = await kq(['fmt', 'a  b   sort:x  status:(open OR done)']);
  assert.is(r.status, 0);
  assert.is(r.out, 'a AND b AND status:open,done sort:x\n');
});

test('kq fmt - (stdin, one query per line; comments and blank lines kept)', async () => {
  const r = await kq(['fmt', '-'], 'a  b\n# saved\n\nNOT x\n\n');
  assert.is(r.status, 0);
  assert.is(r.out, 'a AND b\n# saved\n\n-x\n\n');
});

test('kq fmt - with CRLF line endings and a BOM (CRLF kept, BOM dropped)', async () => {
  const r = await kq(['fmt'], '\ufeffa  b\r\nc\r\n');
  assert.is(r.out, 'a AND b\r\nc\r\n');
  assert.is((await kq(['fmt', '--check'], '\ufeffa AND b\r\nc\r\n')).status, 0);
});

test('kq fmt - with empty stdin (no output)', async () => {
  const r = await kq(['fmt'], '');
  assert.is(r.status, 0);
  assert.is(r.out, '');
});

test("kq fmt '#x' (an argument is one query, not a comment)", async () => {
  const r = await kq(['fmt', '#x']);
  assert.is(r.out, '"#x"\n');
  assert.is((await kq(['fmt', '--check', '#x'])).status, 1);
});

test('kq fmt with an argument holding a newline inside quotes (kept, escaped)', async () => {
  const r = await kq(['fmt', 'customer_name:"a\nb"']);
  assert.is(r.out, 'customer_name:"a\\nb"\n');
});

test('kq fmt - with a line that does not parse (kept unchanged, code frame with its line, exit 1)', async () => {
  const r = await kq(['fmt'], 'a b\nstatus: open\n');
  assert.is(r.status, 1);
  assert.is(r.out, 'a AND b\nstatus: open\n');
  assert.match(r.err, 'error[KQ1005]');
  assert.match(r.err, '--> stdin:2:8');
});

test('kq fmt --check on canonical lines (exit 0, no output)', async () => {
  const r = await kq(['fmt', '--check'], 'a AND b\n-x sort:y\n');
  assert.is(r.status, 0);
  assert.is(r.out, '');
});

test('kq fmt --check --file saved.kq with a line not canonical (exit 1, file:line)', async () => {
  const dir = tempDir('kq-fmt-');
  const file = join(dir, 'saved.kq');
  writeFileSync(file, 'a AND b\nc  d\n');
  const r = await kq(['fmt', '--check', '--file', file]);
  assert.is(r.status, 1);
  assert.is(r.out, `${file}:2: not canonical\n  - c  d\n  + c AND d\n`);
  assert.match(r.err, '1 line(s) not canonical');
});

test("kq fmt 'a or b' (warns about the lower-case or)", async () => {
  const r = await kq(['fmt', 'a or b']);
  assert.is(r.status, 0);
  assert.is(r.out, 'a AND "or" AND b\n');
  assert.match(r.err, 'warning[KQ1012]');
});

const body = { queryContext: 'conversation', and: [{ conversation_status: { equals: 'done' } }], sort: [{ customer_name: 'asc' }] };

test('kq decompile <json>', async () => {
  const r = await kq(['decompile', JSON.stringify(body)]);
  assert.is(r.status, 0);
  assert.is(r.out, 'conversation_status:done context:conversation sort:customer_name\n');
});

test('kq decompile - (a JSON array of bodies on stdin; one line each, in order)', async () => {
  const r = await kq(['decompile', '-'], JSON.stringify([body, { queryContext: 'customer', and: [{ createdAt: { gte: '2020-01-01' } }] }, body]));
  assert.is(r.status, 1);
  assert.is(r.out, 'conversation_status:done context:conversation sort:customer_name\n# criteria[1]: not decompiled (see the errors)\nconversation_status:done context:conversation sort:customer_name\n');
  assert.match(r.err, 'error[KQ2001]');
  assert.match(r.err, 'criteria[1] at /and/0/createdAt');
});

test('kq decompile - (JSONL with a bad line; --json)', async () => {
  const r = await kq(['decompile', '--json'], `${JSON.stringify(body)}\n{oops\n`);
  assert.is(r.status, 1);
  const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
  assert.is(lines.length, 2);
  assert.is(lines[0].text, 'conversation_status:done context:conversation sort:customer_name');
  assert.is(lines[1].source, 'criteria:2');
  assert.match(lines[1].error, 'not JSON');
});

test('kq decompile - (JSONL with a line that is not JSON: one output line per input line)', async () => {
  const r = await kq(['decompile'], `${JSON.stringify(body)}\n{"x"\n${JSON.stringify(body)}\n`);
  assert.is(r.status, 1);
  assert.is(r.out.split('\n').length - 1, 3);
  assert.match(r.out, '# criteria:2: not JSON');
});

test('kq decompile - (one pretty-printed body with a trailing comma: one error)', async () => {
  const r = await kq(['decompile'], '{\n  "queryContext": "customer",\n  "and": [],\n}\n');
  assert.is(r.status, 1);
  assert.is(r.err.trim().split('\n').length, 1);
  assert.match(r.err, 'not JSON');
});

test('kq decompile - (a BOM before the JSON)', async () => {
  const r = await kq(['decompile'], `\ufeff${JSON.stringify(body)}`);
  assert.is(r.status, 0);
  assert.is(r.out, 'conversation_status:done context:conversation sort:customer_name\n');
});

test('kq decompile --file bodies.jsonl', async () => {
  const dir = tempDir('kq-dec-');
  const file = join(dir, 'bodies.jsonl');
  writeFileSync(file, `${JSON.stringify(body)}\n\n${JSON.stringify({ queryContext: 'customer', or: [] })}\n`);
  const r = await kq(['decompile', '--file', file]);
  assert.is(r.status, 0);
  assert.is(r.out, 'conversation_status:done context:conversation sort:customer_name\ncontext:customer\n');
});

test.run();
