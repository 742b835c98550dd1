/**
 * The HTTP side of the live client: base URLs, authentication, JSON in and out, retries, rate limits, progress and
 * counters. Built on `fetch` and `AbortSignal` only, so it runs in Node 20, browsers and Kustomer apps alike.
 *
 * Sources (kustomer-api-live.md): §5 auth (`Authorization: Bearer <key>`), base URLs (org subdomain and regional
 * hosts) and rate limits; §1 the search endpoints and their response; §1e the error envelopes.
 */
import { validateCriteria } from '../emit/validate.js';
import { KustomerApiError, KustomerNetworkError, RateLimitError, authHint, parseErrorBody, redact } from './errors.js';
import { RequestBudget, abortReason, backoffDelay, defaultBackoff, remainingOf, resetDelayMs, retryAfterMs, sleep, type Backoff } from './limits.js';
import { searchAll, type SearchAllOptions, type SearchExport } from './searchAll.js';

/**
 * The regional API hosts (kustomer-api-live.md §5, Kustomer's api.md): `us` api.kustomerapp.com, `eu`
 * api.prod2.kustomerapp.com, `in` api.prod4.kustomerapp.com.
 */
export const regionHosts = { us: 'api.kustomerapp.com', eu: 'api.prod2.kustomerapp.com', in: 'api.prod4.kustomerapp.com' } as const;

/** A Kustomer region: a key of {@link regionHosts}. */
export type Region = keyof typeof regionHosts;

/**
 * What the client reports while it works (`onProgress`); `path` never holds the host or the key.
 * - `request`: a request starts (`attempt` from 1);
 * - `response`: it answered (`status`, `ms` the time it took);
 * - `retry`: it will be retried after `delayMs` (`reason`: `status` for 5xx/429, `network` for no answer);
 * - `wait`: the client holds back for `delayMs` before the next request (`reason`: `budget` — the client-side
 *   budget — or `rate-limit` — the server's `x-ratelimit-*` headers);
 * - `page`, `window`: from `searchAll` (see searchAll.ts).
 */
export type ProgressEvent =
  | { readonly type: 'request'; readonly method: string; readonly path: string; readonly attempt: number }
  | { readonly type: 'response'; readonly method: string; readonly path: string; readonly status: number; readonly ms: number }
  | { readonly type: 'retry'; readonly reason: 'status' | 'network'; readonly status?: number; readonly attempt: number; readonly delayMs: number; readonly message: string }
  | { readonly type: 'wait'; readonly reason: 'budget' | 'rate-limit'; readonly delayMs: number }
  | { readonly type: 'page'; readonly window: number; readonly page: number; readonly records: number; readonly total: number; readonly totalPages: number }
  | { readonly type: 'window'; readonly window: number; readonly since: string | null; readonly reason: 'start' | 'cap' | 'resort' };

/**
 * Options of {@link createClient}.
 * - `apiKey`: the Kustomer API key, sent as `Authorization: Bearer <key>`; never logged, never put in an error.
 * - `baseUrl` (e.g. `https://acme.api.kustomerapp.com`, with or without a trailing `/v1`), or `org` (the org's
 *   subdomain) and/or `region` (`us` by default): `https://<org>.<regional host>`. The org-subdomain form is
 *   documented for the US host; for the others it follows the same pattern (an assumption).
 * - `fetch`: the fetch to use (default the global one).
 * - `budget`: the client-side request budget, `{requestsPerMinute}` (default 100, the search limit for API keys,
 *   §5); `false` for none (a local server, or a higher plan with several keys… the server's headers still apply).
 * - `retries`: how many times a request is retried after a 5xx or a network error (default 4, so 5 attempts), with
 *   exponential backoff and full jitter (`backoff`, default 500 ms doubling to 30 s).
 * - `rateLimitRetries`: how many 429s in a row one request waits out (default 10).
 * - `maxWaitMs`: the longest single wait the server may ask for (Retry-After / x-ratelimit-reset); a longer one is a
 *   {@link RateLimitError} rather than a sleep (default 120 000 ms: two rate-limit windows).
 * - `signal`: cancels every request and wait of this client.
 * - `onProgress`: receives {@link ProgressEvent}s.
 * - `keySource`: how errors name the key (default `the apiKey option`; the CLI says `KUSTOMER_API_KEY`).
 * - `random`, `now`: for tests (jitter source, clock in ms).
 */
