/**
 * What a new user reads first: explain's grammar for plural attributes, completion and explain naming the default
 * zone the same way (GMT), `kq fields` and describe showing number fields as numbers (with their bounds), and the
 * example in package.json's description compiling.
 */
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compile, complete, describe, explain } from '../../src/index.js';
import { kq } from '../helpers/cli.js';

const now = '2026-11-30T15:00:00Z';

test('no:conversation_assigned_users: "whose assigned users are not set"', () => {
  const words = String(explain('no:conversation_assigned_users', { now }));
  assert.match(words, /whose assigned users are not set/);
  assert.match(String(explain('no:customer_email', { now })), /whose email is not set/);
});

test('conversation_created_at>= completion: days in GMT when no zone is set, as explain says', () => {
  const text = 'conversation_created_at>=';
  const items = complete(text, text.length, { now }).items;
  const today = items.find((i) => i.detail?.includes('2026-11-30'));
  assert.ok(today, JSON.stringify(items.slice(0, 5)));
  assert.match(today!.detail!, /\(GMT\)/);
  // Instants stay in UTC (2026-11-30 15:00 UTC); days name the zone they are read in.
  assert.not.ok(items.some((i) => i.detail?.includes('(UTC)')));
  assert.match(String(explain('conversation_created_at:today', { now })), /GMT/);
  const zoned = complete('conversation_created_at>= tz:Europe/Paris', text.length, { now }).items;
  assert.ok(zoned.some((i) => i.detail?.includes('(Europe/Paris)')));
});

test('kq fields attachment_count and kq fields priority: numbers, not user ids; conversation_priority 1 to 5', async () => {
  const counts = await kq(['fields', 'note_attachment_count']);
  assert.not.match(counts.out, /user id/);
  const priority = await kq(['fields', 'conversation_priority']);
  assert.match(priority.out, /1 to 5/);
  const d = describe('note_attachment_count:3 context:note', 2, { now });
  assert.not.match(JSON.stringify(d), /user id/);
  assert.match(JSON.stringify(describe('conversation_priority:3', 2, { now })), /1 to 5/);
});

test("package.json's description example compiles", () => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { description: string };
  const example = /\(([^)]+)\)/.exec(pkg.description)![1]!;
  const r = compile(example, { now });
  assert.equal(r.diagnostics.filter((x) => x.severity !== 'info'), [], example);
  assert.ok(r.criteria);
});

test.run();
