/**
 * `searchAll`: every record a search matches, each exactly once, however many — past the search's hard limit of 100
 * pages (kustomer-api-live.md §1f) by windowing on the query context's `<object>_updated_at`, the recipe of
 * Kustomer's own docs.
 *
 * How (the fewest requests: pages of 500, the largest the search serves, §1b):
 * 1. A query with its own `sort` is first run as written. When its result fits in 100 pages it is paged through in
 *    the query's order and that is all. When it does not, that first page is discarded (one request spent) and the
 *    export starts over in the windowing order: **the query's own sort is replaced by the windowing sort** whenever
 *    windowing is needed. A query without a sort (or with `since`/a checkpoint) uses the windowing order from the
 *    first request, so nothing is discarded.
 * 2. A window is the query with `sort: [{<object>_updated_at: "asc"}]` and, after the first, one more `and` item
 *    `{<object>_updated_at: {gte: <the last updatedAt returned>}}`. It is paged through up to the cap (100 pages, or
 *    `pagesPerWindow`); when the cap cut it short, the next window starts at the last record's `updatedAt`.
 * 3. `gte` (not `gt`) so that no record sharing the boundary timestamp is lost: those records come again at the start
 *    of the next window, and are skipped by id. Only the ids of the records at the current latest timestamp (the tie
 *    group) are kept, so memory is bounded by the largest tie group, not by the result.
 * 4. A tie group filling a whole window (every record of a capped window has one timestamp: ≥ 100 × pageSize records
 *    with one `updatedAt`) cannot be windowed past; the export stops with a {@link WindowingError} (`tie-group`)
 *    rather than loop. (Narrow the query, e.g. by created_at, and export the parts.)
 * 5. The window's `gte` item must fit the 20-item limit of `and` (§1c). When `and` is full, the item is folded into
 *    an existing lower bound on the same attribute (`gte`/`gt`) when that keeps the meaning: always for a window
 *    after the first (its start is the `updatedAt` of a record that satisfied the bound, so `gte start` implies it),
 *    and for a user's `since` only when the bound is an ISO instant no later than `since`. Otherwise the export
 *    stops with a {@link WindowingError} (`and-full`) before any windowed request, saying so.
 *
 * Ordering assumptions: the server sorts by `<object>_updated_at` ascending exactly, across pages and windows, and
 * `attributes.updatedAt` of a returned record is that attribute's value (the recipe's premise, §1f). A record whose
 * timestamp is earlier than one already emitted (possible only if the data changed, see below) was already
 * emitted by that premise and is skipped (counted in `stats.stale`). Records without `updatedAt` sort last on the
 * server and are emitted as they come; a window cannot end on one.
 *
 * Records updated during the export: an update moves a record to a later `updatedAt`, so a record not yet reached
 * is still exported, once, at its new place; a record already emitted may be emitted again at its new place (the
 * export is at least once for records changed while it runs). Within a window, paging is by offset: a record that
 * leaves the positions before the read position (updated to a later time, deleted, or no longer matching) shifts
 * the later pages back by one, and one record at the next page's start can be missed. `pagesPerWindow: 1` makes
 * every request a new window (no offsets, nothing missed) at the price of a tie-group limit of one page.
 *
 * Resuming: `checkpoint()` is `{since, seenIds}` — every record before `since` (in the windowing order) was
 * emitted, and of those at `since`, the `seenIds`. Passing it back as `checkpoint` continues with no loss and no
 * repeats. A finished export's checkpoint picks up, later, exactly the records updated since (an incremental sync).
 * In the query's own order (step 1, first case) there is no timestamp order to resume from: `checkpoint()` is null.
 */
import { contextSortFields } from '../schema/sorting.js';
import { WindowingError } from './errors.js';
import type { KustomerClient, ProgressEvent, SearchPage, SearchRecord } from './client.js';

/** Where a windowed export stands: every record before `since` emitted, and at `since` those in `seenIds`. */
export interface Checkpoint {
  /** An `updatedAt` as the server returned it (an ISO-8601 instant). */
  readonly since: string;
  /** The ids of the records with that exact `updatedAt` already emitted. */
  readonly seenIds: readonly string[];
}