export interface ClientOptions {
  readonly apiKey: string;
  readonly baseUrl?: string;
  readonly org?: string;
  readonly region?: Region;
  readonly fetch?: typeof fetch;
  readonly budget?: { readonly requestsPerMinute?: number } | false;
  readonly retries?: number;
  readonly rateLimitRetries?: number;
  readonly backoff?: Backoff;
  readonly maxWaitMs?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (event: ProgressEvent) => void;
  readonly keySource?: string;
  readonly random?: () => number;
  readonly now?: () => number;
}

/** One record as the search returns it (§1d): `type`, `id`, `attributes` (with `updatedAt`), relationships, links. */
export interface SearchRecord {
  readonly type: string;
  readonly id: string;
  readonly attributes: { readonly updatedAt?: string | null; readonly [key: string]: unknown };
  readonly [key: string]: unknown;
}

/** A search response (§1d): the page's records, `meta` (`page`, `pageSize`, `total`, `totalPages`) and `links`. */
export interface SearchPage {
  readonly data: SearchRecord[];
  readonly meta: { readonly page: number; readonly pageSize: number; readonly total: number; readonly totalPages: number; readonly [key: string]: unknown };
  readonly links?: { readonly next?: string | null; readonly [key: string]: unknown };
}

/**
 * Options of {@link KustomerClient.search}: `page` (1–100, default 1), `pageSize` (1–500, default 500 — the
 * largest the search serves, §1b, so the fewest requests), `archive` (the archive search, §1: objects whose
 * `updatedAt` is over two years old), `idsOnly` (Kustomer's `idsOnly=true`, §1b), `signal`.
 */
export interface SearchOptions {
  readonly page?: number;
  readonly pageSize?: number;
  readonly archive?: boolean;
  readonly idsOnly?: boolean;
  readonly signal?: AbortSignal;
}

/** The client's counters: requests sent (attempts), retries, waits and the time spent waiting (ms). */
export interface ClientStats {
  requests: number;
  retries: number;
  rateLimited: number;
  waits: number;
  waitedMs: number;
}

/** A Kustomer API client ({@link createClient}). */
export interface KustomerClient {
  /** The base URL requests go to (`https://…`, no trailing slash, no `/v1`). */
  readonly baseUrl: string;
  /** Counters since the client was made (live object). */
  readonly stats: Readonly<ClientStats>;
  /** One page of a search: `POST /v1/customers/search?page=&pageSize=` with `criteria` as the body. */
  search(criteria: object, opts?: SearchOptions): Promise<SearchPage>;
  /** Every record the criteria match, once each, past the 100-page cap (see searchAll.ts). */
  searchAll(criteria: object, opts?: SearchAllOptions): SearchExport;
  /** Any JSON request to the API: `path` from `/v1/…`; resolves to the parsed body. Retries as search does. */
  request(method: string, path: string, body?: unknown, opts?: { signal?: AbortSignal; criteria?: boolean }): Promise<unknown>;
}

/** True for a host name that names this machine: `localhost`, `127.0.0.0/8`, `[::1]`. */
function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}

/**
 * The base URL from the options: `baseUrl` (trailing `/` and `/v1` dropped), else org and region. Throws TypeError for
 * a URL that is not http(s), holds credentials, or is plain http to a host other than this machine's loopback.
 */
