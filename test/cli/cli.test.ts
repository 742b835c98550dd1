import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { kq } from '../helpers/cli.js';
import { tempDir } from '../helpers/tempDir.js';


const now = ['--now', '2026-11-30T15:00:00Z'];

test("kq compile 'conversation_status:done AND customer_updated_at>=2016-06-24 sort:customer_name'", async () => {
  const r = await kq(['compile', 'conversation_status:done AND customer_updated_at>=2016-06-24 sort:customer_name', '--compact']);
  assert.is(r.status, 0);
  assert.equal(JSON.parse(r.out), {
    queryContext: 'customer',
    and: [{ conversation_status: { equals: 'done' } }, { customer_updated_at: { gte: '2016-06-24' } }],
    sort: [{ customer_name: 'asc' }],
  });
  assert.match(r.err, 'note[KQ2015]');
});

test("kq compile 'conversation_statu:done' (exit 1, code frame on stderr)", async () => {
  const r = await kq(['compile', 'conversation_statu:done']);
  assert.is(r.status, 1);
  assert.is(r.out, '');
  assert.match(r.err, "error[KQ2001]: Unknown field 'conversation_statu'.");
  assert.match(r.err, "^^^^^^^^^^^^^^^^^^ did you mean 'conversation_status'?");
});

test('kq compile - (query on stdin)', async () => {
  const r = await kq(['compile', '-', '--context', 'conversation', '--tz', 'Europe/Paris', '--compact', ...now], 'conversation_created_at>=today\n');
  assert.is(r.status, 0);
  assert.equal(JSON.parse(r.out), {
    queryContext: 'conversation',
    and: [{ conversation_created_at: { gte: '2026-11-30' } }],
    timeZone: 'Europe/Paris',
  });
});

test("kq compile --json 'x:1' (machine-readable diagnostics)", async () => {
  const r = await kq(['compile', '--json', 'x:1']);
  assert.is(r.status, 1);
  const body = JSON.parse(r.out);
  assert.is(body.criteria, null);
  assert.is(body.diagnostics[0].code, 'KQ2001');
  assert.equal(body.diagnostics[0].span, { start: 0, end: 1 });
});

test("kq compile --nested '(a OR b) (c OR d)'", async () => {
  const flat = await kq(['compile', '(a OR b) (c OR d)']);
  assert.is(flat.status, 1);
  assert.match(flat.err, 'KQ3001');
  const nested = await kq(['compile', '--nested', '--compact', '(a OR b) (c OR d)']);
  assert.is(nested.status, 0);
  assert.equal(JSON.parse(nested.out).and, [{ or: [{ any_text: { contains: 'c' } }, { any_text: { contains: 'd' } }] }]);
});

test('kq compile --file examples (every bundled example compiles)', async () => {
  const r = await kq(['compile', '--file', 'examples', '--compact', ...now]);
  assert.is(r.status, 0, r.out);
  assert.ok((r.out.match(/^# examples\//gm) ?? []).length >= 15);
});

test('kq compile --file with a bad line exits 1 and shows the line', async () => {
  const dir = tempDir('kq-');
  const file = join(dir, 'saved.kq');
  writeFileSync(file, '# saved\nconversation_status:open\n\nconversation_status:opne\n');
  const r = await kq(['compile', '--file', file]);
  assert.is(r.status, 1);
  assert.match(r.out, `${file}:4`);
  assert.match(r.out, "did you mean 'open'?");
});

test('kq check conversation_priority:9', async () => {
  const r = await kq(['check', 'conversation_priority:9']);
  assert.is(r.status, 1);
  assert.match(r.err, 'KQ2005');
  const ok = await kq(['check', 'conversation_priority:3']);
  assert.is(ok.status, 0);
  assert.is(ok.out, '');
});

test('kq fields conversation_status', async () => {
  const r = await kq(['fields', 'conversation_status']);
  assert.is(r.status, 0);
  assert.match(r.out, /conversation_status\s+list/);
  assert.match(r.out, 'one of snoozed, open, done');
});

test('kq fields --sortable --context conversation', async () => {
  const r = await kq(['fields', '--sortable', '--context', 'conversation']);
  assert.match(r.out, 'conversation_updated_at');
  assert.match(r.out, 'customer_name');
});

test('kq --bogus (usage error, exit 2)', async () => {
  const r = await kq(['--bogus']);
  assert.is(r.status, 2);
  assert.match(r.err, "Run 'kq --help'");
  assert.is((await kq(['frobnicate'])).status, 2);
  assert.is((await kq(['compile', 'a', 'b'])).status, 2);
  assert.is((await kq(['compile', '--file', 'no/such/file.kq'])).status, 2);
});

test('kq --help and kq --version', async () => {
  const help = await kq(['--help']);
  assert.is(help.status, 0);
  assert.match(help.out, 'kq compile');
  const version = await kq(['--version']);
  assert.match(version.out, /^\d+\.\d+\.\d+\n$/);
});

test('bin/kq.js runs the built CLI (after npm run build)', () => {
  if (!existsSync(new URL('../../dist/cli.cjs', import.meta.url))) {
    execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'ignore' });
  }
  const r = spawnSync(process.execPath, ['bin/kq.js', 'compile', '--compact', 'customer_email:jane@acme.example'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  assert.is(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout), { queryContext: 'customer', and: [{ customer_email: { equals: 'jane@acme.example' } }] });
  assert.not.match(r.stderr, '\u001b[');
});

test.run();
