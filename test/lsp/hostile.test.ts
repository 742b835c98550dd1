/**
 * `kq lsp --stdio` against hostile documents and clients, over the real protocol: a line past the length limit, a
 * long line inside it, unpaired surrogates, a 10,000-line file (and a request served while its diagnostics are
 * being computed), settings from `initializationOptions` and from `workspace/configuration`, and the process ending
 * when its input does.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { CompletionList, Hover, SemanticTokens } from 'vscode-languageserver';
import { kq } from '../helpers/cli.js';
import { initialize, open, startServer, stop, where, type LspSession } from './helpers.js';

/** One server for the documents below, set up with queryContext conversation (no KQ2015 note on each query). */
let session: LspSession;

test.before(async () => {
  session = startServer();
  await initialize(session, { kq: { queryContext: 'conversation' } });
});

test('a 2,000,000-character line → KQ1015 (too long) on that line; the lines around it are still checked', async () => {
  const uri = 'file:///huge.kq';
  const published = session.diagnostics(uri);
  await open(session, uri, `conversation_statuss:open\n${'x'.repeat(2_000_000)}\ncustomer_nam:x`);
  const p = await published;
  assert.equal(where(p.diagnostics), ['KQ2001@0:0-0:20', where(p.diagnostics)[1]!, 'KQ2001@2:0-2:12']);
  assert.match(where(p.diagnostics)[1]!, /^KQ1015@1:/);
});

test('a 100,000-character query line (5,000 terms) → diagnostics, hover and completion answer', async () => {
  const uri = 'file:///long.kq';
  const line = `context:customer ${Array.from({ length: 5000 }, (_, i) => `customer_name:n${i}`).join(' AND ')}`.slice(0, 100_000);
  const published = session.diagnostics(uri);
  await open(session, uri, `${line}\n`);
  const p = await published;
  assert.ok(Array.isArray(p.diagnostics));
  const hover: Hover | null = await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 20 } });
  assert.ok(hover && /name/i.test(JSON.stringify(hover.contents)));
  const list: CompletionList = await session.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 0 } });
  assert.ok(list.items.length > 0);
});

test('unpaired surrogates \\ud800 \\udfff in queries and comments → diagnostics at UTF-16 positions, no crash', async () => {
  const uri = 'file:///surrogates.kq';
  const text = ['# \ud800 comment \udfff', '\ud800customer_nam:x', 'customer_name:"\udc00\ud800"', '\udfff\udfff conversation_statuss:open', 'customer_nam:"\ud800" \udc00'].join('\r\n');
  const published = session.diagnostics(uri);
  await open(session, uri, text);
  const p = await published;
  const found = where(p.diagnostics);
  // Every range lies on its line, inside it (a lone surrogate is one UTF-16 code unit).
  const lines = text.split('\r\n');
  for (const d of p.diagnostics) {
    assert.is(d.range.start.line, d.range.end.line);
    assert.ok(d.range.end.character <= lines[d.range.start.line]!.length, JSON.stringify(d.range));
  }
  // A lone surrogate outside quotes is an unexpected character (KQ1001), one code unit wide; inside quotes it is text.
  assert.equal(found.slice(0, 3), ['KQ1001@1:0-1:1', 'KQ1001@3:0-3:1', 'KQ1001@3:1-3:2']);
  assert.ok(found.includes('KQ1001@4:17-4:18'), found.join(', '));
  const tokens: SemanticTokens = await session.connection.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } });
  assert.is(tokens.data.slice(0, 5).join(','), `0,0,${lines[0]!.length},${tokens.data[3]},0`);
  const edits = await session.connection.sendRequest('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
  assert.ok(Array.isArray(edits));
});

