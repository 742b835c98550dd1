/**
 * Validation of emitted Kustomer search bodies against `criteria.schema.json`: a self-check for the emitter and a
 * lint for hand-written criteria.
 *
 * The schema encodes the body format of kustomer-search-api.md §1 (1.1 top-level keys, 1.2 criterion shape,
 * 1.3 and/or/not with optional nested groups), §2.1 (operator keywords and value types: `in` takes a non-empty
 * array, `not_set` takes `""` or `true`), §3 (queryContext values) and §6.1 (`sort` as `[{attr: "asc"|"desc"}]`), and
 * the limits of Kustomer's OpenAPI schema (kustomer-api-live.md §1c: at most 20 items in each and/or/not array, at
 * most 5 sort keys).
 * It is deliberately narrower than what Kustomer accepts: `and`/`or`/`not`/`sort` are non-empty arrays, each
 * criterion has exactly one attribute and one operator, and only the keys this package emits are allowed.
 */
import { validate, schemaParts } from './generated/criteriaValidator.js';

/** One validation error: where (`pointer`, an RFC 6901 JSON pointer into the body; `""` is the body) and what. */
export interface CriteriaError {
  readonly pointer: string;
  readonly message: string;
}

/** The result of {@link validateCriteria}: `valid` exactly when `errors` is empty. */
export interface CriteriaValidation {
  readonly valid: boolean;
  readonly errors: CriteriaError[];
}

const operators = 'equals, contains, in, gt, gte, lt, lte, not_set';
const topLevelKeys = 'queryContext, and, or, not, sort, timeZone';

/** Escapes one JSON pointer segment (RFC 6901: `~` → `~0`, `/` → `~1`). */
function segment(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The last segment of a pointer, unescaped (`/and/0/or` → `or`). */
function lastKey(pointer: string): string {
  const cut = pointer.lastIndexOf('/');
  return pointer.slice(cut + 1).replace(/~1/g, '/').replace(/~0/g, '~');
}

/**
 * The part of the schema each subschema object belongs to: the enclosing definition's name (`condition`, `item`,
 * `sortKey`, …), `root.<key>` for a top-level property's own schema, or `root`. ajv resets `schemaPath` at each
 * `$ref`, so errors are placed by their `parentSchema` (kept with `verbose: true`) instead. The objects are those
 * the generated validator embeds (`schemaParts`: each definition it references, and the root), not the JSON file.
 */
let owners: Map<unknown, string> | undefined;

function recordOwners(owners: Map<unknown, string>, node: unknown, owner: string, root: unknown): void {
  if (typeof node !== 'object' || node === null || owners.has(node)) return;
  owners.set(node, owner);
  for (const [key, child] of Object.entries(node)) {
    if (node === root && key === 'definitions') {
      for (const [name, definition] of Object.entries(child as object)) recordOwners(owners, definition, name, root);
    } else if (node === root && key === 'properties') {
      for (const [name, property] of Object.entries(child as object)) recordOwners(owners, property, `root.${name}`, root);
    } else {
      recordOwners(owners, child, owner, root);
    }
  }
}

/** The schema definition an error comes from (`condition`, `item`, …), `root.<key>`, or `root`. */
function definitionOf(error: SchemaError): string {
  // Built on the first error described, not at import (a walk of the whole schema: ~0.3 ms of every cold start).
  if (owners === undefined) {
    owners = new Map();
    for (const [part, name] of schemaParts) recordOwners(owners, part, name, name === 'root' ? part : undefined);
  }
  return owners.get(error.parentSchema) ?? 'root';
}

function quote(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
}

function keysOf(data: unknown): string {
  return typeof data === 'object' && data !== null ? Object.keys(data).map(quote).join(', ') : '';
}

/** An ajv error as `{pointer, message}`, or `null` for errors another one already reports. */
function describe(error: SchemaError, where: string): CriteriaError | null {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return {
        pointer: error.instancePath,
        message: `missing ${quote(String(params['missingProperty']))}: every search body names its queryContext`,
      };
    case 'additionalProperties': {
      const key = String(params['additionalProperty']);
      const pointer = `${error.instancePath}/${segment(key)}`;
      if (where === 'root') return { pointer, message: `unknown key ${quote(key)}; a search body has ${topLevelKeys}` };
      if (where === 'condition') {
        return { pointer, message: `unknown operator ${quote(key)}; expected one of ${operators}` };
      }
      if (where === 'item') {
        return {
          pointer,
          message:
            `${quote(key)} is neither an attribute name ` +
            "(a lower-case letter, then letters, digits, '_' or '-') nor and/or/not",
        };
      }
      return { pointer, message: `unknown key ${quote(key)}` };
    }
    case 'minProperties':
    case 'maxProperties': {
      const found = keysOf(error.data);
      const count = typeof error.data === 'object' && error.data !== null ? Object.keys(error.data).length : 0;
      const tail = count === 0 ? 'found none' : `found ${count}: ${found}`;
      if (where === 'condition') {
        const fix = count > 1 ? '; put each operator in a criterion of its own' : '';
        return { pointer: error.instancePath, message: `a criterion takes exactly one operator, ${tail}${fix}` };
      }
      if (where === 'item') {
        return {
          pointer: error.instancePath,
          message: `a criterion names exactly one attribute (or one of and/or/not), ${tail}`,
        };
      }
      if (where === 'sortKey') {
        return { pointer: error.instancePath, message: `a sort key names exactly one attribute, ${tail}` };
      }
      return { pointer: error.instancePath, message: error.message ?? 'wrong number of keys' };
    }
    case 'minItems': {
      const key = lastKey(error.instancePath);
      if (key === 'in') return { pointer: error.instancePath, message: "'in' needs at least one value" };
      return { pointer: error.instancePath, message: `${quote(key)} must not be empty; leave it out instead` };
    }
    case 'maxItems': {
      // Kustomer's OpenAPI schema: and/or/not at most 20 items, sort at most 5 keys (kustomer-api-live.md §1c).
      const key = lastKey(error.instancePath);
      return { pointer: error.instancePath, message: `${quote(key)} holds more than ${String(params['limit'])} items, the most Kustomer's search body allows` };
    }
    case 'minLength':
      return { pointer: error.instancePath, message: `${quote(lastKey(error.instancePath))} must not be empty` };
    case 'type': {
      const type = Array.isArray(params['type']) ? (params['type'] as string[]).join(', ') : String(params['type']);
      const article = /^[aeiou]/.test(type) ? 'an' : 'a';
      const what = where === 'scalar' ? 'a string, number or boolean' : `${article} ${type}`;
      return { pointer: error.instancePath, message: `expected ${what}` };
    }
    case 'pattern':
      if (where === 'root.queryContext') {
        return {
          pointer: error.instancePath,
          message:
            `${quote(String(error.data))} is not a query context: ` +
            'customer, conversation, message, company, note, kobject, kobject_<klass>, conversation_time, work_session or work_item',
        };
      }
      if (error.propertyName !== undefined) return null; // reported by its propertyNames error
      return { pointer: error.instancePath, message: error.message ?? 'does not match its pattern' };
    case 'propertyNames': {
      const key = String(params['propertyName']);
      return {
        pointer: `${error.instancePath}/${segment(key)}`,
        message: `${quote(key)} is not an attribute name (a lower-case letter, then letters, digits, '_' or '-')`,
      };
    }
    case 'enum':
      if (where === 'sortKey') {
        return { pointer: error.instancePath, message: "a sort direction is \"asc\" or \"desc\"" };
      }
      if (lastKey(error.instancePath) === 'not_set') {
        return { pointer: error.instancePath, message: 'not_set takes "" (or true)' };
      }
      return { pointer: error.instancePath, message: error.message ?? 'not an allowed value' };
    default:
      return { pointer: error.instancePath, message: error.message ?? `fails ${error.keyword}` };
  }
}

