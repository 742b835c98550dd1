import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { read, summary, withBadBytes } from './helpers.js';

test('text: blank and # comment lines are skipped; line numbers stay true', async () => {
  const results = await read('conversation_status:open\n\n# a comment\n   # indented comment\nx:1\n');
  assert.equal(summary(results), [
    [1, true, ''],
    [5, false, 'KQ2001'],
  ]);
  assert.equal(results[0]!.criteria, { queryContext: 'conversation', and: [{ conversation_status: { equals: 'open' } }] });
  assert.is(results[0]!.fields, undefined);
});

test('text: CRLF line endings', async () => {
  const results = await read('conversation_status:open\r\n\r\nconversation_priority>=4\r\n');
  assert.equal(summary(results), [
    [1, true, ''],
    [3, true, ''],
  ]);
  assert.is(results[1]!.query, 'conversation_priority>=4');
});

test('text: a BOM before the first query', async () => {
  const results = await read('\uFEFFconversation_status:open\n');
  assert.is(results[0]!.query, 'conversation_status:open');
  assert.ok(results[0]!.ok);
});

test('text: an empty file gives no record', async () => {
  assert.equal(await read(''), []);
});

test('text: the last line without a newline is a record', async () => {
  assert.equal(summary(await read('conversation_status:open\nconversation_status:done')), [
    [1, true, ''],
    [2, true, ''],
  ]);
});

test('text: a query keeps its leading white space, so spans are columns of the line', async () => {
  const [r] = await read('   x:1\n');
  assert.is(r!.query, '   x:1');
  assert.equal(r!.diagnostics[0]!.span, { start: 3, end: 4 });
  assert.match(r!.frame!, "error[KQ2001]: Unknown field 'x'.");
});

test('text: invalid UTF-8 is an error record for its line only (KQ5005)', async () => {
  const results = await read(withBadBytes('conversation_status:open\ncustomer_name:@\nconversation_status:done\n'));
  assert.equal(summary(results), [
    [1, true, ''],
    [2, false, 'KQ5005'],
    [3, true, ''],
  ]);
  assert.is(results[1]!.query, undefined);
});

test("text: a very long line (over maxLength) gets the compiler's KQ1015", async () => {
  const long = `customer_name:${'a'.repeat(200_000)}`;
  const results = await read(`conversation_status:open\n${long}\nconversation_status:done\n`, { maxLength: 100_000 });
  assert.equal(summary(results), [
    [1, true, ''],
    [2, false, 'KQ1015'],
    [3, true, ''],
  ]);
});

test('text: a line over maxRecordBytes is KQ5006 and the lines after it are read', async () => {
  const results = await read(`conversation_status:open\n${'a '.repeat(5000)}\nconversation_status:done`, { maxRecordBytes: 1000 }, 512);
  assert.equal(summary(results), [
    [1, true, ''],
    [2, false, 'KQ5006'],
    [3, true, ''],
  ]);
});

test('text: a line that is a lone \\r is blank', async () => {
  assert.equal(summary(await read('\r\nconversation_status:open\r\n\r')), [[2, true, '']]);
});

test.run();
