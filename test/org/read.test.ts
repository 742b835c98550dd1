/**
 * readOrgSchema: a table of inputs and the problems (JSON Pointer, severity, message) each gives, what is kept,
 * bounded reading (a huge text is refused before parsing, over-long lists are refused), and a property: the reader
 * never throws, whatever JSON it is given, and every problem's pointer resolves in the input or names the root.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { orgSchemaLimits, readOrgSchema } from '../../src/index.js';
import { fcOptions } from '../helpers/fc.js';
import { fixtureOrg } from './fixture.js';

const base = () => ({ version: 1, pulledAt: '2025-06-01T12:00:00.000Z', objects: {}, klasses: [], lookups: {} });
const attr = (a: Record<string, unknown>) => ({ ...base(), objects: { customer: { customAttributes: [a] } } });

/** [input name, input, expected problems as `severity pointer ~ message fragment`, schema kept?] */
const table: [string, unknown, string[], boolean][] = [
  ['the fixture org', fixtureOrg(), [], true],
  ['not JSON', '{"version": 1,', ['error  ~ not JSON'], false],
  ['an array', [], ['error  ~ a JSON object'], false],
  ['version 2', { ...base(), version: 2 }, ['error /version ~ version 2 is not read'], false],
  ['no version', { objects: {} }, ["error /version ~ 'version' is missing"], false],
  ['objects a list', { ...base(), objects: [] }, ["error /objects ~ 'objects' must be an object"], false],
  ['pulledAt not an instant', { ...base(), pulledAt: 'yesterday' }, ["warning /pulledAt ~ ISO-8601 instant"], true],
  ['an unknown top-level key', { ...base(), extra: 1 }, ["warning /extra ~ unknown key 'extra'"], true],
  ['an unknown object type', { ...base(), objects: { ticket: { customAttributes: [] } } }, ["error /objects/ticket ~ not an object type"], true],
  ['a conversation name under customer', attr({ name: 'conversation_custom_aStr', kind: 'string' }), ['error /objects/customer/customAttributes/0/name ~ does not belong here'], true],
  ['a name without a suffix', attr({ name: 'customer_custom_tier', kind: 'string' }), ['error /objects/customer/customAttributes/0/name ~ no type suffix'], true],
  ['an unknown type string', attr({ name: 'customer_custom_aStr', type: 'fancy' }), ["warning /objects/customer/customAttributes/0/type ~ unknown metadata type 'fancy'; using string"], true],
  ['a type against the suffix', attr({ name: 'customer_custom_aNum', type: 'string' }), ["warning /objects/customer/customAttributes/0/type ~ contradicts the name's suffix; using number"], true],
  ['a kind against the suffix', attr({ name: 'customer_custom_aNum', kind: 'boolean' }), ["warning /objects/customer/customAttributes/0/kind ~ contradicts the Num suffix"], true],
  ['a value of the wrong type', attr({ name: 'customer_custom_aNum', kind: 'number', values: [1, 'two'] }), ['warning /objects/customer/customAttributes/0/values/1 ~ must be a number'], true],
  ['a tree node without an id', attr({ name: 'customer_custom_aStr', kind: 'string', tree: [{ displayName: 'X' }] }), ["error /objects/customer/customAttributes/0/tree/0/id ~ 'id' is missing"], true],
  ['a duplicate attribute', { ...base(), objects: { customer: { customAttributes: [{ name: 'customer_custom_aStr' }, { name: 'customer_custom_aStr' }] } } }, ['error /objects/customer/customAttributes/1 ~ more than once'], true],
  ['a klass with a bad name', { ...base(), klasses: [{ name: 'a b', customAttributes: [] }] }, ["error /klasses/0/name ~ characters other than"], true],
  ['a klass attribute of another klass', { ...base(), klasses: [{ name: 'order', customAttributes: [{ name: 'kobject_custom_ticket_aStr' }] }] }, ['error /klasses/0/customAttributes/0/name ~ kobject_custom_order_'], true],
  ['a tag without a name', { ...base(), lookups: { tags: [{ id: 'a' }] } }, ["warning /lookups/tags/0/name ~ ignoring the entry"], true],
  ['a duplicate tag id', { ...base(), lookups: { tags: [{ id: 'a', name: 'x' }, { id: 'a', name: 'y' }] } }, ["warning /lookups/tags/1/id ~ appears twice"], true],
  ['a key with / and ~', { ...base(), 'a/b~c': 1 }, ["warning /a~1b~0c ~ unknown key"], true],
];

