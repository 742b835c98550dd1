/**
 * The build-time (ajv standalone) validators give exactly the results of run-time ajv compiles of the same schemas
 * with the same options, which is what src/schema/values.ts and src/emit/validate.ts used before: same validity,
 * same error objects, and the same validateCriteria output. Failures print fast-check's seed (replay: FC_SEED=…).
 */
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Ajv, type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import criteriaSchema from '../../src/emit/criteria.schema.json' with { type: 'json' };
import { describeErrors, validateCriteria, type SchemaError } from '../../src/emit/validate.js';
import { validate as standaloneCriteria } from '../../src/emit/generated/criteriaValidator.js';
import { valueValidators } from '../../src/schema/generated/valueValidators.js';
import { standardFields, standardValueSchema } from '../../src/schema/index.js';
import { compile } from '../../src/compile.js';
import { fcOptions } from '../helpers/fc.js';
import { query } from '../helpers/queries.js';

// --- Value schemas ---------------------------------------------------------------------------------------------------

/** The run-time reference: what values.ts did before, one ajv instance and a compile per field. */
const valueAjv = new Ajv({ strict: true, keywords: ['operator', 'collection'] });
addFormats.default(valueAjv);
const validated = [...standardFields.values()].filter((f) => valueValidators.has(f.name));
const reference = new Map(validated.map((f) => [f.name, valueAjv.compile(standardValueSchema(f.name)!)]));

const enumMembers = [...new Set(validated.flatMap((f) => (f.enum ?? []).map(String)))];

/** An enum member changed slightly: other case, a character more or less, surrounding space. */
const nearMiss = fc.tuple(fc.constantFrom(...enumMembers), fc.nat(5), fc.string({ minLength: 1, maxLength: 1 })).map(([member, how, c]) =>
  [member.toUpperCase(), `${member}${c}`, member.slice(1), ` ${member}`, `${c}${member}`, member.slice(0, -1)][how]!,
);
const hexId = fc.stringMatching(/^[0-9a-fA-F]{22,26}$/);
const email = fc.emailAddress();
const emailMiss = fc.tuple(email, fc.nat(5)).map(([e, how]) =>
  [e.replace('@', ''), e.replace('@', '@@'), ` ${e}`, `${e}.`, e.replace(/\./, '..'), e.toUpperCase()][how]!,
);
const phone = fc.stringMatching(/^\+?[0-9]{0,17}$/);
const phoneMiss = fc.tuple(phone, fc.constantFrom(' ', '-', '(', '.', 'x')).map(([p, c]) => `${p.slice(0, 3)}${c}${p.slice(3)}`);

