/**
 * The CLI's command table (src/cli/commands/index.ts) lists each command's names beside a loader, so that `kq` loads
 * only the command it runs: the names listed must be the names the loaded module answers to, in the same order.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { commands } from '../../src/cli/commands/index.js';

test('kq commands: listed names equal each loaded module’s names', async () => {
  assert.ok(commands.length > 0);
  for (const entry of commands) {
    const command = await entry.load();
    assert.equal([...command.names], [...entry.names], `names of ${entry.names[0]}`);
  }
});

test('kq commands: no name answers to two commands', () => {
  const names = commands.flatMap((c) => c.names);
  assert.is(new Set(names).size, names.length);
});

test.run();
