/**
 * Pulling an org's schema through the API client: custom attribute metadata, klasses, and the tag, user, team and
 * queue lookups, into the org schema file format (src/schema/org/types.ts). Isomorphic (fetch only, through
 * `KustomerClient.request`).
 *
 * Facts, from kustomer-api-live.md: §2a `GET /v1/metadata/{resource}` (`data.attributes.properties`, keyed by the
 * attribute's name, each with `type`, `displayName`, `enumeration` (a list in the OpenAPI example, a boolean in
 * MeltanoLabs' schema: both are read), `tree` (`{children: [{id, displayName, deleted?, children?}]}`), `multi`,
 * `target`, `deletedAt`); §2b `GET /v1/klasses` (paged, `attributes.name`, `displayName`) and
 * `GET /v1/metadata/kobject.<name>`; §3 `GET /v1/tags`, `/v1/users`, `/v1/users/current`, `/v1/teams`,
 * `/v1/routing/queues` (JSON:API `data[]` with `attributes`, paged by `page`/`pageSize`, `links.next` relative
 * `/v1/…` or null). Page sizes: users and teams up to 500, most lists 100 (KD-new pagination, §1b).
 */
import { parseCustomName } from '../schema/custom.js';
import { kindOfMetadataType } from '../schema/org/kinds.js';
import { readOrgSchema } from '../schema/org/read.js';
import {
  orgObjectTypes,
  orgSchemaLimits,
  orgSchemaVersion,
  type OrgAttribute,
  type OrgGap,
  type OrgKlass,
  type OrgObject,
  type OrgObjectType,
  type OrgOption,
  type OrgSchema,
  type OrgUser,
} from '../schema/org/types.js';
import type { KustomerClient } from './client.js';
import { KustomerApiError } from './errors.js';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function own(o: Json, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

/** A string or a finite number as text (ids are strings, but a number is read as its digits); else undefined. */
function idText(v: unknown): string | undefined {
  if (typeof v === 'string' && v !== '') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/** Options of {@link listAll} and {@link pullOrgSchema}. */
export interface PullOptions {
  readonly signal?: AbortSignal;
  /** Called before each resource is read, e.g. `metadata/customer`, `tags` (progress on stderr). */
  readonly onResource?: (resource: string) => void;
  /** The clock for `pulledAt` (ms); default `Date.now`. */
  readonly now?: () => number;
}

/** The most pages {@link listAll} follows for one list (500 × 500 = 250,000 entries at most). */
export const maxListPages = 500;

/**
 * Every item of a paged list: `GET path?page=1&pageSize=<pageSize>`, then each `links.next` (a relative `/v1/…`
 * path, or an absolute URL on the client's base URL) until it is null or absent, or a page has no items. Returns
 * the `data` items (objects only). Throws {@link KustomerApiError} for an error status, and an Error when a body
 * is not a list (`data` not an array), a `next` link leaves the API or repeats, or more than {@link maxListPages}
 * pages come.
 */
export async function listAll(client: KustomerClient, path: string, pageSize: number, opts: PullOptions = {}): Promise<Json[]> {
  const items: Json[] = [];
  const seen = new Set<string>();
  let next: string | null = `${path}${path.includes('?') ? '&' : '?'}page=1&pageSize=${pageSize}`;
  for (let pages = 0; next !== null; pages++) {
    if (pages >= maxListPages) throw new Error(`GET ${path}: more than ${maxListPages} pages; stopped`);
    if (seen.has(next)) throw new Error(`GET ${path}: links.next repeats ${next}; stopped`);
    seen.add(next);
    const body = await client.request('GET', next, undefined, opts.signal ? { signal: opts.signal } : {});
    const data = isObject(body) ? own(body, 'data') : undefined;
    if (!Array.isArray(data)) throw new Error(`GET ${path}: the answer has no data list`);
    for (const d of data) if (isObject(d)) items.push(d);
    if (items.length > orgSchemaLimits.maxLookupEntries) throw new Error(`GET ${path}: more than ${orgSchemaLimits.maxLookupEntries} items; stopped`);
    const links = isObject(body) ? own(body, 'links') : undefined;
    const link = isObject(links) ? own(links, 'next') : undefined;
    next = data.length > 0 && typeof link === 'string' && link !== '' ? relativeLink(link, client.baseUrl, path) : null;
  }
  return items;
}

/** A `links.next` value as a path under the client's base URL (`/v1/…?…`); throws when it points elsewhere. */
function relativeLink(link: string, baseUrl: string, path: string): string {
  if (link.startsWith('/')) return link;
  if (link.startsWith(`${baseUrl}/`)) return link.slice(baseUrl.length);
  throw new Error(`GET ${path}: links.next points outside the API (${link.slice(0, 100)}); stopped`);
}

/**
 * A tree's nodes as {@link OrgOption}s: nodes with `deleted: true` dropped (SDK-AND), ids as text, depth and size
 * bounded by `orgSchemaLimits`. `tree` may be `{children: […]}` (META-JS) or the list itself.
 */
function treeOptions(tree: unknown, depth = 1, budget = { nodes: 0 }): OrgOption[] {
  const list = Array.isArray(tree) ? tree : isObject(tree) && Array.isArray(own(tree, 'children')) ? (own(tree, 'children') as unknown[]) : [];
  const out: OrgOption[] = [];
  if (depth > orgSchemaLimits.maxTreeDepth) return out;
  for (const node of list) {
    if (!isObject(node) || own(node, 'deleted') === true) continue;
    if (++budget.nodes > orgSchemaLimits.maxOptions) break;
    const id = idText(own(node, 'id')) ?? idText(own(node, 'value'));
    if (id === undefined) continue;
    const label = own(node, 'displayName');
    const children = treeOptions(own(node, 'children') ?? [], depth + 1, budget);
    const option: OrgOption = { id, displayName: typeof label === 'string' && label !== '' ? label : id };
    out.push(children.length > 0 ? { ...option, children } : option);
  }
  return out;
}

/**
 * The custom attributes of one metadata answer (`GET /v1/metadata/{resource}`, §2a): each property of
 * `data.attributes.properties` becomes an {@link OrgAttribute} named `<object>_custom_<key>` (or
 * `kobject_custom_<klass>_<key>` with `klass`), with `warnings` for what was skipped or guessed:
 * - deleted properties (`deletedAt` or `deleted` set) and keys that are not valid attribute names: skipped;
 * - `type`: mapped to a kind (kinds.ts); an unknown `type` string: warned, the name's suffix decides;
 * - `enumeration` a list: its values of the attribute's JSON type are `values`; `true` or anything else: no values
 *   from it (the options then come from `tree`, if any);
 * - `tree` (`{children}` or a list): the options, deleted nodes dropped.
 * Never throws.
 */
export function attributesFromMetadata(body: unknown, object: OrgObjectType | 'kobject', klass?: string): { attributes: OrgAttribute[]; warnings: string[] } {
  const warnings: string[] = [];
  const data = isObject(body) ? own(body, 'data') : undefined;
  const attrs = isObject(data) ? own(data, 'attributes') : undefined;
  const props = isObject(attrs) ? own(attrs, 'properties') : undefined;
  const resource = klass === undefined ? object : `kobject.${klass}`;
  if (!isObject(props)) {
    if (body !== null && body !== undefined) warnings.push(`metadata/${resource}: no data.attributes.properties in the answer; no custom attributes read`);
    return { attributes: [], warnings };
  }
  const attributes: OrgAttribute[] = [];
  const prefix = klass === undefined ? `${object}_custom_` : `kobject_custom_${klass}_`;
  for (const key of Object.keys(props).slice(0, orgSchemaLimits.maxAttributes)) {
    const p = own(props, key);
    if (!isObject(p)) continue;
    if ((own(p, 'deletedAt') ?? null) !== null || own(p, 'deleted') === true) continue;
    const name = prefix + key;
    const parsed = parseCustomName(name);
    if (!parsed.ok || parsed.object !== object || parsed.klass !== klass) {
      warnings.push(`metadata/${resource}: '${key.slice(0, 80)}' is not a custom attribute name this package can search (${parsed.ok ? 'wrong klass' : parsed.message}); skipped`);
      continue;
    }
    const type = own(p, 'type');
    const k = kindOfMetadataType(type, parsed.kind);
    if (k.warning !== undefined) warnings.push(`metadata/${resource}: '${key}': ${k.warning}`);
    const a: { -readonly [K in keyof OrgAttribute]: OrgAttribute[K] } = { name, kind: k.kind };
    if (typeof type === 'string' && type.length <= orgSchemaLimits.maxStringLength) a.type = type;
    const displayName = own(p, 'displayName');
    if (typeof displayName === 'string' && displayName !== '' && displayName.length <= orgSchemaLimits.maxStringLength) a.displayName = displayName;
    const enumeration = own(p, 'enumeration');
    if (Array.isArray(enumeration)) {
      const fits = (v: unknown) => (a.kind === 'number' ? typeof v === 'number' && Number.isFinite(v) : a.kind === 'boolean' ? typeof v === 'boolean' : typeof v === 'string');
      const values = [...new Set(enumeration.filter(fits) as (string | number | boolean)[])].slice(0, orgSchemaLimits.maxOptions);
      if (values.length < enumeration.length) warnings.push(`metadata/${resource}: '${key}': ${enumeration.length - values.length} enumeration value(s) of the wrong type or repeated; skipped`);
      if (values.length > 0) a.values = values;
    }
    const tree = own(p, 'tree');
    if (tree !== undefined && tree !== null && a.kind !== 'number' && a.kind !== 'boolean' && a.kind !== 'datetime') {
      const options = treeOptions(tree);
      if (options.length > 0) a.tree = options;
    }
    if (typeof own(p, 'multi') === 'boolean') a.multi = own(p, 'multi') as boolean;
    const target = own(p, 'target');
    if (typeof target === 'string' && target.length <= orgSchemaLimits.maxStringLength) a.target = target;
    attributes.push(a);
  }
  return { attributes, warnings };
}

/** The `attributes` of a JSON:API item, or `{}`. */
function attributesOf(item: Json): Json {
  const a = own(item, 'attributes');
  return isObject(a) ? a : {};
}

/** A user item (`GET /v1/users`, `/v1/users/current`: `attributes.name`, `displayName`, `email`) as an {@link OrgUser}. */
function userOf(item: Json): OrgUser | null {
  const id = idText(own(item, 'id'));
  const a = attributesOf(item);
  const email = typeof a.email === 'string' && a.email !== '' ? a.email : undefined;
  const name = typeof a.name === 'string' && a.name !== '' ? a.name : typeof a.displayName === 'string' && a.displayName !== '' ? a.displayName : email;
  if (id === undefined || name === undefined) return null;
  return {
    id,
    name,
    ...(email !== undefined ? { email } : {}),
    ...(typeof a.displayName === 'string' && a.displayName !== '' && a.displayName !== name ? { displayName: a.displayName } : {}),
    ...((a.deleted === true || (a.deletedAt ?? null) !== null) ? { deleted: true } : {}),
  };
}

/** An item with an id and a name (`attributes.name`, else `displayName`), with its extra fields. */
function namedOf(item: Json, extra: (a: Json) => Json): { id: string; name: string } | null {
  const id = idText(own(item, 'id'));
  const a = attributesOf(item);
  const name = typeof a.name === 'string' && a.name !== '' ? a.name : typeof a.displayName === 'string' && a.displayName !== '' ? a.displayName : undefined;
  if (id === undefined || name === undefined) return null;
  return { id, name, ...extra(a) };
}

/** Whether an error is an API answer with one of `statuses`. */
function isStatus(e: unknown, ...statuses: number[]): e is KustomerApiError {
  return e instanceof KustomerApiError && statuses.includes(e.status);
}

/** The result of {@link pullOrgSchema}: the schema and what was skipped or guessed on the way. */
export interface PulledSchema {
  readonly schema: OrgSchema;
  readonly warnings: readonly string[];
}

/**
 * Pulls an org's schema through `client` (kustomer-api-live.md §2, §3):
 * 1. `GET /v1/metadata/<object>` for customer, conversation, company, message, note: a 404 means no custom
 *    attributes; for `note` (a resource name no source confirms) any 4xx is a gap; other errors throw;
 * 2. `GET /v1/klasses` (paged), then `GET /v1/metadata/kobject.<name>` for each (404: none); errors throw, since
 *    compile would otherwise call every klass unknown;
 * 3. `GET /v1/tags`, `/v1/users`, `/v1/teams`, `/v1/routing/queues` (paged: page size 100, 500 for users and teams)
 *    and `GET /v1/users/current`: a 4xx (a key without that role) is recorded in `gaps` and the list left out
 *    (unknown, not empty); other errors throw.
 * The result is read back through `readOrgSchema`, so it is exactly what a file written from it reads as; problems
 * found there become warnings. The API key is never part of the result.
 */
export async function pullOrgSchema(client: KustomerClient, opts: PullOptions = {}): Promise<PulledSchema> {
  const warnings: string[] = [];
  const gaps: OrgGap[] = [];
  const note = (resource: string) => opts.onResource?.(resource);
  const get = (path: string) => client.request('GET', path, undefined, opts.signal ? { signal: opts.signal } : {});
  const gap = (resource: string, e: KustomerApiError) => gaps.push({ resource, message: `${e.status}${e.kustomerMessage ? `: ${e.kustomerMessage}` : ''}`.slice(0, 300) });

  const objects: { [T in OrgObjectType]?: OrgObject } = {};
  for (const object of orgObjectTypes) {
    note(`metadata/${object}`);
    let body: unknown;
    try {
      body = await get(`/v1/metadata/${object}`);
    } catch (e) {
      if (isStatus(e, 404)) continue;
      if (object === 'note' && e instanceof KustomerApiError && e.status >= 400 && e.status < 500) {
        gap('metadata/note', e);
        continue;
      }
      throw e;
    }
    const r = attributesFromMetadata(body, object);
    warnings.push(...r.warnings);
    objects[object] = { customAttributes: r.attributes };
  }

  note('klasses');
  const klassItems = await listAll(client, '/v1/klasses', 100, opts);
  const klasses: OrgKlass[] = [];
  for (const item of klassItems.slice(0, orgSchemaLimits.maxKlasses)) {
    const a = attributesOf(item);
    const name = typeof a.name === 'string' ? a.name : undefined;
    if (name === undefined || !/^[A-Za-z0-9_-]+$/.test(name)) {
      warnings.push(`klasses: an item without a usable name (${String(name).slice(0, 60)}); skipped`);
      continue;
    }
    note(`metadata/kobject.${name}`);
    let body: unknown = null;
    try {
      body = await get(`/v1/metadata/kobject.${encodeURIComponent(name)}`);
    } catch (e) {
      if (!isStatus(e, 404)) throw e;
    }
    const r = attributesFromMetadata(body, 'kobject', name);
    warnings.push(...r.warnings);
    const displayName = typeof a.displayName === 'string' && a.displayName !== '' ? a.displayName : undefined;
    klasses.push({ name, ...(displayName !== undefined ? { displayName } : {}), customAttributes: r.attributes });
  }

  const lookups: Record<string, unknown[]> = {};
  const lists: [key: string, path: string, pageSize: number, map: (item: Json) => unknown][] = [
    ['tags', '/v1/tags', 100, (i) => namedOf(i, (a) => ((a.deleted === true || (a.deletedAt ?? null) !== null) ? { deleted: true } : {}))],
    ['users', '/v1/users', 500, userOf],
    [
      'teams',
      '/v1/teams',
      500,
      (i) =>
        namedOf(i, (a) => ({
          ...(typeof a.displayName === 'string' && a.displayName !== '' && a.displayName !== a.name ? { displayName: a.displayName } : {}),
          ...(a.deleted === true ? { deleted: true } : {}),
        })),
    ],
    [
      'queues',
      '/v1/routing/queues',
      100,
      (i) =>
        namedOf(i, (a) => ({
          ...(typeof a.displayName === 'string' && a.displayName !== '' && a.displayName !== a.name ? { displayName: a.displayName } : {}),
          ...(a.system === true ? { system: true } : {}),
        })),
    ],
  ];
  for (const [key, path, pageSize, map] of lists) {
    note(key);
    try {
      const items = await listAll(client, path, pageSize, opts);
      const out: unknown[] = [];
      let skipped = 0;
      for (const item of items) {
        const v = map(item);
        if (v === null) skipped++;
        else out.push(v);
      }
      if (skipped) warnings.push(`${key}: ${skipped} item(s) without an id or a name; skipped`);
      lookups[key] = out;
    } catch (e) {
      if (e instanceof KustomerApiError && e.status >= 400 && e.status < 500 && e.status !== 429) gap(key, e);
      else throw e;
    }
  }

  let currentUser: OrgUser | null = null;
  note('users/current');
  try {
    const body = await get('/v1/users/current');
    const data = isObject(body) ? own(body, 'data') : undefined;
    currentUser = isObject(data) ? userOf(data) : null;
    if (currentUser === null) warnings.push('users/current: the answer has no user with an id and a name');
  } catch (e) {
    if (e instanceof KustomerApiError && e.status >= 400 && e.status < 500 && e.status !== 429) gap('users/current', e);
    else throw e;
  }

  const value = {
    version: orgSchemaVersion,
    pulledAt: new Date((opts.now ?? Date.now)()).toISOString(),
    org: { baseUrl: client.baseUrl },
    objects,
    klasses,
    lookups,
    ...(currentUser !== null ? { currentUser } : {}),
    ...(gaps.length > 0 ? { gaps } : {}),
  };
  const read = readOrgSchema(value);
  for (const p of read.problems) warnings.push(`${p.pointer || '/'}: ${p.message}`);
  if (read.schema === null) throw new Error(`the pulled schema does not read back: ${read.problems.map((p) => p.message).join('; ')}`);
  return { schema: read.schema, warnings };
}