for (const [name, input, expected, kept] of table) {
  test(`readOrgSchema: ${name}`, () => {
    const { schema, problems } = readOrgSchema(typeof input === 'string' ? input : JSON.stringify(input));
    assert.is(schema !== null, kept, 'schema kept');
    assert.is(problems.length, expected.length, JSON.stringify(problems));
    expected.forEach((e, i) => {
      const [head, fragment] = e.split(' ~ ') as [string, string];
      const [severity, pointer = ''] = head.split(' ');
      assert.is(problems[i]!.severity, severity);
      assert.is(problems[i]!.pointer, pointer);
      assert.ok(problems[i]!.message.includes(fragment), `${problems[i]!.message} includes ${fragment}`);
    });
  });
}

test('readOrgSchema: an unknown type falls back to the suffix kind (aNum → number)', () => {
  const { schema } = readOrgSchema(attr({ name: 'customer_custom_aNum', type: 'money' }));
  assert.is(schema!.objects.customer!.customAttributes[0]!.kind, 'number');
});

test('readOrgSchema: a text over maxTextLength is refused before parsing', () => {
  const huge = ' '.repeat(orgSchemaLimits.maxTextLength + 1);
  const { schema, problems } = readOrgSchema(huge);
  assert.is(schema, null);
  assert.match(problems[0]!.message, /characters long, more than the/);
});

test('readOrgSchema: a tag list over maxLookupEntries is refused', () => {
  const tags = Array.from({ length: orgSchemaLimits.maxLookupEntries + 1 }, (_, i) => ({ id: String(i), name: 't' }));
  const { schema, problems } = readOrgSchema({ ...base(), lookups: { tags } });
  assert.is(schema!.lookups.tags, undefined);
  assert.is(problems[0]!.pointer, '/lookups/tags');
  assert.match(problems[0]!.message, /more than the 200000/);
});

test('readOrgSchema: a tree deeper than maxTreeDepth', () => {
  let node: Record<string, unknown> = { id: 'leaf', displayName: 'Leaf' };
  for (let i = 0; i < orgSchemaLimits.maxTreeDepth + 2; i++) node = { id: `n${i}`, displayName: `N${i}`, children: [node] };
  const { problems } = readOrgSchema(attr({ name: 'customer_custom_aStr', tree: [node] }));
  assert.ok(problems.some((p) => p.severity === 'error' && /deeper than 10 levels/.test(p.message)));
});

/** The value a JSON Pointer names in `root`, or undefined. */
function resolvePointer(root: unknown, pointer: string): unknown {
  if (pointer === '') return root;
  let v: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof v !== 'object' || v === null || !Object.prototype.hasOwnProperty.call(v, key)) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

test('readOrgSchema: any JSON value, never throws; pointers resolve (or name a missing key of an existing parent)', () => {
  const entry = fc.record({ name: fc.oneof(fc.constantFrom('customer_custom_aStr', 'customer_custom_bNum', 'x'), fc.string()), kind: fc.oneof(fc.constantFrom('string', 'number'), fc.anything()), values: fc.anything(), tree: fc.anything() }, { requiredKeys: [] });
  const doc = fc.record({ version: fc.constantFrom(1, 1, 2), pulledAt: fc.anything(), objects: fc.oneof(fc.record({ customer: fc.record({ customAttributes: fc.array(entry) }, { requiredKeys: [] }) }, { requiredKeys: [] }), fc.anything()), klasses: fc.anything(), lookups: fc.anything() }, { requiredKeys: [] });
  fc.assert(
    fc.property(fc.oneof(doc, fc.jsonValue()), (value) => {
      const input = JSON.parse(JSON.stringify(value ?? null));
      const { problems } = readOrgSchema(input);
      for (const p of problems) {
        const parent = p.pointer.slice(0, p.pointer.lastIndexOf('/'));
        assert.ok(resolvePointer(input, p.pointer) !== undefined || resolvePointer(input, parent) !== undefined, p.pointer);
      }
    }),
    fcOptions(300),
  );
});

test.run();
