/**
 * `kq schema pull` from `kq serve --schema` over real HTTP (the stand-in in this process, the CLI in process with
 * KUSTOMER_API_KEY / KUSTOMER_BASE_URL): the file read back equals the fixture's reading (dropdowns, trees, klasses,
 * both pages of tags), the key is never written or printed; `kq schema show`; lookups the key may not read are
 * gaps, not empty lists.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readOrgSchema, type OrgSchema } from '../../src/index.js';
import { startServer, type RunningServer } from '../../src/node/index.js';
import { serveOptions } from '../../src/cli/commands/serve.js';
import { kq } from '../helpers/cli.js';
import { fixtureOrg } from './fixture.js';

const key = 'org-pull-secret-key-7';
const dir = mkdtempSync(join(tmpdir(), 'kq-org-'));
const expected = readOrgSchema(fixtureOrg()).schema!;
let server: RunningServer;
const saved = { key: process.env.KUSTOMER_API_KEY, url: process.env.KUSTOMER_BASE_URL };

test.before(async () => {
  server = await startServer({ records: [], schema: expected, apiKeys: [key], rateLimit: false });
  process.env.KUSTOMER_API_KEY = key;
  process.env.KUSTOMER_BASE_URL = server.url;
});
test.after(async () => {
  await server.close();
  if (saved.key === undefined) delete process.env.KUSTOMER_API_KEY;
  else process.env.KUSTOMER_API_KEY = saved.key;
  if (saved.url === undefined) delete process.env.KUSTOMER_BASE_URL;
  else process.env.KUSTOMER_BASE_URL = saved.url;
  rmSync(dir, { recursive: true, force: true });
});

/** A schema without its pull-specific parts, for comparing a pulled one with the fixture. */
function comparable(s: OrgSchema): unknown {
  const { pulledAt: _p, org: _o, ...rest } = s;
  return JSON.parse(JSON.stringify(rest));
}

test('kq schema pull --out FILE (kq serve --schema fixture)', async () => {
  const out = join(dir, 'pulled.json');
  const r = await kq(['schema', 'pull', '--out', out]);
  assert.is(r.status, 0, r.err);
  const text = readFileSync(out, 'utf8');
  assert.not.ok(text.includes(key), 'the key is not in the file');
  assert.not.ok(r.err.includes(key) || r.out.includes(key), 'the key is not printed');
  const read = readOrgSchema(text);
  assert.equal(read.problems, []);
  assert.equal(comparable(read.schema!), comparable(expected));
  assert.is(read.schema!.lookups.tags!.length, 150, 'both pages of tags');
  assert.is(read.schema!.org?.baseUrl, server.url);
  // Two pages of tags: the stand-in saw page 1 and page 2 of /v1/tags.
  const tagPages = server.stats.log.filter((e) => e.path === '/v1/tags').map((e) => e.page);
  assert.equal(tagPages, ['1', '2']);
  assert.match(r.err, /tags: 150/);
});

test('kq schema show FILE', async () => {
  const file = join(dir, 'fixture.json');
  writeFileSync(file, JSON.stringify(fixtureOrg()));
  const r = await kq(['schema', 'show', file]);
  assert.is(r.status, 0, r.err);
  assert.match(r.out, /customer: 3 custom attributes \(1 dropdown, 1 option tree\)/);
  assert.match(r.out, /kobject_ecomm-order \(E-commerce order\): 1 custom attribute \(1 dropdown\)/);
  assert.match(r.out, /tags: 150/);
  assert.match(r.out, /current user: Ada Lovelace <ada@example.com>/);
});

test('kq schema pull without KUSTOMER_API_KEY', async () => {
  delete process.env.KUSTOMER_API_KEY;
  try {
    const r = await kq(['schema', 'pull', '--out', join(dir, 'none.json')]);
    assert.is(r.status, 2);
    assert.match(r.err, /KUSTOMER_API_KEY/);
  } finally {
    process.env.KUSTOMER_API_KEY = key;
  }
});

test('pull from a schema without teams and current user: gaps, not empty lists', async () => {
  const value = fixtureOrg();
  delete (value.lookups as Record<string, unknown>).teams;
  delete value.currentUser;
  const s2 = await startServer({ records: [], schema: readOrgSchema(value).schema!, apiKeys: [key], rateLimit: false });
  try {
    const r = await kq(['schema', 'pull', '--out', '-', '--base-url', s2.url, '--quiet']);
    assert.is(r.status, 0, r.err);
    const read = readOrgSchema(r.out);
    assert.is(read.schema!.lookups.teams, undefined);
    assert.is(read.schema!.currentUser, undefined);
    assert.equal(read.schema!.gaps!.map((g) => g.resource), ['teams', 'users/current']);
  } finally {
    await s2.close();
  }
});

test('kq serve --schema FILE (the flag reads and checks the file)', () => {
  const file = join(dir, 'serve.json');
  writeFileSync(file, JSON.stringify(fixtureOrg()));
  const opts = serveOptions({ schema: file }, {});
  assert.is(opts.schema?.klasses.length, 2);
  writeFileSync(file, JSON.stringify({ version: 2, objects: {} }));
  assert.throws(() => serveOptions({ schema: file }, {}), /version 2 is not read/);
});

test.run();
