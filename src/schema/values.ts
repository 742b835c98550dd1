/**
 * Value checking: is a value written in a query acceptable for a field, and what JSON value does it become?
 *
 * The operator kind decides the JSON type (Kustomer Customer Search doc, "Standard Fields JSON Schema": its
 * `operator` keyword), and a standard field's own schema then constrains the value, checked with ajv. Where the
 * schema's JSON type disagrees with the operator kind, the kind wins (kustomer-search-api.md §2.3 "Schema oddities"):
 * - number kind: a number, even for `tracking_events` (schema type string) and `note_attachment_count` (schema
 *   `$ref: user`); the schema is applied only where it is numeric (`conversation_priority`: an integer 1..5);
 * - boolean kind: `true`/`false` (case-insensitive) → a JSON boolean, even for `note_deleted` (`$ref: user`) and for
 *   `message_redacted`, `message_auto`, `conversation_time_*` (schema type string); but a boolean-kind field with an
 *   `enum` (`message_direction`: in/out) takes one of its enum strings, as Kustomer's own examples do
 *   (`{"message_direction": {"equals": "in"}}`, DOCS-RECIPES).
 */
import { closest, maxSuggestLength } from './suggest.js';
import { optionPathSeparator } from './org/options.js';
import { valueValidators, type ValidationError, type Validator } from './generated/valueValidators.js';
import { standardValueSchema } from './standard.js';
import type { FieldInfo } from './types.js';

/**
 * Why a value is not acceptable for a field, as data (the wording is the diagnostic catalogue's,
 * src/diagnostics/catalogue.ts `valueProblemClause`):
 * - `enum`: not one of `allowed` (the field's enum or a custom attribute's `values`);
 * - `unsafeInteger`: an integer past 2^53, which a JSON number cannot carry exactly;
 * - `id`: not a 24-character hex id of `collection` (`unmixed`: 24 hex digits, but the schema's pattern also wants
 *   both digits and letters a-f);
 * - `format`: not an email address; `phone`: not an E.164 phone number;
 * - `number`: outside the field's numeric schema (`integer`: whole numbers only; `min`/`max` inclusive bounds);
 * - `pattern`: does not match the schema's `pattern`; `schema`: another schema failure (`detail`: ajv's message);
 * - `notNumber`: not a JSON number literal (`tooLarge`: a literal out of double range); `notBoolean`: not true/false.
 * `notNumber` is reported as KQ2006, `notBoolean` as KQ2007, the others as KQ2005.
 */
export type ValueProblem =
  | { readonly reason: 'enum'; readonly allowed: readonly (string | number | boolean)[] }
  | { readonly reason: 'unsafeInteger' }
  | { readonly reason: 'id'; readonly collection: string; readonly unmixed: boolean }
  | { readonly reason: 'format'; readonly format: 'email' }
  | { readonly reason: 'phone' }
  | { readonly reason: 'number'; readonly integer: boolean; readonly min?: number; readonly max?: number }
  | { readonly reason: 'pattern'; readonly pattern: string }
  | { readonly reason: 'schema'; readonly detail?: string }
  | { readonly reason: 'notNumber'; readonly tooLarge: boolean }
  | { readonly reason: 'notBoolean' };

/**
 * The result of {@link checkValue}.
 * - `ok`: `value` is what goes into the criteria JSON: a string, a finite number or a boolean;
 * - not `ok`: `problem` says why, as data ({@link ValueProblem}); `suggestions` are replacement values, best first.
 */
export type ValueCheck =
  | { readonly ok: true; readonly value: string | number | boolean }
  | { readonly ok: false; readonly problem: ValueProblem; readonly suggestions?: string[] };

// --- ajv -------------------------------------------------------------------------------------------------------------

/**
 * The validator of a standard field's value schema, or `undefined` for a field `checkValue` does not validate. The
 * validators are compiled ahead of time by ajv's standalone mode (scripts/generate-validators.mjs: `strict: true`, the
 * schema's own `operator`/`collection` keywords, ajv-formats), so no code is generated at run time.
 */
function validatorFor(name: string): Validator | undefined {
  return valueValidators.get(name);
}

// --- Problems --------------------------------------------------------------------------------------------------------

const phonePattern = '^\\+?[1-9]\\d{1,14}$';
const singular: ReadonlyMap<string, string> = new Map([
  ['users', 'user'],
  ['teams', 'team'],
  ['queues', 'queue'],
]);

