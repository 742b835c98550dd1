/**
 * The client against the real stand-in (`kq serve`'s startServer) over HTTP on 127.0.0.1: rate limits (429 with
 * Retry-After, with each x-ratelimit-reset form, and the proactive wait on remaining 0), retries on 5xx and on
 * dropped connections (fault injection), a wrong key, a key without the search role, a 400 with our own check of the
 * body, both error envelopes, the wait cap, and cancellation during a sleep. No test reaches the internet.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { KustomerApiError, KustomerNetworkError, RateLimitError, createClient, type ClientOptions, type ProgressEvent } from '../../src/client/index.js';
import { startServer, type RunningServer } from '../../src/serve/index.js';
import { generateRecords } from '../helpers/records.js';

const key = 'test-key-0123456789';
const records = generateRecords(200, { tieGroups: 10 });
const body = { queryContext: 'customer' };
const fast = { baseMs: 5, maxMs: 40 };

async function withServer<T>(opts: Parameters<typeof startServer>[0], run: (server: RunningServer) => Promise<T>): Promise<T> {
  const server = await startServer({ records, apiKeys: [key], rateLimit: false, ...opts });
  try {
    return await run(server);
  } finally {
    await server.close();
  }
}

function client(server: RunningServer, extra: Partial<ClientOptions> = {}) {
  const events: ProgressEvent[] = [];
  const c = createClient({ apiKey: key, baseUrl: server.url, budget: false, backoff: fast, onProgress: (e) => events.push(e), ...extra });
  return { c, events };
}

/** The error `run` rejects with (fails the test when it resolves). */
async function rejection(run: () => Promise<unknown>): Promise<Error> {
  try {
    await run();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}

/** A fetch that hides some response headers (to make the server's 429 rely on one header form). */
function hidingFetch(hidden: string[]): typeof fetch {
  return async (input, init) => {
    const res = await fetch(input, init);
    const headers = new Headers(res.headers);
    for (const h of hidden) headers.delete(h);
    return new Response(await res.arrayBuffer(), { status: res.status, statusText: res.statusText, headers });
  };
}

test('search: one page of 5 customers, meta and Kustomer-shaped records', async () => {
  await withServer({}, async (server) => {
    const { c } = client(server);
    const page = await c.search(body, { pageSize: 5 });
    assert.is(page.data.length, 5);
    assert.is(page.meta.total, 200);
    assert.is(page.meta.totalPages, 40);
    assert.is(typeof page.data[0]!.attributes.updatedAt, 'string');
    assert.is(c.stats.requests, 1);
  });
});

test('503 twice, then 200: retried with backoff, two retry events', async () => {
  await withServer({}, async (server) => {
    const { c, events } = client(server);
    server.inject({ status: 503, count: 2 });
    const page = await c.search(body, { pageSize: 3 });
    assert.is(page.data.length, 3);
    assert.is(c.stats.retries, 2);
    assert.is(c.stats.requests, 3);
    assert.is(events.filter((e) => e.type === 'retry').length, 2);
  });
});

test('500 every time: gives up after retries + 1 attempts with a KustomerApiError naming the status', async () => {
  await withServer({}, async (server) => {
    const { c } = client(server, { retries: 2 });
    server.inject({ status: 500, count: 10 });
    try {
      await c.search(body);
      assert.unreachable();
    } catch (e) {
      assert.instance(e, KustomerApiError);
      assert.is((e as KustomerApiError).status, 500);
      assert.match((e as Error).message, /gave up after 3 attempt/);
    }
    assert.is(c.stats.requests, 3);
    server.clearFaults();
  });
});

test('dropped connections twice, then 200: network errors are retried', async () => {
  await withServer({}, async (server) => {
    const { c } = client(server);
    server.inject({ dropConnection: true, count: 2 });
    const page = await c.search(body, { pageSize: 2 });
    assert.is(page.data.length, 2);
    assert.is(c.stats.retries, 2);
  });
});

test('dropped connections every time: a KustomerNetworkError after the retries', async () => {
  await withServer({}, async (server) => {
    const { c } = client(server, { retries: 1 });
    server.inject({ dropConnection: true, count: 5 });
    try {
      await c.search(body);
      assert.unreachable();
    } catch (e) {
      assert.instance(e, KustomerNetworkError);
      assert.is((e as KustomerNetworkError).attempts, 2);
      assert.not.match((e as Error).message, new RegExp(key));
    }
    server.clearFaults();
  });
});

test('429 with Retry-After: 1 waits about a second, then succeeds', async () => {
  await withServer({}, async (server) => {
    const { c, events } = client(server);
    server.inject({ status: 429, retryAfter: 1 });
    const started = Date.now();
    await c.search(body, { pageSize: 1 });
    const took = Date.now() - started;
    assert.ok(took >= 950 && took < 5000, `took ${took} ms`);
    assert.is(c.stats.rateLimited, 1);
    assert.ok(events.some((e) => e.type === 'wait' && e.reason === 'rate-limit' && e.delayMs === 1000));
  });
});

for (const resetUnit of ['epoch-seconds', 'seconds-from-now'] as const) {
  test(`429 with only x-ratelimit-reset in ${resetUnit}: waits for the reset, never absurdly long`, async () => {
    await withServer({ rateLimit: { limit: 2, windowMs: 1000 }, resetUnit }, async (server) => {
      // Hide Retry-After and x-ratelimit-remaining so the client meets the 429 and has only the reset to go by.
      const { c, events } = client(server, { fetch: hidingFetch(['retry-after', 'x-ratelimit-remaining']) });
      const started = Date.now();
      for (let i = 0; i < 4; i++) await c.search(body, { pageSize: 1 });
      const took = Date.now() - started;
      assert.ok(c.stats.rateLimited >= 1, 'met a 429');
      const waits = events.filter((e): e is Extract<ProgressEvent, { type: 'wait' }> => e.type === 'wait').map((e) => e.delayMs);
      assert.ok(waits.length >= 1 && waits.every((w) => w > 0 && w <= 2100), `waits ${waits}`);
      assert.ok(took < 8000, `took ${took} ms`);
    });
  });

  test(`x-ratelimit-remaining 0 with reset in ${resetUnit}: the client waits before sending, and meets no 429`, async () => {
    await withServer({ rateLimit: { limit: 2, windowMs: 1000 }, resetUnit }, async (server) => {
      const { c } = client(server);
      for (let i = 0; i < 5; i++) await c.search(body, { pageSize: 1 });
      assert.is(c.stats.rateLimited, 0);
      assert.is(server.stats.rateLimited, 0);
      assert.ok(c.stats.waits >= 1);
    });
  });
}

test('429 asking for an hour: a RateLimitError at once, not a sleep', async () => {
  await withServer({}, async (server) => {
    const { c } = client(server, { maxWaitMs: 10_000 });
    server.inject({ status: 429, retryAfter: 3600 });
    const started = Date.now();
    try {
      await c.search(body);
      assert.unreachable();
    } catch (e) {
      assert.instance(e, RateLimitError);
      assert.is((e as RateLimitError).waitMs, 3_600_000);
      assert.match((e as Error).message, /3600 s/);
    }
    assert.ok(Date.now() - started < 1000);
  });
});

test('the client budget: 3 a minute holds the 4th request (abortable during the wait)', async () => {
  await withServer({}, async (server) => {
    const controller = new AbortController();
    const { c, events } = client(server, { budget: { requestsPerMinute: 3 }, signal: controller.signal });
    for (let i = 0; i < 3; i++) await c.search(body, { pageSize: 1 });
    setTimeout(() => controller.abort(new Error('stop')), 100);
    const started = Date.now();
    assert.match((await rejection(() => c.search(body, { pageSize: 1 }))).message, /stop/);
    assert.ok(Date.now() - started < 2000);
    assert.ok(events.some((e) => e.type === 'wait' && e.reason === 'budget' && e.delayMs > 50_000));
    assert.is(server.stats.searches, 3);
  });
});

test('cancellation during a Retry-After sleep rejects promptly with the reason', async () => {
  await withServer({}, async (server) => {
    const controller = new AbortController();
    const { c } = client(server);
    server.inject({ status: 429, retryAfter: 30 });
    setTimeout(() => controller.abort(new Error('cancelled by test')), 100);
    const started = Date.now();
    assert.match((await rejection(() => c.search(body, { signal: controller.signal }))).message, /cancelled by test/);
    assert.ok(Date.now() - started < 2000);
  });
});

test('a wrong key: 401 says which key, and the key is nowhere in the error', async () => {
  await withServer({}, async (server) => {
    const wrong = 'wrong-key-abcdef123';
    const c = createClient({ apiKey: wrong, baseUrl: server.url, budget: false, keySource: 'KUSTOMER_API_KEY' });
    try {
      await c.search(body);
      assert.unreachable();
    } catch (e) {
      assert.instance(e, KustomerApiError);
      assert.is((e as KustomerApiError).status, 401);
      assert.match((e as Error).message, /KUSTOMER_API_KEY/);
      assert.not.match((e as Error).message + JSON.stringify(e), /wrong-key-abcdef123/);
    }
  });
});

test('a key without the search role: 403 names the roles', async () => {
  await withServer({ apiKeys: [key, 'no-role-key-1234'], forbiddenKeys: ['no-role-key-1234'] }, async (server) => {
    const c = createClient({ apiKey: 'no-role-key-1234', baseUrl: server.url, budget: false });
    try {
      await c.search(body);
      assert.unreachable();
    } catch (e) {
      assert.is((e as KustomerApiError).status, 403);
      assert.match((e as Error).message, /org\.user\.search\.read/);
    }
  });
});

for (const errorFormat of ['jsonapi', 'simple'] as const) {
  test(`a 400 (${errorFormat} envelope): Kustomer's code and message, and our validateCriteria beside it`, async () => {
    await withServer({ errorFormat }, async (server) => {
      const { c } = client(server);
      try {
        await c.search({ queryContext: 'customer', and: [{ customer_name: { resembles: 'x' } }] });
        assert.unreachable();
      } catch (e) {
        const err = e as KustomerApiError;
        assert.instance(err, KustomerApiError);
        assert.is(err.status, 400);
        assert.is(err.code, 'bad_request');
        assert.ok(err.kustomerMessage.length > 0);
        assert.is(err.validation?.valid, false);
        assert.match(err.message, /our check of the body: \/and\/0/);
      }
    });
  });
}

test.run();
