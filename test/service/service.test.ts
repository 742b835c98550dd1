/**
 * The language service (src/service): diagnostics with fixes, completions as edits, hover, semantic tokens, format
 * edits, explain, the value-source hook (cache, cancellation), lineIndex and kqLines.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compile, createLanguageService, kqLines, lineIndex, type ServiceDiagnostic, type TextEdit } from '../../src/index.js';
import { applyEdits } from '../../src/service/fixes.js';

const now = '2026-11-30T15:00:00Z';
const service = createLanguageService({ now });

const fixed = (text: string, d: ServiceDiagnostic) => d.fixes.map((f) => applyEdits(text, f.edits));

test('conversation_staus:open', () => {
  const [d] = service.diagnostics('conversation_staus:open');
  assert.is(d!.code, 'KQ2001');
  assert.equal(d!.range, { start: 0, end: 18 });
  assert.equal(fixed('conversation_staus:open', d!), ['conversation_status:open', 'conversation_tags:open']);
  assert.ok(compile('conversation_status:open', { now }).criteria);
});

test('conversation_status:opne and conversation_status:"opne" (a quoted value stays quoted)', () => {
  assert.equal(fixed('conversation_status:opne', service.diagnostics('conversation_status:opne')[0]!), ['conversation_status:open']);
  const d = service.diagnostics('conversation_status:"opne"')[0]!;
  assert.equal(fixed('conversation_status:"opne"', d), ['conversation_status:"open"']);
  assert.is(d.fixes[0]!.preferred, true);
});

test('a and b: the keyword in upper case (preferred) or the word quoted', () => {
  const d = service.diagnostics('a and b').find((x) => x.code === 'KQ1012')!;
  assert.is(d.severity, 'warning');
  assert.equal(fixed('a and b', d), ['a AND b', 'a "and" b']);
  assert.is(d.fixes[0]!.preferred, true);
  assert.is(d.fixes[1]!.preferred, undefined);
});

test('x!y and a*b and customer_name:"a"b: the quoted form', () => {
  assert.equal(fixed('x!y', service.diagnostics('x!y')[0]!), ['"x!y"']);
  assert.equal(fixed('a*b', service.diagnostics('a*b')[0]!), ['"a*b"']);
  const text = 'customer_name:"a"b';
  const d = service.diagnostics(text).find((x) => x.code === 'KQ1010')!;
  assert.equal(fixed(text, d), ['customer_name:"\\"a\\"b"']);
});

test('sort:customer_nme-desc context:conversaton tz:america/new_york', () => {
  const text = 'sort:customer_nme-desc context:conversaton tz:america/new_york';
  const ds = service.diagnostics(text);
  const byCode = (c: string) => fixed(text, ds.find((d) => d.code === c)!);
  assert.equal(byCode('KQ2011'), ['sort:customer_name-desc context:conversaton tz:america/new_york']);
  assert.equal(byCode('KQ2010'), ['sort:customer_nme-desc context:conversation tz:america/new_york']);
  assert.equal(byCode('KQ2018'), ['sort:customer_nme-desc context:conversaton tz:America/New_York']);
});

test('diagnostics are compile\'s, in its order, with an unfixable error getting no fix (x OR)', () => {
  const text = 'x OR';
  const ds = service.diagnostics(text);
  assert.equal(ds.map((d) => d.code), compile(text, { now }).diagnostics.map((d) => d.code));
  assert.equal(ds.find((d) => d.code === 'KQ1009')!.fixes, []);
});

test('a context given in the options (queryContext: conversaton) gets no fix: its place is not in the text', () => {
  const s = createLanguageService({ now, queryContext: 'conversaton' });
  const d = s.diagnostics('a').find((x) => x.code === 'KQ2010')!;
  assert.equal(d.range, { start: 0, end: 0 });
  assert.equal(d.fixes, []);
});

test('conversation_st| completes to conversation_status with an edit over the word', () => {
  const c = service.complete('conversation_st', 15);
  assert.equal(c.range, { start: 0, end: 15 });
  assert.is(c.items[0]!.label, 'conversation_status');
  assert.equal(c.items[0]!.edit, { range: { start: 0, end: 15 }, newText: 'conversation_status' });
  assert.is(c.incomplete, false);
});

test('maxCompletions caps the items and marks the list incomplete (| at the start)', () => {
  const s = createLanguageService({ now, maxCompletions: 5 });
  const c = s.complete('', 0);
  assert.is(c.items.length, 5);
  assert.is(c.incomplete, true);
  assert.ok(service.complete('', 0).items.length <= 100);
});

test('customer_name:"Jo| completes quoted values with a closing quote (a value source)', async () => {
  const s = createLanguageService({ now, valueSources: { customer_name: async () => ['John Smith'] } });
  const c = await s.completeAsync('customer_name:"Jo', 17);
  assert.equal(c.items.map((i) => i.edit.newText), ['"John Smith"']);
  assert.equal(c.range, { start: 14, end: 17 });
});

test('conversation_tags:bi| — a value source is called once per field and prefix, merged, and cached', async () => {
  const calls: string[] = [];
  const s = createLanguageService({
    now,
    valueSources: {
      conversation_tags: async ({ field, prefix }) => {
        calls.push(`${field}:${prefix}`);
        return ['billing', 'big deal', 'billing'];
      },
    },
  });
  const before = s.complete('conversation_tags:bi', 20);
  assert.is(before.incomplete, true);
  assert.equal(before.items.filter((i) => i.label === 'billing'), []);
  const [a, b] = await Promise.all([s.completeAsync('conversation_tags:bi', 20), s.completeAsync('conversation_tags:bi', 20)]);
  assert.equal(calls, ['conversation_tags:bi']);
  assert.equal(a.items.map((i) => i.edit.newText), ['billing', '"big deal"']);
  assert.equal(b, a);
  // The answer is cached: the synchronous call has it, and asking again calls nothing.
  const sync = s.complete('conversation_tags:bi', 20);
  assert.equal(sync.items.map((i) => i.label), ['billing', 'big deal']);
  assert.is(sync.incomplete, false);
  await s.completeAsync('conversation_tags:bi', 20);
  assert.is(calls.length, 1);
  await s.completeAsync('conversation_tags:b', 19);
  assert.equal(calls, ['conversation_tags:bi', 'conversation_tags:b']);
  // No source for a field: nothing is called; a directive's value never asks the source.
  await s.completeAsync('conversation_status:o', 21);
  await s.completeAsync('has:conversation_tags', 21);
  assert.is(calls.length, 2);
  // configure drops the cache.
  s.configure({ now, valueSources: { conversation_tags: async ({ prefix }) => (calls.push(prefix), ['bizarre']) } });
  assert.equal((await s.completeAsync('conversation_tags:bi', 20)).items.map((i) => i.label), ['bizarre']);
  assert.is(calls.length, 3);
});

test('conversation_tags:x| — the cache is bounded (200 entries, least recently used dropped)', async () => {
  let calls = 0;
  const s = createLanguageService({ now, valueSources: { conversation_tags: async () => (calls++, ['x']) } });
  await s.completeAsync('conversation_tags:p0', 20);
  for (let i = 1; i <= 200; i++) await s.completeAsync(`conversation_tags:p${i}`, 19 + String(i).length);
  assert.is(calls, 201);
  await s.completeAsync('conversation_tags:p200', 22);
  assert.is(calls, 201);
  await s.completeAsync('conversation_tags:p0', 20);
  assert.is(calls, 202);
});

test('conversation_tags:bi| — a cancelled request resolves with the synchronous items and is not cached', async () => {
  let calls = 0;
  let seen: AbortSignal | undefined;
  const s = createLanguageService({
    now,
    valueSources: {
      conversation_tags: ({ signal }) => {
        calls++;
        seen = signal;
        return new Promise((resolve) => setTimeout(() => resolve(['billing']), 20));
      },
    },
  });
  const controller = new AbortController();
  const pending = s.completeAsync('conversation_tags:bi', 20, controller.signal);
  await new Promise((r) => setTimeout(r, 1));
  controller.abort();
  const c = await pending;
  assert.is(seen, controller.signal);
  assert.is(c.incomplete, true);
  assert.equal(c.items.filter((i) => i.label === 'billing'), []);
  const again = await s.completeAsync('conversation_tags:bi', 20);
  assert.is(calls, 2);
  assert.equal(again.items.map((i) => i.label), ['billing']);
});

test('conversation_tags:bi| — a failing source gives the synchronous items', async () => {
  const s = createLanguageService({ now, valueSources: { conversation_tags: async () => Promise.reject(new Error('offline')) } });
  const c = await s.completeAsync('conversation_tags:bi', 20);
  assert.equal(c.items, []);
});

test('hover over conversation_status:open', () => {
  const h = service.hover('conversation_status:open', 3)!;
  assert.equal(h.range, { start: 0, end: 19 });
  assert.match(h.contents, /^\*\*conversation\\_status — list field of conversation\*\*\n\n/);
  assert.match(h.contents, /Values: one of snoozed, open, done\./);
  assert.is(service.hover('a  b', 2), null);
});

test('semantic tokens of sort:x a:(b OR 12) -"d" created:[2024-01-01 TO now-1d] x!y', () => {
  const text = 'sort:x a:(b OR 12) -"d" created:[2024-01-01 TO now-1d] x!y';
  const tokens = service.semanticTokens(text).map((t) => `${text.slice(t.range.start, t.range.end)}=${t.class}`);
  assert.equal(tokens, [
    'sort=directive', ':=directive', 'x=string', 'a=field', ':=operator', '(=punctuation', 'b=string', 'OR=keyword', '12=number',
    ')=punctuation', '-=keyword', '"d"=text', 'created=field', ':=operator', '[=punctuation', '2024-01-01=date', 'TO=keyword',
    'now-1d=date', ']=punctuation', 'x=text', '!=error', 'y=text',
  ]);
});

test('semantic tokens of x:(a AND b) c:d: the ) the grammar has no place for is an error', () => {
  const text = 'x:(a AND b) c:d';
  assert.equal(service.semanticTokens(text).map((t) => `${text.slice(t.range.start, t.range.end)}=${t.class}`), [
    'x=field', ':=operator', '(=punctuation', 'a=string', 'AND=keyword', 'b=text', ')=error', 'c=field', ':=operator', 'd=string',
  ]);
});

test('format of a AND b   OR c: one minimal edit (two spaces removed); none when canonical or broken', () => {
  const text = 'a AND b   OR c';
  const edits = service.format(text);
  assert.equal(edits, [{ range: { start: 8, end: 10 }, newText: '' }] satisfies TextEdit[]);
  assert.is(applyEdits(text, edits), 'a AND b OR c');
  assert.equal(service.format('a AND b OR c'), []);
  assert.equal(service.format('a AND ('), []);
  assert.equal(service.format('"😀"  "😁"'), [{ range: { start: 5, end: 5 }, newText: 'AND' }]);
  assert.equal(service.format('"😀" a'), [{ range: { start: 5, end: 5 }, newText: 'AND ' }]);
});

test('explain conversation_status:open', () => {
  assert.is(service.explain('conversation_status:open'), 'conversations that are open');
  assert.is(service.explain('x:'), null);
});

test('lineIndex of a\\r\\nbc\\nd\\re', () => {
  const text = 'a\r\nbc\nd\re';
  const index = lineIndex(text);
  assert.equal([0, 1, 2, 3, 5, 6, 7, 8, 9, 99].map((o) => index.positionAt(o)), [
    { line: 0, character: 0 },
    { line: 0, character: 1 },
    { line: 0, character: 1 },
    { line: 1, character: 0 },
    { line: 1, character: 2 },
    { line: 2, character: 0 },
    { line: 2, character: 1 },
    { line: 3, character: 0 },
    { line: 3, character: 1 },
    { line: 3, character: 1 },
  ]);
  assert.is(index.offsetAt({ line: 1, character: 1 }), 4);
  assert.is(index.offsetAt({ line: 1, character: 50 }), 5);
  assert.is(index.offsetAt({ line: 9, character: 0 }), text.length);
  assert.is(index.offsetAt({ line: -1, character: 3 }), 0);
  for (let o = 0; o <= text.length; o++) {
    if (o === 2) continue; // between \r and \n: the end of line 0
    assert.is(index.offsetAt(index.positionAt(o)), o);
  }
});

test('kqLines of a .kq file: comments, blank lines and CRLF', () => {
  const file = '# saved searches\r\nconversation_status:open\r\n\r\n   \n  customer_name:x  \n#done\nlast';
  assert.equal(kqLines(file), [
    { line: 1, start: 18, end: 42, text: 'conversation_status:open' },
    { line: 4, start: 52, end: 67, text: 'customer_name:x' },
    { line: 6, start: 76, end: 80, text: 'last' },
  ]);
  for (const l of kqLines(file)) assert.is(file.slice(l.start, l.end), l.text);
  assert.equal(kqLines(''), []);
});

test.run();