export function resolveBaseUrl(opts: Pick<ClientOptions, 'baseUrl' | 'org' | 'region'>): string {
  if (opts.baseUrl !== undefined && opts.baseUrl !== '') {
    let url: URL;
    try {
      url = new URL(opts.baseUrl);
    } catch {
      throw new TypeError(`baseUrl is not a URL: '${opts.baseUrl}'`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError(`baseUrl must be http(s), got '${url.protocol}'`);
    // The API key travels in every request's Authorization header: plain http only to this machine (kq serve).
    if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
      throw new TypeError(`baseUrl must be https for '${url.hostname}': plain http would send the API key unencrypted (http is accepted for 127.0.0.1, localhost and [::1] only)`);
    }
    if (url.username || url.password) throw new TypeError('baseUrl must not hold credentials (give the key as apiKey)');
    return `${url.origin}${url.pathname.replace(/\/+$/, '').replace(/\/v1$/, '')}`;
  }
  const region = opts.region ?? 'us';
  const host = regionHosts[region];
  if (host === undefined) throw new TypeError(`unknown region '${String(region)}' (${Object.keys(regionHosts).join(', ')})`);
  if (opts.org === undefined || opts.org === '') {
    if (opts.region === undefined) throw new TypeError('give baseUrl, or org and/or region');
    return `https://${host}`;
  }
  if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i.test(opts.org)) throw new TypeError(`org must be the org's subdomain (letters, digits, -), got '${opts.org}'`);
  return `https://${opts.org.toLowerCase()}.${host}`;
}

/** A signal that aborts when any of `signals` does (AbortSignal.any where present). */
function anySignal(signals: (AbortSignal | undefined)[]): AbortSignal | undefined {
  const list = signals.filter((s): s is AbortSignal => s !== undefined);
  if (list.length <= 1) return list[0];
  const any = (AbortSignal as { any?: (s: AbortSignal[]) => AbortSignal }).any;
  if (any) return any(list);
  const controller = new AbortController();
  for (const s of list) {
    if (s.aborted) {
      controller.abort(s.reason);
      break;
    }
    s.addEventListener('abort', () => controller.abort(s.reason), { once: true });
  }
  return controller.signal;
}

/** The statuses worth retrying with backoff: 5xx and 408 (the server timed out reading the request). */
const retryableStatus = (status: number) => status >= 500 || status === 408;

/**
 * Makes a client for the Kustomer API. Throws TypeError for bad options (no key, a base URL that is not http(s)).
 *
 * Every request: waits for the client-side budget and for the server's rate window when `x-ratelimit-remaining`
 * reached 0 (until `x-ratelimit-reset`); sends JSON with `Authorization: Bearer`; on 429 waits `Retry-After`, else
 * `x-ratelimit-reset`, else a backoff, and tries again (at most `rateLimitRetries` times; a wait over `maxWaitMs`
 * is a {@link RateLimitError} at once); on 5xx/408 or a network error retries with full-jitter backoff (at most
 * `retries` times), then throws {@link KustomerApiError} / {@link KustomerNetworkError}; any other error status
 * throws {@link KustomerApiError} at once (a 400 on a search carries `validateCriteria` of the body). An abort
 * (either signal) rejects with the signal's reason, also during a wait.
 */