/** Values as checkValue passes them (strings, numbers) and a few it never passes (other JSON values). */
const value: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(...enumMembers),
  nearMiss,
  hexId,
  email,
  emailMiss,
  phone,
  phoneMiss,
  fc.integer({ min: -10, max: 10 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(true, false, null, [], {}, ['open'], 1.5, 0, -0, 2 ** 53),
);

function valueErrors(errors: ErrorObject[] | null | undefined): unknown {
  return errors?.map(({ keyword, instancePath, schemaPath, params, message }) => ({ keyword, instancePath, schemaPath, params, message }));
}

test('every standard field checkValue validates has a build-time validator (string kinds; numeric-schema numbers)', () => {
  for (const f of standardFields.values()) {
    const numeric = f.kind === 'number' && (f.schemaType === 'number' || f.schemaType === 'integer');
    const stringKind = ['string', 'text', 'list', 'string_notanalyzed'].includes(f.kind);
    assert.is(valueValidators.has(f.name), numeric || stringKind, f.name);
  }
});

test('strings, numbers, ids, emails, phone numbers, enum members and near misses: build-time value validators agree with run-time ajv on every validated standard field', () => {
  fc.assert(
    fc.property(value, (v) => {
      for (const f of validated) {
        const standalone = valueValidators.get(f.name)!;
        const runtime = reference.get(f.name)!;
        const ok = runtime(v);
        assert.is(standalone(v), ok, `${f.name} ${JSON.stringify(v)}`);
        assert.equal(valueErrors(standalone.errors as ErrorObject[] | null), valueErrors(runtime.errors), `${f.name} ${JSON.stringify(v)}`);
      }
    }),
    fcOptions(500),
  );
});

// --- Criteria bodies -------------------------------------------------------------------------------------------------

/** The run-time reference: what validate.ts did before. */
const criteriaAjv = new Ajv({ strict: true, allErrors: true, verbose: true, allowUnionTypes: true });
const runtimeCriteria = criteriaAjv.compile(criteriaSchema);

/** The part of the JSON schema each subschema object is, as validate.ts computed it from the JSON file before. */
const referenceOwners = new Map<unknown, string>();
function recordOwners(node: unknown, owner: string): void {
  if (typeof node !== 'object' || node === null || referenceOwners.has(node)) return;
  referenceOwners.set(node, owner);
  for (const [key, child] of Object.entries(node)) {
    if (node === criteriaSchema && key === 'definitions') {
      for (const [name, definition] of Object.entries(child as object)) recordOwners(definition, name);
    } else if (node === criteriaSchema && key === 'properties') {
      for (const [name, property] of Object.entries(child as object)) recordOwners(property, `root.${name}`);
    } else {
      recordOwners(child, owner);
    }
  }
}
recordOwners(criteriaSchema, 'root');
const referenceOwnerOf = (error: SchemaError) => referenceOwners.get(error.parentSchema) ?? 'root';

/** A schema without its `description`/`title` annotations (the generator drops them). */
function bare(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(bare);
  if (schema === null || typeof schema !== 'object') return schema;
  return Object.fromEntries(Object.entries(schema).filter(([k]) => k !== 'description' && k !== 'title').map(([k, v]) => [k, bare(v)]));
}

function criteriaErrors(errors: ErrorObject[] | null | undefined): unknown {
  return errors?.map((e) => ({ ...e, parentSchema: bare(e.parentSchema), schema: bare(e.schema) }));
}

/** An object from entries, keys such as `__proto__` included as own properties (as JSON.parse makes them). */
const object = <T>(entry: fc.Arbitrary<[string, T]>, maxLength = 3) => fc.array(entry, { maxLength }).map((e) => Object.fromEntries(e));

const attribute = fc.oneof(
  fc.constantFrom('customer_name', 'conversation_status', 'kobject_custom_ecomm-order_totalNum', 'x', 'a-b_C9'),
  fc.constantFrom('and', 'or', 'not', 'And', '1x', 'x y', '', '__proto__', 'constructor', 'Customer_name', 'a/b~c'),
  fc.string({ maxLength: 8 }),
);
const operator = fc.oneof(
  fc.constantFrom('equals', 'contains', 'in', 'gt', 'gte', 'lt', 'lte', 'not_set'),
  fc.constantFrom('eq', 'range', '', '__proto__', 'EQUALS'),
);
const scalar = fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(''));
const operand = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.array(fc.array(scalar, { maxLength: 1 }), { maxLength: 2 }), fc.constant({}));
const condition = fc.oneof({ weight: 4, arbitrary: object(fc.tuple(operator, operand), 2) }, { weight: 1, arbitrary: operand });

const { items } = fc.letrec<{ items: unknown; item: unknown }>((tie) => ({
  items: fc.oneof({ weight: 5, arbitrary: fc.array(tie('item'), { maxLength: 3 }) }, { weight: 1, arbitrary: scalar }),
  item: fc.oneof(
    { weight: 4, arbitrary: object(fc.tuple(attribute, condition), 2) },
    { weight: 2, depthSize: 'small', arbitrary: object(fc.tuple(fc.constantFrom('and', 'or', 'not'), tie('items')), 2) },
    { weight: 1, arbitrary: scalar },
  ),
}));
const sortKey = fc.oneof(object(fc.tuple(attribute, fc.oneof(fc.constantFrom('asc', 'desc', 'ASC', ''), scalar)), 2), scalar);
const topLevel = fc.oneof(
  fc.tuple(fc.constant('queryContext'), fc.oneof(fc.constantFrom('customer', 'conversation', 'kobject_order-2', 'kobject_', 'Customer', ''), scalar)),
  fc.tuple(fc.constantFrom('and', 'or', 'not'), items),
  fc.tuple(fc.constant('sort'), fc.oneof(fc.array(sortKey, { maxLength: 3 }), scalar)),
  fc.tuple(fc.constant('timeZone'), fc.oneof(fc.constantFrom('UTC', '', '\ud83d\ude00', '\ud83d'), scalar)),
  fc.tuple(fc.constantFrom('query', 'page', '__proto__'), scalar),
);
const now = '2026-11-30T15:00:00Z';
const body: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: object(topLevel, 6) },
  { weight: 2, arbitrary: query.map((q) => compile(q, { now, nested: true }).criteria) },
  { weight: 1, arbitrary: operand },
);

test('generated criteria bodies (valid and not): the build-time criteria validator and validateCriteria agree with run-time ajv', () => {
  fc.assert(
    fc.property(body, (b) => {
      const ok = runtimeCriteria(b);
      const shown = JSON.stringify(b);
      assert.is(standaloneCriteria(b), ok, shown);
      assert.equal(criteriaErrors(standaloneCriteria.errors as ErrorObject[] | null), criteriaErrors(runtimeCriteria.errors), shown);
      const expected = ok ? { valid: true, errors: [] } : { valid: false, errors: describeErrors(runtimeCriteria.errors!, referenceOwnerOf) };
      assert.equal(validateCriteria(b), expected, shown);
    }),
    fcOptions(1000),
  );
});

test.run();
