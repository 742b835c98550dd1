/**
 * A local stand-in for Kustomer's search API (`kq serve`, {@link startServer}): node:http on 127.0.0.1 only, answering
 * `POST /v1/customers/search` and `POST /v1/customers/archive/search` from records in memory with the package's
 * reference semantics (src/evaluate: `prepareCriteria`, `checkPage`, `pageOf`), in Kustomer's response shape, with
 * its auth, rate-limit headers and error envelopes — so that API clients can be tested without an org. Facts are
 * from kustomer-api-live.md (§1 search, §5 auth and rate limits) and kustomer-search-api.md (§6, §7).
 *
 * A request to a search path goes through, in order:
 *  1. auth — `Authorization: Bearer <key>` (§5); missing, malformed or (when keys are configured) unknown → 401;
 *  2. the rate limit — a token bucket per key (rateLimit.ts); empty → 429 with `Retry-After`. Every response from
 *     here on carries `x-ratelimit-limit`, `x-ratelimit-remaining` and `x-ratelimit-reset` (§5);
 *  3. a key in `forbiddenKeys` → 403 (a key without the search roles, §1a);
 *  4. the body — at most `maxBodyBytes` (→ 413), read within `requestTimeoutMs` (→ 408 and the connection closed);
 *  5. an injected fault, if one is queued (see {@link Fault}): a delay, a dropped connection, or an error status;
 *  6. the method (POST, else 405) and the body: JSON (→ 400), the documented array limits (`and`/`or`/`not` ≤ 20
 *     items, `sort` ≤ 5: the OpenAPI schema, §1c), then `prepareCriteria` (which runs `validateCriteria`) and the
 *     `page`/`pageSize` query parameters (`checkPage`: page ≥ 1, pageSize 1–500, default 100, §1b) → 400 with one
 *     error per problem, each with its JSON pointer or parameter;
 *  7. a page past the hard limit of 100 (§1f) → 404. What Kustomer answers there is not in any source (§6 gap 1);
 *     404 is what a public client (casper12340, kustomer-search-api.md §6.2) treats as the end of paging, and what
 *     the reference's page.ts refuses it as;
 *  8. the page: the matching records in sort order (records equal on every sort key in the seeded order of
 *     data.ts, like Elasticsearch's arbitrary tie order), as resource objects (resource.ts), with `meta` and
 *     relative `links` (§1d). At page 100 with more results `links.next` still names page 101, as Kustomer's does
 *     (§1f, observed by MeltanoLabs' paginator).
 * Anything else under /v1 → 404; an unexpected failure → 500; all in Kustomer's error envelope (errors.ts).
 *
 * The server never logs or returns an API key; buckets are keyed by the key's SHA-256.
 */
import { maxGroupItems, maxSortKeys } from '../schema/limits.js';
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { checkPage, maxPage, pageOf, prepareCriteria, type EvaluateOptions, type SearchProblem } from '../evaluate/index.js';
import { bundledDataPath, readRecords, seededOrder, type FlatRecord } from './data.js';
import { errorBody, type ErrorFormat, type ErrorItem } from './errors.js';
import { resetHeader, TokenBuckets, type RateDecision, type RateLimit, type ResetUnit } from './rateLimit.js';
import { toResource, type ResourceObject } from './resource.js';
import { orgResponse } from './org.js';
import { orgSchemaOptions } from '../schema/org/options.js';
import type { OrgSchema } from '../schema/org/types.js';

/** The one host the server binds to. */
export const serveHost = '127.0.0.1';

/** The search paths served (§1a). */
export const searchPaths: readonly string[] = ['/v1/customers/search', '/v1/customers/archive/search'];

/** Array limits of the search body (OpenAPI schema, kustomer-api-live.md §1c): `and`/`or`/`not` items, `sort` keys. */
export const bodyLimits = { and: maxGroupItems, or: maxGroupItems, not: maxGroupItems, sort: maxSortKeys } as const;