export function createClient(opts: ClientOptions): KustomerClient {
  if (typeof opts.apiKey !== 'string' || opts.apiKey.trim() === '') throw new TypeError('apiKey is required (a Kustomer API key)');
  const apiKey = opts.apiKey.trim();
  const baseUrl = resolveBaseUrl(opts);
  const doFetch = opts.fetch ?? globalThis.fetch;
  if (typeof doFetch !== 'function') throw new TypeError('no fetch: pass one as the fetch option');
  const now = opts.now ?? (() => Date.now());
  const random = opts.random ?? Math.random;
  const retries = opts.retries ?? 4;
  const rateLimitRetries = opts.rateLimitRetries ?? 10;
  const backoff = opts.backoff ?? defaultBackoff;
  const maxWaitMs = opts.maxWaitMs ?? 120_000;
  const keySource = opts.keySource ?? 'the apiKey option';
  const perMinute = opts.budget === false ? undefined : (opts.budget?.requestsPerMinute ?? 100);
  const budget = perMinute === undefined ? undefined : new RequestBudget(perMinute, now);
  const progress = opts.onProgress ?? (() => {});
  const stats: ClientStats = { requests: 0, retries: 0, rateLimited: 0, waits: 0, waitedMs: 0 };
  /** The instant (ms) before which the server said no request would be accepted (remaining 0 until reset). */
  let serverGateUntil = 0;

  async function wait(ms: number, reason: 'budget' | 'rate-limit', signal: AbortSignal | undefined): Promise<void> {
    if (ms <= 0) return;
    stats.waits++;
    stats.waitedMs += ms;
    progress({ type: 'wait', reason, delayMs: ms });
    await sleep(ms, signal);
  }

  /** Reads the rate headers of any response: when the window is spent, hold later requests until it resets. */
  function noteRateHeaders(headers: Headers): void {
    const remaining = remainingOf(headers.get('x-ratelimit-remaining'));
    if (remaining === undefined || remaining > 0) return;
    const reset = resetDelayMs(headers.get('x-ratelimit-reset'), now());
    if (reset !== undefined) serverGateUntil = Math.max(serverGateUntil, now() + Math.min(reset, maxWaitMs));
  }

  async function request(method: string, path: string, body?: unknown, ropts: { signal?: AbortSignal; criteria?: boolean } = {}): Promise<unknown> {
    const signal = anySignal([opts.signal, ropts.signal]);
    const label = `${method} ${path.replace(/\?.*$/, '')}`;
    const payload = body === undefined ? undefined : JSON.stringify(body);
    let failures = 0;
    let limited = 0;
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw abortReason(signal);
      // Loops, not single waits: another request of this client may have taken the slot while this one slept.
      for (let d = budget?.delay() ?? 0; d > 0; d = budget!.delay()) await wait(d, 'budget', signal);
      for (let d = serverGateUntil - now(); d > 0; d = serverGateUntil - now()) await wait(d, 'rate-limit', signal);
      budget?.spend();
      stats.requests++;
      progress({ type: 'request', method, path, attempt });
      const started = now();
      let response: Response;
      let text: string;
      try {
        response = await doFetch(`${baseUrl}${path}`, {
          method,
          headers: { authorization: `Bearer ${apiKey}`, accept: 'application/json', ...(payload !== undefined ? { 'content-type': 'application/json' } : {}) },
          ...(payload !== undefined ? { body: payload } : {}),
          ...(signal ? { signal } : {}),
        });
        text = await response.text();
      } catch (e) {
        if (signal?.aborted) throw abortReason(signal);
        const message = redact(e instanceof Error ? `${e.message}${e.cause instanceof Error ? ` (${e.cause.message})` : ''}` : String(e), apiKey);
        if (failures >= retries) throw new KustomerNetworkError(`no answer from ${baseUrl} to ${label} after ${attempt} attempt(s): ${message}`, label, attempt, { cause: e });
        const delayMs = backoffDelay(failures++, backoff, random);
        stats.retries++;
        progress({ type: 'retry', reason: 'network', attempt, delayMs, message });
        await sleep(delayMs, signal);
        continue;
      }
      progress({ type: 'response', method, path, status: response.status, ms: now() - started });
      noteRateHeaders(response.headers);

      if (response.ok) {
        if (text === '') return null;
        try {
          return JSON.parse(text);
        } catch {
          throw new KustomerNetworkError(`${label} answered ${response.status} with a body that is not JSON: ${redact(text.slice(0, 120), apiKey)}`, label, attempt);
        }
      }

      const status = response.status;
      const parsed = parseErrorBody(text || response.statusText || `HTTP ${status}`, apiKey);
      if (status === 429) {
        stats.rateLimited++;
        const t = now();
        const asked = retryAfterMs(response.headers.get('retry-after'), t) ?? resetDelayMs(response.headers.get('x-ratelimit-reset'), t);
        if (asked !== undefined && asked > maxWaitMs) {
          throw new RateLimitError(
            `Kustomer's rate limit: ${label} was refused (429) and the server asks to wait ${Math.ceil(asked / 1000)} s, more than the ${Math.ceil(maxWaitMs / 1000)} s this client may wait (maxWaitMs)`,
            asked,
          );
        }
        if (limited >= rateLimitRetries) {
          throw new RateLimitError(`Kustomer's rate limit: ${label} was still refused (429) after ${limited} wait(s); another client may be using the org's limit`, asked);
        }
        // A reset already past (clock skew, or a window that just turned) still waits a backoff, never 0.
        const delayMs = asked !== undefined && asked > 0 ? asked : Math.max(backoffDelay(limited, backoff, random), 100);
        limited++;
        stats.retries++;
        progress({ type: 'retry', reason: 'status', status, attempt, delayMs, message: parsed.message });
        await wait(delayMs, 'rate-limit', signal);
        continue;
      }
      if (retryableStatus(status) && failures < retries) {
        const asked = retryAfterMs(response.headers.get('retry-after'), now());
        const delayMs = asked !== undefined && asked <= maxWaitMs ? Math.max(asked, backoffDelay(failures, backoff, random)) : backoffDelay(failures, backoff, random);
        failures++;
        stats.retries++;
        progress({ type: 'retry', reason: 'status', status, attempt, delayMs, message: parsed.message });
        await sleep(delayMs, signal);
        continue;
      }
      const hint = authHint(status, keySource) ?? (retryableStatus(status) ? `gave up after ${attempt} attempt(s)` : undefined);
      throw new KustomerApiError({
        status,
        code: parsed.code,
        kustomerMessage: parsed.message,
        request: label,
        ...(hint ? { hint } : {}),
        ...(status === 400 && ropts.criteria && body !== undefined ? { validation: validateCriteria(body) } : {}),
      });
    }
  }

  const client: KustomerClient = {
    baseUrl,
    stats,
    request,
    async search(criteria, sopts = {}) {
      const page = sopts.page ?? 1;
      const pageSize = sopts.pageSize ?? 500;
      const query = `page=${encodeURIComponent(page)}&pageSize=${encodeURIComponent(pageSize)}${sopts.idsOnly ? '&idsOnly=true' : ''}`;
      const path = `${sopts.archive ? '/v1/customers/archive/search' : '/v1/customers/search'}?${query}`;
      const body = await request('POST', path, criteria, { criteria: true, ...(sopts.signal ? { signal: sopts.signal } : {}) });
      return checkPage(body, `POST ${path.replace(/\?.*$/, '')}`);
    },
    searchAll(criteria, aopts = {}) {
      return searchAll(client, criteria, { ...aopts, onProgress: aopts.onProgress ?? opts.onProgress });
    },
  };
  return client;
}

/** Checks that a 200 body is a search page (`data` an array, `meta.total`/`totalPages` numbers); else throws. */
function checkPage(body: unknown, label: string): SearchPage {
  const b = body as Partial<SearchPage> | null;
  if (b === null || typeof b !== 'object' || !Array.isArray(b.data) || b.meta === null || typeof b.meta !== 'object') {
    throw new KustomerNetworkError(`${label} answered with something that is not a search page (no data array or meta)`, label, 1);
  }
  const meta = b.meta as Record<string, unknown>;
  const pageSize = typeof meta.pageSize === 'number' ? meta.pageSize : b.data.length;
  const total = typeof meta.total === 'number' ? meta.total : b.data.length;
  const totalPages = typeof meta.totalPages === 'number' ? meta.totalPages : pageSize > 0 ? Math.ceil(total / pageSize) : 0;
  return { ...b, data: b.data, meta: { ...meta, page: typeof meta.page === 'number' ? meta.page : 1, pageSize, total, totalPages } } as SearchPage;
}
