/**
 * The local search server (src/serve, `startServer`), over real HTTP on 127.0.0.1 (port 0) with fetch: the response
 * shape and links, the page cap, tie order, auth, rate limits, faults, body limits and timeouts.
 */
import { connect } from 'node:net';
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { search } from '../../src/evaluate/index.js';
import { startServer, type RunningServer, type ServerOptions } from '../../src/node/index.js';
import { TokenBuckets } from '../../src/serve/rateLimit.js';
import { fcOptions } from '../helpers/fc.js';
import { generateRecords } from '../helpers/records.js';

const key = 'test-key-0123456789';
const customersByUpdate = { queryContext: 'customer', and: [{ customer_updated_at: { gte: '2016-01-01' } }], sort: [{ customer_updated_at: 'asc' }] };

/** Runs `f` with a server started with `opts`, closing it afterwards. */
async function withServer(opts: ServerOptions, f: (s: RunningServer) => Promise<void>): Promise<void> {
  const s = await startServer(opts);
  try {
    await f(s);
  } finally {
    await s.close();
  }
}

/** A response whose JSON is read loosely (the tests check its shape field by field). */
type JsonResponse = Omit<Response, 'json'> & { json(): Promise<any> };

/** fetch, with {@link JsonResponse}. */
function request(url: string, init?: RequestInit): Promise<JsonResponse> {
  return fetch(url, init);
}

/** POSTs `body` (JSON unless a string) to `path` with the key (unless `auth` is given, `null` for none). */
function post(s: RunningServer, path: string, body: unknown, auth: string | null = `Bearer ${key}`, signal?: AbortSignal): Promise<JsonResponse> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (auth !== null) headers.authorization = auth;
  return request(`${s.url}${path}`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body), ...(signal ? { signal } : {}) });
}

// ---------------------------------------------------------------------------------------------------------------
// Shape

test('POST /v1/customers/search?pageSize=10 (customers of the bundled data: meta, data items, relative links)', async () => {
  await withServer({}, async (s) => {
    const r = await post(s, '/v1/customers/search?pageSize=10', customersByUpdate);
    assert.is(r.status, 200);
    assert.is(r.headers.get('content-type'), 'application/json; charset=utf-8');
    const j = await r.json();
    assert.equal(Object.keys(j).sort(), ['data', 'links', 'meta']);
    assert.equal(j.meta, { page: 1, pageSize: 10, total: 40, totalPages: 4, aggregations: {} });
    assert.equal(j.links, {
      self: '/v1/customers/search?page=1&pageSize=10',
      first: '/v1/customers/search?page=1&pageSize=10',
      prev: null,
      next: '/v1/customers/search?page=2&pageSize=10',
      last: '/v1/customers/search?page=4&pageSize=10',
    });
    assert.is(j.data.length, 10);
    for (const item of j.data) {
      assert.equal(Object.keys(item).sort(), ['attributes', 'id', 'links', 'relationships', 'type']);
      assert.is(item.type, 'customer');
      assert.match(item.id, /^[0-9a-f]{24}$/);
      assert.is(item.links.self, `/v1/customers/${item.id}`);
      assert.equal(item.relationships.org.data, { type: 'org', id: '000000000000000000000001' });
      assert.type(item.attributes.updatedAt, 'string');
      assert.type(item.attributes.name, 'string');
      assert.type(item.attributes.custom.tierStr, 'string');
    }
    const updated = j.data.map((d: { attributes: { updatedAt: string } }) => d.attributes.updatedAt);
    assert.equal(updated, [...updated].sort());
  });
});

test('POST /v1/customers/search: the same matches as the reference search(), every page', async () => {
  const records = generateRecords(250, { tieGroups: 40 });
  await withServer({ records, rateLimit: false }, async (s) => {
    const body = { queryContext: 'customer', and: [{ customer_custom_tierStr: { equals: 'gold' } }], sort: [{ customer_updated_at: 'desc' }] };
    const reference = search(body, records, { pageSize: 500 });
    const ids: string[] = [];
    for (let page = 1; page <= 9; page++) {
      const j = await (await post(s, `/v1/customers/search?page=${page}&pageSize=10`, body)).json();
      assert.is(j.meta.total, reference.meta.total);
      ids.push(...j.data.map((d: { id: string }) => d.id));
    }
    assert.is(ids.length, reference.meta.total);
    assert.equal([...ids].sort(), reference.data.map((r) => r.id as string).sort());
    // Sorted by the key (desc), whatever the order within ties.
    const byId = new Map(records.map((r) => [r.id as string, r.customer_updated_at as string]));
    const keys = ids.map((id) => byId.get(id)!);
    assert.equal(keys, [...keys].sort().reverse());
  });
});

