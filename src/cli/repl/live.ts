/**
 * The REPL's connection to a Kustomer org (or `kq serve`): `.connect` makes a `kustomer-query/client` client from
 * the environment (KUSTOMER_API_KEY, KUSTOMER_BASE_URL), checks it with one small search, and from then on each
 * query that compiles also shows the org's total and its first records; `.more` shows the next page of the last
 * query. The key is never shown. Offline `.load` is independent of it: both can be on.
 */
import { createClient, type KustomerClient } from '../../client/index.js';

/** Records shown per page from the org (the first page after a query, and each `.more`). */
export const remotePageSize = 10;

/** What the org answered for a query: `total` matches, page `page` of them (`first`), or `error`. */
export interface RemoteSummary {
  readonly total: number;
  readonly page: number;
  readonly totalPages: number;
  readonly first: readonly unknown[];
  readonly error?: string;
}

/** A live connection: the client, and the last query's criteria and page (for `.more`). */
export class LiveConnection {
  private last: { criteria: object; page: number; totalPages: number } | null = null;

  constructor(
    readonly client: KustomerClient,
    readonly baseUrl: string,
  ) {}

  /** Page `page` of `criteria` from the org; errors become `error` (never thrown, never holding the key). */
  async page(criteria: object, page = 1): Promise<RemoteSummary> {
    try {
      const res = await this.client.search(criteria, { page, pageSize: remotePageSize });
      this.last = { criteria, page, totalPages: res.meta.totalPages };
      return { total: res.meta.total, page, totalPages: res.meta.totalPages, first: res.data };
    } catch (e) {
      return { total: 0, page, totalPages: 0, first: [], error: e instanceof Error ? e.message : String(e) };
    }
  }

  /** The next page of the last query, or a message saying why there is none. */
  async more(): Promise<RemoteSummary | string> {
    if (this.last === null) return 'no query yet: type a query first, then .more';
    const next = this.last.page + 1;
    if (next > this.last.totalPages) return 'no more records';
    if (next > 100) return "the search serves 100 pages at most; use 'kq search --all' for every record";
    return this.page(this.last.criteria, next);
  }
}

/**
 * Connects from `env`: KUSTOMER_API_KEY (required) and KUSTOMER_BASE_URL (required), checked by one search of a
 * single record. Resolves to the connection and the org's customer count, or a message (never holding the key).
 */
export async function connectFromEnv(env: Readonly<Record<string, string | undefined>>): Promise<{ ok: true; connection: LiveConnection; customers: number } | { ok: false; message: string }> {
  const apiKey = env.KUSTOMER_API_KEY?.trim();
  const baseUrl = env.KUSTOMER_BASE_URL?.trim();
  if (!apiKey) return { ok: false, message: 'set KUSTOMER_API_KEY (a Kustomer API key) in the environment, then .connect' };
  if (!baseUrl) return { ok: false, message: 'set KUSTOMER_BASE_URL (e.g. https://<org>.api.kustomerapp.com, or the URL kq serve prints), then .connect' };
  let client: KustomerClient;
  try {
    client = createClient({ apiKey, baseUrl, keySource: 'KUSTOMER_API_KEY' });
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  try {
    const probe = await client.search({ queryContext: 'customer' }, { pageSize: 1 });
    return { ok: true, connection: new LiveConnection(client, client.baseUrl), customers: probe.meta.total };
  } catch (e) {
    return { ok: false, message: `cannot connect to ${client.baseUrl}: ${e instanceof Error ? e.message : String(e)}` };
  }
}
