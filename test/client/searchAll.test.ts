/**
 * `searchAll` against the stand-in over HTTP: every record once past the 100-page cap with large tie groups at the
 * window boundaries (ids compared with the reference evaluator over the same records), a tie group too large to
 * window past, a resumed export, cancellation, `limit`, a query sort that fits (kept) and one that does not
 * (replaced), and a property over tie-group sizes, page sizes and window sizes.
 */
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compile } from '../../src/index.js';
import { prepareCriteria } from '../../src/evaluate/index.js';
import { WindowingError, createClient, type SearchAllOptions } from '../../src/client/index.js';
import { startServer, type RunningServer } from '../../src/serve/index.js';
import { fcOptions } from '../helpers/fc.js';
import { generateRecords } from '../helpers/records.js';

const key = 'test-key-searchall';

async function withServer<T>(records: object[], run: (server: RunningServer) => Promise<T>, seed = 1): Promise<T> {
  const server = await startServer({ records, apiKeys: [key], rateLimit: false, seed });
  try {
    return await run(server);
  } finally {
    await server.close();
  }
}

/** The ids the reference evaluator says `criteria` match, in its order. */
function referenceIds(criteria: object, records: object[]): string[] {
  const p = prepareCriteria(criteria);
  assert.ok(p.ok);
  return p.prepared.select(records).map((r) => String((r as { id: unknown }).id));
}

async function exportIds(server: RunningServer, criteria: object, opts: SearchAllOptions = {}) {
  const client = createClient({ apiKey: key, baseUrl: server.url, budget: false });
  const run = client.searchAll(criteria, opts);
  const ids: string[] = [];
  for await (const r of run) ids.push(r.id);
  return { ids, run, client };
}

function assertExactlyOnce(ids: string[], expected: string[]) {
  assert.is(new Set(ids).size, ids.length, `${ids.length - new Set(ids).size} duplicate(s)`);
  assert.equal([...ids].sort(), [...expected].sort());
}

const records = generateRecords(6000, { tieGroups: 40 }); // 150 records share each updatedAt

for (const query of ['context:customer', 'customer_custom_tierStr:gold', 'context:customer -customer_tags:vip']) {
  test(`${query}: 6,000 records, tie groups of 150, pages of 20 → every record once past the 100-page cap`, async () => {
    const criteria = compile(query).criteria!;
    await withServer(records, async (server) => {
      const { ids, run } = await exportIds(server, criteria, { pageSize: 20 });
      const expected = referenceIds(criteria, records);
      assertExactlyOnce(ids, expected);
      assert.ok(run.stats.windows >= Math.ceil(expected.length / 2000), `windows ${run.stats.windows}`);
      if (expected.length > 2000) assert.ok(run.stats.duplicates > 0, 'boundary tie groups were refetched and skipped');
      assert.is(run.stats.requests, run.stats.pages);
      assert.is(run.order, 'window');
    });
  });
}

test('sort:customer_name with 6,000 records: the query sort is replaced by the windowing sort (one page discarded)', async () => {
  const criteria = compile('context:customer sort:customer_name').criteria!;
  await withServer(records, async (server) => {
    const { ids, run } = await exportIds(server, criteria, { pageSize: 20 });
    assertExactlyOnce(ids, referenceIds(criteria, records));
    assert.is(run.stats.discarded, 1);
    assert.is(run.order, 'window');
  });
});

test('sort:customer_name with 300 records fits in 100 pages: kept, in the reference order', async () => {
  const few = records.slice(0, 300);
  const criteria = compile('context:customer sort:customer_name').criteria!;
  await withServer(few, async (server) => {
    const { ids, run } = await exportIds(server, criteria, { pageSize: 20 });
    assert.equal(ids, referenceIds(criteria, few));
    assert.is(run.order, 'query');
    assert.is(run.stats.requests, 15);
    assert.is(run.checkpoint(), null);
  });
});

