/**
 * Query contexts: the `queryContext` values a search may run in, and suggestions for invalid ones.
 *
 * Source: kustomer-search-api.md §3.
 */
import { klassPattern } from './custom.js';
import { closest, maxSuggestLength } from './suggest.js';
import type { FieldCatalog, ObjectType } from './types.js';

/**
 * The fixed `queryContext` values (kustomer-search-api.md §3): `customer`, `conversation`, `message`, `company`,
 * `note`, `kobject` (all custom objects). `kobject_<klass>` (one custom object class, klass of `[A-Za-z0-9_-]+`) is
 * valid as well: see {@link isValidContext}.
 */
export const queryContexts: readonly string[] = /* @__PURE__ */ Object.freeze([
  'customer',
  'conversation',
  'message',
  'company',
  'note',
  'kobject',
]);

const contextSet: ReadonlySet<string> = /* @__PURE__ */ new Set(queryContexts);

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
