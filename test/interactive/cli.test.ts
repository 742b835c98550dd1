/** `kq explain` and `kq complete`: thin wrappers over the API, driven through the CLI's main. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { kq } from '../helpers/cli.js';


const now = ['--now', '2024-06-24T12:00:00Z'];

test("kq explain 'conversation_status:done customer_updated_at>=2016-06-24 sort:customer_name' --context conversation --tz America/New_York", async () => {
  const r = await kq(['explain', 'conversation_status:done customer_updated_at>=2016-06-24 sort:customer_name', '--context', 'conversation', '--tz', 'America/New_York']);
  assert.is(r.status, 0);
  assert.is(r.out, 'conversations that are done, whose customer was updated on or after 24 June 2016 (America/New_York); sorted by customer name, A→Z\n');
  assert.is(r.err, '');
});

test('kq explain - (stdin) with a relative date', async () => {
  const r = await kq(['explain', '-', ...now], 'conversation_created_at>=now-7d/d\n');
  assert.is(r.out, 'conversations that were created on or after now-7d/d (17 June 2024, GMT)\n');
});

test("kq explain 'x:1' (exit 1, the code frame on stderr)", async () => {
  const r = await kq(['explain', 'x:1']);
  assert.is(r.status, 1);
  assert.is(r.out, '');
  assert.match(r.err, "error[KQ2001]: Unknown field 'x'.");
});

test("kq explain --json 'refund'", async () => {
  const r = await kq(['explain', '--json', 'refund']);
  const body = JSON.parse(r.out);
  assert.is(body.text, 'customers that mention "refund"');
  assert.equal(body.criteria, { queryContext: 'customer', and: [{ any_text: { contains: 'refund' } }] });
});

test("kq complete --at 15 'conversation_st AND x'", async () => {
  const r = await kq(['complete', '--at', '15', 'conversation_st AND x']);
  assert.is(r.status, 0);
  assert.match(r.out, /^conversation_status\tfield\tlist · snoozed \| open \| done\n/);
});

test("kq complete 'conversation_status:' (the end by default)", async () => {
  const r = await kq(['complete', 'conversation_status:']);
  assert.is(r.out.split('\n')[0], 'snoozed\tvalue\tconversation_status value');
});

test("kq complete --json --limit 2 'sort:cust'", async () => {
  const r = await kq(['complete', '--json', '--limit', '2', 'sort:cust']);
  const body = JSON.parse(r.out);
  assert.is(body.from, 5);
  assert.is(body.to, 9);
  assert.is(body.items.length, 2);
});

test(`kq complete --json --at 16 'customer_name:"😀' (inside a surrogate pair: snapped, nothing split)`, async () => {
  const r = await kq(['complete', '--json', '--at', '16', 'customer_name:"😀']);
  assert.is(r.status, 0);
  const body = JSON.parse(r.out);
  assert.equal([body.from, body.to], [14, 17]);
});

test("kq complete --at 20 'conversation_status:open' (at the start of the value: it is replaced)", async () => {
  const r = await kq(['complete', '--json', '--at', '20', 'conversation_status:open']);
  const body = JSON.parse(r.out);
  assert.equal([body.from, body.to], [20, 24]);
});

test("kq explain 'conversation_created_at<today conversation_created_at>=yesterday' --now 2026-11-30T15:00:00Z", async () => {
  const r = await kq(['explain', 'conversation_created_at<today conversation_created_at>=yesterday', '--now', '2026-11-30T15:00:00Z']);
  assert.is(r.out, 'conversations that were created yesterday (29 November 2026, GMT)\n');
});

test("kq complete --at x 'a' and --at 9 'a' (usage errors)", async () => {
  assert.is((await kq(['complete', '--at', 'x', 'a'])).status, 2);
  const past = await kq(['complete', '--at', '9', 'a']);
  assert.is(past.status, 2);
  assert.match(past.err, 'past the end');
});

test.run();