test('1,200 records in two tie groups of 600, windows of 500: a tie-group WindowingError, no loop', async () => {
  const ties = generateRecords(1200, { tieGroups: 2 });
  await withServer(ties, async (server) => {
    const client = createClient({ apiKey: key, baseUrl: server.url, budget: false });
    const run = client.searchAll({ queryContext: 'customer' }, { pageSize: 5 });
    let n = 0;
    try {
      for await (const _ of run) n++;
      assert.unreachable();
    } catch (e) {
      assert.instance(e, WindowingError);
      assert.is((e as WindowingError).reason, 'tie-group');
      assert.match((e as Error).message, /at least 500 records share customer_updated_at = 2025-01-01T00:00:00.000Z/);
    }
    assert.is(n, 500, 'the first window was emitted, then it stopped');
    assert.ok(run.stats.requests <= 101, `${run.stats.requests} requests`);
  });
});

test('a resumed export: stop after 1,234 records, resume from the checkpoint → the rest, nothing twice', async () => {
  const criteria = compile('context:customer').criteria!;
  await withServer(records, async (server) => {
    const client = createClient({ apiKey: key, baseUrl: server.url, budget: false });
    const first = client.searchAll(criteria, { pageSize: 20 });
    const ids: string[] = [];
    for await (const r of first) {
      ids.push(r.id);
      if (ids.length === 1234) break;
    }
    const checkpoint = first.checkpoint();
    assert.ok(checkpoint && checkpoint.seenIds.length > 0 && checkpoint.seenIds.length <= 150);
    const rest = await exportIds(server, criteria, { pageSize: 20, checkpoint: JSON.parse(JSON.stringify(checkpoint)) });
    assertExactlyOnce([...ids, ...rest.ids], referenceIds(criteria, records));
  });
});

test('cancellation mid-export: rejects with the reason; the checkpoint resumes it exactly', async () => {
  const criteria = compile('context:customer').criteria!;
  await withServer(records, async (server) => {
    const controller = new AbortController();
    const client = createClient({ apiKey: key, baseUrl: server.url, budget: false, signal: controller.signal });
    const run = client.searchAll(criteria, { pageSize: 20 });
    const ids: string[] = [];
    try {
      for await (const r of run) {
        ids.push(r.id);
        if (ids.length === 2500) controller.abort(new Error('user cancelled'));
      }
      assert.unreachable();
    } catch (e) {
      assert.match((e as Error).message, /user cancelled/);
    }
    const rest = await exportIds(server, criteria, { pageSize: 20, checkpoint: run.checkpoint()! });
    assertExactlyOnce([...ids, ...rest.ids], referenceIds(criteria, records));
  });
});

test('limit 25: 25 records in one request (the page shrinks to the limit)', async () => {
  await withServer(records, async (server) => {
    const { ids, run } = await exportIds(server, { queryContext: 'customer' }, { limit: 25 });
    assert.is(ids.length, 25);
    assert.is(run.stats.requests, 1);
  });
});

test('since: only records updated at or after it, once each', async () => {
  const since = '2025-01-01T00:00:30.000Z';
  await withServer(records, async (server) => {
    const { ids } = await exportIds(server, { queryContext: 'customer' }, { pageSize: 50, since });
    const expected = records.filter((r) => (r.customer_updated_at as string) >= since).map((r) => String(r.id));
    assertExactlyOnce(ids, expected);
  });
});

test('property: any tie-group size, page size and window size → every record once, or a tie-group error when a group fills a window', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 0, max: 400 }),
      fc.integer({ min: 1, max: 120 }),
      fc.integer({ min: 1, max: 30 }),
      fc.integer({ min: 1, max: 6 }),
      fc.integer({ min: 1, max: 1000 }),
      async (n, tieGroups, pageSize, pagesPerWindow, seed) => {
        const data = generateRecords(n, { tieGroups });
        const largestGroup = Math.ceil(n / tieGroups);
        await withServer(
          data,
          async (server) => {
            try {
              const { ids } = await exportIds(server, { queryContext: 'customer' }, { pageSize, pagesPerWindow });
              assertExactlyOnce(ids, referenceIds({ queryContext: 'customer' }, data));
            } catch (e) {
              if (!(e instanceof WindowingError)) throw e;
              assert.is(e.reason, 'tie-group');
              assert.ok(largestGroup >= pageSize * pagesPerWindow, `tie-group error with groups of ${largestGroup} < window ${pageSize * pagesPerWindow}`);
            }
          },
          seed,
        );
      },
    ),
    fcOptions(40),
  );
});

test.run();
