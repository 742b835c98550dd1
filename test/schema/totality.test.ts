import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { createCatalog, defaultCatalog, resolveField, standardFields } from '../../src/schema/index.js';
import { checkValue } from '../../src/schema/values.js';
import { invalidValueDiagnostic } from '../../src/check/rules/valuesRule.js';
import { valueProblemClause } from '../../src/diagnostics/catalogue.js';

// Replay a failure with FC_SEED=<seed> (fast-check prints the seed and path of a failing run).
const seed = Number(process.env['FC_SEED']);
const params = { numRuns: 300, ...(Number.isFinite(seed) ? { seed } : {}) };

const org = createCatalog([
  { name: 'customer_custom_tierStr', values: ['gold', 'silver'] },
  { name: 'kobject_custom_ecomm-order_totalNum' },
]).catalog;

/** Names: arbitrary strings, name-like strings, and prefixes of real names with junk appended. */
const names = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.stringMatching(/^[a-zA-Z_-]{0,40}$/),
  fc
    .tuple(fc.constantFrom('customer_custom_', 'kobject_custom_', 'conversation_', 'kobject_custom_a-b_', ''), fc.string())
    .map(([prefix, rest]) => prefix + rest),
);

test('resolveField(arbitrary string) never throws; suggestions are known names', () => {
  fc.assert(
    fc.property(names, (name) => {
      for (const catalog of [defaultCatalog, org]) {
        const result = resolveField(catalog, name);
        if (!result.ok) {
          assert.ok(result.suggestions.length <= 3);
          assert.not.ok(result.suggestions.includes(name));
          if (result.problem === 'unknownField') {
            for (const s of result.suggestions) {
              assert.ok(catalog.fields.has(s) || s.includes('_custom_'), s);
            }
          }
        }
      }
    }),
    params,
  );
});

const values = fc.oneof(fc.string(), fc.stringMatching(/^-?[0-9a-f.e+]{0,30}$/));

test('checkValue(any standard field, arbitrary string) never throws', () => {
  const fields = [...standardFields.values(), ...org.custom!.values()];
  fc.assert(
    fc.property(fc.constantFrom(...fields), values, (field, raw) => {
      const result = checkValue(field, raw);
      if (result.ok) {
        assert.ok(['string', 'number', 'boolean'].includes(typeof result.value));
        if (typeof result.value === 'number') assert.ok(Number.isFinite(result.value));
      } else {
        const d = invalidValueDiagnostic(raw, field.name, { start: 0, end: 0 }, result);
        assert.ok(['KQ2005', 'KQ2006', 'KQ2007'].includes(d.code));
        assert.ok(valueProblemClause(raw, result.problem).length > 0);
      }
    }),
    params,
  );
});

test.run();