/** What a standard field's schema expects (for a failed format/pattern/number check); `unmixed` see {@link ValueProblem}. */
function expected(schema: Readonly<Record<string, unknown>>, error: ValidationError | undefined, unmixed = false): ValueProblem {
  const collection = typeof schema['collection'] === 'string' ? singular.get(schema['collection']) : undefined;
  if (collection !== undefined) return { reason: 'id', collection, unmixed };
  if (schema['format'] === 'email') return { reason: 'format', format: 'email' };
  if (schema['pattern'] === phonePattern) return { reason: 'phone' };
  if (schema['type'] === 'number' || schema['type'] === 'integer') {
    const min = schema['minimum'];
    const max = schema['maximum'];
    return {
      reason: 'number',
      integer: schema['type'] === 'integer',
      ...(typeof min === 'number' ? { min } : {}),
      ...(typeof max === 'number' ? { max } : {}),
    };
  }
  if (typeof schema['pattern'] === 'string') return { reason: 'pattern', pattern: schema['pattern'] };
  return error?.message !== undefined ? { reason: 'schema', detail: error.message } : { reason: 'schema' };
}

/** A failed {@link ValueCheck}, without empty `suggestions`. */
function fail(problem: ValueProblem, suggestions: readonly string[] = []): ValueCheck {
  return suggestions.length > 0 ? { ok: false, problem, suggestions: [...suggestions] } : { ok: false, problem };
}

/**
 * A value outside `allowed`, with the closest allowed values as suggestions. With `labels` (an org dropdown tree's
 * leaf id → path, `EMEA › France`), a value whose label or last label segment is `raw` (case-insensitively, or
 * close to it) is suggested first: a query that names an option by its display text gets its id.
 */
function notOneOf(raw: string, allowed: readonly (string | number | boolean)[], labels?: ReadonlyMap<string, string>): ValueCheck {
  const out: string[] = [];
  if (labels !== undefined && raw.length <= maxSuggestLength) {
    const lower = raw.toLowerCase();
    const byText = new Map<string, string[]>();
    for (const [value, label] of labels) {
      for (const text of new Set([label, label.split(optionPathSeparator).pop()!])) {
        const list = byText.get(text) ?? [];
        list.push(value);
        byText.set(text, list);
      }
    }
    for (const [text, values] of byText) if (text.toLowerCase() === lower) out.push(...values);
    for (const text of closest(raw, [...byText.keys()], 3)) out.push(...byText.get(text)!);
  }
  for (const s of closest(raw, allowed)) out.push(s);
  return fail({ reason: 'enum', allowed }, [...new Set(out)].slice(0, 3));
}

// --- Kinds -----------------------------------------------------------------------------------------------------------

const jsonNumber = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** A JSON number literal → a finite number, else `undefined`. */
function parseNumber(raw: string): number | undefined {
  if (!jsonNumber.test(raw)) return undefined;
  const value = Number(raw);
  return Number.isFinite(value) ? value : undefined;
}

/** Likely fixes for a malformed number: `+5` → `5`, `1,000` → `1000`, `.5` → `0.5`, `5.` → `5`. */
function numberFixes(raw: string): string[] {
  if (raw.length > 40) return [];
  let fixed = raw.trim().replace(/^\+/, '').replace(/(?<=\d)[,_](?=\d{3})/g, '');
  fixed = fixed.replace(/^(-?)\./, '$10.').replace(/\.$/, '');
  fixed = fixed.replace(/^(-?)0+(?=\d)/, '$1');
  return fixed !== raw && parseNumber(fixed) !== undefined ? [fixed] : [];
}

function checkNumber(field: FieldInfo, raw: string): ValueCheck {
  const value = parseNumber(raw);
  if (value === undefined) {
    return fail({ reason: 'notNumber', tooLarge: jsonNumber.test(raw) }, numberFixes(raw));
  }
  // A JSON number is a double: an integer past 2^53 would reach Kustomer as a different number.
  if (/^-?\d+$/.test(raw) && !Number.isSafeInteger(value)) {
    return fail({ reason: 'unsafeInteger' });
  }
  if (field.enum !== undefined) {
    return field.enum.includes(value)
      ? { ok: true, value }
      : notOneOf(raw, field.enum);
  }
  if (!field.custom && (field.schemaType === 'number' || field.schemaType === 'integer')) {
    const validate = validatorFor(field.name);
    if (validate !== undefined && !validate(value)) {
      return fail(expected(standardValueSchema(field.name)!, validate.errors?.[0]));
    }
  }
  return { ok: true, value };
}

const truthy: ReadonlySet<string> = new Set(['yes', 'y', 'on', '1', 't']);
const falsy: ReadonlySet<string> = new Set(['no', 'n', 'off', '0', 'f']);

