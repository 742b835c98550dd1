/**
 * The local search server over 60,000 generated records with heavy `updatedAt` ties (test/helpers/records.ts): a
 * client that pages past the 100-page cap with the documented windowing recipe (`<object>_updated_at gte <last
 * updatedAt seen>`, sorted asc, kustomer-api-live.md §1f) gets every record, and one that windows with `gt` loses
 * the records that tie with a window's last one.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startServer, type RunningServer } from '../../src/node/index.js';
import { generateRecords } from '../helpers/records.js';

const records = generateRecords(60_000, { tieGroups: 700 }); // ~86 records per updatedAt value

/** Pages through every window with operator `op`, `pageSize` records a page; returns the distinct ids and the number of requests. */
async function windowed(s: RunningServer, op: 'gte' | 'gt', pageSize: number): Promise<{ ids: Set<string>; requests: number }> {
  const ids = new Set<string>();
  let requests = 0;
  let from = '2000-01-01T00:00:00.000Z';
  for (;;) {
    const body = { queryContext: 'customer', and: [{ customer_updated_at: { [op]: from } }], sort: [{ customer_updated_at: 'asc' }] };
    let path: string | null = `/v1/customers/search?page=1&pageSize=${pageSize}`;
    let last: string | undefined;
    let capped = false;
    while (path) {
      const r = await fetch(`${s.url}${path}`, { method: 'POST', headers: { authorization: 'Bearer k' }, body: JSON.stringify(body) });
      requests++;
      assert.is(r.status, 200);
      const j = (await r.json()) as { data: { id: string; attributes: { updatedAt: string } }[]; links: { next: string | null } };
      for (const d of j.data) ids.add(d.id);
      if (j.data.length) last = j.data[j.data.length - 1]!.attributes.updatedAt;
      path = j.links.next;
      if (path?.includes('page=101&')) {
        capped = true; // the cap: start a new window (MeltanoLabs' PageLimitRESTPaginator, §1f)
        break;
      }
    }
    if (!capped || last === undefined || last === from) return { ids, requests };
    from = last;
  }
}

test('generateRecords(60_000, {tieGroups: 700}): windowing with gte fetches all 60,000; with gt, records at the window edges are lost', async () => {
  const s = await startServer({ records, rateLimit: false });
  try {
    const t0 = performance.now();
    const gte = await windowed(s, 'gte', 100);
    const ms = performance.now() - t0;
    assert.is(gte.ids.size, 60_000);
    assert.ok(gte.requests >= 600 && gte.requests < 700, `${gte.requests} requests`);
    const gt = await windowed(s, 'gt', 500); // one window edge, at record 50,000
    assert.ok(gt.ids.size < 60_000, `gt found ${gt.ids.size}`);
    assert.ok(gt.ids.size > 59_900);
    console.log(`  60,000 records: ${gte.requests} requests in ${Math.round(ms)} ms with gte; gt found ${gt.ids.size}`);
  } finally {
    await s.close();
  }
});

test('generateRecords: ids unique, tie groups interleaved and of even size', () => {
  const few = generateRecords(10, { tieGroups: 3 });
  assert.is(new Set(few.map((r) => r.id)).size, 10);
  assert.equal(few.map((r) => (r.customer_updated_at as string).slice(17, 19)), ['00', '01', '02', '00', '01', '02', '00', '01', '02', '00']);
  assert.throws(() => generateRecords(5, { tieGroups: 0 }), /tieGroups/);
});

test.run();
