/**
 * Query contexts: the `queryContext` values a search may run in, and suggestions for invalid ones.
 *
 * Sources: kustomer-search-api.md §3 (the contexts seen in docs and code); the OpenAPI schema of the search body,
 * whose `queryContext` pattern is `^(company|customer|message|conversation|conversation_time|note|kobject|kobject_.*|
 * work_session|work_item)$` (kustomer-api-live.md §1c).
 */
import { klassPattern } from './custom.js';
import { closest, maxSuggestLength } from './suggest.js';
import type { FieldCatalog, ObjectType } from './types.js';

/**
 * The fixed `queryContext` values: `customer`, `conversation`, `message`, `company`, `note`, `kobject` (all custom
 * objects; kustomer-search-api.md §3), then the three that only Kustomer's OpenAPI schema names (kustomer-api-live.md
 * §1c; see {@link objectUnknownContexts}): `conversation_time`, `work_session`, `work_item`. `kobject_<klass>` (one
 * custom object class, klass of `[A-Za-z0-9_-]+`) is valid as well: see {@link isValidContext}.
 */
export const queryContexts: readonly string[] = /* @__PURE__ */ Object.freeze([
  'customer',
  'conversation',
  'message',
  'company',
  'note',
  'kobject',
  'conversation_time',
  'work_session',
  'work_item',
]);

/**
 * The contexts whose searched object no source states, so that no attribute is known to belong to them and none is
 * ever inferred from the fields (a query only says them with `context:`); their sort keys are the documented list
 * and the archive list only (sorting.ts).
 * - `conversation_time`: in the OpenAPI pattern (kustomer-api-live.md §1c). Kustomer's doc speaks of
 *   "conversation-time data" with the same two-year window as standard objects (kustomer-search-api.md §0) and the
 *   pagination doc of "conversation times" (api-live §1b), and the standard schema has `conversation_time_*`
 *   attributes (§5.3), but which context those attributes search is not known (§3: "the matching context name isn't
 *   known"), so they stay conversation attributes, as their `conversation_` prefix says.
 * - `work_session`, `work_item`: in the OpenAPI pattern only; no source says what they return or which attributes
 *   they take.
 */
export const objectUnknownContexts: ReadonlySet<string> = /* @__PURE__ */ new Set(['conversation_time', 'work_session', 'work_item']);

const contextSet: ReadonlySet<string> = /* @__PURE__ */ new Set(queryContexts);

/** Whether `value` is a valid `queryContext`: one of {@link queryContexts}, or `kobject_<klass>`. Case-sensitive. */
export function isValidContext(value: string): boolean {
  return contextSet.has(value) || (value.startsWith('kobject_') && klassPattern.test(value.slice(8)));
}

/**
 * Whether a valid context names a klass the catalog does not list: `kobject_<klass>` when `catalog.klasses` is given
 * and lacks `<klass>` (then the context is an error with the org's klasses as suggestions). False otherwise.
 */
export function isUnknownKlassContext(value: string, catalog: FieldCatalog): boolean {
  return value.startsWith('kobject_') && isValidContext(value) && !!catalog.klasses && !catalog.klasses.has(value.slice(8));
}

/**
 * The object type a valid context searches (`kobject` for `kobject_<klass>`); `null` for an invalid context and for
 * the contexts whose object is not known ({@link objectUnknownContexts}).
 */
export function contextObject(queryContext: string): ObjectType | null {
  if (!isValidContext(queryContext) || objectUnknownContexts.has(queryContext)) return null;
  return queryContext.startsWith('kobject') ? 'kobject' : (queryContext as ObjectType);
}

/**
 * Valid contexts close to an invalid `value`, best first, at most 3: a case or separator fix
 * (`Conversation` → `conversation`, `kobject-order` → `kobject_order`), then the nearest of {@link queryContexts}
 * and of the `kobject_<klass>` contexts of the catalog's declared custom objects and klasses (`conversations` →
 * `conversation`, `kobject_ordr` → `kobject_order`).
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
  for (const k of catalog?.klasses?.keys() ?? []) if (!candidates.includes(`kobject_${k}`)) candidates.push(`kobject_${k}`);
  for (const c of closest(value, candidates, 3)) if (!out.includes(c)) out.push(c);
  return out.slice(0, 3);
}