/**
 * Options of {@link searchAll}:
 * - `pageSize` (default 500, the largest the search serves), `limit` (stop after this many records; a limit below
 *   the page size also shrinks the page);
 * - `since`: only records updated at or after this ISO-8601 instant (forces the windowing order);
 * - `checkpoint`: resume an export (see the module comment); `since` is then ignored;
 * - `archive`: search the archive (`/v1/customers/archive/search`, §1);
 * - `maxPages` (default 100, the hard limit, §1f) and `pagesPerWindow` (default `maxPages`, see the module comment);
 * - `updatedAtOf(record)`: the windowing timestamp of a returned record (default `attributes.updatedAt`);
 * - `signal`, `onProgress` (default the client's).
 */
export interface SearchAllOptions {
  readonly pageSize?: number;
  readonly limit?: number;
  readonly since?: string;
  readonly checkpoint?: Checkpoint;
  readonly archive?: boolean;
  readonly maxPages?: number;
  readonly pagesPerWindow?: number;
  readonly updatedAtOf?: (record: SearchRecord) => string | null | undefined;
  readonly signal?: AbortSignal;
  readonly onProgress?: ((event: ProgressEvent) => void) | undefined;
}

/**
 * An export's counters (a live object): `records` emitted; `requests` and `retries` the client made for it (every
 * attempt counts); `pages` read; `windows` run; `duplicates` (boundary records seen again and skipped); `stale`
 * (records older than the position, skipped, see the module comment); `discarded` (pages read in the query's own
 * order and thrown away when windowing turned out to be needed); `total` as the first page reported it;
 * `elapsedMs`.
 */
export interface ExportStats {
  records: number;
  requests: number;
  retries: number;
  pages: number;
  windows: number;
  duplicates: number;
  stale: number;
  discarded: number;
  total: number | null;
  elapsedMs: number;
}

/** A running export: iterate it (once) for the records; `stats` and `checkpoint()` at any time. */
export interface SearchExport extends AsyncIterable<SearchRecord> {
  readonly stats: Readonly<ExportStats>;
  /** The order records come in: `query` (the query's own sort), `window` (by updated_at), or null before the first page. */
  readonly order: 'query' | 'window' | null;
  /** Where to resume from (see the module comment); null when not resumable or nothing was read yet. */
  checkpoint(): Checkpoint | null;
}

/** The most items an `and`/`or`/`not` array may hold (§1c, the OpenAPI `maxItems`). */
export const maxGroupItems = 20;

/** The windowing attribute of a search body: `<object>_updated_at` of its `queryContext` (customer when absent). */
export function windowField(criteria: object): string {
  const context = (criteria as { queryContext?: unknown }).queryContext;
  const ctx = typeof context === 'string' && context !== '' ? context : 'customer';
  const field = contextSortFields(ctx)[1];
  if (field === undefined) throw new WindowingError('no-timestamp', `cannot window the query context '${ctx}': it has no <object>_updated_at to sort on`);
  return field;
}

/** A body's `and` as an array (Kustomer also takes a single object, §1c). */
function andItems(criteria: object): unknown[] {
  const and = (criteria as { and?: unknown }).and;
  return and === undefined || and === null ? [] : Array.isArray(and) ? [...and] : [and];
}

