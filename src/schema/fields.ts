/**
 * The field catalogue: Kustomer's standard search attributes, the org's custom attributes, name resolution with
 * "did you mean" suggestions, sortable attributes and query contexts.
 *
 * Sources of external facts:
 * - standard attributes, their operator kinds and value schemas: Kustomer Customer Search doc, "Standard Fields JSON
 *   Schema" (copied verbatim into `standard-fields.json`; kustomer-search-api.md §5.3);
 * - custom attribute names: Kustomer Customer Search doc, "Custom Fields on Standard Objects" and "Custom Objects"
 *   (kustomer-search-api.md §5.1–5.2);
 * - sorting: Kustomer Customer Search doc, "Sorting" (kustomer-search-api.md §6.1);
 * - query contexts: kustomer-search-api.md §3.
 *
 * Names typed by users are untrusted: every table here is a `Map` or `Set`, so `__proto__`, `constructor` or
 * `toString` are simply unknown names.
 */
import { fieldKinds, type CustomAttribute, type FieldKind } from '../options.js';
import schema from './standard-fields.json' with { type: 'json' };
import { closest, maxSuggestLength } from './suggest.js';

// --- Types -------------------------------------------------------------------------------------------------------------

/** The Kustomer object types that search attributes belong to (the `<object>_` prefix of a name). */
export type ObjectType = 'customer' | 'company' | 'conversation' | 'message' | 'note' | 'kobject';

/** Every {@link ObjectType}, in the order used to rank suggestions (conversation first: most queries are about them). */
export const objectTypes: readonly ObjectType[] = Object.freeze([
  'conversation',
  'customer',
  'message',
  'company',
  'note',
  'kobject',
]);

/**
 * One searchable attribute.
 * - `name`: the attribute name as sent to Kustomer, e.g. `conversation_status`, `customer_custom_tierStr`;
 * - `kind`: its operator kind (the schema's `operator` keyword, or the custom attribute's suffix / declared type);
 * - `object`: the object type of its name prefix; `null` for `any_text` and `tracking_events`, whose names have no
 *   object prefix and whose object the Kustomer doc does not state;
 * - `context`: the `queryContext` the attribute belongs to: the object type (`conversation`, … ; `kobject` for the
 *   standard `kobject_*` attributes), `kobject_<klass>` for a custom object's attributes, `null` when `object` is;
 * - `custom`: true for custom attributes (`*_custom_*`);
 * - `klass`: the custom object class, for `kobject_custom_<klass>_<name>` attributes only;
 * - `enum`: the allowed values (the schema's `enum`, or a custom attribute's `values`);
 * - `collection`: for id-valued attributes, what the 24-hex ids refer to (the schema's `collection` keyword);
 * - `label`: a display name (custom attributes only);
 * - `schemaType`: the JSON type the schema gives the value (`string`, `number`, `integer`, `boolean`); for `$ref`
 *   attributes, the type of the referenced definition (`string`); absent when the schema gives none (two
 *   `conversation_first_message_*_sent_at` attributes) and for custom attributes.
 */
export interface FieldInfo {
  readonly name: string;
  readonly kind: FieldKind;
  readonly object: ObjectType | null;
  readonly context: string | null;
  readonly custom: boolean;
  readonly klass?: string;
  readonly enum?: readonly (string | number | boolean)[];
  readonly collection?: 'users' | 'teams' | 'queues';
  readonly label?: string;
  readonly schemaType?: string;
}

/**
 * The fields a query may use.
 * - `fields`: every known attribute by exact name: the standard ones and the declared custom attributes;
 * - `custom`: the declared custom attributes by name, or `null` when no list was given; then any well-formed custom
 *   attribute name resolves, with the kind its suffix gives.
 * Build one with {@link createCatalog}; {@link defaultCatalog} has no custom attribute list.
 */
export interface FieldCatalog {
  readonly fields: ReadonlyMap<string, FieldInfo>;
  readonly custom: ReadonlyMap<string, FieldInfo> | null;
}

/** A problem with one custom attribute definition (reported as KQ2019 by the caller). */
export interface CatalogProblem {
  /** The definition's `name` (as text, even when it was not a string). */
  readonly name: string;
  /** What is wrong, as a clause that follows "Invalid custom attribute definition '<name>': ". */
  readonly message: string;
}

// --- Standard fields ---------------------------------------------------------------------------------------------------

/** One property of the standard-fields schema, as far as this module reads it. */
interface PropertySchema {
  readonly type?: string;
  readonly enum?: readonly (string | number | boolean)[];
  readonly format?: string;
  readonly pattern?: string;
  readonly collection?: string;
  readonly operator?: string;
  readonly $ref?: string;
  readonly minimum?: number;
  readonly maximum?: number;
}

