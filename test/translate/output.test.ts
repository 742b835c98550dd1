/**
 * `translateOutput` (what `kq translate` runs): its pieces joined are exactly what the output writers give for the
 * results of `translate` — JSONL, a JSON array, CSV, `--check` lines — and its counts add up to the same tally,
 * on the calling thread and on worker threads, for every input format, whatever the batch size.
 */
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fcOptions } from '../helpers/fc.js';
import { checkLines } from '../../src/node/checkLines.js';
import { csvWriter, jsonlWriter, jsonWriter, type ResultWriter } from '../../src/node/output.js';
import type { InputFormat, TranslateOptions, TranslateResult } from '../../src/node/records.js';
import { TranslateTally } from '../../src/node/summary.js';
import { translateOutput, type OutputOptions } from '../../src/node/translate.js';
import type { TranslateSource } from '../../src/node/sources.js';
import { chunks, collect, NOW, withBadBytes } from './helpers.js';

type Format = OutputOptions['format'];
const formats: readonly Format[] = ['jsonl', 'json', 'csv', 'check'];

/** What the writers give for `results` (the reference `translateOutput` must match byte for byte). */
function expected(results: readonly TranslateResult[], format: Format, inputFormat: InputFormat, columns: readonly string[]): string {
  if (format === 'check') return results.flatMap((r) => checkLines(r, 'saved', inputFormat).map((l) => `${l}\n`)).join('');
  const writer: ResultWriter = format === 'csv' ? csvWriter(inputFormat, () => columns) : format === 'json' ? jsonWriter() : jsonlWriter();
  return results.map((r) => writer.record(r)).join('') + writer.end();
}

/** The pieces of `translateOutput` joined as text, their counts as one tally, and their `lastLine`s. */
async function output(source: () => TranslateSource, opts: TranslateOptions, format: Format) {
  let columns: readonly string[] = [];
  const tally = new TranslateTally();
  const lastLines: number[] = [];
  let text = '';
  const pieces = translateOutput(source(), { now: NOW, ...opts, onHeader: (c) => (columns = c) }, { format, checkFileName: 'saved' });
  for await (const piece of pieces) {
    text += typeof piece.output === 'string' ? piece.output : Buffer.from(piece.output).toString('utf8');
    tally.addCounts(piece.counts);
    lastLines.push(piece.lastLine);
  }
  return { text, tally, lastLines, columns };
}

/** Asserts that `translateOutput` gives what the writers give for `translate`'s results, in every output format. */
async function same(source: () => TranslateSource, opts: TranslateOptions, inputFormat: InputFormat, only: readonly Format[] = formats) {
  const results = await collect(source(), { ...opts, jobs: 1 }); // jobs 2 gives the same: translate.test.ts
  const reference = new TranslateTally();
  for (const r of results) reference.add(r);
  for (const format of only) {
    const got = await output(source, opts, format);
    assert.fixture(got.text, expected(results, format, inputFormat, got.columns), `${format}, ${JSON.stringify(opts)}`);
    assert.is(got.tally.text(1000), reference.text(1000));
    assert.is(got.tally.relativeNote(), reference.relativeNote());
    const lines = got.lastLines.filter((l) => l > 0);
    assert.equal(lines, [...lines].sort((a, b) => a - b), 'pieces come in input order');
  }
}

/** A line of a text input: queries good and bad, relative dates, comments, blanks, odd characters. */
const textLine = fc.oneof(
  fc.constantFrom(
    'conversation_status:open',
    'conversation_statu:open',
    'conversation_last_message_at>=now-7d/d',
    '(conversation_status:open OR',
    '# a comment',
    '',
    'customer_email~@vip.example sort:customer_updated_at-desc',
    'conversation_priority>=99',
    '"refund" ORD-1234',
    'x:"\u00e9\u{1F600}"',
  ),
  fc.string({ maxLength: 20 }).map((s) => s.replace(/\n/g, ' ')),
);

test('text input, any lines and batch size: the pieces are the writers\' output (jsonl, json, csv, check), on the calling thread', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(textLine, { maxLength: 30 }), fc.integer({ min: 1, max: 8 }), async (lines, batchSize) => {
      const input = lines.join('\n');
      await same(() => chunks(input, 7), { batchSize }, 'text');
    }),
    fcOptions(40),
  );
});

const mixed = Array.from({ length: 600 }, (_, i) =>
  i % 13 === 0 ? '# c' : i % 7 === 0 ? 'conversation_statu:open' : i % 5 === 0 ? 'conversation_created_at>=now-3d' : `conversation_priority:${i % 5} "é${i}"`,
).join('\r\n');

test('text input with a bad UTF-8 line, jobs 2 (batches of 17): the pieces are the writers\' output in every format', async () => {
  const bytes = withBadBytes(`${mixed}\nconversation_status:@open\n${mixed}`);
  await same(() => chunks(bytes, 1000), { jobs: 2, batchSize: 17 }, 'text');
});

test('jsonl input (carried fields, bad JSON, a non-string query), jobs 1 (jsonl, csv) and 2 (jsonl): the pieces are the writers\' output', async () => {
  const lines = Array.from({ length: 300 }, (_, i) =>
    i % 11 === 0 ? '{"id": 1, "query": 5}' : i % 17 === 0 ? '{bad' : i % 3 === 0 ? `"conversation_status:open"` : `{"id": ${i}, "n": 1.0e0, "query": "conversation_priority:${i % 7}"}`,
  );
  await same(() => chunks(lines.join('\n'), 500), { inputFormat: 'jsonl', batchSize: 32 }, 'jsonl', ['jsonl', 'csv']);
  await same(() => chunks(lines.join('\n'), 500), { jobs: 2, inputFormat: 'jsonl', batchSize: 32 }, 'jsonl', ['jsonl']);
});

test('csv input (carried columns), jobs 2: the pieces are the writers\' output', async () => {
  const rows = ['id,query,note', ...Array.from({ length: 200 }, (_, i) => `${i},${i % 9 === 0 ? 'x:1' : 'conversation_status:open'},"a, ""b"""`)];
  await same(() => chunks(rows.join('\n'), 300), { jobs: 2, inputFormat: 'csv', batchSize: 16 }, 'csv', ['csv']);
});

test('criteria bodies to text, jobs 2: the pieces are the writers\' output', async () => {
  const bodies = Array.from({ length: 100 }, (_, i) => (i % 4 === 0 ? '{"and": 5}' : `{"data": {"and": [{"conversation_status": {"equals": "open"}}]}, "id": ${i}}`));
  await same(() => chunks(bodies.join('\n')), { jobs: 2, to: 'text', batchSize: 9 }, 'jsonl', ['json']);
});

test('an array of records and an empty input: the pieces are the writers\' output (`[]` for an empty JSON array)', async () => {
  await same(() => ['conversation_status:open', { query: 'x:1', id: 2 }, 5], { jobs: 2 }, 'jsonl', ['jsonl']);
  await same(() => chunks(''), {}, 'text');
  await same(() => chunks('# only a comment\n'), { jobs: 2 }, 'text', ['json']);
});

test('translateOutput(…, {format: "xml"}) is a TypeError at the call', () => {
  assert.throws(() => translateOutput([], {}, { format: 'xml' as Format }), TypeError);
});

test.run();
