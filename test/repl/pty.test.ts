/**
 * `kq repl` in a real pseudo-terminal, as a person uses it: keystrokes in, the screen out. Each test starts the REPL
 * (from source) with HOME in a temporary folder, and kills it in `finally`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startRepl, type ReplProcess, type StartOptions } from './pty.js';
import { tempDir } from '../helpers/tempDir.js';

const NOW = ['--now', '2024-06-24T12:00:00Z'];
const home = () => tempDir('kq-repl-');

/** Runs `body` with a started REPL, and always stops it. */
async function withRepl(opts: StartOptions, body: (r: ReplProcess) => Promise<void>): Promise<void> {
  const r = await startRepl(opts);
  try {
    await body(r);
  } finally {
    await r.close();
  }
}

const prompt = (r: ReplProcess, line = '') => r.waitFor((s) => s.cursorLine() === `kq> ${line}`.trimEnd(), `the prompt "kq> ${line}"`);

// readline completes on a TAB that ends what it reads at once (a TAB inside a pasted chunk is text), and lists the
// candidates on a TAB right after a TAB. So a TAB is sent alone after its text was echoed, or as the end of the text.

test('conversation_st TAB completes to conversation_status; TAB again lists its operators', async () => {
  await withRepl({ home: home(), args: NOW }, async (r) => {
    await r.type('conversation_st');
    r.send('\t');
    await prompt(r, 'conversation_status');
    r.send('\t');
    await r.waitForText('conversation_status!=');
    await prompt(r, 'conversation_status');
  });
});

test('conversation_status: TAB TAB lists the values; op TAB completes open', async () => {
  await withRepl({ home: home(), args: NOW }, async (r) => {
    await r.type('conversation_status:\t');
    r.send('\t');
    await r.waitFor((s) => /snoozed\s+open\s+done/.test(s.text()), 'the value list');
    await r.type('op');
    r.send('\t');
    await prompt(r, 'conversation_status:open');
    r.send('\r');
    await r.waitForText('{"conversation_status":{"equals":"open"}}');
    await prompt(r);
  });
});

test('x:1 shows the code frame under the query', async () => {
  await withRepl({ home: home(), args: NOW }, async (r) => {
    await r.type('x:1');
    r.send('\r');
    await r.waitForText("error[KQ2001]: Unknown field 'x'.");
    const text = r.screen.text();
    assert.match(text, ' --> query:1:1');
    assert.match(text, '1 | x:1');
    assert.match(text, '  | ^');
    await prompt(r);
  });
});

test('.load records.ndjson, then a query shows how many records match', async () => {
  const dir = home();
  const file = join(dir, 'records.ndjson');
  writeFileSync(
    file,
    [
      { _type: 'conversation', conversation_status: 'open', conversation_priority: 4 },
      { _type: 'conversation', conversation_status: 'done', conversation_priority: 1 },
      { _type: 'conversation', conversation_status: 'open', conversation_priority: 2 },
    ]
      .map((x) => JSON.stringify(x))
      .join('\n'),
  );
  await withRepl({ home: dir, args: NOW }, async (r) => {
    await r.type(`.load ${file}`);
    r.send('\r');
    await r.waitForText('loaded 3 record(s)');
    await r.type('conversation_status:open');
    r.send('\r');
    await r.waitForText('2 of 3 loaded records match:');
    await r.waitForText('"conversation_priority":4');
  });
});

test('history survives a restart (Up recalls the last query)', async () => {
  const dir = home();
  await withRepl({ home: dir, args: NOW }, async (r) => {
    await r.type('conversation_priority>=4');
    r.send('\r');
    await r.waitForText('{"conversation_priority":{"gte":4}}');
    await prompt(r);
    r.send('\x04'); // Ctrl-D
    assert.is(await r.exited, 0);
  });
  assert.ok(existsSync(join(dir, '.kq_history')));
  assert.match(readFileSync(join(dir, '.kq_history'), 'utf8'), 'conversation_priority>=4');
  await withRepl({ home: dir, args: NOW }, async (r) => {
    r.send('\x1b[A'); // Up
    await prompt(r, 'conversation_priority>=4');
  });
});

test('a ( left open continues on the next line; the query is one history entry', async () => {
  const dir = home();
  await withRepl({ home: dir, args: NOW }, async (r) => {
    await r.type('conversation_status:(open');
    r.send('\r');
    await r.waitFor((s) => s.cursorLine() === '...', 'the continuation prompt');
    await r.type('OR done)');
    r.send('\r');
    await r.waitForText('{"conversation_status":{"in":["open","done"]}}');
    await prompt(r);
    r.send('\x1b[A');
    await prompt(r, 'conversation_status:(open OR done)');
  });
});