const rawSchema = schema as unknown as {
  readonly properties: Readonly<Record<string, PropertySchema>>;
  readonly definitions: Readonly<Record<string, PropertySchema>>;
};

const kinds: ReadonlySet<string> = new Set<string>(fieldKinds);

const objectTypeSet: ReadonlySet<string> = new Set(objectTypes);
const collections: ReadonlySet<string> = new Set(['users', 'teams', 'queues']);

/** The object type named by `name`'s prefix (the text before its first `_`), or `null`. */
function objectOf(name: string): ObjectType | null {
  const cut = name.indexOf('_');
  if (cut <= 0) return null;
  const prefix = name.slice(0, cut);
  return objectTypeSet.has(prefix) ? (prefix as ObjectType) : null;
}

const definitions = new Map<string, PropertySchema>(Object.entries(rawSchema.definitions));

/** A property schema with a local `$ref` (`#/definitions/x`) replaced by the definition it names. */
function resolveRef(property: PropertySchema): PropertySchema {
  if (property.$ref === undefined) return property;
  const match = /^#\/definitions\/([^/]+)$/.exec(property.$ref);
  const target = match ? definitions.get(match[1]!) : undefined;
  if (target === undefined) throw new Error(`standard-fields.json: unresolvable $ref ${property.$ref}`);
  const { $ref: _ref, ...rest } = property;
  return { ...target, ...rest };
}

const valueSchemas = new Map<string, Readonly<Record<string, unknown>>>();

function buildStandardFields(): ReadonlyMap<string, FieldInfo> {
  const out = new Map<string, FieldInfo>();
  for (const [name, property] of Object.entries(rawSchema.properties)) {
    const kind = property.operator;
    if (kind === undefined || !kinds.has(kind)) {
      throw new Error(`standard-fields.json: ${name} has no valid operator kind`);
    }
    const resolved = resolveRef(property);
    valueSchemas.set(name, Object.freeze({ ...resolved }));
    const object = objectOf(name);
    const info: {
      -readonly [K in keyof FieldInfo]: FieldInfo[K];
    } = { name, kind: kind as FieldKind, object, context: object, custom: false };
    if (resolved.enum !== undefined) info.enum = Object.freeze([...resolved.enum]);
    if (resolved.collection !== undefined && collections.has(resolved.collection)) {
      info.collection = resolved.collection as 'users' | 'teams' | 'queues';
    }
    if (resolved.type !== undefined) info.schemaType = resolved.type;
    out.set(name, Object.freeze(info));
  }
  return out;
}

/**
 * The 184 standard search attributes by name, built from the Kustomer Customer Search doc's "Standard Fields JSON
 * Schema" (`standard-fields.json`). `object`/`context` come from the name prefix: `conversation_time_*` belong to
 * `conversation`, `kobject_*` to `kobject`; `any_text` and `tracking_events` have neither (`null`).
 */
export const standardFields: ReadonlyMap<string, FieldInfo> = buildStandardFields();

/**
 * The value schema of a standard attribute: its property in `standard-fields.json` with a `$ref` to
 * `#/definitions/user` inlined (so it compiles on its own); `undefined` for other names. Used by `values.ts`.
 */
export function standardValueSchema(name: string): Readonly<Record<string, unknown>> | undefined {
  return valueSchemas.get(name);
}

// --- Custom attribute names ----------------------------------------------------------------------------------------

/** A custom attribute type suffix (Kustomer custom attributes doc; kustomer-search-api.md §5.1). */
export type CustomSuffix = 'Str' | 'Txt' | 'Num' | 'At' | 'Bool' | 'Url' | 'Id';

/**
 * The operator kind each custom attribute suffix gives: Str→string, Txt→text, Num→number, At→datetime,
 * Bool→boolean, Url→string, Id→string_notanalyzed. The suffixes are documented by Kustomer (custom attributes doc);
 * the kinds are this package's reading of them (kustomer-search-api.md §5.1, marked [I] there).
 */
export const customSuffixKinds: ReadonlyMap<CustomSuffix, FieldKind> = new Map<CustomSuffix, FieldKind>([
  ['Str', 'string'],
  ['Txt', 'text'],
  ['Num', 'number'],
  ['At', 'datetime'],
  ['Bool', 'boolean'],
  ['Url', 'string'],
  ['Id', 'string_notanalyzed'],
]);

const suffixList = 'Str, Txt, Num, At, Bool, Url, Id';
const customPrefix = /^(customer|company|conversation|message|note|kobject)_custom_/;
const klassPattern = /^[A-Za-z0-9_-]+$/;
const attributeNamePattern = /^[A-Za-z0-9]+$/;

