/**
 * Compiling against an org schema (option `schema`, CLI `--schema`): unknown custom names with did-you-mean across
 * the org, dropdown values (a list, and a tree's leaves by id or display text), klass checks in contexts and in
 * `kobject_custom_<klass>_` names, translate with the schema in its workers; and the metadata shapes the pull
 * tolerates (`enumeration` as a list or a flag, trees, unknown types, deleted options).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { attributesFromMetadata } from '../../src/client/index.js';
import { compile, complete, diagnosticCodes, readOrgSchema } from '../../src/index.js';
import { translate } from '../../src/node/index.js';
import { kq } from '../helpers/cli.js';
import { fixtureOrg } from './fixture.js';

const schema = readOrgSchema(fixtureOrg()).schema!;
const dir = mkdtempSync(join(tmpdir(), 'kq-org-compile-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

/** The one error of compiling `q` against the fixture: code, help and suggestions. */
function error(q: string) {
  const r = compile(q, { schema, now: 0 });
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  assert.is(errors.length, 1, JSON.stringify(r.diagnostics));
  return errors[0]!;
}

test('customer_custom_teirStr:gold (unknown custom name, did-you-mean)', () => {
  const d = error('customer_custom_teirStr:gold');
  assert.is(d.code, diagnosticCodes.UnknownCustomAttribute);
  assert.equal(d.suggestions, ['customer_custom_tierStr']);
});

test('conversation_custom_tierStr:gold (did-you-mean spans the org: the customer attribute)', () => {
  assert.equal(error('conversation_custom_tierStr:gold').suggestions, ['customer_custom_tierStr']);
});

test('customer_custom_tierStr:gld (dropdown value checked and suggested)', () => {
  const d = error('customer_custom_tierStr:gld');
  assert.is(d.code, diagnosticCodes.InvalidValue);
  assert.match(d.message, /not one of gold, silver, bronze/);
  assert.equal(d.suggestions, ['gold']);
});

test('customer_custom_regionStr:France (a tree option by its display text → its id)', () => {
  const d = error('customer_custom_regionStr:France');
  assert.equal(d.suggestions?.[0], 'emea_fr');
});

test('customer_custom_regionStr:emea (a tree node with children is not a value)', () => {
  assert.is(error('customer_custom_regionStr:emea').code, diagnosticCodes.InvalidValue);
});

test('customer_custom_regionStr:emea_fr (a leaf id compiles)', () => {
  const r = compile('customer_custom_regionStr:emea_fr', { schema, now: 0 });
  assert.equal(r.criteria?.and, [{ customer_custom_regionStr: { equals: 'emea_fr' } }]);
});

test('customer_custom_regionStr: completion shows leaf paths', () => {
  const q = 'customer_custom_regionStr:';
  const items = complete(q, q.length, { schema }).items;
  const fr = items.find((i) => i.label === 'emea_fr');
  assert.is(fr?.detail, 'EMEA › France');
});

test('customer_custom_lifetimeValueNum>100 (kind from the metadata: number)', () => {
  const r = compile('customer_custom_lifetimeValueNum>100', { schema, now: 0 });
  assert.equal(r.criteria?.and, [{ customer_custom_lifetimeValueNum: { gt: 100 } }]);
});

