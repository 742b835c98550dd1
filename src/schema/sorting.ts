/**
 * Sort keys: the attributes Kustomer lists as sortable, the sort-only names among them, and the keys each query
 * context adds.
 *
 * Source: Kustomer Customer Search doc, "Sorting" (kustomer-search-api.md §6.1).
 */
import { contextObject } from './contexts.js';
import { looseKey, unprefixed } from './names.js';
import { isStandardName } from './standard.js';
import { closest, maxSuggestLength } from './suggest.js';

/**
 * The 18 attributes the Kustomer Customer Search doc ("Sorting") lists as sortable, in its order. Four of them are
 * sort-only names, not filterable attributes: see {@link sortOnlyFields}.
 */
export const sortableFields: ReadonlySet<string> = /* @__PURE__ */ new Set([
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
export const sortOnlyFields: ReadonlySet<string> = /* @__PURE__ */ (() =>
  new Set([...sortableFields].filter((name) => !isStandardName(name))))();

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