/** The result of {@link parseCustomName}. */
export type CustomNameParse =
  | {
      readonly ok: true;
      readonly object: ObjectType;
      readonly klass?: string;
      /** The attribute name without its suffix, e.g. `tier` for `customer_custom_tierStr`. */
      readonly base: string;
      readonly suffix: CustomSuffix;
      readonly kind: FieldKind;
    }
  | {
      readonly ok: false;
      /** `suffix`: the name's shape is right but it has no valid type suffix; `shape`: anything else. */
      readonly reason: 'suffix' | 'shape';
      /** A clause that follows "Custom attribute '<name>' ", e.g. "has no type suffix; end it with one of …". */
      readonly message: string;
      /** Corrected names, best first (possibly none). */
      readonly suggestions: string[];
    };

/** Hints for a wrong suffix: the last camelCase word (lower-cased) → the suffix, replacing the word or appended. */
const suffixHints = new Map<string, { suffix: CustomSuffix; append: boolean }>([
  ['string', { suffix: 'Str', append: false }],
  ['str', { suffix: 'Str', append: false }],
  ['text', { suffix: 'Txt', append: false }],
  ['txt', { suffix: 'Txt', append: false }],
  ['number', { suffix: 'Num', append: false }],
  ['num', { suffix: 'Num', append: false }],
  ['integer', { suffix: 'Num', append: false }],
  ['int', { suffix: 'Num', append: false }],
  ['float', { suffix: 'Num', append: false }],
  ['boolean', { suffix: 'Bool', append: false }],
  ['bool', { suffix: 'Bool', append: false }],
  ['url', { suffix: 'Url', append: false }],
  ['uri', { suffix: 'Url', append: false }],
  ['link', { suffix: 'Url', append: false }],
  ['id', { suffix: 'Id', append: false }],
  ['at', { suffix: 'At', append: false }],
  ['date', { suffix: 'At', append: true }],
  ['time', { suffix: 'At', append: true }],
  ['datetime', { suffix: 'At', append: true }],
  ['timestamp', { suffix: 'At', append: true }],
]);

/** Lower-case endings recognised in an all-lower-case attribute name (`tierstr` → `tierStr`). */
const lowercaseEndings: ReadonlyArray<[string, CustomSuffix]> = [
  ['string', 'Str'],
  ['number', 'Num'],
  ['boolean', 'Bool'],
  ['bool', 'Bool'],
  ['str', 'Str'],
  ['txt', 'Txt'],
  ['num', 'Num'],
  ['url', 'Url'],
];

/** Names of the attribute part with a corrected suffix (`tierString` → `tierStr`), best first. */
function suffixFixes(field: string): string[] {
  const word = /(?:[A-Z][a-z0-9]*|[A-Z]+)$/.exec(field)?.[0];
  if (word !== undefined && word.length < field.length) {
    const hint = suffixHints.get(word.toLowerCase());
    if (hint !== undefined) {
      const stem = field.slice(0, field.length - word.length);
      return [hint.append ? field + hint.suffix : stem + hint.suffix];
    }
    return [];
  }
  const lower = field.toLowerCase();
  for (const [ending, suffix] of lowercaseEndings) {
    if (lower.endsWith(ending) && field.length > ending.length) {
      return [field.slice(0, field.length - ending.length) + suffix];
    }
  }
  return [];
}

/** `my_field-name` → `myFieldName`. */
function camelize(text: string): string {
  return text
    .split(/[_-]+/)
    .filter((part) => part.length > 0)
    .map((part, i) => (i === 0 ? part : part[0]!.toUpperCase() + part.slice(1)))
    .join('');
}

/**
 * Parses a custom attribute name (Kustomer Customer Search doc, "Custom Fields on Standard Objects" and "Custom
 * Objects"): `<customer|company|conversation|message|note>_custom_<name><Suffix>` or
 * `kobject_custom_<klass>_<name><Suffix>`.
 * - `<klass>` is non-empty, of `[A-Za-z0-9_-]`; it ends at the name's last `_` (klass names may hold `_` and `-`:
 *   `kobject_custom_ecomm-order_totalNum` has klass `ecomm-order`);
 * - `<name><Suffix>` is of `[A-Za-z0-9]` (camelCase, no `_`), `<name>` non-empty, `<Suffix>` one of
 *   {@link customSuffixKinds}'s keys, matched case-sensitively.
 * Never throws. On failure, `message` reads after "Custom attribute '<name>' " and `suggestions` holds corrected
 * names when a likely fix exists (`tierString` → `tierStr`, `tierstr` → `tierStr`, `my_fieldStr` → `myFieldStr`).
 */
