/**
 * What a new user of `kq translate` hits first: a JSONL `Query` key read like a CSV `Query` column, a
 * semicolon-separated CSV reported once (not once per row), and the note that relative dates were resolved.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { diagnosticCodes } from '../../src/index.js';
import { kq } from '../helpers/cli.js';
import { read, summary } from './helpers.js';

test('{"Query":"refund"} in JSONL: the key is found in any letter case, as a CSV header is', async () => {
  const results = await read('{"Query":"refund","id":1}\n{"QUERY":"x"}\n{"query":"a","Query":"b"}\n', { inputFormat: 'jsonl' });
  assert.equal(summary(results), [
    [1, true, ''],
    [2, true, ''],
    [3, true, ''],
  ]);
  assert.equal(results[0]!.fields, { id: 1 });
  assert.is(results[2]!.query, 'a');
  assert.equal(summary(await read('{"id":1}\n', { inputFormat: 'jsonl' })), [[1, false, diagnosticCodes.MissingQuery]]);
});

test('query;id in a CSV header: one delimiter hint on the header line, not one error per row', async () => {
  const results = await read('query;id\nrefund;1\nreturn;2\nx;3\n', { inputFormat: 'csv' });
  assert.equal(summary(results), [[1, false, diagnosticCodes.MissingQuery]]);
  assert.match(results[0]!.diagnostics[0]!.message, /separated by semicolons/);
  const tabs = await read('id\tquery\n1\trefund\n', { inputFormat: 'csv' });
  assert.match(tabs[0]!.diagnostics[0]!.message, /separated by tabs/);
  // A header with no query column at all keeps the error per row.
  assert.equal(summary(await read('id,name\n1,a\n2,b\n', { inputFormat: 'csv' })), [
    [2, false, diagnosticCodes.MissingQuery],
    [3, false, diagnosticCodes.MissingQuery],
  ]);
});

test('conversation_updated_at>=now-7d in kq translate: relativeDates on the record, and a note after the summary', async () => {
  const results = await read('conversation_updated_at>=now-7d\nrefund\n', { inputFormat: 'text' });
  assert.is(results[0]!.relativeDates, true);
  assert.is(results[1]!.relativeDates, undefined);
  const run = await kq(['translate', '--input-format', 'text'], 'conversation_updated_at>=now-7d\nrefund\n');
  assert.is(run.status, 0);
  assert.match(run.err, /note: 1 record used relative dates, resolved against this run's clock/);
  const none = await kq(['translate', '--input-format', 'text'], 'refund\n');
  assert.not.match(none.err, /relative dates/);
});

test.run();