test('10,000 lines (a third with an unknown field) → one publication with every KQ2001; a completion is served meanwhile; a 1-line edit republishes', async () => {
  const uri = 'file:///many.kq';
  const lines = Array.from({ length: 10_000 }, (_, i) =>
    i % 10 === 0 ? `# block ${i}` : i % 3 === 0 ? `conversation_statuss:open AND conversation_priority>=${1 + (i % 5)}` : `conversation_status:open AND conversation_name:n${i}`,
  );
  const expected = lines.flatMap((l, i) => (l.startsWith('conversation_statuss') ? [`KQ2001@${i}:0-${i}:20`] : []));
  const started = performance.now();
  const published = session.diagnostics(uri, () => true, 120_000);
  await open(session, uri, lines.join('\n'));
  // Sent right after didOpen: answered between the slices of the diagnostics run, before it finishes.
  const completion = session.connection
    .sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 5 } })
    .then((list) => ({ list: list as CompletionList, at: performance.now() }));
  const p = await published;
  const publishedAt = performance.now();
  assert.equal(where(p.diagnostics), expected);
  const answered = await completion;
  assert.ok(answered.list.items.length > 0);
  assert.ok(answered.at < publishedAt, `completion answered ${(answered.at - publishedAt).toFixed(0)} ms after the diagnostics`);
  console.log(`    10,000 lines: diagnostics published in ${(publishedAt - started).toFixed(0)} ms, completion in ${(answered.at - started).toFixed(0)} ms`);
  // Change one line: the others' answers are cached, the republication names the new line.
  const again = session.diagnostics(uri, (q) => q.version === 2, 60_000);
  const editStarted = performance.now();
  await session.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 19 } }, text: 'conversation_statux' }],
  });
  const q = await again;
  console.log(`    10,000 lines: one-line edit republished in ${(performance.now() - editStarted).toFixed(0)} ms (150 ms of it the debounce)`);
  assert.equal(where(q.diagnostics), ['KQ2001@1:0-1:19', ...expected]);
});

test('initializationOptions {kq: {queryContext: "conversation"}} → no KQ2015 note; a pull client gets settings through workspace/configuration, over its initializationOptions', async () => {
  const uri = 'file:///ctx.kq';
  let published = session.diagnostics(uri);
  await open(session, uri, 'conversation_status:open');
  assert.equal(where((await published).diagnostics, true), []);
  assert.is(await stop(session), 0, session.stderr());

  // A client that announces workspace.configuration is asked for section "kq" after initialized and on a change.
  const pulling = startServer();
  let answer: unknown = { timeZone: 'Europe/Paris', customAttributes: [{ name: 'customer_custom_tierStr' }] };
  const asked: unknown[] = [];
  pulling.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => {
    asked.push(params.items);
    return [answer];
  });
  // Layered: initializationOptions over the CLI's flags, the pulled section over both.
  await initialize(pulling, { kq: { queryContext: 'customer' } }, { workspace: { configuration: true } });
  published = pulling.diagnostics(uri, (p) => where(p.diagnostics).length > 0);
  await open(pulling, uri, 'customer_custom_otherStr:x');
  assert.equal(where((await published).diagnostics, true), ['KQ2003@0:0-0:24']);
  assert.equal(asked[0], [{ section: 'kq' }]);
  answer = null;
  published = pulling.diagnostics(uri, (p) => where(p.diagnostics).length === 0);
  await pulling.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  // The custom attributes are gone; queryContext from initializationOptions stays (no KQ2015 note).
  assert.equal(where((await published).diagnostics, true), []);
  assert.is(asked.length, 2);
  assert.is(await stop(pulling), 0, pulling.stderr());
});

test('the client closes stdin without shutdown → the server exits (code 1, as LSP says for exit without shutdown)', async () => {
  const closing = startServer();
  await initialize(closing);
  closing.child.stdin.end();
  const code = await Promise.race([closing.exited, new Promise((resolve) => setTimeout(() => resolve('still running'), 10_000))]);
  assert.is(code, 1);
  closing.connection.dispose();
});

test('`exit` without `shutdown` → exit code 1', async () => {
  const ending = startServer();
  await initialize(ending);
  await ending.connection.sendNotification('exit');
  assert.is(await ending.exited, 1);
  ending.connection.dispose();
});

test('kq lsp status:open → usage error 2 (the server takes no query)', async () => {
  const run = await kq(['lsp', 'status:open']);
  assert.is(run.status, 2);
  assert.match(run.err, /kq lsp takes no arguments/);
});

test.run();