export function parseCustomName(name: string): CustomNameParse {
  const match = customPrefix.exec(name);
  if (match === null) {
    const suggestions: string[] = [];
    const loose = /^([A-Za-z]+)_custom_/i.exec(name);
    if (loose !== null && name.length <= maxSuggestLength) {
      const fixed = loose[0].toLowerCase() + name.slice(loose[0].length);
      if (fixed !== name && customPrefix.test(fixed)) {
        const again = parseCustomName(fixed);
        if (again.ok) suggestions.push(fixed);
        else suggestions.push(...again.suggestions);
      }
    }
    return {
      ok: false,
      reason: 'shape',
      message:
        'is not a custom attribute name: custom attributes are named <object>_custom_<name><Suffix> ' +
        '(object: customer, company, conversation, message or note) or kobject_custom_<klass>_<name><Suffix>',
      suggestions: suggestions.slice(0, 3),
    };
  }
  const object = match[1] as ObjectType;
  const prefix = match[0];
  const rest = name.slice(prefix.length);
  let klass: string | undefined;
  let field = rest;
  if (object === 'kobject') {
    const cut = rest.lastIndexOf('_');
    if (cut <= 0) {
      return {
        ok: false,
        reason: 'shape',
        message:
          'names no custom object class: write kobject_custom_<klass>_<name><Suffix>, e.g. kobject_custom_order_totalNum',
        suggestions: [],
      };
    }
    klass = rest.slice(0, cut);
    field = rest.slice(cut + 1);
    if (!klassPattern.test(klass)) {
      return {
        ok: false,
        reason: 'shape',
        message: "has a custom object class with characters other than letters, digits, '-' and '_'",
        suggestions: [],
      };
    }
  }
  const head = klass === undefined ? prefix : `${prefix}${klass}_`;
  if (field.length === 0) {
    return {
      ok: false,
      reason: 'shape',
      message: `has no attribute name after '${head}': write ${head}<name><Suffix>, e.g. ${head}tierStr`,
      suggestions: [],
    };
  }
  if (!attributeNamePattern.test(field)) {
    const suggestions: string[] = [];
    if (klass === undefined && name.length <= maxSuggestLength && /^[A-Za-z0-9_-]+$/.test(field)) {
      const fixed = head + camelize(field);
      const again = parseCustomName(fixed);
      if (again.ok) suggestions.push(fixed);
      else suggestions.push(...again.suggestions);
    }
    return {
      ok: false,
      reason: 'shape',
      message:
        'has characters other than letters and digits in its attribute name: ' +
        `custom attribute names are camelCase, e.g. ${head}tierStr`,
      suggestions,
    };
  }
  for (const [suffix, kind] of customSuffixKinds) {
    if (field.endsWith(suffix)) {
      if (field.length === suffix.length) {
        return {
          ok: false,
          reason: 'shape',
          message: `has a type suffix but no name before it: write ${head}<name>${suffix}`,
          suggestions: [],
        };
      }
      const base = field.slice(0, field.length - suffix.length);
      return klass === undefined
        ? { ok: true, object, base, suffix, kind }
        : { ok: true, object, klass, base, suffix, kind };
    }
  }
  const word = /(?:[A-Z][a-z0-9]*|[A-Z]+)$/.exec(field)?.[0];
  const message =
    word !== undefined && word.length < field.length && word.length <= 20
      ? `ends in '${word}', which is not a type suffix; end it with one of ${suffixList}`
      : `has no type suffix; end it with one of ${suffixList}`;
  const suggestions = name.length <= maxSuggestLength ? suffixFixes(field).map((f) => head + f) : [];
  return { ok: false, reason: 'suffix', message, suggestions };
}

/** A custom attribute's {@link FieldInfo} from its parsed name. */
function customField(
  name: string,
  parsed: Extract<CustomNameParse, { ok: true }>,
  kind: FieldKind,
  values?: readonly (string | number | boolean)[],
  label?: string,
): FieldInfo {
  const info: { -readonly [K in keyof FieldInfo]: FieldInfo[K] } = {
    name,
    kind,
    object: parsed.object,
    context: parsed.klass === undefined ? parsed.object : `kobject_${parsed.klass}`,
    custom: true,
  };
  if (parsed.klass !== undefined) info.klass = parsed.klass;
  if (values !== undefined) info.enum = Object.freeze([...values]);
  if (label !== undefined) info.label = label;
  return Object.freeze(info);
}

// --- Catalogs ------------------------------------------------------------------------------------------------------

/** The operator kinds whose values are strings. */
const stringKinds: ReadonlySet<FieldKind> = new Set<FieldKind>(['string', 'text', 'list', 'string_notanalyzed']);

/** Whether a declared `type` fits a suffix's kind: same kind, or both string-valued (a dropdown Str is `list`). */
function compatibleKinds(declared: FieldKind, fromSuffix: FieldKind): boolean {
  return declared === fromSuffix || (stringKinds.has(declared) && stringKinds.has(fromSuffix));
}

