/**
 * `npm run bench:live`: `kustomer-query/client` against `kq serve` (the stand-in, in a child process on 127.0.0.1):
 * records per second and requests per record for a full `searchAll` export past the 100-page cap, at page sizes 500
 * (the default) and 100, plus the client's overhead per request (requests to a 1-record page).
 *
 *   npm run bench:live                 # 60,000 records, 600 distinct updatedAt values (tie groups of 100)
 *   KQ_BENCH_RECORDS=200000 npm run bench:live
 *
 * The client budget is off (a local server); against Kustomer the budget of 100 requests a minute bounds an export
 * at 100 × pageSize records a minute (50,000 with pages of 500), which the requests-per-record figure converts.
 */
import { createClient } from '../src/client/index.js';
import { startChildServer } from '../test/client/childServer.js';

const n = Number(process.env.KQ_BENCH_RECORDS ?? 60_000);
const key = 'bench-live-key';

async function main(): Promise<void> {
  const server = await startChildServer(n, Math.max(1, Math.round(n / 100)), key);
  try {
    console.log(`kq serve with ${n.toLocaleString('en')} records (tie groups of 100), client budget off`);
    for (const pageSize of [500, 100]) {
      const client = createClient({ apiKey: key, baseUrl: server.url, budget: false });
      const run = client.searchAll({ queryContext: 'customer' }, { pageSize });
      const started = performance.now();
      let count = 0;
      for await (const _ of run) count++;
      const seconds = (performance.now() - started) / 1000;
      const s = run.stats;
      console.log(
        `  searchAll pageSize ${String(pageSize).padStart(3)}: ${count.toLocaleString('en')} records in ${seconds.toFixed(2)} s = ${Math.round(count / seconds).toLocaleString('en')} records/s; ` +
          `${s.requests} requests (${(s.requests / count).toFixed(5)} per record, ${s.windows} windows, ${s.duplicates} boundary duplicates refetched); ` +
          `at 100 requests/min: ${((s.requests / 100) * 60).toFixed(0)} s`,
      );
    }
    const client = createClient({ apiKey: key, baseUrl: server.url, budget: false });
    const rounds = 200;
    const started = performance.now();
    for (let i = 0; i < rounds; i++) await client.search({ queryContext: 'customer', and: [{ customer_name: { equals: 'Name 7' } }] }, { pageSize: 1 });
    console.log(`  one-record search round trip: ${((performance.now() - started) / rounds).toFixed(2)} ms (client + HTTP + server filter over ${n.toLocaleString('en')} records)`);
  } finally {
    await server.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
