/**
 * Sort keys: the attributes Kustomer lists as sortable, the sort-only names among them, the keys each query
 * context adds, and the other keys there is evidence for.
 *
 * Sources: Kustomer Customer Search doc, "Sorting" (kustomer-search-api.md §6.1); the archive search doc's sortable
 * list (§6.1; kustomer-api-live.md §1c); working integrations (§6.1, §1.2).
 */
import { contextObject } from './contexts.js';
import { looseKey, unprefixed } from './names.js';
import { isStandardName } from './standard.js';
import { closest, maxSuggestLength } from './suggest.js';
import type { FieldInfo } from './types.js';

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
  if (sortableFields.has(name)) return true;
  // contextSortFields(queryContext).includes(name), without building the two names.
  if (!name.endsWith('_created_at') && !name.endsWith('_updated_at')) return false;
  const object = contextObject(queryContext);
  return object !== null && name.length === object.length + '_created_at'.length && name.startsWith(object);
}

/** Sortable names (for `queryContext`) like `name`, best first, at most 3: same letters first, then edit distance. */
export function sortSuggestions(name: string, queryContext: string): string[] {
  if (name.length === 0 || name.length > maxSuggestLength) return [];
  const candidates = [...contextSortFields(queryContext), ...sortableFields];
  const key = looseKey(name);
  const out: string[] = [];
  // A direction written another way (`-customer_name`, `customer_name:desc`): the key with the language's suffix.
  const written = /^-(.+)$/.exec(name) ?? /^(.+?)[:.](asc|desc)$/i.exec(name);
  if (written !== null && candidates.includes(written[1]!)) {
    out.push(`${written[1]}-${written[2] === undefined ? 'desc' : written[2].toLowerCase()}`);
  }
  for (const c of candidates) {
    const rest = unprefixed(c);
    if ((looseKey(c) === key || (rest !== null && looseKey(rest) === key)) && c !== name && !out.includes(c)) {
      out.push(c);
    }
  }
  for (const c of closest(name, candidates, 3)) if (!out.includes(c)) out.push(c);
  return out.slice(0, 3);
}

/**
 * The archive search endpoint's sortable list (`POST /v1/customers/archive/search`), in the doc's order, without its
 * two patterns (see {@link archiveSortPattern}). Source: the Kustomer archive search doc (LarisLab/kustomer-client
 * `sdk.gen.ts` `customerArchiveSearch`), as listed in kustomer-search-api.md §6.1 and kustomer-api-live.md §1c.
 */
export const archiveSortFields: ReadonlySet<string> = /* @__PURE__ */ new Set([
  'conversation_created_at',
  'conversation_updated_at',
  'conversation_customer_id',
  'conversation_deleted',
  'customer_companyId',
  'customer_created_at',
  'customer_updated_at',
  'customer_deleted',
  'message_id',
  'message_created_at',
  'message_updated_at',
  'kobject_created_at',
  'kobject_updated_at',
  'company_created_at',
  'company_updated_at',
]);

/** The archive doc's sortable patterns `^kobject.*_created_at$` and `^kobject.*_updated_at$` (§6.1). */
const archiveSortPattern = /^kobject.*_(?:created|updated)_at$/;

/**
 * Cross-object sort keys seen in working integrations, by query context: a conversation search sorted by
 * `conversation_last_done_created_at`, a message search sorted by `conversation_updated_at` (kustomer-search-api.md
 * §6.1 and §1.2: casper12340/Kustomer-Agent-Performance-Tool-Copy `main.py`, bodies with `"queryContext":
 * "conversation"` / `"message"` and those sorts).
 */
const integrationSorts: ReadonlyMap<string, ReadonlySet<string>> = /* @__PURE__ */ new Map([
  ['conversation', new Set(['conversation_last_done_created_at'])],
  ['message', new Set(['conversation_updated_at'])],
]);

/** Field kinds that sort by an order of their own: instants, numbers and keywords (exact strings). */
const orderedKinds: ReadonlySet<string> = /* @__PURE__ */ new Set(['datetime', 'number', 'string_notanalyzed']);

/**
 * Why a sort key that is not {@link isSortable} may still work, as words that finish "Kustomer's search doc does not
 * list 'x' as sortable; …", or `null` when there is no evidence (an unknown name, or a text/list/boolean attribute of
 * another object). Checked in order:
 * 1. a cross-object sort seen in a working integration for this context ({@link integrationSorts});
 * 2. the archive endpoint's sortable list ({@link archiveSortFields}, and its `kobject…_created_at/_updated_at`
 *    patterns);
 * 3. `field`, the attribute `name` resolves to (when it does), is a datetime, number or keyword
 *    (`string_notanalyzed`) attribute of the object the context searches — the doc says "Sorting based on other
 *    standard Object attributes is unavailable", yet working integrations sort by attributes of the searched object
 *    that are not in the list (§6.1), so this is a warning, not an error.
 * Contexts whose object is not known (`conversation_time`, `work_session`, `work_item`) have only 2.
 */
export function sortEvidence(name: string, queryContext: string, field?: FieldInfo | null): string | null {
  if (integrationSorts.get(queryContext)?.has(name)) {
    return `a working integration sorts a ${queryContext} search by it (kustomer-search-api.md §6.1), but Kustomer does not document it`;
  }
  if (archiveSortFields.has(name) || archiveSortPattern.test(name)) {
    return 'only the archive search endpoint lists it as sortable (kustomer-search-api.md §6.1), so this search may reject or ignore it';
  }
  const object = contextObject(queryContext);
  if (field && object !== null && orderedKinds.has(field.kind)) {
    const own = field.custom ? field.context === queryContext || (field.context !== null && field.object === object && queryContext === object) : field.object === object;
    if (own) {
      return `it is a ${field.kind} attribute of the ${object} searched, and the doc says sorting on other attributes is unavailable (kustomer-search-api.md §6.1): check the order of the results`;
    }
  }
  return null;
}
