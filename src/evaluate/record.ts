/**
 * Reading records: what the evaluator sees of one record — a field's elements, the full text behind `any_text`,
 * and which object type the record is.
 *
 * A record is a plain JSON object whose keys are search attribute names (`conversation_status`, `customer_tags`,
 * `customer_custom_tierStr`, …); one record may hold attributes of several objects (a conversation with its
 * customer's `customer_*` attributes). Values are strings, numbers, booleans, arrays of them, ISO date strings for
 * datetimes, or `null`. Keys are untrusted: they are only read as own properties (`Object.hasOwn`), so `__proto__`
 * or `constructor` are ordinary, usually absent, attributes.
 */
import { parseCustomName, resolveField, type FieldCatalog, type FieldInfo } from '../schema/index.js';
import type { Elements } from './atoms.js';

/**
 * The key that names a record's object type, when a data set mixes objects: `"customer"`, `"conversation"`,
 * `"message"`, `"company"`, `"note"`, `"kobject"` or `"kobject_<klass>"` (the `queryContext` values,
 * kustomer-search-api.md §3). See {@link inContext}.
 */
export const recordTypeKey = '_type';

/** True for a value that can be a record (or any JSON object): a non-null object that is not an array. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The record's own value for `name`, or `undefined`. Never reads the prototype chain. */
export function ownValue(record: object, name: string): unknown {
  return Object.hasOwn(record, name) ? (record as Record<string, unknown>)[name] : undefined;
}

/** How deep arrays inside arrays are flattened; deeper elements are ignored (no real attribute nests at all). */
const maxArrayDepth = 8;

/**
 * A value as a list of elements: `null`/`undefined` → none; an array → its elements, nested arrays flattened (to
 * {@link maxArrayDepth} levels), `null`s dropped; anything else → itself. Objects stay elements, which no kind can
 * read, so they count as absent (atoms.ts).
 */
export function elementsOf(value: unknown): unknown[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) return [value];
  const out: unknown[] = [];
  const push = (list: readonly unknown[], depth: number): void => {
    for (const e of list) {
      if (e === null || e === undefined) continue;
      if (Array.isArray(e)) {
        if (depth < maxArrayDepth) push(e, depth + 1);
      } else out.push(e);
    }
  };
  push(value, 1);
  return out;
}

/** The memo of {@link fieldOfKey}: per catalogue, up to {@link maxCachedKeys} keys. */
const keyFields = new WeakMap<FieldCatalog, Map<string, FieldInfo | null>>();
const maxCachedKeys = 10_000;

/**
 * The catalogue's field named `key`, or `null` — `resolveField` without its "did you mean" work on unknown names
 * (memoized per catalogue). For reading record keys, and for names past the problems a report lists.
 */
export function fieldOfKey(catalog: FieldCatalog, key: string): FieldInfo | null {
  let cache = keyFields.get(catalog);
  if (cache === undefined) keyFields.set(catalog, (cache = new Map()));
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  let field = catalog.fields.get(key) ?? null;
  // Not `resolveField` alone: on a name it does not know it computes "did you mean" suggestions (0.2–0.8 ms a key,
  // seconds for a record with 40,000 unknown `*_custom_*` keys). A declared custom attribute is in `fields`; without
  // a list, a well-formed custom name is known, and only then is it resolved (which cannot fail, so suggests nothing).
  if (field === null && catalog.custom === null && key.includes('_custom_') && parseCustomName(key).ok) {
    const r = resolveField(catalog, key);
    field = r.ok ? r.field : null;
  }
  if (cache.size < maxCachedKeys) cache.set(key, field);
  return field;
}

/**
 * The elements `field` has in `record` (see {@link elementsOf}).
 *
 * A full-text attribute (kind `any`: `any_text`, `conversation_any_text`, …) that the record does not hold is
 * derived, as the target derives it from "all text of the object" (kustomer-search-api.md §2.3): the elements of
 * every attribute of kind `string` or `text` (custom `Str`/`Txt`/`Url` attributes included) of the field's object —
 * every object for `any_text` — in key order. Keys that are not attributes (`id`, `_type`) are not text.
 */
export function fieldElements(record: object, field: FieldInfo, catalog: FieldCatalog): Elements {
  const own = ownValue(record, field.name);
  if (field.kind !== 'any' || (own !== undefined && own !== null)) return elementsOf(own);
  const out: unknown[] = [];
  for (const key of Object.keys(record)) {
    if (key === field.name) continue;
    const f = fieldOfKey(catalog, key);
    if (f === null || (f.kind !== 'string' && f.kind !== 'text')) continue;
    if (field.object !== null && f.object !== field.object) continue;
    for (const e of elementsOf((record as Record<string, unknown>)[key])) out.push(e);
  }
  return out;
}

/**
 * True when `record` is searched in `queryContext`. A record whose {@link recordTypeKey} (`_type`) is a string is
 * of that object type: it is searched when the type is the context, or when the context is `kobject` and the type is
 * `kobject` or any `kobject_<klass>`. A record without a string `_type` is searched in every context, so a file of
 * one object type needs no `_type` at all. (Our decision: the target searches one object type per request; the
 * key lets one file hold several, as `examples/data/` does.)
 */
export function inContext(record: object, queryContext: string): boolean {
  const type = ownValue(record, recordTypeKey);
  if (typeof type !== 'string' || type === queryContext) return true;
  return queryContext === 'kobject' && (type === 'kobject' || type.startsWith('kobject_'));
}