function checkBoolean(field: FieldInfo, raw: string): ValueCheck {
  if (field.enum !== undefined && field.enum.every((v) => typeof v === 'string')) {
    // message_direction: operator kind boolean, values in/out (Standard Fields JSON Schema).
    return field.enum.includes(raw)
      ? { ok: true, value: raw }
      : notOneOf(raw, field.enum);
  }
  const lower = raw.toLowerCase();
  if (lower === 'true' || lower === 'false') {
    const value = lower === 'true';
    if (field.enum !== undefined && !field.enum.includes(value)) {
      return notOneOf(raw, field.enum);
    }
    return { ok: true, value };
  }
  const suggestions = truthy.has(lower) ? ['true'] : falsy.has(lower) ? ['false'] : closest(lower, ['true', 'false']);
  return fail({ reason: 'notBoolean' }, suggestions);
}

/** `+1 (415) 555-0123` → `+14155550123`, when that is a valid phone number. */
function phoneFixes(raw: string): string[] {
  if (raw.length > 40) return [];
  const fixed = raw.replace(/[\s().-]/g, '');
  return fixed !== raw && new RegExp(phonePattern).test(fixed) ? [fixed] : [];
}

function checkString(field: FieldInfo, raw: string): ValueCheck {
  const schema = field.custom ? undefined : standardValueSchema(field.name);
  if (schema === undefined) {
    if (field.enum !== undefined && !field.enum.includes(raw)) {
      return notOneOf(raw, field.enum, field.enumLabels);
    }
    return { ok: true, value: raw };
  }
  // Email addresses are at most 254 characters (RFC 5321); longer input never reaches the format's regex.
  if (schema['format'] === 'email' && raw.length > 254) {
    return fail(expected(schema, undefined));
  }
  const validate = validatorFor(field.name);
  if (validate === undefined) throw new Error(`no generated validator for ${field.name}: run npm run validators`);
  if (validate(raw)) return { ok: true, value: raw };
  const error = validate.errors?.[0];
  if (error?.keyword === 'enum' && Array.isArray(schema['enum'])) {
    return notOneOf(raw, schema['enum'] as (string | number | boolean)[]);
  }
  // The schema's id pattern also wants at least one digit and one letter a-f.
  const unmixed = schema['collection'] !== undefined && /^[A-Fa-f\d]{24}$/.test(raw);
  return fail(expected(schema, error, unmixed), schema['pattern'] === phonePattern ? phoneFixes(raw) : []);
}

/**
 * Checks `raw`, a value as written in a query (quotes and escapes already removed), for a comparison of the whole
 * value (`equals`, `in`, `gt`, … — never `contains`, which callers must not check) and converts it to its JSON value.
 *
 * By the field's operator kind:
 * - `number`: a JSON number literal (`-12`, `1.5`, `1e3`; not `+5`, `0x1`, `.5`, `01`, empty, or out of double
 *   range) → a number (else `notNumber`, KQ2006); then a standard field's own numeric schema (`conversation_priority`: integer
 *   1..5) and a custom attribute's `values` (else KQ2005);
 * - `boolean`: `true`/`false`, any case → a boolean (else `notBoolean`, KQ2007); a field with a string `enum` (`message_direction`)
 *   takes one of those strings instead (else `enum`, KQ2005);
 * - `list`, `string`, `string_notanalyzed`, `text`: the string itself, validated by ajv against a standard field's
 *   own schema (enum, `format: email`, the E.164 phone pattern, the 24-hex user/team/queue id pattern) or checked
 *   against a custom attribute's `values` (else KQ2005, with did-you-mean suggestions for enums);
 * - `any`: the string, unchecked;
 * - `datetime`: **not checked here**: dates are parsed by the date module; this returns the raw string unchanged.
 * Standard fields' constraints come from the Kustomer Customer Search doc, "Standard Fields JSON Schema"
 * (`standard-fields.json`), validated by ajv validators compiled at build time (`strict: true`, ajv-formats;
 * src/schema/generated/valueValidators.js). Never throws.
 */
export function checkValue(field: FieldInfo, raw: string): ValueCheck {
  switch (field.kind) {
    case 'any':
    case 'datetime':
      return { ok: true, value: raw };
    case 'number':
      return checkNumber(field, raw);
    case 'boolean':
      return checkBoolean(field, raw);
    case 'string':
    case 'text':
    case 'list':
    case 'string_notanalyzed':
      return checkString(field, raw);
    default:
      return { ok: true, value: raw };
  }
}
