/**
 * Async value sources over the Kustomer API for the language service's `valueSources` hook: tag names, users'
 * e-mails, team and queue names fetched from the org when an editor first asks, for orgs whose lookups are too large
 * to ship in the schema given to the service (or when no schema was pulled).
 *
 * Endpoints (kustomer-api-live.md §3): `GET /v1/tags` (`deleted=false`, `page`, `pageSize`, as JAS calls it),
 * `GET /v1/users`, `GET /v1/teams`, `GET /v1/routing/queues`; each answers `{data: [{id, attributes: {name, email?,
 * displayName?, deleted?}}], links: {next}}`. Kustomer documents no name-prefix filter on any of them (§3 "Unknown":
 * filters other than `deleted` and `key`), so a source reads every page once (100 per page: the largest page size
 * the reference confirms for all four is not known; users allow 500) and answers each prefix from the same sorted
 * prefix index completion uses (src/schema/lookups/prefix.ts). A failed or cancelled load is not kept: the next
 * request loads again.
 *
 * Note: completion only. Compiling a name into an id needs the lookups in the compile options (`schema` or
 * `lookups`); without them a tag name is sent as written, and user, team and queue fields require ids.
 */
import { standardFields } from '../schema/index.js';
import { LookupTable, lookupKindOf, searchPrefix, spellingOf, tagFields, type LookupKind } from '../schema/lookups/index.js';
import type { ValueSource } from './types.js';

/**
 * What a value source needs of an API client: `request` as `createClient` (kustomer-query/client) provides it —
 * `path` from `/v1/…`, resolving to the parsed JSON body, rejecting on HTTP errors.
 */
export interface LookupClient {
  request(method: string, path: string, body?: unknown, opts?: { signal?: AbortSignal }): Promise<unknown>;
}

/**
 * Options of {@link lookupValueSource}: `pageSize` (default 100), `maxEntries` read at most (default 200,000, the
 * schema reader's bound), `maxResults` per answer (default 50).
 */
export interface LookupSourceOptions {
  readonly pageSize?: number;
  readonly maxEntries?: number;
  readonly maxResults?: number;
}

/** The API path that lists each kind (kustomer-api-live.md §3). */
export const lookupPaths: Readonly<Record<LookupKind, string>> = {
  tags: '/v1/tags?deleted=false',
  users: '/v1/users',
  teams: '/v1/teams',
  queues: '/v1/routing/queues',
};

/** One API list item as a schema lookup item (`{id, name, email?, displayName?, deleted?}`), or null. */
function itemOf(raw: unknown): Record<string, unknown> | null {
  if (raw === null || typeof raw !== 'object') return null;
  const r = raw as { id?: unknown; attributes?: unknown };
  const a = (r.attributes !== null && typeof r.attributes === 'object' ? r.attributes : {}) as Record<string, unknown>;
  if (typeof r.id !== 'string' || typeof a['name'] !== 'string') return null;
  return { id: r.id, name: a['name'], email: a['email'], displayName: a['displayName'], deleted: a['deleted'] === true };
}

/** Reads every page of `kind` (bounded by `maxEntries`, and by 10,000 pages). */
async function loadAll(client: LookupClient, kind: LookupKind, pageSize: number, maxEntries: number, signal?: AbortSignal): Promise<LookupTable> {
  const items: Record<string, unknown>[] = [];
  const base = lookupPaths[kind];
  const join = base.includes('?') ? '&' : '?';
  for (let page = 1; page <= 10_000 && items.length < maxEntries; page++) {
    const body = (await client.request('GET', `${base}${join}page=${page}&pageSize=${pageSize}`, undefined, signal ? { signal } : {})) as {
      data?: unknown;
      links?: { next?: unknown };
    } | null;
    const data = Array.isArray(body?.data) ? body!.data : [];
    for (const raw of data) {
      const item = itemOf(raw);
      if (item !== null && items.length < maxEntries) items.push(item);
    }
    const hasLinks = body?.links !== null && typeof body?.links === 'object';
    if (data.length === 0 || data.length < pageSize || (hasLinks && (body!.links!.next === null || body!.links!.next === undefined))) break;
  }
  return new LookupTable(kind, items);
}

/**
 * A value source (for `ServiceOptions.valueSources`) of the tags, users, teams or queues of the org `client` talks
 * to: on the first request it reads the whole list (see the module comment), then answers each prefix with at most
 * `maxResults` names — tag, team and queue names, users' e-mails (found by e-mail, name or display name), deleted
 * ones left out — best first (shorter matching keys first). Rejects when the load fails (the service then shows the
 * schema's items only, and asks again later).
 */
export function lookupValueSource(client: LookupClient, kind: LookupKind, opts: LookupSourceOptions = {}): ValueSource {
  const pageSize = Math.max(1, Math.floor(opts.pageSize ?? 100));
  const maxEntries = Math.max(0, Math.floor(opts.maxEntries ?? 200_000));
  const maxResults = Math.max(1, Math.floor(opts.maxResults ?? 50));
  let loading: Promise<LookupTable> | undefined;
  return async ({ prefix, signal }) => {
    if (loading === undefined) {
      const attempt = loadAll(client, kind, pageSize, maxEntries, signal);
      loading = attempt;
      attempt.catch(() => {
        if (loading === attempt) loading = undefined;
      });
    }
    const table = await loading;
    return searchPrefix(table.prefix, prefix, maxResults, (e) => !e.deleted).items.map(spellingOf);
  };
}

/**
 * Value sources for every standard attribute that holds ids of `kinds` (default all four): `conversation_tags`,
 * `customer_tags`, `company_tags` (tags), `conversation_assigned_users` and the other user attributes, the team
 * attributes, `conversation_queue` — one source (one load) per kind, shared by its attributes.
 */
export function lookupValueSources(
  client: LookupClient,
  kinds: readonly LookupKind[] = ['tags', 'users', 'teams', 'queues'],
  opts: LookupSourceOptions = {},
): Record<string, ValueSource> {
  const sources = new Map(kinds.map((k) => [k, lookupValueSource(client, k, opts)] as const));
  const out: Record<string, ValueSource> = {};
  const names = [...tagFields, ...standardFields.keys()];
  for (const name of names) {
    const kind = lookupKindOf(standardFields.get(name));
    const source = kind !== null ? sources.get(kind) : undefined;
    if (source !== undefined) out[name] = source;
  }
  return out;
}
