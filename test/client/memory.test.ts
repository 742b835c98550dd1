/**
 * A large export in bounded memory: 60,000 records (tie groups of 100) from the stand-in in a child process,
 * streamed through `searchAll` with pages of 500 while this process's heap is sampled after garbage collection.
 * Every record must come exactly once (count, and a sum and xor of the numeric ids), the retained heap must stay far
 * below what holding the records would take, and the request count must be the fewest the cap allows.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createClient } from '../../src/client/index.js';
import { startChildServer } from './childServer.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heap = () => {
  gc();
  return process.memoryUsage().heapUsed;
};

const n = 60_000;
const key = 'test-key-memory';

test('60,000 records through searchAll: each once, retained heap bounded, 121 requests', async () => {
  const server = await startChildServer(n, 600, key);
  try {
    const client = createClient({ apiKey: key, baseUrl: server.url, budget: false });
    const run = client.searchAll({ queryContext: 'customer' });
    const base = heap();
    let peak = 0;
    let count = 0;
    let sum = 0;
    let xor = 0;
    for await (const r of run) {
      const i = parseInt(r.id, 16);
      sum += i;
      xor ^= i;
      if (++count % 5000 === 0) peak = Math.max(peak, heap() - base);
    }
    let expectedXor = 0;
    for (let i = 0; i < n; i++) expectedXor ^= i;
    assert.is(count, n);
    assert.is(sum, (n * (n - 1)) / 2);
    assert.is(xor, expectedXor);
    // Holding the 60,000 parsed records (~600 bytes of JSON each) would retain tens of MiB; streaming keeps one page
    // and one tie group of ids.
    assert.ok(peak < 16 * 1024 * 1024, `retained heap grew by ${(peak / 1048576).toFixed(1)} MiB`);
    // One window of 100 pages × 500 = 50,000, then a second window of the rest plus the boundary group again.
    assert.ok(run.stats.requests <= 122, `${run.stats.requests} requests`);
    assert.is(run.stats.windows, 2);
    console.log(`    60k export: ${run.stats.requests} requests, peak retained heap +${(peak / 1048576).toFixed(1)} MiB, ${(run.stats.elapsedMs / 1000).toFixed(1)} s`);
  } finally {
    await server.close();
  }
});

test.run();
