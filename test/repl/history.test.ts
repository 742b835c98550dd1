/** The history file: where it is, reading it back, and failures that are never fatal. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { QueryHistory, historyPath, historySize, loadHistory, oneLineEntry, saveHistory } from '../../src/cli/repl/history.js';
import { compile } from '../../src/compile.js';
import { fcOptions } from '../helpers/fc.js';
import { tempDir } from '../helpers/tempDir.js';

const dir = () => tempDir('kq-history-');

test('historyPath: --history, then KQ_HISTORY, then ~/.kq_history; empty turns it off', () => {
  assert.is(historyPath('/x/h', { KQ_HISTORY: '/y/h' }), '/x/h');
  assert.is(historyPath(undefined, { KQ_HISTORY: '/y/h' }), '/y/h');
  assert.is(historyPath('', { KQ_HISTORY: '/y/h' }), null);
  assert.is(historyPath(undefined, { KQ_HISTORY: '' }), null);
  assert.match(historyPath(undefined, {})!, /\.kq_history$/);
});

test('save then load: newest first in memory, oldest first in the file', () => {
  const file = join(dir(), 'h');
  assert.is(saveHistory(file, ['c', 'b', 'a']), null);
  assert.is(readFileSync(file, 'utf8'), 'a\nb\nc\n');
  assert.equal(loadHistory(file), ['c', 'b', 'a']);
});

test(`at most ${historySize} entries are kept`, () => {
  const file = join(dir(), 'h');
  writeFileSync(file, Array.from({ length: historySize + 5 }, (_, i) => `q${i}`).join('\n'));
  const loaded = loadHistory(file);
  assert.is(loaded.length, historySize);
  assert.is(loaded[0], `q${historySize + 4}`);
});

test('a missing or unreadable file is an empty history; an unwritable one gives the reason', () => {
  const d = dir();
  assert.equal(loadHistory(join(d, 'none')), []);
  assert.equal(loadHistory(d), []); // a folder
  assert.type(saveHistory(join(d, 'no', 'such', 'h'), ['a']), 'string');
  assert.is(saveHistory(null, ['a']), null);
});

test('oneLineEntry: customer_name:"Jane⏎Doe" keeps the line break as \\n; (a OR⏎b) joins with a space', () => {
  assert.is(oneLineEntry('customer_name:"Jane\nDoe"'), 'customer_name:"Jane\\nDoe"');
  assert.equal(compile(oneLineEntry('customer_name:"Jane\nDoe"')!).criteria, compile('customer_name:"Jane\nDoe"').criteria);
  assert.is(oneLineEntry('(a OR\nb)'), '(a OR b)');
  assert.is(oneLineEntry('"a\r\nb" c'), '"a\\r\\nb" c');
  assert.is(oneLineEntry('conversation_status:open'), 'conversation_status:open');
  assert.is(oneLineEntry('a\\\nb'), null); // a backslash-escaped line break in a bare word has no one-line spelling
});

test('oneLineEntry of a multi-line query: one line, and the same criteria (property)', () => {
  const piece = fc.constantFrom('conversation_status:(open', 'OR', 'done)', 'customer_name:"Jane', 'Doe"', '"a', 'b"', 'refund', '(x', 'y)', ' ', '\n', '\n\n', 'AND', 'NOT', '-', 'conversation_priority:[1', 'TO', '3]');
  fc.assert(
    fc.property(fc.array(piece, { minLength: 1, maxLength: 10 }), (parts) => {
      const text = parts.join(' ');
      const entry = oneLineEntry(text);
      if (entry === null) return;
      assert.not.match(entry, /[\r\n]/);
      const a = compile(text);
      const b = compile(entry);
      assert.equal(b.criteria, a.criteria, `${JSON.stringify(text)} → ${JSON.stringify(entry)}`);
    }),
    fcOptions(300),
  );
});

/** Lines read as node:readline adds them to its history (non-blank, not equal to the newest), then `read`. */
function readLine(h: QueryHistory, line: string): void {
  if (line.trim() !== '' && h.entries[0] !== line) h.entries.unshift(line);
  h.read(line);
}

test('QueryHistory: customer_name:"Jane ⏎ Doe" ⏎ is one entry; after a restart the newest is the whole query', () => {
  const dir1 = dir();
  const file = join(dir1, 'h');
  const h = new QueryHistory(['older']);
  readLine(h, 'customer_name:"Jane');
  readLine(h, 'Doe"');
  h.commit('customer_name:"Jane\nDoe"');
  assert.equal(h.entries, ['customer_name:"Jane\\nDoe"', 'older']);
  assert.is(saveHistory(file, h.entries), null);
  assert.equal(loadHistory(file), ['customer_name:"Jane\\nDoe"', 'older']);
});

test('QueryHistory: (a OR ⏎ b then Ctrl-C (cancelled: nothing saved)', () => {
  const h = new QueryHistory(['older']);
  readLine(h, '(a OR');
  // Ctrl-C: the second line is never submitted, nothing is committed.
  assert.equal(h.entries, ['older']);
});

test('QueryHistory: a line equal to the newest entry, a recalled entry, duplicates', () => {
  const h = new QueryHistory(['(a OR', 'b']);
  readLine(h, '(a OR'); // equal to the newest: readline does not add it, and nothing is taken out
  assert.equal(h.entries, ['(a OR', 'b']);
  readLine(h, 'b)');
  h.commit('(a OR\nb)');
  assert.equal(h.entries, ['(a OR b)', '(a OR', 'b']);
  readLine(h, 'b');
  h.commit('b');
  assert.equal(h.entries, ['b', '(a OR b)', '(a OR']);
  readLine(h, '   ');
  h.commit('   ');
  assert.equal(h.entries, ['b', '(a OR b)', '(a OR']);
});

test(`QueryHistory keeps at most ${historySize} entries`, () => {
  const h = new QueryHistory(Array.from({ length: historySize }, (_, i) => `q${i}`));
  readLine(h, 'new');
  h.commit('new');
  assert.is(h.entries.length, historySize);
  assert.is(h.entries[0], 'new');
});

test.run();