/** Options of {@link startServer}. Every one is optional. */
export interface ServerOptions {
  /** The records to serve (flat records: search attribute keys, `id`, `_type`). Takes precedence over `data`. */
  readonly records?: readonly object[];
  /** A file of records (NDJSON, or a JSON array). Default: the bundled `examples/data/support.ndjson`. */
  readonly data?: string;
  /** The TCP port; default 0 (a free port, read it from the result). */
  readonly port?: number;
  /** Must be `127.0.0.1` when given: the server never listens on another interface (throws a RangeError otherwise). */
  readonly host?: string;
  /**
   * The accepted API keys (`Authorization: Bearer <key>`). Empty or absent: any non-empty key is accepted (a key must
   * still be sent). `startServer` reads no environment; `kq serve` adds `KQ_SERVE_API_KEY`.
   */
  readonly apiKeys?: readonly string[];
  /** Keys that authenticate but lack the search roles: 403. */
  readonly forbiddenKeys?: readonly string[];
  /** Requests per window per key (a token bucket); default `{limit: 100, windowMs: 60_000}` (§5); `false`: none. */
  readonly rateLimit?: RateLimit | false;
  /** The unit of `x-ratelimit-reset`; default `epoch-seconds`. */
  readonly resetUnit?: ResetUnit;
  /** The seed of the tie order (data.ts); default 1. */
  readonly seed?: number;
  /** The error envelope (errors.ts); default `jsonapi`. */
  readonly errorFormat?: ErrorFormat;
  /** The largest request body in bytes; default 1 MiB (1,048,576). Larger → 413. */
  readonly maxBodyBytes?: number;
  /** How long a request (headers and body) may take to arrive, in ms; default 10,000. Slower → 408, closed. */
  readonly requestTimeoutMs?: number;
  /** The org id in each record's `relationships.org`; default `000000000000000000000001`. */
  readonly orgId?: string;
  /** The org's custom attributes, as for `prepareCriteria`. */
  readonly customAttributes?: EvaluateOptions['customAttributes'];
  /**
   * An org schema (`readOrgSchema` of a `kq schema pull` file): the metadata, klass and lookup endpoints answer from
   * it (org.ts), and its custom attributes are the search's when `customAttributes` is not given.
   */
  readonly schema?: OrgSchema;
  /** The admin endpoints under `/__kq/` (faults, stats); default true. */
  readonly admin?: boolean;
  /** The clock in ms (rate limiting and `x-ratelimit-reset`); default `Date.now`. */
  readonly now?: () => number;
}

/**
 * A fault to inject into the next `count` search requests (default 1), applied after auth and the rate limit (so
 * those responses carry the rate-limit headers, and every attempt costs a token as a real retry would):
 * first a wait of `delayMs` (0–600,000; a client timeout test), then either `dropConnection` (the socket is
 * destroyed without a response: a network error), or `status` (400–599: that error in Kustomer's envelope; 429 adds
 * `Retry-After: retryAfter`, default 1 second), or — neither — the normal response, late. Faults queue in order.
 */
export interface Fault {
  readonly status?: number;
  readonly count?: number;
  readonly delayMs?: number;
  readonly dropConnection?: boolean;
  readonly retryAfter?: number;
}

/** One request, as {@link ServerStats.log} keeps it (never a key or a body). */
export interface RequestLogEntry {
  readonly method: string;
  readonly path: string;
  /** The `page` and `pageSize` query parameters as sent (`null` when absent). */
  readonly page: string | null;
  readonly pageSize: string | null;
  /** The status sent; 0 for a dropped connection or a client that went away. */
  status: number;
  /** Milliseconds from the request's arrival to the response (or the drop). */
  ms: number;
  /** True when an injected fault applied. */
  fault: boolean;
}

/**
 * What the server has done, updated live: requests to /v1 paths (`requests`, `byStatus` keyed by the status as a
 * string, `'0'` for dropped), answered searches (`searches`), 429s from the limiter (`rateLimited`), faults applied
 * (`faultsInjected`), connections dropped by a fault (`dropped`), and the last {@link maxLogEntries} requests.
 * Admin requests are not counted.
 */