/** Whether `value` has the JSON type values of `kind` have. */
function valueFitsKind(value: unknown, kind: FieldKind): boolean {
  if (kind === 'number') return typeof value === 'number' && Number.isFinite(value);
  if (kind === 'boolean') return typeof value === 'boolean';
  return typeof value === 'string';
}

/** Text for a definition's name in a problem, whatever it was. */
function nameText(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** The catalog with no custom attribute list: standard fields, and any well-formed custom name resolves. */
export const defaultCatalog: FieldCatalog = Object.freeze({ fields: standardFields, custom: null });

/**
 * Builds the catalog a query is checked against.
 *
 * Without `customAttributes` (undefined), returns the cached {@link defaultCatalog}: any well-formed custom name
 * then resolves with the kind its suffix gives. With a list (even an empty one), exactly the listed custom
 * attributes exist; other custom names are KQ2003 in {@link resolveField}.
 *
 * Each definition is checked; a bad one goes to `problems` (reported by callers as KQ2019) and:
 * - a `name` that is not a string or not a well-formed custom attribute name ({@link parseCustomName}): the
 *   definition is skipped;
 * - a second definition of the same name: skipped, the first one is kept;
 * - a `type` that is not a FieldKind, or conflicts with the suffix: **the suffix wins** (Kustomer types custom
 *   attributes by their suffix: custom attributes doc), the definition is kept with the suffix's kind. A declared
 *   type is used when it is compatible: the suffix's own kind, or any string-valued kind (`string`, `text`, `list`,
 *   `string_notanalyzed`) for Str/Txt/Url/Id, e.g. `list` for a dropdown Str attribute;
 * - `values` that are not a non-empty array of values of the attribute's JSON type (numbers for number, booleans
 *   for boolean, strings otherwise): the values are dropped, the definition is kept;
 * - a `label` that is not a string: the label is dropped.
 * Never throws, whatever `customAttributes` holds at run time.
 */
export function createCatalog(customAttributes?: readonly CustomAttribute[]): {
  catalog: FieldCatalog;
  problems: CatalogProblem[];
} {
  if (customAttributes === undefined) return { catalog: defaultCatalog, problems: [] };
  const problems: CatalogProblem[] = [];
  const fields = new Map<string, FieldInfo>(standardFields);
  const custom = new Map<string, FieldInfo>();
  const list: readonly unknown[] = Array.isArray(customAttributes) ? customAttributes : [];
  if (!Array.isArray(customAttributes)) {
    problems.push({ name: '', message: 'the custom attributes must be a list' });
  }
  for (const entry of list) {
    if (typeof entry !== 'object' || entry === null) {
      problems.push({ name: nameText(entry), message: 'a definition must be an object with a name' });
      continue;
    }
    const def = entry as { name?: unknown; type?: unknown; values?: unknown; label?: unknown };
    if (typeof def.name !== 'string') {
      problems.push({ name: nameText(def.name), message: 'the name must be a string' });
      continue;
    }
    const name = def.name;
    const parsed = parseCustomName(name);
    if (!parsed.ok) {
      const hint = parsed.suggestions.length > 0 ? ` (did you mean ${parsed.suggestions.join(', ')}?)` : '';
      problems.push({ name: nameText(name), message: `the name ${parsed.message}${hint}` });
      continue;
    }
    if (custom.has(name)) {
      problems.push({ name, message: 'it is defined more than once; the first definition is used' });
      continue;
    }
    let kind = parsed.kind;
    if (def.type !== undefined) {
      if (typeof def.type !== 'string' || !kinds.has(def.type)) {
        problems.push({
          name,
          message:
            `type '${nameText(def.type)}' is not one of ${fieldKinds.join(', ')}; ` +
            `using ${parsed.kind} from the ${parsed.suffix} suffix`,
        });
      } else if (!compatibleKinds(def.type as FieldKind, parsed.kind)) {
        problems.push({
          name,
          message:
            `type '${def.type}' conflicts with its ${parsed.suffix} suffix, ` +
            `which means ${parsed.kind}; using ${parsed.kind}`,
        });
      } else {
        kind = def.type as FieldKind;
      }
    }
    let values: readonly (string | number | boolean)[] | undefined;
    if (def.values !== undefined) {
      if (!Array.isArray(def.values) || def.values.length === 0) {
        problems.push({ name, message: 'values must be a non-empty list; ignoring them' });
      } else if (!def.values.every((v: unknown) => valueFitsKind(v, kind))) {
        const expected = kind === 'number' ? 'numbers' : kind === 'boolean' ? 'true or false' : 'strings';
        problems.push({ name, message: `values of a ${kind} attribute must be ${expected}; ignoring them` });
      } else {
        values = def.values as (string | number | boolean)[];
      }
    }
    let label: string | undefined;
    if (def.label !== undefined) {
      if (typeof def.label === 'string') label = def.label;
      else problems.push({ name, message: 'the label must be a string; ignoring it' });
    }
    const info = customField(name, parsed, kind, values, label);
    custom.set(name, info);
    fields.set(name, info);
  }
  return { catalog: Object.freeze({ fields, custom }), problems };
}

// --- Resolution and suggestions --------------------------------------------------------------------------------------

/** The result of {@link resolveField}. */
export type ResolveResult =
  | { readonly ok: true; readonly field: FieldInfo }
  | {
      readonly ok: false;
      /** KQ2001 unknown field; KQ2002 malformed custom attribute name; KQ2003 custom attribute not in the list. */
      readonly code: 'KQ2001' | 'KQ2002' | 'KQ2003';
      /**
       * KQ2002: the clause for the catalogue template ("has no type suffix; end it with one of …");
       * KQ2001/KQ2003: an explanatory sentence, usable as help.
       */
      readonly detail: string;
      /** Names to use instead, best first, at most 3. */
      readonly suggestions: string[];
    };

/** `createdAt`, `created-at`, `Created_At` → `createdat`: a name's letters and digits, lower-cased. */
function looseKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The part of a name after its object prefix (and `custom_`, and a kobject klass). */
function unprefixed(name: string): string | null {
  const parsed = customPrefix.exec(name);
  if (parsed !== null) {
    const rest = name.slice(parsed[0].length);
    return parsed[1] === 'kobject' ? rest.slice(rest.lastIndexOf('_') + 1) : rest;
  }
  const object = objectOf(name);
  return object === null ? null : name.slice(object.length + 1);
}

const objectRank = new Map<string, number>(objectTypes.map((o, i) => [o, i]));

/** Lookup tables for suggestions over one catalog, built on first use. */
interface SuggestIndex {
  /** All names, ordered by object rank, then catalog order. */
  readonly names: readonly string[];
  /** looseKey(name) → names. */
  readonly loose: ReadonlyMap<string, readonly string[]>;
  /** looseKey(name without its object prefix) → names. */
  readonly bare: ReadonlyMap<string, readonly string[]>;
}

const indexes = new WeakMap<FieldCatalog, SuggestIndex>();

function push(map: Map<string, string[]>, key: string, name: string): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [name]);
  else if (!list.includes(name)) list.push(name);
}