/** An instant from an ISO-8601 string with a time and a zone (`Z` or an offset); null for anything else. */
function instantOf(value: unknown): number | null {
  if (typeof value !== 'string' || !/^\d{4}-\d\d-\d\dT[\d:.]+(Z|[+-]\d\d:?\d\d)$/i.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/** Whether `item` is exactly `{field: {gte|gt: value}}`: a lower bound on `field` and nothing else. */
function lowerBoundOf(item: unknown, field: string): { op: 'gte' | 'gt'; value: unknown } | null {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return null;
  const keys = Object.keys(item);
  if (keys.length !== 1 || keys[0] !== field) return null;
  const cond = (item as Record<string, unknown>)[field];
  if (cond === null || typeof cond !== 'object') return null;
  const ops = Object.keys(cond);
  if (ops.length !== 1 || (ops[0] !== 'gte' && ops[0] !== 'gt')) return null;
  return { op: ops[0], value: (cond as Record<string, unknown>)[ops[0]] };
}

/**
 * The body of one window: `criteria` sorted by `field` ascending, and when `since` is given, with
 * `{field: {gte: since}}` added to `and` — appended when `and` has room, else folded into an existing lower bound
 * on `field` when that keeps the meaning (always when `sinceFromResults`, see the module comment, step 5). Throws
 * {@link WindowingError} (`and-full`) when neither is possible. Never changes `criteria`.
 */
export function windowCriteria(criteria: object, field: string, since: string | null, sinceFromResults: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = { ...criteria, sort: [{ [field]: 'asc' }] };
  if (since === null) return body;
  const and = andItems(criteria);
  const bound = { [field]: { gte: since } };
  if (and.length < maxGroupItems) {
    body.and = [...and, bound];
    return body;
  }
  const sinceMs = instantOf(since);
  const at = and.findIndex((item) => {
    const b = lowerBoundOf(item, field);
    if (b === null) return false;
    if (sinceFromResults) return true;
    const boundMs = instantOf(b.value);
    return boundMs !== null && sinceMs !== null && (b.op === 'gte' ? boundMs <= sinceMs : boundMs < sinceMs);
  });
  if (at < 0) {
    throw new WindowingError(
      'and-full',
      `the query's 'and' already holds ${and.length} conditions, the most Kustomer accepts (${maxGroupItems}), and windowing past the 100-page cap needs one more (${field} >= ${since}); ` +
        `there is no lower bound on ${field} it could be folded into safely. Merge two conditions (e.g. into one 'in' list) or export the result in parts.`,
    );
  }
  and[at] = bound;
  body.and = and;
  return body;
}

/** The default windowing timestamp of a record: `attributes.updatedAt` (§1d, §1f). */
function defaultUpdatedAt(record: SearchRecord): string | null | undefined {
  const v = record?.attributes?.updatedAt;
  return typeof v === 'string' ? v : null;
}

/** Whether a body has a sort of its own other than the windowing sort. */
function hasOwnSort(criteria: object, field: string): boolean {
  const sort = (criteria as { sort?: unknown }).sort;
  if (sort === undefined || sort === null) return false;
  const keys = Array.isArray(sort) ? sort : [sort];
  if (keys.length === 0) return false;
  if (keys.length === 1 && keys[0] !== null && typeof keys[0] === 'object') {
    const entries = Object.entries(keys[0] as object);
    if (entries.length === 1 && entries[0]![0] === field && entries[0]![1] === 'asc') return false;
  }
  return true;
}

/**
 * Every record `criteria` match, once each, as an async iterable (see the module comment for the method, its
 * assumptions and what updates during the export do). Errors: {@link WindowingError} (a tie group as large as a
 * window, a full `and`, a window ending on a record without `updatedAt`), and whatever the client's requests throw
 * (KustomerApiError, KustomerNetworkError, RateLimitError, the signal's reason on abort). `stats` counts the
 * client's requests as the difference of its counters, so run one export at a time per client for exact counts.
 */
export function searchAll(client: KustomerClient, criteria: object, opts: SearchAllOptions = {}): SearchExport {
  const field = windowField(criteria);
  const maxPages = opts.maxPages ?? 100;
  const pagesPerWindow = Math.min(opts.pagesPerWindow ?? maxPages, maxPages);
  const limit = opts.limit;
  const pageSize = Math.max(1, Math.min(opts.pageSize ?? 500, limit !== undefined && limit > 0 ? limit : Infinity));
  const updatedAtOf = opts.updatedAtOf ?? defaultUpdatedAt;
  const progress = opts.onProgress ?? (() => {});
  const stats: ExportStats = { records: 0, requests: 0, retries: 0, pages: 0, windows: 0, duplicates: 0, stale: 0, discarded: 0, total: null, elapsedMs: 0 };
  const startRequests = client.stats.requests;
  const startRetries = client.stats.retries;
  const started = Date.now();

  if (opts.since !== undefined && opts.checkpoint === undefined && instantOf(opts.since) === null) {
    throw new WindowingError('bad-since', `since must be an ISO-8601 instant with a time and a zone (e.g. 2024-05-01T00:00:00Z), got '${opts.since}'`);
  }
  if (opts.checkpoint !== undefined && (typeof opts.checkpoint.since !== 'string' || Number.isNaN(Date.parse(opts.checkpoint.since)) || !Array.isArray(opts.checkpoint.seenIds))) {
    throw new WindowingError('bad-since', 'checkpoint must be {since: <ISO instant>, seenIds: [<id>, …]}');
  }

  /** The position: the latest timestamp emitted (string as received, and its instant) and the ids emitted at it. */
  let lastTs: string | null = opts.checkpoint?.since ?? opts.since ?? null;
  let lastMs: number | null = lastTs === null ? null : Date.parse(lastTs);
  let tie = new Set<string>(opts.checkpoint?.seenIds ?? []);
  let order: 'query' | 'window' | null = null;
  let iterated = false;

  const update = () => {
    stats.requests = client.stats.requests - startRequests;
    stats.retries = client.stats.retries - startRetries;
    stats.elapsedMs = Date.now() - started;
  };

  async function fetchPage(body: object, page: number, window: number): Promise<SearchPage> {
    try {
      const res = await client.search(body, { page, pageSize, ...(opts.archive ? { archive: true } : {}), ...(opts.signal ? { signal: opts.signal } : {}) });
      stats.pages++;
      stats.total ??= res.meta.total;
      progress({ type: 'page', window, page, records: res.data.length, total: res.meta.total, totalPages: res.meta.totalPages });
      return res;
    } finally {
      update();
    }
  }

  async function* inQueryOrder(first: SearchPage): AsyncGenerator<SearchRecord> {
    let res = first;
    for (let page = 1; ; ) {
      for (const record of res.data) {
        stats.records++;
        yield record;
        if (limit !== undefined && stats.records >= limit) return;
      }
      if (res.data.length === 0 || page >= res.meta.totalPages) return;
      if (page >= maxPages) {
        // The result grew past the cap while it was being read in the query's order: the rest cannot be reached
        // without re-sorting, and re-sorting would repeat what was emitted.
        throw new WindowingError('tie-group', `the result grew past ${maxPages} pages while it was read in the query's own sort order; run it again without a sort (then it is read by updated_at windows)`);
      }
      res = await fetchPage(criteria, ++page, 1);
    }
  }

  async function* inWindows(): AsyncGenerator<SearchRecord> {
    let sinceFromResults = opts.checkpoint !== undefined;
    for (let window = 1; ; window++) {
      stats.windows = window;
      progress({ type: 'window', window, since: lastTs, reason: window === 1 ? (stats.discarded ? 'resort' : 'start') : 'cap' });
      const body = windowCriteria(criteria, field, lastTs, sinceFromResults);
      let firstMs: number | null | undefined;
      let lastHadTs = true;
      let capped = false;
      for (let page = 1; ; page++) {
        const res = await fetchPage(body, page, window);
        for (const record of res.data) {
          const ts = updatedAtOf(record);
          const ms = typeof ts === 'string' ? Date.parse(ts) : NaN;
          if (firstMs === undefined) firstMs = Number.isNaN(ms) ? null : ms;
          lastHadTs = !Number.isNaN(ms);
          if (!Number.isNaN(ms)) {
            const id = String(record.id);
            if (lastMs !== null && ms < lastMs) {
              stats.stale++;
              continue;
            }
            if (ms === lastMs) {
              if (tie.has(id)) {
                stats.duplicates++;
                continue;
              }
              tie.add(id);
            } else {
              lastTs = ts!;
              lastMs = ms;
              tie = new Set([id]);
            }
          }
          stats.records++;
          yield record;
          if (limit !== undefined && stats.records >= limit) return;
        }
        if (res.data.length === 0 || page >= res.meta.totalPages) break;
        if (page >= pagesPerWindow) {
          capped = true;
          break;
        }
      }
      if (!capped) return;
      if (!lastHadTs) throw new WindowingError('no-timestamp', `a window of ${pagesPerWindow} page(s) ended on a record without updatedAt; the export cannot continue by ${field}`);
      if (firstMs === lastMs) {
        throw new WindowingError(
          'tie-group',
          `at least ${pagesPerWindow * pageSize} records share ${field} = ${lastTs} (a whole window of ${pagesPerWindow} page(s) of ${pageSize}); windowing on ${field} cannot get past them. ` +
            'Narrow the query (e.g. by created_at) and export it in parts.',
        );
      }
      sinceFromResults = true;
    }
  }

  async function* run(): AsyncGenerator<SearchRecord> {
    try {
      if (opts.checkpoint === undefined && opts.since === undefined && hasOwnSort(criteria, field)) {
        const first = await fetchPage(criteria, 1, 1);
        if (first.meta.totalPages <= maxPages) {
          order = 'query';
          yield* inQueryOrder(first);
          return;
        }
        stats.discarded++;
      }
      order = 'window';
      yield* inWindows();
    } finally {
      update();
    }
  }

  return {
    stats,
    get order() {
      return order;
    },
    checkpoint() {
      if (order !== 'window' || lastTs === null) return null;
      return { since: lastTs, seenIds: [...tie] };
    },
    [Symbol.asyncIterator]() {
      if (iterated) throw new Error('a searchAll export can be iterated once');
      iterated = true;
      return run();
    },
  };
}