export interface ServerStats {
  requests: number;
  readonly byStatus: Record<string, number>;
  searches: number;
  rateLimited: number;
  faultsInjected: number;
  dropped: number;
  readonly log: RequestLogEntry[];
}

/** How many requests {@link ServerStats.log} keeps. */
export const maxLogEntries = 1000;

/** The settings a server runs with, as `kq serve` prints them (never a key). */
export interface ServerSettings {
  /** The data file, or `(records given)`. */
  readonly data: string;
  readonly records: number;
  /** `any` when any key is accepted; else how many keys are. */
  readonly auth: 'any' | { readonly keys: number };
  readonly rateLimit: { readonly limit: number; readonly windowMs: number } | false;
  readonly resetUnit: ResetUnit;
  readonly seed: number;
  readonly errorFormat: ErrorFormat;
  readonly maxBodyBytes: number;
  readonly requestTimeoutMs: number;
  readonly admin: boolean;
}

/** A running server (see {@link startServer}). */
export interface RunningServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  readonly port: number;
  /** Live counters and the request log. */
  readonly stats: ServerStats;
  readonly settings: ServerSettings;
  /** Queues a fault (as `POST /__kq/faults`). Throws a RangeError for a bad one. */
  inject(fault: Fault): void;
  /** Drops every queued fault. */
  clearFaults(): void;
  /** Stops listening and closes every connection (pending delays end). */
  close(): Promise<void>;
}

/** A search response body (§1d). */
export interface SearchResponseBody {
  readonly meta: { readonly page: number; readonly pageSize: number; readonly total: number; readonly totalPages: number; readonly aggregations: Record<string, unknown> };
  readonly data: ResourceObject[];
  readonly links: { readonly self: string; readonly first: string; readonly prev: string | null; readonly next: string | null; readonly last: string };
}

/** Bodies up to this many times `maxBodyBytes` are read to the end (and dropped) before a 413, so clients see it. */
const drainFactor = 16;
/** How many search results (the sorted matches of one body) are kept for paging. */
const cacheSize = 16;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly items: readonly ErrorItem[],
    readonly headers: Record<string, string> = {},
  ) {
    super(items.map((i) => i.message).join('; '));
  }
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** Checks a fault's fields; returns it with `count` filled in, or throws a RangeError. */
function checkFault(f: unknown): Required<Pick<Fault, 'count'>> & Fault {
  if (typeof f !== 'object' || f === null || Array.isArray(f)) throw new RangeError('a fault is a JSON object');
  const x = f as Record<string, unknown>;
  for (const k of Object.keys(x)) {
    if (!['status', 'count', 'delayMs', 'dropConnection', 'retryAfter'].includes(k)) throw new RangeError(`unknown fault field '${k}'`);
  }
  const int = (k: string, lo: number, hi: number): number | undefined => {
    const v = x[k];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) throw new RangeError(`fault ${k} must be a whole number ${lo}–${hi}`);
    return v;
  };
  const status = int('status', 400, 599);
  const count = int('count', 1, 1_000_000) ?? 1;
  const delayMs = int('delayMs', 0, 600_000);
  const retryAfter = int('retryAfter', 0, 86_400);
  if (x.dropConnection !== undefined && typeof x.dropConnection !== 'boolean') throw new RangeError('fault dropConnection must be a boolean');
  return {
    count,
    ...(status !== undefined ? { status } : {}),
    ...(delayMs !== undefined ? { delayMs } : {}),
    ...(x.dropConnection === true ? { dropConnection: true } : {}),
    ...(retryAfter !== undefined ? { retryAfter } : {}),
  };
}

/** A page number parameter as `checkPage` reads it: a number when it reads as one, else the text (reported as such). */
function pageParameter(text: string | null): number | string | undefined {
  if (text === null) return undefined;
  return /^\s*[+-]?\d+(\.\d+)?\s*$/.test(text) ? Number(text) : text;
}

function problemItems(problems: readonly SearchProblem[]): ErrorItem[] {
  return problems.map((p) => ({ message: p.message, ...(p.pointer !== undefined ? { pointer: p.pointer } : {}), ...(p.parameter !== undefined ? { parameter: p.parameter } : {}) }));
}