function suggestIndex(catalog: FieldCatalog): SuggestIndex {
  let index = indexes.get(catalog);
  if (index !== undefined) return index;
  const rank = (name: string): number => objectRank.get(objectOf(name) ?? '') ?? objectTypes.length;
  const names = [...catalog.fields.keys()]
    .map((name, order) => ({ name, order }))
    .sort((a, b) => rank(a.name) - rank(b.name) || a.order - b.order)
    .map((e) => e.name);
  const loose = new Map<string, string[]>();
  const bare = new Map<string, string[]>();
  for (const name of names) {
    push(loose, looseKey(name), name);
    const rest = unprefixed(name);
    if (rest !== null && rest.length > 0) push(bare, looseKey(rest), name);
  }
  index = { names, loose, bare };
  indexes.set(catalog, index);
  return index;
}

/** Names in `catalog` like `name`, best first, at most `max`: same letters, then without prefix, then edit distance. */
function nameSuggestions(catalog: FieldCatalog, name: string, max = 3): string[] {
  if (name.length === 0 || name.length > maxSuggestLength) return [];
  const index = suggestIndex(catalog);
  const out: string[] = [];
  const add = (candidates: readonly string[] | undefined): void => {
    for (const c of candidates ?? []) if (c !== name && !out.includes(c)) out.push(c);
  };
  const key = looseKey(name);
  add(index.loose.get(key));
  add(index.bare.get(key));
  add(closest(name, index.names, max));
  return out.slice(0, max);
}

/** Up to `max` names from `names`, with "…" and the count of the rest. */
function listSome(names: readonly string[], max = 5): string {
  return names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')}, … (${names.length - max} more)`;
}

/**
 * Looks up a field name as written in a query.
 * - a standard attribute or a declared custom attribute: `ok`;
 * - a well-formed custom attribute name ({@link parseCustomName}) when the catalog has no custom attribute list:
 *   `ok`, with the kind its suffix gives;
 * - a name that starts like a custom attribute (`<object>_custom_`) but is malformed (no or unknown type suffix,
 *   missing klass, …): KQ2002, `detail` says what is wrong and names the valid suffixes;
 * - a well-formed custom attribute name missing from the catalog's list: KQ2003, with the closest listed names;
 * - anything else: KQ2001. Suggestions, best first, at most 3: the same name spelled differently (`createdAt`,
 *   `Conversation-Status`), the name with an object prefix (`status` → `conversation_status`, `customer_status`,
 *   `message_status`), then names within a small case-insensitive Damerau–Levenshtein distance
 *   (`conversation_statu` → `conversation_status`). Sort-only names (`customer_done`, …) are never suggested, and
 *   using one as a filter says it can only sort.
 * Exact and case-sensitive. Never throws; names over 100 characters get no suggestions.
 */
