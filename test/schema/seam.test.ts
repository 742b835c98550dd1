/**
 * The schema seam's layout: src/schema/index.ts is its API (one module per job behind it); unused tables drop out of a bundle; object-type ranking; the standard-field table built on first use behaves as a Map; value schemas.
 */
import { buildSync } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as seam from '../../src/schema/index.js';
import schema from '../../src/schema/standard-fields.json' with { type: 'json' };

test('src/schema/index.ts exports the run-time names the single module exported before the split', () => {
  const names = Object.keys(seam).sort();
  const before = [
    'contextObject',
    'contextSortFields',
    'contextSuggestions',
    'createCatalog',
    'customSuffixKinds',
    'defaultCatalog',
    'isSortable',
    'isValidContext',
    'listFields',
    'objectRank',
    'objectTypes',
    'parseCustomName',
    'queryContexts',
    'resolveField',
    'sortOnlyFields',
    'sortSuggestions',
    'sortableFields',
    'standardFields',
    'standardValueSchema',
  ];
  for (const name of before) assert.ok(names.includes(name), `${name} is missing from src/schema/index.ts`);
});

/** The minified browser bundle (esbuild) of a module that imports `names` from src/schema/index.ts and uses them. */
function bundleOf(names: readonly string[]): string {
  const contents = `import { ${names.join(', ')} } from './src/schema/index.ts'; console.log(${names.join(', ')});`;
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const out = buildSync({
    stdin: { contents, resolveDir: root, loader: 'ts' },
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    logLevel: 'error',
  });
  return out.outputFiles[0]!.text;
}

test('a bundle of isValidContext alone leaves out standard-fields.json and the other tables', () => {
  const text = bundleOf(['isValidContext']);
  assert.not.match(text, 'customer_any_text');
  assert.not.match(text, 'customer_last_message_at'); // sortableFields
  assert.ok(text.length < 2000, `${text.length} bytes`);
});

test('a bundle of standardFields holds standard-fields.json', () => {
  assert.match(bundleOf(['standardFields']), 'customer_any_text');
});

test('objectRank conversation customer message company note kobject null other', () => {
  assert.equal(
    ['conversation', 'customer', 'message', 'company', 'note', 'kobject', null, 'tracking', '__proto__', ''].map(
      seam.objectRank,
    ),
    [0, 1, 2, 3, 4, 5, 6, 6, 6, 6],
  );
});

test('standardFields: keys in schema order, entries/forEach/spread agree', () => {
  const order = Object.keys((schema as { properties: Record<string, unknown> }).properties);
  assert.equal([...seam.standardFields.keys()], order);
  assert.equal([...seam.standardFields].map(([name]) => name), order);
  assert.equal([...seam.standardFields.entries()].map(([name]) => name), order);
  assert.equal([...seam.standardFields.values()].map((f) => f.name), order);
  const copy = new Map(seam.standardFields);
  assert.is(copy.size, 184);
  assert.is(copy.get('conversation_status'), seam.standardFields.get('conversation_status'));
  const seen: string[] = [];
  seam.standardFields.forEach(function (this: unknown, value, key, map) {
    assert.is(value.name, key);
    assert.is(map, seam.standardFields);
    assert.is(this, seen);
    seen.push(key);
  }, seen);
  assert.equal(seen, order);
});

test('standardFields has/get __proto__ constructor toString', () => {
  for (const name of ['__proto__', 'constructor', 'toString']) {
    assert.is(seam.standardFields.has(name), false, name);
    assert.is(seam.standardFields.get(name), undefined, name);
  }
});

test('standardValueSchema customer_created_by: $ref inlined, frozen, the same object every call', () => {
  const first = seam.standardValueSchema('customer_created_by');
  assert.ok(first !== undefined);
  assert.is(first!['$ref'], undefined);
  assert.is(first!['operator'], 'list');
  assert.is(first!['collection'], 'users');
  assert.ok(Object.isFrozen(first));
  assert.is(seam.standardValueSchema('customer_created_by'), first);
});

test('standardValueSchema __proto__ toString customer_custom_tierStr', () => {
  for (const name of ['__proto__', 'toString', 'customer_custom_tierStr']) {
    assert.is(seam.standardValueSchema(name), undefined, name);
  }
});

test.run();
