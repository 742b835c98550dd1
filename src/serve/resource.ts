/**
 * How a flat record (the evaluator's shape: keys are search attribute names, `id`, `_type`; src/evaluate/record.ts)
 * is served as a Kustomer resource object in a search response's `data` (kustomer-api-live.md §1d, the SDK's
 * `CustomerSearchResponses[200]`; kustomer-search-api.md §6.4):
 *
 *   {"type": "customer", "id": "…", "attributes": {…}, "relationships": {"org": {…}}, "links": {"self": "/v1/customers/…"}}
 *
 * The mapping (our decision; Kustomer stores objects, not search rows, so some of a row has no place):
 * - `type`: the record's `_type`, with `kobject_<klass>` written `kobject.<klass>` (the 2017 captured response,
 *   §1d: `type: "kobject.order"`); a record without a string `_type` gets the request's `queryContext`.
 * - `id`: `String(record.id)`; a record without an `id` (a string or a number) gets a synthetic 24-hex id derived
 *   from its position in the data set (stable for a given data set).
 * - `attributes`: every key of the object's own attributes — `<object>_<name>` for the object's prefix (`customer_`,
 *   `conversation_`, …; `kobject_` for every kobject) — in camelCase without the prefix: `customer_updated_at` →
 *   `updatedAt`, `customer_last_seen_at` → `lastSeenAt`; custom attributes (`<object>_custom_<name>`, and
 *   `kobject_custom_<klass>_<name>`) go under `attributes.custom.<name>`, as Kustomer nests them. Keys of other
 *   objects that a row carries for cross-object search (`customer_name` on a conversation row) are left out, as
 *   Kustomer returns them on that other object. `attributes.updatedAt` is always present (`null` when the row has no
 *   `<object>_updated_at`), because clients window on it (§1f).
 * - `relationships.org`: the configured org id (`{links: {self: "/v1/orgs/<org>"}, data: {type: "org", id}}`).
 * - `links.self`: `/v1/customers/<id>`, `/v1/conversations/<id>`, `/v1/messages/<id>`, `/v1/companies/<id>`,
 *   `/v1/notes/<id>`; kobjects `/v1/klasses/<klass>/<id>` (the SDK's KObject paths, §2b); other types `/v1/<type>s/<id>`.
 */
import { recordTypeKey } from '../evaluate/index.js';

/** A Kustomer resource object as a search response's `data` holds it (§1d). */
export interface ResourceObject {
  readonly type: string;
  readonly id: string;
  readonly attributes: Record<string, unknown> & { readonly updatedAt: unknown };
  readonly relationships: { readonly org: { readonly links: { readonly self: string }; readonly data: { readonly type: 'org'; readonly id: string } } };
  readonly links: { readonly self: string };
}

/** `snake_case` → `camelCase` (`last_seen_at` → `lastSeenAt`); other text is kept as it is. */
export function camelCase(snake: string): string {
  return snake.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The search object type of `record`: its string `_type`, else `queryContext`. */
export function objectTypeOf(record: Record<string, unknown>, queryContext: string): string {
  const t = Object.hasOwn(record, recordTypeKey) ? record[recordTypeKey] : undefined;
  return typeof t === 'string' && t !== '' ? t : queryContext;
}

/** The REST collection path of an object type (see the module comment). */
function selfPath(type: string, id: string): string {
  const e = encodeURIComponent(id);
  if (type.startsWith('kobject_')) return `/v1/klasses/${encodeURIComponent(type.slice('kobject_'.length))}/${e}`;
  const collections: Record<string, string> = { customer: 'customers', conversation: 'conversations', message: 'messages', company: 'companies', note: 'notes', kobject: 'kobjects' };
  return `/v1/${collections[type] ?? `${type}s`}/${e}`;
}

/**
 * The resource object of `record` (see the module comment). `queryContext` types a record without `_type`;
 * `fallbackId` is used when the record has no string or numeric `id`; `orgId` fills `relationships.org`.
 */
export function toResource(record: Record<string, unknown>, queryContext: string, fallbackId: string, orgId: string): ResourceObject {
  const objectType = objectTypeOf(record, queryContext);
  const rawId = Object.hasOwn(record, 'id') ? record.id : undefined;
  const id = typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : fallbackId;
  const isKobject = objectType === 'kobject' || objectType.startsWith('kobject_');
  const prefix = isKobject ? 'kobject_' : `${objectType}_`;
  const customPrefix = objectType.startsWith('kobject_') ? `kobject_custom_${objectType.slice('kobject_'.length)}_` : `${prefix}custom_`;
  const attributes: Record<string, unknown> = {};
  let custom: Record<string, unknown> | undefined;
  for (const key of Object.keys(record)) {
    if (key.startsWith(customPrefix)) {
      custom ??= {};
      custom[key.slice(customPrefix.length)] = record[key];
    } else if (key.startsWith(prefix) && !key.startsWith(`${prefix}custom_`)) {
      attributes[camelCase(key.slice(prefix.length))] = record[key];
    }
  }
  if (custom) attributes.custom = custom;
  if (!Object.hasOwn(attributes, 'updatedAt')) attributes.updatedAt = null;
  return {
    type: objectType.startsWith('kobject_') ? `kobject.${objectType.slice('kobject_'.length)}` : objectType,
    id,
    attributes: attributes as ResourceObject['attributes'],
    relationships: { org: { links: { self: `/v1/orgs/${orgId}` }, data: { type: 'org', id: orgId } } },
    links: { self: selfPath(objectType, id) },
  };
}