export function resolveField(catalog: FieldCatalog, name: string): ResolveResult {
  const known = catalog.fields.get(name);
  if (known !== undefined) return { ok: true, field: known };

  if (customPrefix.test(name)) {
    const parsed = parseCustomName(name);
    if (!parsed.ok) {
      const suggestions =
        catalog.custom === null
          ? parsed.suggestions.slice(0, 3)
          : customSuggestions(catalog, catalog.custom, name, parsed.suggestions);
      return { ok: false, code: 'KQ2002', detail: parsed.message, suggestions };
    }
    if (catalog.custom === null) return { ok: true, field: customField(name, parsed, parsed.kind) };
    const scope = parsed.klass === undefined ? parsed.object : `kobject_${parsed.klass}`;
    const siblings = [...catalog.custom.values()]
      .filter((f) => f.object === parsed.object && f.klass === parsed.klass)
      .map((f) => f.name);
    const detail =
      siblings.length === 0
        ? `There are no ${scope} custom attributes in the list.`
        : `Known ${scope} custom attributes: ${listSome(siblings)}.`;
    return {
      ok: false,
      code: 'KQ2003',
      detail,
      suggestions: customSuggestions(catalog, catalog.custom, name, []),
    };
  }

  const suggestions = nameSuggestions(catalog, name);
  if (/^[A-Za-z]+_custom_/i.test(name)) {
    // `Customer_Custom_tierStr`: offer the name with its prefix fixed.
    const parsed = parseCustomName(name);
    const fixes = parsed.ok ? [] : parsed.suggestions;
    const usable = catalog.custom === null ? fixes : fixes.filter((f) => catalog.custom!.has(f));
    suggestions.unshift(...usable.filter((f) => !suggestions.includes(f)));
    suggestions.splice(3);
  }
  const detail = sortOnlyFields.has(name)
    ? `'${name}' can only be used to sort (sort:${name}), not to filter.`
    : "It is not a standard Kustomer attribute; 'kq fields' lists them.";
  return { ok: false, code: 'KQ2001', detail, suggestions };
}

/** Listed custom attributes close to `name` (parse suggestions that are listed first). */
function customSuggestions(
  catalog: FieldCatalog,
  custom: ReadonlyMap<string, FieldInfo>,
  name: string,
  fixes: readonly string[],
): string[] {
  const out = fixes.filter((f) => custom.has(f));
  for (const s of nameSuggestions(catalog, name, 6)) {
    if (custom.has(s) && !out.includes(s)) out.push(s);
  }
  return out.slice(0, 3);
}

// --- Listing -------------------------------------------------------------------------------------------------------------

/** Case-insensitive glob match: `*` any run of characters, `?` one character. O(|pattern|·|text|) at worst. */
function globMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === text[t])) {
      p++;
      t++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = t;
    } else if (star !== -1) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/**
 * The catalog's fields (standard and declared custom attributes) whose name or label matches `pattern`, sorted by
 * name (code-unit order). `pattern` is case-insensitive: with `*` or `?` it is a glob over the whole name
 * (`conversation_*_at`), otherwise a substring (`status`). No pattern (or an empty one) lists every field.
 * For 'kq fields'.
 */
