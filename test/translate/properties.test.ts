/**
 * Properties of bulk reading: for any input, exactly one result per input record, in input order, with the line
 * the record starts on — whatever the line endings, BOM, final newline, chunking, and content (bad JSON, odd CSV).
 */
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fcOptions } from '../helpers/fc.js';
import { read } from './helpers.js';

/** A line: any text without `\n` (a `\r` may be anywhere), often query-like, blank, or a comment. */
const line = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }).map((s) => s.replace(/\n/g, ' ')),
  fc.string({ maxLength: 20 }).map((s) => s.replace(/\n/g, '')),
  fc.constantFrom('', '   ', '\t', '# comment', '  #x', 'conversation_status:open', 'x:1', '\r', '\u00a0', '"unterminated', '(a OR'),
);

/** How the lines are joined into a file. */
const layout = fc.record({
  eol: fc.constantFrom('\n', '\r\n'),
  bom: fc.boolean(),
  finalNewline: fc.boolean(),
  chunk: fc.integer({ min: 1, max: 64 }),
});

function file(lines: readonly string[], l: { eol: string; bom: boolean; finalNewline: boolean }): string {
  const body = lines.join(l.eol) + (l.finalNewline && lines.length > 0 ? l.eol : '');
  return (l.bom ? '\uFEFF' : '') + body;
}

test('text: one result per non-blank, non-comment line, in order, with its line number', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(line, { maxLength: 25 }), layout, async (lines, l) => {
      // A lone `\r` at a line's end is a line ending too when the eol is \r\n; the file is what it is.
      const results = await read(file(lines, l), {}, l.chunk);
      const expected = lines
        .map((text, i) => ({ line: i + 1, text: l.eol === '\r\n' || !text.endsWith('\r') ? text : text.slice(0, -1) }))
        .filter(({ text }) => text.trim() !== '' && !text.trimStart().startsWith('#'));
      assert.equal(results.map((r) => [r.line, r.query]), expected.map((e) => [e.line, e.text]));
    }),
    fcOptions(150),
  );
});

/** A JSONL line: a JSON value (an object with or without `query`), or text that is not JSON. */
const jsonlLine = fc.oneof(
  fc.record({ id: fc.integer(), query: fc.oneof(fc.string({ maxLength: 20 }), fc.jsonValue({ maxDepth: 1 })) }, { requiredKeys: ['id'] }).map((o) => JSON.stringify(o)),
  fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 15 }).map((s) => s.replace(/[\r\n]/g, '')),
);

test('jsonl: one result per non-blank line, in order, carrying every field but query', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(jsonlLine, { maxLength: 20 }), layout, async (lines, l) => {
      const results = await read(file(lines, l), { inputFormat: 'jsonl' }, l.chunk);
      const expected = lines.map((text, i) => ({ line: i + 1, text })).filter(({ text }) => text.trim() !== '');
      assert.equal(results.map((r) => r.line), expected.map((e) => e.line));
      results.forEach((r, i) => {
        let value: unknown;
        try {
          value = JSON.parse(expected[i]!.text);
        } catch {
          assert.is(r.diagnostics[0]!.code, 'KQ5001');
          return;
        }
        if (typeof value === 'string') assert.is(r.query, value);
        else if (value && typeof value === 'object' && !Array.isArray(value)) {
          const { query, ...rest } = value as Record<string, unknown>;
          assert.equal(r.fields, rest);
          if (typeof query === 'string') assert.is(r.query, query);
          else assert.is(r.diagnostics[0]!.code, query === undefined ? 'KQ5003' : 'KQ5004');
        } else assert.is(r.diagnostics[0]!.code, 'KQ5002');
      });
    }),
    fcOptions(150),
  );
});

/** A CSV cell: any text — commas, quotes, CR, LF and all. */
const cell = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('', 'a,b', '"q"', 'x\ny', 'x\r\ny', ' lead', 'conversation_status:open', '测试'));

test('csv (written by csv-stringify): one result per row, in order, fields as written, true line numbers', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.tuple(cell, cell, cell), { maxLength: 15 }), layout, async (rows, l) => {
      // RFC 4180 quotes any field with a CR or LF (csv-stringify, left alone, quotes only the record delimiter).
      const options = { record_delimiter: l.eol === '\n' ? 'unix' : 'windows', quoted_match: /[\r\n]/ } as const;
      const text = (l.bom ? '\uFEFF' : '') + stringify([['id', 'query', 'note'], ...rows], options);
      const results = await read(text, { inputFormat: 'csv' }, l.chunk);
      // Row i starts after the header and the newlines of the rows before it.
      let next = 2;
      const expected = rows.map((row) => {
        const start = next;
        next += 1 + row.join('').split('\n').length - 1;
        return { line: start, fields: { id: row[0], note: row[2] }, query: row[1] };
      });
      assert.equal(
        results.map((r) => ({ line: r.line, fields: r.fields, query: r.query })),
        expected,
      );
    }),
    fcOptions(150),
  );
});

test('json: one result per array element, in order, with the line it starts on', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 15 }), layout, async (values, l) => {
      const elements = values.map((v) => JSON.stringify(v, null, 1).replace(/\n/g, l.eol));
      const text = (l.bom ? '\uFEFF' : '') + `[${l.eol}${elements.join(`,${l.eol}`)}${l.eol}]`;
      const results = await read(text, { inputFormat: 'json' }, l.chunk);
      let next = 2;
      const lines = elements.map((e) => {
        const start = next;
        next += e.split('\n').length;
        return start;
      });
      assert.equal(results.map((r) => r.line), lines);
      results.forEach((r, i) => {
        const v = values[i];
        if (typeof v === 'string') assert.is(r.query, v);
        else if (v && typeof v === 'object' && !Array.isArray(v) && typeof (v as Record<string, unknown>).query === 'string') assert.is(r.query, (v as Record<string, string>).query);
        else assert.is(r.ok, false);
      });
    }),
    fcOptions(150),
  );
});

test.run();