/**
 * Validates a Kustomer search body (any JSON value) against `criteria.schema.json` (kustomer-search-api.md §1.1–1.4,
 * §2.1, §3, §6.1): an object with a `queryContext` (`customer`, `conversation`, `message`, `company`, `note`,
 * `kobject` or `kobject_<klass>`), optional non-empty `and`/`or`/`not` arrays of criteria
 * (`{attribute: {operator: value}}`, one attribute, one operator among equals, contains, in, gt, gte, lt, lte,
 * not_set) or nested `{and|or|not: [...]}` groups, an optional non-empty `sort` array of `{attribute: "asc"|"desc"}`,
 * an optional `timeZone` string, and nothing else.
 *
 * Returns every error found, each with a JSON pointer to the offending value (for an unknown key: to that key's
 * value) and a human message. The validator is compiled at build time (ajv standalone code,
 * src/emit/generated/criteriaValidator.js: `strict`, `allErrors`, `verbose`, `allowUnionTypes`). Never throws: a body nested too deeply
 * for the stack, or a cyclic object, is reported as one error at `""`.
 */
export function validateCriteria(json: unknown): CriteriaValidation {
  try {
    if (validate(json)) return { valid: true, errors: [] };
  } catch {
    // Only a structure too deep for the stack (or a cyclic object) gets here.
    return { valid: false, errors: [{ pointer: '', message: 'the body is nested too deeply (or is cyclic) to validate' }] };
  }
  return { valid: false, errors: describeErrors(validate.errors ?? [], definitionOf) };
}

/**
 * An error of the criteria validator, as {@link describeErrors} reads it: the fields of ajv's `ErrorObject`
 * (https://ajv.js.org/api.html#error-objects) of a validator compiled with `verbose: true`.
 */
export interface SchemaError {
  readonly keyword: string;
  readonly instancePath: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly propertyName?: string;
  readonly message?: string;
  readonly parentSchema?: object;
  readonly data?: unknown;
}

/**
 * The {@link CriteriaError}s of a failed validation: each of `errors` described (its place in the schema given by
 * `ownerOf`: a definition name, `root.<key>` or `root`), without errors another one already reports and without
 * repeats; one generic error when nothing is left. Internal: `validateCriteria` uses it with the build-time
 * validator's errors, and a test with a run-time ajv validator's, to show that both give the same result.
 */
export function describeErrors(errors: readonly SchemaError[], ownerOf: (error: SchemaError) => string): CriteriaError[] {
  const out: CriteriaError[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    const described = describe(error, ownerOf(error));
    if (described === null) continue;
    const key = `${described.pointer}\u0000${described.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(described);
  }
  if (out.length === 0) out.push({ pointer: '', message: 'invalid search body' });
  return out;
}