test('customer_name:"Jane ⏎ Doe" ⏎ is one history entry, recalled whole after a restart', async () => {
  const dir = home();
  await withRepl({ home: dir, args: NOW }, async (r) => {
    await r.type('customer_name:"Jane');
    r.send('\r');
    await r.waitFor((s) => s.cursorLine() === '...', 'the continuation prompt');
    await r.type('Doe"');
    r.send('\r');
    await r.waitForText('{"customer_name":{"equals":"Jane\\nDoe"}}');
    await prompt(r);
    r.send('\x04');
    assert.is(await r.exited, 0);
  });
  assert.is(readFileSync(join(dir, '.kq_history'), 'utf8'), 'customer_name:"Jane\\nDoe"\n');
  await withRepl({ home: dir, args: NOW }, async (r) => {
    r.send('\x1b[A'); // Up
    await prompt(r, 'customer_name:"Jane\\nDoe"');
    r.send('\r');
    await r.waitForText('{"customer_name":{"equals":"Jane\\nDoe"}}');
  });
});

test('(a OR ⏎ b then Ctrl-C: the cancelled input is not in the history', async () => {
  const dir = home();
  await withRepl({ home: dir, args: NOW }, async (r) => {
    await r.type('refund');
    r.send('\r');
    await r.waitForText('"any_text"');
    await prompt(r);
    await r.type('(a OR');
    r.send('\r');
    await r.waitFor((s) => s.cursorLine() === '...', 'the continuation prompt');
    await r.type('b');
    r.send('\x03');
    await prompt(r);
    r.send('\x1b[A');
    await prompt(r, 'refund');
    r.send('\x03');
    await prompt(r);
    r.send('\x04');
    assert.is(await r.exited, 0);
  });
  assert.is(readFileSync(join(dir, '.kq_history'), 'utf8'), 'refund\n');
});

test('TAB with the cursor inside or at the start of a word replaces the word, never glues', async () => {
  await withRepl({ home: home(), args: NOW }, async (r) => {
    await r.type('conversation_status:snooz AND x');
    r.send('\x1b[D'.repeat(9)); // Left ×9: after "sn"
    r.send('\t');
    await prompt(r, 'conversation_status:snoozed AND x');
    // Ctrl-A, Right ×20: the start of the value; a TAB ending the chunk completes (several values: no change).
    r.send(`\x01${'\x1b[C'.repeat(20)}\t`);
    await r.waitFor((s) => s.cursorColumn() === 24, 'the cursor at the start of the value');
    r.send('\t');
    await r.waitFor((s) => /snoozed\s+open\s+done/.test(s.text()), 'the value list');
    await prompt(r, 'conversation_status:snoozed AND x');
    r.send('\r');
    await r.waitForText('{"conversation_status":{"equals":"snoozed"}}');
  });
});

test('kq repl | cat (output not a terminal): plain prompts and results, no cursor codes', async () => {
  await withRepl({ home: home(), args: NOW, pipeOutput: true }, async (r) => {
    r.send('conversation_status:open\r');
    await r.waitForText('{"conversation_status":{"equals":"open"}}');
    await r.waitFor((s) => s.cursorLine() === 'kq>', 'the next prompt');
    assert.not.match(r.raw(), '\x1b[');
  });
});

test('Ctrl-C clears the line; Ctrl-D exits with status 0', async () => {
  await withRepl({ home: home(), args: NOW }, async (r) => {
    await r.type('conversation_sta');
    r.send('\x03');
    await prompt(r);
    await r.type('refund');
    r.send('\r');
    await r.waitForText('"any_text"');
    await prompt(r);
    r.send('\x04');
    assert.is(await r.exited, 0);
  });
});

test('.explain and .describe answer in words', async () => {
  await withRepl({ home: home(), args: NOW }, async (r) => {
    await r.type('conversation_status:done tz:America/New_York');
    r.send('\r');
    await prompt(r);
    await r.type('.explain');
    r.send('\r');
    await r.waitForText('conversations that are done');
    await r.type('.describe conversation_priority');
    r.send('\r');
    await r.waitForText('a whole number from 1 to 5');
  });
});

test('colours on a terminal; none with NO_COLOR', async () => {
  await withRepl({ home: home(), args: NOW, env: { NO_COLOR: undefined, FORCE_COLOR: undefined } }, async (r) => {
    await r.type('conversation_status:open');
    r.send('\r');
    await r.waitForText('"queryContext"');
    assert.match(r.raw(), '\x1b[36m"queryContext"');
  });
  await withRepl({ home: home(), args: NOW }, async (r) => {
    await r.type('conversation_status:open');
    r.send('\r');
    await r.waitForText('"queryContext"');
    assert.not.match(r.raw(), /\x1b\[3\dm/);
  });
});

test('an unwritable history file is reported once and is not fatal', async () => {
  const dir = home();
  await withRepl({ home: dir, args: [...NOW, '--history', join(dir, 'no', 'such', 'folder', 'history')] }, async (r) => {
    await r.type('refund');
    r.send('\r');
    await r.waitForText('(history is not saved:');
    await r.type('conversation_status:open');
    r.send('\r');
    await r.waitForText('{"conversation_status":{"equals":"open"}}');
  });
});

test.run();
