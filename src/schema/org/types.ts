/**
 * The org schema file (`kustomer-schema.json`): what `kq schema pull` writes from an org's metadata and lookups,
 * and what `compile` checks queries against (option `schema`, CLI `--schema FILE`).
 *
 * Plain JSON data, no functions and no classes: it can be read in a browser, posted to a worker, or stored. The
 * types below are the shape after reading ({@link OrgSchema}, from `readOrgSchema`); a file written by
 * `kq schema pull` already has exactly this shape.
 *
 * Example (version 1):
 * ```json
 * {
 *   "version": 1,
 *   "pulledAt": "2025-06-01T12:00:00.000Z",
 *   "org": { "baseUrl": "https://acme.api.kustomerapp.com" },
 *   "objects": {
 *     "customer": { "customAttributes": [
 *       { "name": "customer_custom_tierStr", "kind": "string", "type": "string", "displayName": "Tier",
 *         "values": ["gold", "silver"] },
 *       { "name": "customer_custom_regionStr", "kind": "string", "displayName": "Region",
 *         "tree": [{ "id": "emea", "displayName": "EMEA", "children": [{ "id": "emea_fr", "displayName": "France" }] }] }
 *     ] },
 *     "conversation": { "customAttributes": [] }
 *   },
 *   "klasses": [
 *     { "name": "order", "displayName": "Order", "customAttributes": [
 *       { "name": "kobject_custom_order_totalNum", "kind": "number", "displayName": "Total" } ] }
 *   ],
 *   "lookups": {
 *     "tags": [{ "id": "5f…01", "name": "vip" }],
 *     "users": [{ "id": "5f…02", "name": "Ada Lovelace", "email": "ada@example.com" }],
 *     "teams": [{ "id": "5f…03", "name": "Tier 2" }],
 *     "queues": [{ "id": "5f…04", "name": "billing", "displayName": "Billing" }]
 *   },
 *   "currentUser": { "id": "5f…02", "name": "Ada Lovelace", "email": "ada@example.com" }
 * }
 * ```
 *
 * Sources of the Kustomer facts behind the format: kustomer-api-live.md §2a (`GET /v1/metadata/{resource}`:
 * `properties` keyed by attribute name, with `type`, `displayName`, `enumeration`, `tree`, `multi`, `target`),
 * §2b (klasses: `GET /v1/klasses`, attributes from `GET /v1/metadata/kobject.<name>`), §3 (tags, users, teams,
 * queues: `GET /v1/tags`, `/v1/users`, `/v1/users/current`, `/v1/teams`, `/v1/routing/queues`).
 */
import type { FieldKind } from '../../options.js';

/** The format version this package writes and reads. A file with another version is refused by `readOrgSchema`. */
export const orgSchemaVersion = 1;

/** The standard object types that carry custom attributes (kustomer-api-live.md §2a: `company`, `conversation`, `customer`, `message`; KD-new adds notes). */
export type OrgObjectType = 'customer' | 'company' | 'conversation' | 'message' | 'note';

/** Every {@link OrgObjectType}, in the order `kq schema pull` fetches them. */
export const orgObjectTypes: readonly OrgObjectType[] = /* @__PURE__ */ Object.freeze([
  'customer',
  'conversation',
  'company',
  'message',
  'note',
] as const);

/**
 * An org's schema, as read from a schema file.
 * - `version`: {@link orgSchemaVersion};
 * - `pulledAt`: when it was pulled, an ISO-8601 instant (UTC, e.g. `2025-06-01T12:00:00.000Z`);
 * - `org`: where it was pulled from (never the API key);
 * - `objects`: custom attributes per standard object type; a type that is absent has no custom attributes (the pull
 *   fetched it and found none, or the org has no metadata for it);
 * - `klasses`: the org's custom object classes with their custom attributes;
 * - `lookups`: names and ids of tags, users, teams and queues;
 * - `currentUser`: the user the API key belongs to (`GET /v1/users/current`), when the pull could read it;
 * - `gaps`: resources the pull could not read (e.g. a 403 on `/v1/teams` for a key without that role): their data
 *   is unknown, not empty.
 */
export interface OrgSchema {
  readonly version: typeof orgSchemaVersion;
  readonly pulledAt: string;
  readonly org?: OrgInfo;
  readonly objects: { readonly [T in OrgObjectType]?: OrgObject };
  readonly klasses: readonly OrgKlass[];
  readonly lookups: OrgLookups;
  readonly currentUser?: OrgUser;
  readonly gaps?: readonly OrgGap[];
}

/** Where a schema was pulled from: `baseUrl` the API origin (e.g. `https://acme.api.kustomerapp.com`), `id`/`name` when known. */
export interface OrgInfo {
  readonly baseUrl?: string;
  readonly id?: string;
  readonly name?: string;
}

/** A resource the pull could not read: `resource` e.g. `tags`, `metadata/kobject.order`; `message` why (status, title). */
export interface OrgGap {
  readonly resource: string;
  readonly message: string;
}

/** The custom attributes of one standard object type. */
export interface OrgObject {
  readonly customAttributes: readonly OrgAttribute[];
}