test('context:kobject_ordr (unknown klass, did-you-mean)', () => {
  const d = error('context:kobject_ordr');
  assert.is(d.code, diagnosticCodes.UnknownContext);
  assert.equal(d.suggestions, ['kobject_order']);
  assert.match(d.help ?? '', /'ordr' is not one of the org's custom object classes: order, ecomm-order/);
});

test('kobject_custom_ordr_totalNum>5 (unknown klass in a name, did-you-mean)', () => {
  const d = error('kobject_custom_ordr_totalNum>5');
  assert.is(d.code, diagnosticCodes.UnknownCustomAttribute);
  assert.equal(d.suggestions, ['kobject_custom_order_totalNum']);
});

test('kobject_custom_ecomm-order_statusStr:paid (a hyphenated klass compiles in its context)', () => {
  const r = compile('kobject_custom_ecomm-order_statusStr:paid', { schema, now: 0 });
  assert.is(r.criteria?.queryContext, 'kobject_ecomm-order');
});

test('an explicit customAttributes option wins over the schema', () => {
  const r = compile('customer_custom_otherStr:x', { schema, customAttributes: [{ name: 'customer_custom_otherStr' }], now: 0 });
  assert.ok(r.criteria, JSON.stringify(r.diagnostics));
});

test('kq compile --schema FILE customer_custom_tierStr:gld', async () => {
  const file = join(dir, 'org.json');
  writeFileSync(file, JSON.stringify(fixtureOrg()));
  const bad = await kq(['compile', '--schema', file, 'customer_custom_tierStr:gld']);
  assert.is(bad.status, 1);
  assert.match(bad.err, /KQ2005/);
  const good = await kq(['compile', '--schema', file, 'customer_custom_tierStr:gold']);
  assert.is(good.status, 0, good.err);
  const broken = join(dir, 'broken.json');
  writeFileSync(broken, '{"version": 9, "objects": {}}');
  const r = await kq(['compile', '--schema', broken, 'x:1']);
  assert.is(r.status, 2);
  assert.match(r.err, /version 9 is not read/);
});

test('translate with the schema (two workers get it as data)', async () => {
  const input = new TextEncoder().encode('customer_custom_tierStr:gold\ncustomer_custom_tierStr:gld\n');
  const results = [];
  for await (const r of translate(input, { schema, inputFormat: 'text', jobs: 2, now: 0 })) results.push(r);
  assert.is(results.length, 2);
  assert.ok(results[0]!.ok, JSON.stringify(results[0]));
  assert.ok(results[1]!.diagnostics.some((d) => d.code === diagnosticCodes.InvalidValue));
});

// --- Metadata shapes (kustomer-api-live.md §2a: enumeration as a list or a flag, trees, unknown types) -------------

const metadata = (properties: Record<string, unknown>) => ({ data: { type: 'metadata', id: 'customer', attributes: { properties } } });

test('metadata: enumeration as a list', () => {
  const r = attributesFromMetadata(metadata({ myCustomStr: { type: 'string', enumeration: ['option one', 'option two'], displayName: 'My Custom String!' } }), 'customer');
  assert.equal(r.attributes, [{ name: 'customer_custom_myCustomStr', kind: 'string', type: 'string', displayName: 'My Custom String!', values: ['option one', 'option two'] }]);
  assert.equal(r.warnings, []);
});

test('metadata: enumeration true with a tree (deleted nodes dropped)', () => {
  const tree = { children: [{ id: 'a', displayName: 'A', children: [{ id: 'a1', displayName: 'A1' }, { id: 'a2', displayName: 'A2', deleted: true }] }] };
  const r = attributesFromMetadata(metadata({ levelStr: { type: 'string', enumeration: true, tree } }), 'customer');
  assert.equal(r.attributes[0]!.tree, [{ id: 'a', displayName: 'A', children: [{ id: 'a1', displayName: 'A1' }] }]);
  assert.is(r.attributes[0]!.values, undefined);
});

test('metadata: an unknown type string warns and the suffix decides', () => {
  const r = attributesFromMetadata(metadata({ paidAt: { type: 'timestamp-ish' }, countNum: { type: 'number' } }), 'customer');
  assert.equal(r.attributes.map((a) => a.kind), ['datetime', 'number']);
  assert.equal(r.warnings.length, 1);
  assert.match(r.warnings[0]!, /unknown metadata type 'timestamp-ish'; using datetime/);
});

test('metadata: deleted properties and names that cannot be searched are skipped', () => {
  const r = attributesFromMetadata(metadata({ goneStr: { type: 'string', deletedAt: '2024-01-01T00:00:00Z' }, 'bad name': { type: 'string' }, okStr: {} }), 'customer');
  assert.equal(r.attributes.map((a) => a.name), ['customer_custom_okStr']);
  assert.is(r.warnings.length, 1);
});

test('metadata: kobject.order properties are named kobject_custom_order_…', () => {
  const r = attributesFromMetadata(metadata({ totalNum: { type: 'number', displayName: 'Total' } }), 'kobject', 'order');
  assert.is(r.attributes[0]!.name, 'kobject_custom_order_totalNum');
});

test.run();
