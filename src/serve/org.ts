/**
 * The org endpoints of `kq serve --schema FILE`: Kustomer's metadata, klass and lookup lists answered from an org
 * schema file, in Kustomer's response shapes, so that `kq schema pull` (and other clients) can be tested without an
 * org. Facts: kustomer-api-live.md §2a (`GET /v1/metadata/{resource}`: `{data: {type: "metadata", id, attributes:
 * {properties: {<key>: {type, displayName, enumeration | tree, multi, target}}}, links}}`), §2b (`GET /v1/klasses`:
 * paged `data[]` of `{type: "klass", id, attributes: {name, displayName, status}}`), §3 (`GET /v1/tags`,
 * `/v1/users`, `/v1/users/current`, `/v1/teams`, `/v1/routing/queues`: JSON:API `data[]` with `attributes`, `meta
 * {page, pageSize}`, relative `links` with `next` null on the last page). Where the sources leave the shape open
 * (tag and queue items, §6.5), the fields are those the sources name.
 */
import type { OrgAttribute, OrgOption, OrgSchema } from '../schema/org/types.js';

/** An answer of {@link orgResponse}: the status and the JSON body (errors as `{status, message}` for the caller's envelope). */
export type OrgAnswer = { readonly status: 200; readonly body: unknown } | { readonly status: 400 | 404 | 405; readonly message: string; readonly parameter?: string };

/** The paths {@link orgResponse} answers (`/v1/metadata/<resource>` besides). */
export const orgListPaths: readonly string[] = ['/v1/klasses', '/v1/tags', '/v1/users', '/v1/teams', '/v1/routing/queues'];

/** The metadata key of an attribute: its name after `<object>_custom_` / `kobject_custom_<klass>_`. */
function metadataKey(a: OrgAttribute, prefix: string): string {
  return a.name.slice(prefix.length);
}

/** A tree as Kustomer's `tree.children` (§2a). */
function treeJson(options: readonly OrgOption[]): unknown[] {
  return options.map((o) => ({ id: o.id, displayName: o.displayName, ...(o.children ? { children: treeJson(o.children) } : {}) }));
}

/** The `properties` of a metadata answer, from attributes: `type` as pulled (else the kind), `enumeration` a list, `tree` `{children}`. */
function properties(attributes: readonly OrgAttribute[], prefix: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const a of attributes) {
    const type = a.type ?? (a.kind === 'number' || a.kind === 'boolean' ? a.kind : a.kind === 'datetime' ? 'date' : 'string');
    out[metadataKey(a, prefix)] = {
      type,
      displayName: a.displayName ?? metadataKey(a, prefix),
      ...(a.values ? { enumeration: a.values } : {}),
      ...(a.tree ? { tree: { children: treeJson(a.tree) } } : {}),
      ...(a.multi !== undefined ? { multi: a.multi } : {}),
      ...(a.target !== undefined ? { target: a.target } : {}),
    };
  }
  return out;
}

/** `page`/`pageSize` query parameters: whole numbers, page ≥ 1, pageSize 1–`max` (default 100). */
function paging(url: URL, max: number): { page: number; pageSize: number } | OrgAnswer {
  const read = (name: string, fallback: number, lo: number, hi: number): number | OrgAnswer => {
    const text = url.searchParams.get(name);
    if (text === null) return fallback;
    const n = Number(text);
    if (!/^\d+$/.test(text) || n < lo || n > hi) return { status: 400, parameter: name, message: `${name} must be a whole number from ${lo} to ${hi}, got '${text.slice(0, 20)}'.` };
    return n;
  };
  const page = read('page', 1, 1, 1_000_000);
  if (typeof page !== 'number') return page;
  const pageSize = read('pageSize', 100, 1, max);
  if (typeof pageSize !== 'number') return pageSize;
  return { page, pageSize };
}

/** One page of `items` as a JSON:API list answer with relative links (§3; `next` null on the last page). */
function listPage(url: URL, items: readonly unknown[], max: number): OrgAnswer {
  const p = paging(url, max);
  if (!('page' in p)) return p;
  const { page, pageSize } = p;
  const link = (n: number) => `${url.pathname}?page=${n}&pageSize=${pageSize}`;
  const pages = Math.max(1, Math.ceil(items.length / pageSize));
  return {
    status: 200,
    body: {
      meta: { page, pageSize },
      data: items.slice((page - 1) * pageSize, page * pageSize),
      links: { self: link(page), first: link(1), prev: page > 1 ? link(page - 1) : null, next: page < pages ? link(page + 1) : null },
    },
  };
}