/**
 * Starts a local stand-in for Kustomer's search API on 127.0.0.1 (see the module comment for what it answers and
 * how). Resolves once it listens. Rejects when the records cannot be read, an option is out of range (a RangeError:
 * `host` other than 127.0.0.1, a bad rate limit, …), or the port cannot be bound.
 *
 * Admin endpoints (no auth; loopback only; not counted, not rate limited, never faulted), unless `admin: false`:
 * - `POST /__kq/faults` — a {@link Fault} or an array of them → 201 `{"pending": n}` (400 for a bad one);
 * - `GET /__kq/faults` → `{"pending": [faults with their remaining count]}`; `DELETE /__kq/faults` → clears them;
 * - `GET /__kq/stats` → {@link ServerStats}; `DELETE /__kq/ratelimit` → every bucket full again (204).
 */
export async function startServer(opts: ServerOptions = {}): Promise<RunningServer> {
  if (opts.host !== undefined && opts.host !== serveHost) throw new RangeError(`kq serve listens on ${serveHost} only, not '${opts.host}'`);
  const port = opts.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`port must be 0–65535, got ${port}`);
  const now = opts.now ?? Date.now;
  const maxBodyBytes = opts.maxBodyBytes ?? 1 << 20;
  const requestTimeoutMs = opts.requestTimeoutMs ?? 10_000;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 1) throw new RangeError(`maxBodyBytes must be a whole number ≥ 1, got ${maxBodyBytes}`);
  if (!Number.isInteger(requestTimeoutMs) || requestTimeoutMs < 1) throw new RangeError(`requestTimeoutMs must be a whole number ≥ 1, got ${requestTimeoutMs}`);
  const seed = opts.seed ?? 1;
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be a whole number, got ${seed}`);
  const errorFormat = opts.errorFormat ?? 'jsonapi';
  if (errorFormat !== 'jsonapi' && errorFormat !== 'simple') throw new RangeError(`errorFormat must be jsonapi or simple, got '${String(errorFormat)}'`);
  const resetUnit = opts.resetUnit ?? 'epoch-seconds';
  if (resetUnit !== 'epoch-seconds' && resetUnit !== 'seconds-from-now') throw new RangeError(`resetUnit must be epoch-seconds or seconds-from-now, got '${String(resetUnit)}'`);
  const limiter = opts.rateLimit === false ? null : new TokenBuckets(opts.rateLimit ?? { limit: 100, windowMs: 60_000 }, now);
  const orgId = opts.orgId ?? '000000000000000000000001';
  const admin = opts.admin ?? true;
  const custom = opts.customAttributes ?? (opts.schema ? orgSchemaOptions(opts.schema).customAttributes : undefined);
  const evaluateOptions: EvaluateOptions = custom ? { customAttributes: custom } : {};

  const dataName = opts.records ? '(records given)' : (opts.data ?? bundledDataPath());
  const given = (opts.records ?? readRecords(dataName)) as readonly FlatRecord[];
  for (const [i, r] of given.entries()) {
    if (typeof r !== 'object' || r === null || Array.isArray(r)) throw new RangeError(`record ${i} is not an object`);
  }
  const { records, fallbackIds } = seededOrder(given, seed);

  const keyDigests = (opts.apiKeys ?? []).filter((k) => k !== '').map(sha256);
  const forbiddenDigests = (opts.forbiddenKeys ?? []).filter((k) => k !== '').map(sha256);
  const known = (digest: Buffer, list: readonly Buffer[]): boolean => {
    let hit = false;
    for (const d of list) hit = timingSafeEqual(d, digest) || hit; // every key compared, in constant time
    return hit;
  };

  const stats: ServerStats = { requests: 0, byStatus: {}, searches: 0, rateLimited: 0, faultsInjected: 0, dropped: 0, log: [] };
  const faults: { fault: Fault; remaining: number }[] = [];
  const inject = (f: Fault): void => {
    const checked = checkFault(f);
    faults.push({ fault: checked, remaining: checked.count });
  };
  const nextFault = (): Fault | undefined => {
    const head = faults[0];
    if (!head) return undefined;
    if (--head.remaining <= 0) faults.shift();
    return head.fault;
  };

  // The sorted matches of recent bodies, so that paging through one query sorts once (LRU by insertion).
  const cache = new Map<string, FlatRecord[]>();
  const selectFor = (key: string, select: () => FlatRecord[]): FlatRecord[] => {
    let hit = cache.get(key);
    if (hit) {
      cache.delete(key);
      cache.set(key, hit);
      return hit;
    }
    hit = select();
    cache.set(key, hit);
    if (cache.size > cacheSize) cache.delete(cache.keys().next().value!);
    return hit;
  };

  const timers = new Set<{ timer: NodeJS.Timeout; done: () => void }>();
  const sleep = (ms: number, socket: Socket): Promise<void> =>
    new Promise((resolve) => {
      const entry = {
        timer: setTimeout(() => finish(), ms),
        done: () => finish(),
      };
      const finish = (): void => {
        clearTimeout(entry.timer);
        timers.delete(entry);
        socket.off('close', finish);
        resolve();
      };
      timers.add(entry);
      socket.once('close', finish);
    });

  const settings: ServerSettings = {
    data: dataName,
    records: records.length,
    auth: keyDigests.length ? { keys: keyDigests.length } : 'any',
    rateLimit: limiter ? { limit: limiter.limit, windowMs: limiter.windowMs } : false,
    resetUnit,
    seed,
    errorFormat,
    maxBodyBytes,
    requestTimeoutMs,
    admin,
  };

  let actualPort = port;
  const allowedHosts = (): Set<string> => new Set([`${serveHost}:${actualPort}`, `localhost:${actualPort}`]);

  function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    if (res.headersSent || res.destroyed) return;
    const text = body === undefined ? '' : JSON.stringify(body);
    res.writeHead(status, {
      ...headers,
      ...(body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
      'content-length': String(Buffer.byteLength(text)),
    });
    res.end(text);
  }

  /** Reads the body: the bytes, or `null` when it is over the limit (then drained up to drainFactor × the limit). */
  function readBody(req: IncomingMessage): Promise<Buffer | null> {
    return new Promise((resolve, reject) => {
      const declared = Number(req.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBodyBytes * drainFactor) return resolve(null);
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= maxBodyBytes) chunks.push(chunk);
        else if (size > maxBodyBytes * drainFactor) {
          req.removeAllListeners('data');
          req.pause();
          resolve(null);
        }
      });
      req.once('end', () => resolve(size > maxBodyBytes ? null : Buffer.concat(chunks)));
      req.once('error', reject);
      req.once('aborted', () => reject(new Error('aborted')));
    });
  }

  /** Writes `x-ratelimit-*` for a decision. */
  function rateHeaders(d: RateDecision | null): Record<string, string> {
    if (!d) return {};
    return { 'x-ratelimit-limit': String(d.limit), 'x-ratelimit-remaining': String(d.remaining), 'x-ratelimit-reset': resetHeader(d.resetMs, now(), resetUnit) };
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, entry: RequestLogEntry): Promise<void> {
    let headers: Record<string, string> = {};
    const fail = (e: HttpError): void => {
      const extra: Record<string, string> = e.status === 401 ? { 'www-authenticate': 'Bearer' } : e.status === 405 ? { allow: 'POST' } : {};
      sendJson(res, e.status, errorBody(e.status, e.items, errorFormat), { ...headers, ...extra, ...e.headers });
    };
    try {
      // 1. auth (§5)
      const m = /^Bearer +(\S+) *$/i.exec(req.headers.authorization ?? '');
      if (!m) throw new HttpError(401, [{ message: 'Missing or malformed Authorization header; send "Authorization: Bearer <API key>".' }]);
      const digest = sha256(m[1]!);
      if (keyDigests.length && !known(digest, keyDigests)) throw new HttpError(401, [{ message: 'Invalid API key.' }]);
      // 2. the rate limit (§5)
      const decision = limiter ? limiter.take(digest.toString('hex')) : null;
      headers = rateHeaders(decision);
      if (decision && !decision.allowed) {
        stats.rateLimited++;
        const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
        throw new HttpError(429, [{ message: `Rate limit of ${decision.limit} requests exceeded; retry in ${seconds} s.` }], { 'retry-after': String(seconds) });
      }
      // 3. roles
      if (known(digest, forbiddenDigests)) throw new HttpError(403, [{ message: 'This API key lacks the search roles (org.permission.search.create).' }]);
      // 4. the body
      let bytes: Buffer | null;
      try {
        bytes = await readBody(req);
      } catch {
        entry.status = 0;
        return; // the client went away (or the request timed out: Node answers 408 itself)
      }
      if (bytes === null) {
        res.setHeader('connection', 'close');
        throw new HttpError(413, [{ message: `The request body is larger than ${maxBodyBytes} bytes.` }]);
      }
      // 5. an injected fault
      const fault = nextFault();
      if (fault) {
        entry.fault = true;
        stats.faultsInjected++;
        if (fault.delayMs) await sleep(fault.delayMs, req.socket);
        if (req.socket.destroyed) return;
        if (fault.dropConnection) {
          stats.dropped++;
          req.socket.destroy();
          return;
        }
        if (fault.status !== undefined) {
          const extra: Record<string, string> = fault.status === 429 ? { 'retry-after': String(fault.retryAfter ?? 1) } : fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {};
          throw new HttpError(fault.status, [{ message: `Injected fault: status ${fault.status}.` }], extra);
        }
      }
      // 6. route, method, body (the org endpoints of a schema first: org.ts)
      const org = opts.schema ? orgResponse(opts.schema, req.method ?? '', url) : null;
      if (org !== null) {
        if (org.status === 200) return sendJson(res, 200, org.body, headers);
        throw new HttpError(org.status, [{ message: org.message, ...(org.parameter !== undefined ? { parameter: org.parameter } : {}) }], org.status === 405 ? { allow: 'GET' } : {});
      }
      if (!searchPaths.includes(url.pathname)) throw new HttpError(404, [{ message: `No such endpoint: ${req.method} ${url.pathname}.` }]);
      if (req.method !== 'POST') throw new HttpError(405, [{ message: `${url.pathname} takes POST, not ${req.method}.` }]);
      let body: unknown;
      try {
        body = JSON.parse(bytes.toString('utf8'));
      } catch (e) {
        throw new HttpError(400, [{ pointer: '', message: `The body is not valid JSON: ${(e as Error).message}` }]);
      }
      const page = pageParameter(url.searchParams.get('page'));
      const pageSize = pageParameter(url.searchParams.get('pageSize'));
      const pastCap = typeof page === 'number' && Number.isInteger(page) && page > maxPage;
      const prepared = prepareCriteria(body, evaluateOptions);
      const checked = checkPage({ page: (pastCap ? 1 : page) as number | undefined, pageSize: pageSize as number | undefined });
      // The body limits of §1c (and/or/not ≤ 20 items, sort ≤ 5 keys) are in the criteria schema prepareCriteria checks.
      const problems = [...(prepared.ok ? [] : problemItems(prepared.problems)), ...(checked.ok ? [] : problemItems(checked.problems))];
      if (problems.length || !prepared.ok || !checked.ok) throw new HttpError(400, problems);
      // 7. the page cap (§1f; what Kustomer sends here is undocumented: see the module comment)
      if (pastCap) {
        throw new HttpError(404, [{ parameter: 'page', message: `page ${page} is past the search's hard limit of ${maxPage} pages; narrow the query (e.g. by updated_at) instead.` }]);
      }
      // 8. the page
      const matches = selectFor(JSON.stringify(body), () => prepared.prepared.select(records));
      const size = checked.pageSize;
      const { data, meta } = pageOf(matches, checked.page, size);
      const link = (p: number): string => `${url.pathname}?page=${p}&pageSize=${size}`;
      const response: SearchResponseBody = {
        meta: { ...meta, aggregations: {} },
        data: data.map((r) => toResource(r, prepared.prepared.queryContext, fallbackIds.get(r) ?? '', orgId)),
        links: {
          self: link(meta.page),
          first: link(1),
          prev: meta.page > 1 ? link(meta.page - 1) : null,
          next: meta.page < meta.totalPages ? link(meta.page + 1) : null,
          last: link(Math.max(1, meta.totalPages)),
        },
      };
      stats.searches++;
      sendJson(res, 200, response, headers);
    } catch (e) {
      if (e instanceof HttpError) fail(e);
      else fail(new HttpError(500, [{ message: `Internal error: ${e instanceof Error ? e.message : String(e)}` }]));
    }
  }

  async function handleAdmin(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const route = `${req.method} ${url.pathname}`;
    const bad = (message: string): void => sendJson(res, 400, errorBody(400, [{ message }], errorFormat));
    if (route === 'POST /__kq/faults') {
      const bytes = await readBody(req).catch(() => null);
      if (bytes === null) return bad('The fault body is missing or too large.');
      let json: unknown;
      try {
        json = JSON.parse(bytes.toString('utf8'));
      } catch (e) {
        return bad(`The fault body is not valid JSON: ${(e as Error).message}`);
      }
      try {
        const list = Array.isArray(json) ? json : [json];
        const checked = list.map(checkFault);
        for (const f of checked) faults.push({ fault: f, remaining: f.count });
      } catch (e) {
        return bad((e as Error).message);
      }
      return sendJson(res, 201, { pending: faults.reduce((n, f) => n + f.remaining, 0) });
    }
    await readBody(req).catch(() => null);
    if (route === 'GET /__kq/faults') return sendJson(res, 200, { pending: faults.map((f) => ({ ...f.fault, count: f.remaining })) });
    if (route === 'DELETE /__kq/faults') {
      faults.length = 0;
      return sendJson(res, 200, { pending: [] });
    }
    if (route === 'GET /__kq/stats') return sendJson(res, 200, stats);
    if (route === 'DELETE /__kq/ratelimit') {
      limiter?.reset();
      return sendJson(res, 204, undefined);
    }
    sendJson(res, 404, errorBody(404, [{ message: `No such admin endpoint: ${route}.` }], errorFormat));
  }

  const server = createServer(
    { requestTimeout: requestTimeoutMs, headersTimeout: requestTimeoutMs, connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(requestTimeoutMs / 4))) },
    (req, res) => {
      const started = now();
      const url = new URL(req.url ?? '/', `http://${serveHost}`);
      // A page on another site may reach a loopback server through DNS rebinding: answer only this server's names.
      const host = req.headers.host;
      if (host !== undefined && !allowedHosts().has(host.toLowerCase())) {
        req.resume();
        return sendJson(res, 403, errorBody(403, [{ message: `Host '${host.slice(0, 100)}' is not this server.` }], errorFormat), { connection: 'close' });
      }
      if (url.pathname.startsWith('/__kq/') && admin) {
        void handleAdmin(req, res, url).catch(() => res.destroy());
        return;
      }
      const entry: RequestLogEntry = { method: req.method ?? '', path: url.pathname, page: url.searchParams.get('page'), pageSize: url.searchParams.get('pageSize'), status: 0, ms: 0, fault: false };
      stats.requests++;
      const record = (): void => {
        entry.status = res.headersSent ? res.statusCode : 0;
        entry.ms = now() - started;
        stats.byStatus[String(entry.status)] = (stats.byStatus[String(entry.status)] ?? 0) + 1;
        stats.log.push(entry);
        if (stats.log.length > maxLogEntries) stats.log.splice(0, stats.log.length - maxLogEntries);
      };
      res.once('close', record);
      if (!url.pathname.startsWith('/v1/')) {
        req.resume();
        return sendJson(res, 404, errorBody(404, [{ message: `No such endpoint: ${req.method} ${url.pathname}.` }], errorFormat));
      }
      void handleApi(req, res, url, entry);
    },
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host: serveHost }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  actualPort = (server.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${serveHost}:${actualPort}`,
    port: actualPort,
    stats,
    settings,
    inject,
    clearFaults: () => void (faults.length = 0),
    close(): Promise<void> {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const t of [...timers]) t.done();
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
