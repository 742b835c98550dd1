/**
 * The REPL connected to the stand-in: `.connect` from the session's environment, a query showing the org's total
 * and first records, `.more` paging on, `.load` still working offline beside it, and the failures (no key, a wrong
 * key) as messages that never hold the key.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderResult } from '../../src/cli/repl/render.js';
import { ReplSession, type SessionHost } from '../../src/cli/repl/session.js';
import { startServer } from '../../src/serve/index.js';
import { generateRecords } from '../helpers/records.js';

const key = 'repl-key-98765';
const records = generateRecords(35, { tieGroups: 5 });

function session(env: Record<string, string | undefined>, lines: string[] = []): ReplSession {
  const host: SessionHost = {
    env,
    async *read() {
      yield lines.map((line) => `${line}\n`).join('');
    },
  };
  return new ReplSession({}, host);
}

test('.connect, then context:customer shows 35 records in the org and page 1; .more pages on; .load works beside it', async () => {
  const server = await startServer({ records, apiKeys: [key], rateLimit: false });
  try {
    const s = session({ KUSTOMER_API_KEY: key, KUSTOMER_BASE_URL: server.url }, records.slice(0, 4).map((r) => JSON.stringify(r)));
    const connected = await s.run('.connect');
    assert.ok(connected.kind === 'command' && connected.ok, JSON.stringify(connected));
    assert.match((connected as { output: string }).output, /35 customer/);
    const q = await s.run('context:customer');
    assert.ok(q.kind === 'query' && q.remote);
    assert.is(q.remote!.total, 35);
    assert.is(q.remote!.first.length, 10);
    assert.match(renderResult(q, { color: false }), /35 records in the org; page 1 of 4 \(\.more for the next\):/);
    const more = await s.run('.more');
    assert.ok(more.kind === 'command' && more.ok);
    assert.match((more as { output: string }).output, /^page 2 of 4/);
    await s.run('.more');
    await s.run('.more');
    const end = await s.run('.more');
    assert.ok(end.kind === 'command' && !end.ok && /no more records/.test(end.output));
    const loaded = await s.run('.load records.ndjson');
    assert.ok(loaded.kind === 'command' && loaded.ok);
    const both = await s.run('context:customer');
    assert.ok(both.kind === 'query' && both.matches && both.remote);
    assert.is(both.matches!.total, 4);
    const off = await s.run('.connect off');
    assert.ok(off.kind === 'command' && off.ok);
    const offline = await s.run('context:customer');
    assert.ok(offline.kind === 'query' && offline.remote === undefined && offline.matches?.total === 4);
  } finally {
    await server.close();
  }
});

test('.connect without KUSTOMER_API_KEY, and with a wrong key: a message, the key never shown', async () => {
  const server = await startServer({ records, apiKeys: [key], rateLimit: false });
  try {
    const none = await session({ KUSTOMER_BASE_URL: server.url }).run('.connect');
    assert.ok(none.kind === 'command' && !none.ok && /KUSTOMER_API_KEY/.test(none.output));
    const wrong = await session({ KUSTOMER_API_KEY: 'wrong-repl-key-1', KUSTOMER_BASE_URL: server.url }).run('.connect');
    assert.ok(wrong.kind === 'command' && !wrong.ok);
    assert.match((wrong as { output: string }).output, /401/);
    assert.not.match(JSON.stringify(wrong), /wrong-repl-key-1/);
  } finally {
    await server.close();
  }
});

test('.more before .connect says to connect first', async () => {
  const r = await session({}).run('.more');
  assert.ok(r.kind === 'command' && !r.ok && /\.connect first/.test(r.output));
});

test.run();
