/** The history file: where it is, reading it back, and failures that are never fatal. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { historyPath, historySize, loadHistory, saveHistory } from '../../src/cli/repl/history.js';

const dir = () => mkdtempSync(join(tmpdir(), 'kq-history-'));

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

test.run();