test('POST /v1/customers/search {queryContext: conversation}: type, camelCase attributes, custom, other objects left out', async () => {
  await withServer({}, async (s) => {
    const j = await (await post(s, '/v1/customers/search?pageSize=1', { queryContext: 'conversation', and: [{ conversation_status: { equals: 'open' } }] })).json();
    const item = j.data[0];
    assert.is(item.type, 'conversation');
    assert.is(item.links.self, `/v1/conversations/${item.id}`);
    assert.is(item.attributes.status, 'open');
    assert.type(item.attributes.updatedAt, 'string');
    assert.type(item.attributes.customerId, 'string');
    assert.type(item.attributes.messageCount, 'number');
    assert.ok('orderNumberStr' in item.attributes.custom);
    assert.not.ok('customerName' in item.attributes || 'customer_name' in item.attributes);
  });
});

test('POST /v1/customers/search {queryContext: message}: a record without message_updated_at has updatedAt null', async () => {
  await withServer({}, async (s) => {
    const j = await (await post(s, '/v1/customers/search?pageSize=3', { queryContext: 'message', and: [{ message_direction: { equals: 'in' } }] })).json();
    assert.ok(j.data.length > 0);
    for (const item of j.data) {
      assert.is(item.type, 'message');
      assert.is(item.attributes.updatedAt, null);
      assert.type(item.attributes.createdAt, 'string');
    }
  });
});

test('records without id or _type: a stable synthetic id, the queryContext as type; kobject_<klass> → kobject.<klass>', async () => {
  const records = [
    { customer_name: 'No Id', customer_updated_at: '2026-01-01T00:00:00Z' },
    { id: 7, _type: 'kobject_order', kobject_updated_at: '2026-01-02T00:00:00Z', kobject_custom_order_totalNum: 12 },
  ];
  await withServer({ records }, async (s) => {
    const a = await (await post(s, '/v1/customers/search', { queryContext: 'customer', and: [{ customer_name: { equals: 'No Id' } }] })).json();
    assert.is(a.data[0].type, 'customer');
    assert.match(a.data[0].id, /^[0-9a-f]{24}$/);
    const again = await (await post(s, '/v1/customers/search', { queryContext: 'customer', and: [{ customer_name: { equals: 'No Id' } }] })).json();
    assert.is(again.data[0].id, a.data[0].id);
    const k = await (await post(s, '/v1/customers/search', { queryContext: 'kobject_order', and: [{ kobject_updated_at: { gte: '2026-01-01' } }] })).json();
    assert.equal(k.data.map((d: { type: string; id: string; links: { self: string }; attributes: unknown }) => [d.type, d.id, d.links.self, d.attributes]), [
      ['kobject.order', '7', '/v1/klasses/order/7', { updatedAt: '2026-01-02T00:00:00Z', custom: { totalNum: 12 } }],
    ]);
  });
});

test('POST /v1/customers/archive/search: same data, links name the archive path', async () => {
  await withServer({}, async (s) => {
    const j = await (await post(s, '/v1/customers/archive/search?pageSize=5&page=2', customersByUpdate)).json();
    assert.is(j.meta.page, 2);
    assert.is(j.links.self, '/v1/customers/archive/search?page=2&pageSize=5');
    assert.is(j.links.prev, '/v1/customers/archive/search?page=1&pageSize=5');
  });
});

