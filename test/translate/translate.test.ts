import { Readable } from 'node:stream';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compile } from '../../src/compile.js';
import { decompile } from '../../src/decompile/decompile.js';
import { translate } from '../../src/node/translate.js';
import { collect, NOW, summary } from './helpers.js';

/** A mix of valid and invalid queries, comments and blank lines, `n` lines long. */
function mixedLines(n: number): string[] {
  const kinds = [
    (i: number) => `conversation_status:open conversation_priority>=${(i % 5) + 1}`,
    (i: number) => `customer_name:"Jane ${i}" sort:customer_name`,
    () => 'conversation_statu:open',
    (i: number) => `conversation_created_at>=now-${i % 30}d/d tz:Europe/Paris`,
    () => '(a OR b) (c OR d)',
    () => '# a comment',
    () => '',
    (i: number) => `conversation_priority:${i % 9}`,
  ];
  return Array.from({ length: n }, (_, i) => kinds[i % kinds.length]!(i));
}

test("translate(['conversation_status:open', {id, query}]) (an array of records)", async () => {
  const results = await collect(['conversation_status:open', { id: 'a', query: 'x:1' }, 42]);
  assert.equal(summary(results), [
    [1, true, ''],
    [2, false, 'KQ2001'],
    [3, false, 'KQ5002'],
  ]);
  assert.equal(results[1]!.fields, { id: 'a' });
});

test('translate(Readable) reads a Node stream in the input format', async () => {
  const stream = Readable.from([Buffer.from('{"query": "conversation_status:open"}\n{"query": '), Buffer.from('"x:1"}\n')]);
  assert.equal(summary(await collect(stream, { inputFormat: 'jsonl' })), [
    [1, true, ''],
    [2, false, 'KQ2001'],
  ]);
});

test('a result equals compile() of its query (criteria, diagnostics without infos, the code frame)', async () => {
  for (const query of ['conversation_status:(open OR snoozed) conversation_priority>=4', 'conversation_statu:opne', 'a OR b sort:customer_name']) {
    const [r] = await collect([query]);
    const c = compile(query, { now: NOW });
    assert.equal(r!.criteria, c.criteria);
    assert.equal(r!.diagnostics, c.diagnostics.filter((d) => d.severity !== 'info'));
    assert.is(r!.ok, c.criteria !== undefined);
  }
});

test("to: 'text' decompiles bodies, bare or under data, carrying the other fields", async () => {
  const body = compile('conversation_status:open conversation_priority>=4', { now: NOW }).criteria;
  const jsonl = [JSON.stringify({ id: 1, name: 'Open', data: body }), JSON.stringify(body), JSON.stringify({ queryContext: 'customer', and: [{ nope_field: { equals: 1 } }] })].join('\n');
  const results = await collect(Buffer.from(jsonl), { to: 'text' });
  assert.equal(summary(results), [
    [1, true, ''],
    [2, true, ''],
    [3, false, 'KQ2001'],
  ]);
  assert.equal(results[0]!.fields, { id: 1, name: 'Open' });
  assert.is(results[1]!.fields, undefined);
  assert.is(results[0]!.query, decompile(body).text);
  assert.equal(results[0]!.criteria, body);
  assert.is(results[2]!.diagnostics[0]!.pointer, '/and/0/nope_field');
  assert.match(results[2]!.frame!, 'at /and/0/nope_field');
});

test('a relative date resolves against one clock read when translate starts', async () => {
  const results = await collect(['conversation_created_at>=now-1d', 'conversation_created_at>=now-1d'], { now: undefined });
  assert.equal(results[0]!.criteria, results[1]!.criteria);
});

test('bad options are TypeErrors: jobs 0, to: "json", a csv input to text, a number as source', async () => {
  const bad: [unknown, object][] = [
    [[], { jobs: 0 }],
    [[], { to: 'json' }],
    [Buffer.from(''), { to: 'text', inputFormat: 'csv' }],
    [42, {}],
    ['conversation_status:open', {}],
  ];
  for (const [source, opts] of bad) {
    try {
      await collect(source as never, opts);
      assert.unreachable(`no error for ${JSON.stringify(opts)}`);
    } catch (e) {
      assert.instance(e, TypeError, String(e));
    }
  }
});

test('jobs: 2 gives the same results in the same order as jobs: 1 (5,000 mixed lines, batches of 7)', async () => {
  const input = Buffer.from(mixedLines(5000).join('\n'));
  const one = await collect(input, { batchSize: 7 });
  const two = await collect(input, { jobs: 2, batchSize: 7 });
  assert.is(one.length, 5000 - 2 * (5000 / 8));
  assert.is(two.length, one.length);
  assert.equal(two, one);
});

test('jobs: 2 on an array, with input errors between readable records', async () => {
  const records = Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? { id: i } : { id: i, query: `conversation_priority:${i % 7}` }));
  const one = await collect(records, { batchSize: 16 });
  const two = await collect(records, { jobs: 2, batchSize: 16 });
  assert.equal(two, one);
  assert.equal(two.map((r) => r.fields!.id), records.map((r) => r.id));
});

/** An endless stream of query lines that counts the lines it has produced. */
function endless(): { stream: AsyncIterable<Uint8Array>; produced: () => number } {
  let produced = 0;
  async function* lines(): AsyncGenerator<Uint8Array> {
    for (;;) {
      produced += 100;
      yield Buffer.from('conversation_status:open\n'.repeat(100));
    }
  }
  return { stream: lines(), produced: () => produced };
}

for (const jobs of [1, 2]) {
  test(`jobs: ${jobs} reads ahead only a bounded window (an endless input, stopped after 1,000 results)`, async () => {
    const { stream, produced } = endless();
    let n = 0;
    for await (const result of translate(stream, { now: NOW, jobs, batchSize: 50 })) {
      assert.is(result.line, n + 1);
      if (++n === 1000) break;
    }
    // At most the batches in flight (2 × jobs + the one being yielded) and one chunk of 100 lines beyond them.
    assert.ok(produced() <= 1000 + 50 * (2 * jobs + 1) + 100, `read ${produced()} lines for 1,000 results`);
  });
}

test.run();
