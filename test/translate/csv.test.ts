import { stringify } from 'csv-stringify/sync';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { read, summary, withBadBytes } from './helpers.js';

const csv = { inputFormat: 'csv' } as const;

test('csv: quoted fields with commas, doubled quotes and newlines; fields carried by header name', async () => {
  const input = 'id,name,query\n1,"Open, VIP","conversation_status:open"\n2,"say ""hi""\nsecond line",conversation_priority>=4\n3,plain,x:1\n';
  const results = await read(input, csv);
  assert.equal(summary(results), [
    [2, true, ''],
    [3, true, ''],
    [5, false, 'KQ2001'],
  ]);
  assert.equal(results.map((r) => r.fields), [
    { id: '1', name: 'Open, VIP' },
    { id: '2', name: 'say "hi"\nsecond line' },
    { id: '3', name: 'plain' },
  ]);
});

test('csv: CRLF records keep a CRLF inside a quoted field verbatim', async () => {
  const results = await read('id,query\r\n1,"a\r\nb"\r\n2,conversation_status:open\r\n', csv);
  assert.equal(summary(results), [
    [2, true, ''],
    [4, true, ''],
  ]);
  assert.is(results[0]!.query, 'a\r\nb');
  assert.equal(results[1]!.fields, { id: '2' });
});

test('csv: a BOM before the header, blank lines, no final newline', async () => {
  const results = await read('\uFEFFquery,id\n\nconversation_status:open,1\n\n\nconversation_status:done,2', csv);
  assert.equal(summary(results), [
    [3, true, ''],
    [6, true, ''],
  ]);
  assert.equal(results[1]!.fields, { id: '2' });
});

test('csv: an empty file, and a header alone, give no record', async () => {
  assert.equal(await read('', csv), []);
  const columns: string[][] = [];
  assert.equal(await read('id,query,name\n', { ...csv, onHeader: (c) => columns.push([...c]) }), []);
  assert.equal(columns, [['id', 'name']]);
});

test('csv: a row with another field count is KQ5008; reading goes on', async () => {
  const results = await read('id,query\n1,conversation_status:open,extra\n2\n3,conversation_status:done\n', csv);
  assert.equal(summary(results), [
    [2, false, 'KQ5008'],
    [3, false, 'KQ5008'],
    [4, true, ''],
  ]);
});

test('csv: a malformed record (quote in an unquoted field, text after a closing quote) is KQ5007; the next line is read', async () => {
  const input = 'id,query\n1,con"versation\n2,"conversation_status:open"x\n3,conversation_status:done\n';
  assert.equal(summary(await read(input, csv)), [
    [2, false, 'KQ5007'],
    [3, false, 'KQ5007'],
    [4, true, ''],
  ]);
});

test('csv: a quote never closed is KQ5007 for its line, and does not swallow the lines after it', async () => {
  const input = 'id,query\n1,"conversation_status:open\n2,conversation_status:done\n3,x:1';
  assert.equal(summary(await read(input, csv)), [
    [2, false, 'KQ5007'],
    [3, true, ''],
    [4, false, 'KQ2001'],
  ]);
});

test("csv: no 'query' column is KQ5003 on every row", async () => {
  const results = await read('id,name\n1,a\n2,b\n', csv);
  assert.equal(summary(results), [
    [2, false, 'KQ5003'],
    [3, false, 'KQ5003'],
  ]);
  assert.match(results[0]!.diagnostics[0]!.message, "no 'query' column");
});

test("csv: a 'Query' column (other case) is the query; repeated names get #2", async () => {
  const columns: string[][] = [];
  const results = await read('name,Query,name\na,conversation_status:open,b\n', { ...csv, onHeader: (c) => columns.push([...c]) });
  assert.equal(results[0]!.fields, { name: 'a', 'name#2': 'b' });
  assert.equal(columns, [['name', 'name#2']]);
});

test('csv: invalid UTF-8 in a row is KQ5005 for that row only', async () => {
  const results = await read(withBadBytes('id,query\n1,customer_name:@\n2,conversation_status:open\n'), csv);
  assert.equal(summary(results), [
    [2, false, 'KQ5005'],
    [3, true, ''],
  ]);
});

test('csv: a very long quoted field over several lines', async () => {
  const name = `${'word '.repeat(20_000)}\n${'more '.repeat(20_000)}`;
  const input = stringify([['id', 'name', 'query'], ['1', name, 'conversation_status:open'], ['2', 'b', 'conversation_status:done']]);
  const results = await read(input, csv, 1000);
  assert.equal(summary(results), [
    [2, true, ''],
    [4, true, ''],
  ]);
  assert.is(results[0]!.fields!.name, name);
});

test('csv: every chunk size gives the same records', async () => {
  const input = '\uFEFFid,query\r\n1,"a, ""b""\r\nc"\r\n\r\n2,conversation_status:open\r\n3,"x"y\r\n4,测试';
  const expected = await read(input, csv);
  for (let size = 1; size <= 9; size++) assert.equal(await read(input, csv, size), expected, `chunk size ${size}`);
});


test('csv: an unclosed quote over 20,000 lines, over maxRecordBytes: one KQ5006 for the row, a KQ5007 naming the lines skipped', async () => {
  // RFC 4180 reads `a""b` inside a quoted field as an escaped quote: the field (and the row) goes on to the end.
  const input = `id,query\n1,"open\n${'a""b,x:1\n'.repeat(20_000)}2,conversation_status:open\n`;
  const results = await read(input, { ...csv, maxRecordBytes: 5000 });
  assert.equal(summary(results), [
    [2, false, 'KQ5006'],
    [20_003, false, 'KQ5007'],
  ]);
  assert.match(results[1]!.diagnostics[0]!.message, 'oversized row on line 2 is never closed, so lines 3–20003 were skipped with it');
});

test('csv: an unclosed quote under maxRecordBytes costs only its own line', async () => {
  const input = `id,query\n1,"open\n${'a""b,x:1\n'.repeat(3)}2,conversation_status:open\n`;
  assert.equal(summary(await read(input, csv)), [
    [2, false, 'KQ5007'],
    [3, false, 'KQ5007'],
    [4, false, 'KQ5007'],
    [5, false, 'KQ5007'],
    [6, true, ''],
  ]);
});
test.run();