export function listFields(catalog: FieldCatalog = defaultCatalog, pattern?: string): FieldInfo[] {
  const all = [...catalog.fields.values()];
  let matches = all;
  if (pattern !== undefined && pattern.length > 0) {
    const lower = pattern.toLowerCase().replace(/\*+/g, '*');
    const glob = /[*?]/.test(lower);
    const test = (text: string): boolean => {
      const t = text.toLowerCase();
      return glob ? globMatch(lower, t) : t.includes(lower);
    };
    matches = all.filter((f) => test(f.name) || (f.label !== undefined && test(f.label)));
  }
  return matches.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

// --- Sorting ---------------------------------------------------------------------------------------------------------

/**
 * The 18 attributes the Kustomer Customer Search doc ("Sorting") lists as sortable, in its order. Four of them are
 * sort-only names, not filterable attributes: see {@link sortOnlyFields}.
 */
export const sortableFields: ReadonlySet<string> = new Set([
  'customer_name',
  'customer_gender',
  'customer_created_at',
  'customer_updated_at',
  'customer_modified_at',
  'customer_externalId',
  'customer_activity_at',
  'customer_last_seen_at',
  'customer_signed_up_at',
  'customer_lastmessage_preview',
  'customer_progressive_status',
  'customer_done',
  'customer_open',
  'customer_snoozed',
  'customer_last_message_sent_at',
  'customer_last_message_out_sent_at',
  'customer_last_message_unresponded_to_sent_at',
  'customer_last_message_at',
]);

/** The sortable names that are not in the standard-fields schema, so cannot be filtered on (Kustomer "Sorting"). */
export const sortOnlyFields: ReadonlySet<string> = new Set(
  [...sortableFields].filter((name) => !standardFields.has(name)),
);

/**
 * The sort keys a query context adds: `<object>_created_at` and `<object>_updated_at` of its object type
 * (`kobject_created_at`/`kobject_updated_at` for `kobject` and `kobject_<klass>`); none for an invalid context.
 * Not in the doc's list, but used by public Kustomer clients (singer/Meltano taps sort by `conversation_updated_at`,
 * `company_updated_at`, `kobject_updated_at`, …; kustomer-search-api.md §6.1).
 */
export function contextSortFields(queryContext: string): string[] {
  const object = contextObject(queryContext);
  return object === null ? [] : [`${object}_created_at`, `${object}_updated_at`];
}

/**
 * Whether `name` can be a sort key in `queryContext`: one of {@link sortableFields}, or one of the context's own
 * {@link contextSortFields}.
 */
export function isSortable(name: string, queryContext: string): boolean {
  return sortableFields.has(name) || contextSortFields(queryContext).includes(name);
}

/** Sortable names (for `queryContext`) like `name`, best first, at most 3: same letters first, then edit distance. */
export function sortSuggestions(name: string, queryContext: string): string[] {
  if (name.length === 0 || name.length > maxSuggestLength) return [];
  const candidates = [...contextSortFields(queryContext), ...sortableFields];
  const key = looseKey(name);
  const out: string[] = [];
  for (const c of candidates) {
    const rest = unprefixed(c);
    if ((looseKey(c) === key || (rest !== null && looseKey(rest) === key)) && c !== name && !out.includes(c)) {
      out.push(c);
    }
  }
  for (const c of closest(name, candidates, 3)) if (!out.includes(c)) out.push(c);
  return out.slice(0, 3);
}

// --- Query contexts --------------------------------------------------------------------------------------------------

/**
 * The fixed `queryContext` values (kustomer-search-api.md §3): `customer`, `conversation`, `message`, `company`,
 * `note`, `kobject` (all custom objects). `kobject_<klass>` (one custom object class, klass of `[A-Za-z0-9_-]+`) is
 * valid as well: see {@link isValidContext}.
 */
export const queryContexts: readonly string[] = Object.freeze([
  'customer',
  'conversation',
  'message',
  'company',
  'note',
  'kobject',
]);

const contextSet: ReadonlySet<string> = new Set(queryContexts);

/** Whether `value` is a valid `queryContext`: one of {@link queryContexts}, or `kobject_<klass>`. Case-sensitive. */
export function isValidContext(value: string): boolean {
  return contextSet.has(value) || (value.startsWith('kobject_') && klassPattern.test(value.slice(8)));
}

/** The object type a valid context searches (`kobject` for `kobject_<klass>`), else `null`. */
export function contextObject(queryContext: string): ObjectType | null {
  if (!isValidContext(queryContext)) return null;
  return queryContext.startsWith('kobject') ? 'kobject' : (queryContext as ObjectType);
}

/**
 * Valid contexts close to an invalid `value`, best first, at most 3: a case or separator fix
 * (`Conversation` → `conversation`, `kobject-order` → `kobject_order`), then the nearest of {@link queryContexts}
 * and of the `kobject_<klass>` contexts of the catalog's declared custom objects (`conversations` → `conversation`).
 */
export function contextSuggestions(value: string, catalog?: FieldCatalog): string[] {
  if (value.length === 0 || value.length > maxSuggestLength) return [];
  const out: string[] = [];
  const lower = value.toLowerCase();
  if (contextSet.has(lower) && lower !== value) out.push(lower);
  const klassy = /^kobjects?[-_:./ ]+(.+)$/i.exec(value);
  if (klassy !== null && klassPattern.test(klassy[1]!)) {
    const fixed = `kobject_${klassy[1]!}`;
    if (fixed !== value) out.push(fixed);
  }
  const candidates = [...queryContexts];
  for (const f of catalog?.custom?.values() ?? []) {
    if (f.context !== null && !candidates.includes(f.context)) candidates.push(f.context);
  }
  for (const c of closest(value, candidates, 3)) if (!out.includes(c)) out.push(c);
  return out.slice(0, 3);
}