test('the last page: links.next is null; a page past the end is empty', async () => {
  await withServer({}, async (s) => {
    const last = await (await post(s, '/v1/customers/search?pageSize=10&page=4', customersByUpdate)).json();
    assert.is(last.links.next, null);
    assert.is(last.data.length, 10);
    const past = await (await post(s, '/v1/customers/search?pageSize=10&page=5', customersByUpdate)).json();
    assert.equal(past.data, []);
    assert.is(past.links.next, null);
    const none = await (await post(s, '/v1/customers/search', { queryContext: 'customer', and: [{ customer_name: { equals: 'nobody at all' } }] })).json();
    assert.equal(none.meta, { page: 1, pageSize: 100, total: 0, totalPages: 0, aggregations: {} });
    assert.is(none.links.last, '/v1/customers/search?page=1&pageSize=100');
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Paging and the cap

test('12,000 records, pageSize 100: pages 1–100 hold 10,000 distinct records; page 100 links to page 101; page 101 → 404', async () => {
  const records = generateRecords(12_000, { tieGroups: 120 });
  await withServer({ records, rateLimit: false }, async (s) => {
    const seen = new Set<string>();
    let last: { links: { next: string | null }; meta: { totalPages: number } } | undefined;
    let path = '/v1/customers/search?page=1&pageSize=100';
    for (let i = 0; i < 100; i++) {
      const r = await post(s, path, customersByUpdate);
      assert.is(r.status, 200);
      last = await r.json();
      for (const d of (last as unknown as { data: { id: string }[] }).data) seen.add(d.id);
      if (i < 99) path = last!.links.next!;
    }
    assert.is(seen.size, 10_000);
    assert.is(last!.meta.totalPages, 120);
    assert.is(last!.links.next, '/v1/customers/search?page=101&pageSize=100');
    const r = await post(s, last!.links.next!, customersByUpdate);
    assert.is(r.status, 404);
    const j = await r.json();
    assert.is(j.errors[0].status, '404');
    assert.is(j.errors[0].code, 'not_found');
    assert.equal(j.errors[0].source, { parameter: 'page' });
    assert.ok(r.headers.has('x-ratelimit-limit') === false); // rate limiting off here
  });
});

test('pageSize=500: 500 records a page; page 101 of 500 is past the cap too; pageSize=501 → 400', async () => {
  const records = generateRecords(2_000, { tieGroups: 7 });
  await withServer({ records }, async (s) => {
    const j = await (await post(s, '/v1/customers/search?pageSize=500&page=4', customersByUpdate)).json();
    assert.is(j.data.length, 500);
    assert.equal(j.meta, { page: 4, pageSize: 500, total: 2000, totalPages: 4, aggregations: {} });
    assert.is((await post(s, '/v1/customers/search?pageSize=500&page=101', customersByUpdate)).status, 404);
    const big = await post(s, '/v1/customers/search?pageSize=501', customersByUpdate);
    assert.is(big.status, 400);
    assert.equal((await big.json()).errors.map((e: { source: unknown }) => e.source), [{ parameter: 'pageSize' }]);
  });
});

test('?page=abc&pageSize=0 → 400 naming both parameters; ?page=0 → 400', async () => {
  await withServer({}, async (s) => {
    const r = await post(s, '/v1/customers/search?page=abc&pageSize=0', customersByUpdate);
    assert.is(r.status, 400);
    const j = await r.json();
    assert.equal(j.errors.map((e: { source: unknown }) => e.source), [{ parameter: 'page' }, { parameter: 'pageSize' }]);
    assert.match(j.errors[0].detail, "the string 'abc'");
    assert.is((await post(s, '/v1/customers/search?page=0', customersByUpdate)).status, 400);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Ties

/** The ids of every customer sorted by updatedAt asc, pages of 500. */
async function tieOrder(s: RunningServer): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; page <= 2; page++) {
    const j = await (await post(s, `/v1/customers/search?page=${page}&pageSize=500`, customersByUpdate)).json();
    ids.push(...j.data.map((d: { id: string }) => d.id));
  }
  return ids;
}

test('1,000 records in 10 updatedAt groups: ties come back shuffled, the same per seed, differently for another seed', async () => {
  const records = generateRecords(1000, { tieGroups: 10 });
  const a = await startServer({ records, seed: 7 });
  const b = await startServer({ records, seed: 7 });
  const c = await startServer({ records, seed: 8 });
  try {
    const [x, y, z] = await Promise.all([tieOrder(a), tieOrder(b), tieOrder(c)]);
    assert.is(x.length, 1000);
    assert.equal(x, y);
    assert.not.equal(x, z);
    // Groups are in key order; within a group, neither input (= id) order nor its reverse.
    const group = (id: string) => parseInt(id, 16) % 10;
    for (let g = 0; g < 10; g++) {
      const inGroup = x.slice(g * 100, g * 100 + 100);
      assert.ok(inGroup.every((id) => group(id) === g), `group ${g} is contiguous`);
      const sorted = [...inGroup].sort();
      assert.not.equal(inGroup, sorted);
      assert.not.equal(inGroup, [...sorted].reverse());
    }
    // The same order when the file order changes (the shuffle keys on ids).
    const d = await startServer({ records: [...records].reverse(), seed: 7 });
    try {
      assert.equal(await tieOrder(d), x);
    } finally {
      await d.close();
    }
  } finally {
    await Promise.all([a.close(), b.close(), c.close()]);
  }
});

// ---------------------------------------------------------------------------------------------------------------
// Auth

test('auth with apiKeys: no header → 401 (WWW-Authenticate), wrong key → 401, the key → 200, a forbidden key → 403', async () => {
  await withServer({ apiKeys: [key], forbiddenKeys: ['readonly-key'] }, async (s) => {
    const none = await post(s, '/v1/customers/search', customersByUpdate, null);
    assert.is(none.status, 401);
    assert.is(none.headers.get('www-authenticate'), 'Bearer');
    assert.is(none.headers.get('x-ratelimit-limit'), null);
    const j = await none.json();
    assert.equal(Object.keys(j.errors[0]).sort(), ['code', 'detail', 'meta', 'status', 'title']);
    assert.is(j.errors[0].code, 'unauthorized');
    assert.is((await post(s, '/v1/customers/search', customersByUpdate, 'Bearer wrong')).status, 401);
    assert.is((await post(s, '/v1/customers/search', customersByUpdate, `Basic ${key}`)).status, 401);
    assert.is((await post(s, '/v1/customers/search', customersByUpdate, `bearer ${key}`)).status, 200);
    const forbidden = await post(s, '/v1/customers/search', customersByUpdate, 'Bearer readonly-key');
    assert.is(forbidden.status, 401); // not among the accepted keys
  });
  await withServer({ forbiddenKeys: ['readonly-key'] }, async (s) => {
    const forbidden = await post(s, '/v1/customers/search', customersByUpdate, 'Bearer readonly-key');
    assert.is(forbidden.status, 403);
    assert.is((await forbidden.json()).errors[0].code, 'forbidden');
    assert.is((await post(s, '/v1/customers/search', customersByUpdate, 'Bearer anything-at-all')).status, 200);
    assert.is((await post(s, '/v1/customers/search', customersByUpdate, 'Bearer ')).status, 401);
    assert.is(s.settings.auth, 'any');
  });
});

test('keys never appear in stats, the log, settings or responses', async () => {
  await withServer({ apiKeys: [key] }, async (s) => {
    const texts = [await (await post(s, '/v1/customers/search', customersByUpdate)).text(), await (await post(s, '/v1/customers/search', '{', 'Bearer nope-secret')).text()];
    texts.push(await (await request(`${s.url}/__kq/stats`)).text(), JSON.stringify(s.stats), JSON.stringify(s.settings));
    for (const t of texts) {
      assert.not.ok(t.includes(key));
      assert.not.ok(t.includes('nope-secret'));
    }
    assert.equal(s.settings.auth, { keys: 1 });
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Rate limits

test('rateLimit {limit: 3/min}, epoch-seconds: headers on every response; the 4th request → 429 with Retry-After', async () => {
  let clock = 1_800_000_000_000;
  await withServer({ rateLimit: { limit: 3, windowMs: 60_000 }, now: () => clock }, async (s) => {
    const remaining: (string | null)[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await post(s, '/v1/customers/search?pageSize=1', customersByUpdate);
      assert.is(r.status, 200);
      assert.is(r.headers.get('x-ratelimit-limit'), '3');
      remaining.push(r.headers.get('x-ratelimit-remaining'));
    }
    assert.equal(remaining, ['2', '1', '0']);
    const r = await post(s, '/v1/customers/search?pageSize=1', customersByUpdate);
    assert.is(r.status, 429);
    assert.is(r.headers.get('retry-after'), '20'); // one token per 20 s
    assert.is(r.headers.get('x-ratelimit-remaining'), '0');
    assert.is(r.headers.get('x-ratelimit-reset'), String(1_800_000_000 + 60)); // full again in 60 s
    assert.is((await r.json()).errors[0].code, 'too_many_requests');
    // Another key has its own bucket; errors after auth carry the headers too.
    const other = await post(s, '/v1/customers/search?page=0', customersByUpdate, 'Bearer other');
    assert.is(other.status, 400);
    assert.is(other.headers.get('x-ratelimit-remaining'), '2');
    clock += 20_000;
    const later = await post(s, '/v1/customers/search?pageSize=1', customersByUpdate);
    assert.is(later.status, 200);
    assert.is(later.headers.get('x-ratelimit-remaining'), '0');
    assert.is(s.stats.rateLimited, 1);
    // DELETE /__kq/ratelimit fills the buckets.
    assert.is((await request(`${s.url}/__kq/ratelimit`, { method: 'DELETE' })).status, 204);
    assert.is((await post(s, '/v1/customers/search?pageSize=1', customersByUpdate)).headers.get('x-ratelimit-remaining'), '2');
  });
});

test('rateLimit {limit: 2/s}, seconds-from-now: x-ratelimit-reset counts seconds; the bucket refills in real time', async () => {
  await withServer({ rateLimit: { limit: 2, windowMs: 1000 }, resetUnit: 'seconds-from-now' }, async (s) => {
    const a = await post(s, '/v1/customers/search?pageSize=1', customersByUpdate);
    assert.is(a.headers.get('x-ratelimit-reset'), '1');
    await post(s, '/v1/customers/search?pageSize=1', customersByUpdate);
    const refused = await post(s, '/v1/customers/search?pageSize=1', customersByUpdate);
    assert.is(refused.status, 429);
    assert.is(refused.headers.get('retry-after'), '1');
    assert.is(refused.headers.get('x-ratelimit-reset'), '1');
    await new Promise((r) => setTimeout(r, 600));
    assert.is((await post(s, '/v1/customers/search?pageSize=1', customersByUpdate)).status, 200);
  });
});

test('TokenBuckets: over any sequence of request times, at most limit + elapsed × rate requests are allowed', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 10, max: 5000 }), fc.array(fc.integer({ min: 0, max: 2000 }), { maxLength: 200 }), (limit, windowMs, gaps) => {
      let t = 0;
      const buckets = new TokenBuckets({ limit, windowMs }, () => t);
      let allowed = 0;
      for (const gap of gaps) {
        t += gap;
        const d = buckets.take('k');
        if (d.allowed) allowed++;
        if (d.remaining < 0 || d.remaining > limit - (d.allowed ? 1 : 0)) return false;
        if (!d.allowed && d.retryAfterMs <= 0) return false;
      }
      return allowed <= limit + Math.floor((t * limit) / windowMs) && (gaps.length === 0 || allowed >= 1);
    }),
    fcOptions(300),
  );
});

// ---------------------------------------------------------------------------------------------------------------
// Faults

test('POST /__kq/faults {status: 503, count: 2}: two 503s (with rate headers), then a normal answer', async () => {
  await withServer({}, async (s) => {
    const r = await request(`${s.url}/__kq/faults`, { method: 'POST', body: JSON.stringify({ status: 503, count: 2 }) });
    assert.is(r.status, 201);
    assert.equal(await r.json(), { pending: 2 });
    assert.equal(await (await request(`${s.url}/__kq/faults`)).json(), { pending: [{ status: 503, count: 2 }] });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const x = await post(s, '/v1/customers/search?pageSize=1', customersByUpdate);
      statuses.push(x.status);
      assert.ok(x.headers.has('x-ratelimit-remaining'));
      if (x.status === 503) assert.is((await x.json()).errors[0].code, 'service_unavailable');
    }
    assert.equal(statuses, [503, 503, 200]);
    assert.is(s.stats.faultsInjected, 2);
    assert.equal(s.stats.byStatus, { '200': 1, '503': 2 });
    assert.equal(s.stats.log.map((e) => [e.status, e.fault]), [[503, true], [503, true], [200, false]]);
  });
});

test('inject({status: 429, retryAfter: 3}); inject({dropConnection: true}): a 429, then a network error, then normal', async () => {
  await withServer({}, async (s) => {
    s.inject({ status: 429, retryAfter: 3 });
    s.inject({ dropConnection: true });
    const limited = await post(s, '/v1/customers/search?pageSize=1', customersByUpdate);
    assert.is(limited.status, 429);
    assert.is(limited.headers.get('retry-after'), '3');
    try {
      await post(s, '/v1/customers/search?pageSize=1', customersByUpdate);
      assert.unreachable('the connection should have been dropped');
    } catch (e) {
      assert.instance(e, TypeError); // undici: "fetch failed", cause: other side closed
    }
    assert.is((await post(s, '/v1/customers/search?pageSize=1', customersByUpdate)).status, 200);
    assert.is(s.stats.dropped, 1);
    assert.is(s.stats.byStatus['0'], 1);
  });
});

test('a delayMs fault: a client timeout fires first; the server then answers the next request at once', async () => {
  await withServer({}, async (s) => {
    s.inject({ delayMs: 2000 });
    const t0 = performance.now();
    try {
      await post(s, '/v1/customers/search?pageSize=1', customersByUpdate, `Bearer ${key}`, AbortSignal.timeout(150));
      assert.unreachable('the request should have timed out');
    } catch (e) {
      assert.is((e as Error).name, 'TimeoutError');
    }
    assert.ok(performance.now() - t0 < 1500);
    s.inject({ delayMs: 100 });
    const t1 = performance.now();
    const late = await post(s, '/v1/customers/search?pageSize=1', customersByUpdate);
    assert.is(late.status, 200);
    assert.ok(performance.now() - t1 >= 95);
    assert.is((await post(s, '/v1/customers/search?pageSize=1', customersByUpdate)).status, 200);
  });
});

test('POST /__kq/faults with a bad fault → 400; DELETE /__kq/faults clears them; admin: false hides /__kq/', async () => {
  await withServer({}, async (s) => {
    assert.is((await request(`${s.url}/__kq/faults`, { method: 'POST', body: '{"status": 200}' })).status, 400);
    assert.is((await request(`${s.url}/__kq/faults`, { method: 'POST', body: '{"stauts": 500}' })).status, 400);
    assert.is((await request(`${s.url}/__kq/faults`, { method: 'POST', body: '[{"status": 500}, {"delayMs": 1}]' })).status, 201);
    assert.is((await request(`${s.url}/__kq/faults`, { method: 'DELETE' })).status, 200);
    assert.is((await post(s, '/v1/customers/search?pageSize=1', customersByUpdate)).status, 200);
    assert.throws(() => s.inject({ count: 0 }), /count/);
  });
  await withServer({ admin: false }, async (s) => {
    assert.is((await request(`${s.url}/__kq/stats`)).status, 404);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Bodies

test('and with 21 items / sort with 6 keys → 400 naming /and and /sort; 20 and 5 are fine', async () => {
  const item = (i: number) => ({ customer_name: { equals: `n${i}` } });
  const sort = (n: number) => ['customer_name', 'customer_created_at', 'customer_updated_at', 'customer_last_seen_at', 'customer_signed_up_at', 'customer_externalId'].slice(0, n).map((f) => ({ [f]: 'asc' }));
  await withServer({}, async (s) => {
    const bad = await post(s, '/v1/customers/search', { queryContext: 'customer', or: Array.from({ length: 21 }, (_, i) => item(i)), sort: sort(6) });
    assert.is(bad.status, 400);
    assert.equal((await bad.json()).errors.map((e: { source: unknown }) => e.source), [{ pointer: '/or' }, { pointer: '/sort' }]);
    const ok = await post(s, '/v1/customers/search', { queryContext: 'customer', or: Array.from({ length: 20 }, (_, i) => item(i)), sort: sort(5) });
    assert.is(ok.status, 200);
  });
});

test('criteria the reference cannot read → 400 with one error per problem, each with its JSON pointer', async () => {
  await withServer({}, async (s) => {
    const r = await post(s, '/v1/customers/search', { queryContext: 'customer', and: [{ customer_nmae: { equals: 'x' } }, { customer_updated_at: { gte: 'soon' } }] });
    assert.is(r.status, 400);
    const j = await r.json();
    assert.equal(j.errors.map((e: { source: unknown }) => e.source), [{ pointer: '/and/0/customer_nmae' }, { pointer: '/and/1/customer_updated_at/gte' }]);
    assert.match(j.errors[0].detail, "Did you mean 'customer_name'");
    assert.is((await post(s, '/v1/customers/search', { and: [] })).status, 400); // no queryContext
    assert.is((await post(s, '/v1/customers/search', [1, 2])).status, 400);
  });
});

test("a body that is not JSON ('{\"queryContext\":') → 400; the simple envelope: {code, message, meta}", async () => {
  await withServer({ errorFormat: 'simple' }, async (s) => {
    const r = await post(s, '/v1/customers/search', '{"queryContext":');
    assert.is(r.status, 400);
    const j = await r.json();
    assert.equal(Object.keys(j.errors[0]).sort(), ['code', 'message', 'meta']);
    assert.is(j.errors[0].code, 'bad_request');
    assert.match(j.errors[0].message, 'not valid JSON');
    assert.equal(j.errors[0].meta, { pointer: '' });
    const page = await (await post(s, '/v1/customers/search?page=101', customersByUpdate)).json();
    assert.equal(page.errors[0].meta, { parameter: 'page' });
  });
});

test('a 2 MiB body → 413; maxBodyBytes: 100 refuses a 101-byte body; the server goes on answering', async () => {
  await withServer({}, async (s) => {
    const big = JSON.stringify({ queryContext: 'customer', and: [{ customer_name: { equals: 'x'.repeat(2 << 20) } }] });
    const r = await post(s, '/v1/customers/search', big);
    assert.is(r.status, 413);
    assert.is((await r.json()).errors[0].code, 'payload_too_large');
    assert.is((await post(s, '/v1/customers/search?pageSize=1', customersByUpdate)).status, 200);
  });
  await withServer({ maxBodyBytes: 100 }, async (s) => {
    assert.is((await post(s, '/v1/customers/search', `{"queryContext":"customer"}${' '.repeat(74)}`)).status, 413);
    assert.is((await post(s, '/v1/customers/search', `{"queryContext":"customer"}${' '.repeat(73)}`)).status, 200);
  });
});

test('a slow client (headers, then half the body, then nothing): 408 and the connection closed after requestTimeoutMs', async () => {
  await withServer({ requestTimeoutMs: 300 }, async (s) => {
    const t0 = performance.now();
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(s.port, '127.0.0.1', () => {
        socket.write(`POST /v1/customers/search HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\nAuthorization: Bearer ${key}\r\nContent-Length: 100\r\n\r\n{"queryContext"`);
      });
      let text = '';
      socket.on('data', (d) => (text += d));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    const ms = performance.now() - t0;
    assert.match(reply, /^HTTP\/1\.1 408/);
    assert.ok(ms >= 250 && ms < 3000, `closed after ${ms} ms`);
    assert.is((await post(s, '/v1/customers/search?pageSize=1', customersByUpdate)).status, 200);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Routes and hosts

test('GET /v1/customers/search → 405 (Allow: POST); POST /v1/nothing → 404; GET / → 404', async () => {
  await withServer({}, async (s) => {
    const get = await request(`${s.url}/v1/customers/search`, { headers: { authorization: `Bearer ${key}` } });
    assert.is(get.status, 405);
    assert.is(get.headers.get('allow'), 'POST');
    assert.is((await post(s, '/v1/nothing', {})).status, 404);
    assert.is((await request(`${s.url}/`)).status, 404);
  });
});

test("startServer({host: '0.0.0.0'}) is refused; a request with another Host header → 403", async () => {
  let refused = false;
  await startServer({ host: '0.0.0.0' }).catch((e) => (refused = e instanceof RangeError));
  assert.ok(refused);
  await withServer({}, async (s) => {
    assert.is(s.url, `http://127.0.0.1:${s.port}`);
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(s.port, '127.0.0.1', () => socket.write('GET /__kq/stats HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n'));
      let text = '';
      socket.on('data', (d) => (text += d));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    assert.match(reply, /^HTTP\/1\.1 403/);
    assert.is((await request(`${s.url}/__kq/stats`)).status, 200);
  });
});

test.run();