/**
 * One custom attribute.
 * - `name`: the full search attribute name: `<object>_custom_<attr>` (`customer_custom_tierStr`) or
 *   `kobject_custom_<klass>_<attr>` (`kobject_custom_order_totalNum`), as in the search criteria
 *   (kustomer-search-api.md §5; kustomer-api-live.md §1c). The metadata's own key is the `<attr>` part (`tierStr`);
 * - `kind`: the operator kind compile uses for it (from the metadata `type` when it is understood, else the name's
 *   suffix: Str→string, Txt→text, Num→number, At→datetime, Bool→boolean, Url→string, Id→string_notanalyzed);
 * - `type`: the metadata's `type` string as Kustomer sent it (`string`, `number`, …; only those two are confirmed,
 *   kustomer-api-live.md §2a), kept for display and for later readers;
 * - `displayName`: the label shown in Kustomer;
 * - `values`: the allowed values of a dropdown (metadata `enumeration` as a list of strings);
 * - `tree`: the options of a dropdown / multi-level list (metadata `tree.children`, deleted nodes dropped): the
 *   values a query may use are the `id`s of the leaves (assumption: kustomer-api-live.md §6.6 lists whether tree
 *   values are the stored values as unknown); when both `values` and `tree` are given the tree wins;
 * - `multi`: the attribute holds several values (metadata `multi`);
 * - `target`: for `…Id` attributes, the object type it refers to (metadata `target`, e.g. `kobject.order`).
 */
export interface OrgAttribute {
  readonly name: string;
  readonly kind: FieldKind;
  readonly type?: string;
  readonly displayName?: string;
  readonly values?: readonly (string | number | boolean)[];
  readonly tree?: readonly OrgOption[];
  readonly multi?: boolean;
  readonly target?: string;
}

/**
 * One option of a dropdown tree (kustomer-api-live.md §2a, META-JS and SDK-AND: `{id, displayName, deleted?,
 * children?}`): `id` the stored value, `displayName` its label, `children` the next level (a leaf has none).
 */
export interface OrgOption {
  readonly id: string;
  readonly displayName: string;
  readonly children?: readonly OrgOption[];
}

/**
 * A custom object class (kustomer-api-live.md §2b): `name` as used in `kobject_<name>` contexts and
 * `kobject_custom_<name>_…` attributes (letters, digits, `_`, `-`), `displayName` its label, and its custom
 * attributes (from `GET /v1/metadata/kobject.<name>`), each named `kobject_custom_<name>_<attr>`.
 */
export interface OrgKlass {
  readonly name: string;
  readonly displayName?: string;
  readonly customAttributes: readonly OrgAttribute[];
}

/**
 * Names and ids of the things search criteria refer to by id (kustomer-api-live.md §1c, §3: tags, users, teams,
 * queues are filtered by id). A list that is absent was not pulled (unknown); an empty list means the org has none.
 */
export interface OrgLookups {
  readonly tags?: readonly OrgTag[];
  readonly users?: readonly OrgUser[];
  readonly teams?: readonly OrgTeam[];
  readonly queues?: readonly OrgQueue[];
}

/** A tag (`GET /v1/tags`: `attributes.name`, `deleted`): `deleted` true for a deleted tag (kept so old ids still read). */
export interface OrgTag {
  readonly id: string;
  readonly name: string;
  readonly deleted?: boolean;
}

/** A user (`GET /v1/users`: `attributes.name`, `displayName`, `email`). */
export interface OrgUser {
  readonly id: string;
  readonly name: string;
  readonly email?: string;
  readonly displayName?: string;
  readonly deleted?: boolean;
}

/** A team (`GET /v1/teams`: `attributes.name`, `displayName`). */
export interface OrgTeam {
  readonly id: string;
  readonly name: string;
  readonly displayName?: string;
  readonly deleted?: boolean;
}

/** A routing queue (`GET /v1/routing/queues`: `attributes.name`, `displayName`; `system` for `DEFAULT_QUEUE`). */
export interface OrgQueue {
  readonly id: string;
  readonly name: string;
  readonly displayName?: string;
  readonly system?: boolean;
}

/** A problem found while reading a schema file: `pointer` a JSON Pointer (RFC 6901) into the file, `message` what is wrong and what was done. */
export interface OrgSchemaProblem {
  readonly pointer: string;
  readonly message: string;
  /** `error`: the file cannot be used (nothing, or not this part of it, was read); `warning`: read with a fallback. */
  readonly severity: 'error' | 'warning';
}

/**
 * Bounds on what `readOrgSchema` reads, so that a hostile or corrupt file costs little: beyond them the reader
 * stops with an error problem naming the bound.
 */
export const orgSchemaLimits = Object.freeze({
  /** The largest file text read, in UTF-16 code units (32 Mi: an org with 100k users is about 15 MB). */
  maxTextLength: 32 * 1024 * 1024,
  /** The most custom attributes per object type or klass (Kustomer allows 100 per PUT, kustomer-api-live.md §2a; orgs grow past that). */
  maxAttributes: 2_000,
  /** The most klasses. */
  maxKlasses: 1_000,
  /** The most values or tree nodes per attribute. */
  maxOptions: 10_000,
  /** The deepest option tree. */
  maxTreeDepth: 10,
  /** The most entries per lookup list. */
  maxLookupEntries: 200_000,
  /** The longest string (name, id, label) kept. */
  maxStringLength: 1_024,
});