/** A JSON:API resource object `{type, id, attributes, links.self}`. */
function resource(type: string, id: string, path: string, attributes: Record<string, unknown>): unknown {
  return { type, id, attributes, links: { self: `${path}/${id}` } };
}

/**
 * The answer to `method path` from `schema`, or `null` when the path is not an org endpoint (the caller goes on to
 * its search routes). Metadata: `/v1/metadata/<object>` and `/v1/metadata/kobject.<klass>`, 404 for an object type
 * or klass the schema lacks. Lists: paged by `page`/`pageSize` (pageSize up to 500 for users and teams, 100
 * otherwise: KD-new pagination, §1b); a lookup the schema does not hold (not pulled) → 404. `/v1/users/current`:
 * the schema's current user, else 404. Methods other than GET → 405.
 */
export function orgResponse(schema: OrgSchema, method: string, url: URL): OrgAnswer | null {
  const path = url.pathname;
  const meta = /^\/v1\/metadata\/([^/]+)$/.exec(path);
  const isOrgPath = meta !== null || orgListPaths.includes(path) || path === '/v1/users/current';
  if (!isOrgPath) return null;
  if (method !== 'GET') return { status: 405, message: `${path} takes GET, not ${method}.` };
  if (meta !== null) {
    const name = decodeURIComponent(meta[1]!);
    let attributes: readonly OrgAttribute[] | undefined;
    let prefix: string;
    if (name.startsWith('kobject.')) {
      const klass = schema.klasses.find((k) => k.name === name.slice(8));
      attributes = klass?.customAttributes;
      prefix = `kobject_custom_${name.slice(8)}_`;
    } else {
      attributes = Object.prototype.hasOwnProperty.call(schema.objects, name) ? schema.objects[name as keyof OrgSchema['objects']]?.customAttributes : undefined;
      prefix = `${name}_custom_`;
    }
    if (attributes === undefined) return { status: 404, message: `No metadata for '${name.slice(0, 80)}'.` };
    return { status: 200, body: { data: { type: 'metadata', id: name, attributes: { properties: properties(attributes, prefix) }, links: { self: path } } } };
  }
  if (path === '/v1/users/current') {
    const u = schema.currentUser;
    if (u === undefined) return { status: 404, message: 'No current user in this schema.' };
    return { status: 200, body: { data: resource('user', u.id, '/v1/users', { name: u.name, displayName: u.displayName ?? u.name, email: u.email ?? '', userType: 'user', roles: [] }) } };
  }
  if (path === '/v1/klasses') {
    return listPage(url, schema.klasses.map((k) => resource('klass', k.name, '/v1/klasses', { name: k.name, displayName: k.displayName ?? k.name, status: 'enabled' })), 100);
  }
  const l = schema.lookups;
  const missing = (what: string): OrgAnswer => ({ status: 404, message: `This schema holds no ${what} (they were not pulled).` });
  if (path === '/v1/tags') return l.tags ? listPage(url, l.tags.map((t) => resource('tag', t.id, path, { name: t.name, deleted: t.deleted === true })), 100) : missing('tags');
  if (path === '/v1/users') {
    return l.users
      ? listPage(url, l.users.map((u) => resource('user', u.id, path, { name: u.name, displayName: u.displayName ?? u.name, email: u.email ?? '', userType: 'user', ...(u.deleted ? { deleted: true } : {}) })), 500)
      : missing('users');
  }
  if (path === '/v1/teams') return l.teams ? listPage(url, l.teams.map((t) => resource('team', t.id, path, { name: t.name, displayName: t.displayName ?? t.name, members: [], ...(t.deleted ? { deleted: true } : {}) })), 500) : missing('teams');
  return l.queues ? listPage(url, l.queues.map((q) => resource('queue', q.id, path, { name: q.name, displayName: q.displayName ?? q.name, system: q.system === true })), 100) : missing('queues');
}
