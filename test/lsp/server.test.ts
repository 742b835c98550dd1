/**
 * `kq lsp --stdio` driven by a real JSON-RPC client over the child's stdio (see helpers.ts): the protocol's life
 * cycle (initialize, initialized, didOpen, didChange, shutdown, exit) and every feature the server announces, on a
 * `.kq` document — one query per line, `#` comments and blank lines between them.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { CodeAction, CompletionList, Hover, SemanticTokens, TextEdit } from 'vscode-languageserver';
import { format } from '../../src/index.js';
import { applyEdits, initialize, open, startServer, stop, where, type LspSession } from './helpers.js';

const uri = 'file:///work/saved.kq';
/** Line 0 a comment, line 1 blank, line 2 an unknown field (KQ2001 over `conversation_statuss`, 20 characters). */
const document = ['# saved searches', '', 'conversation_statuss:open', '  conversation_priority>=3  ', 'customer_name:"Ann"   AND   customer_email:ann@example.com', ''].join('\n');

let session: LspSession;
let initResult: any;

test.before(async () => {
  session = startServer();
  initResult = await initialize(session);
});

test.after(async () => {
  if (session.child.exitCode === null) session.child.kill();
});

test('initialize: utf-16 positions, incremental sync, and the features announced', () => {
  const c = initResult.capabilities;
  assert.is(c.positionEncoding, 'utf-16');
  assert.equal(c.textDocumentSync, { openClose: true, change: 2 });
  assert.ok(c.completionProvider && c.hoverProvider && c.documentFormattingProvider && c.documentRangeFormattingProvider);
  assert.equal(c.codeActionProvider.codeActionKinds, ['quickfix']);
  assert.ok(c.semanticTokensProvider.full);
  assert.ok(c.semanticTokensProvider.legend.tokenTypes.includes('property'));
  assert.is(initResult.serverInfo.name, 'kq');
});

test('didOpen conversation_statuss:open on line 2 → KQ2001 at 2:0-2:20, source kq, severity error', async () => {
  const published = session.diagnostics(uri);
  await open(session, uri, document);
  const p = await published;
  assert.is(p.version, 1);
  assert.equal(where(p.diagnostics), ['KQ2001@2:0-2:20']);
  // The other two queries have no context: the compiler's information note, severity 3, over each whole query.
  assert.equal(where(p.diagnostics, true), ['KQ2001@2:0-2:20', 'KQ2015@3:2-3:26', 'KQ2015@4:0-4:58']);
  assert.is(p.diagnostics[1]!.severity, 3);
  const d = p.diagnostics[0]!;
  assert.is(d.source, 'kq');
  assert.is(d.severity, 1);
  assert.match(String(d.message), /conversation_statuss/);
});

test('codeAction over the KQ2001 range → a preferred quick fix replacing it with conversation_status', async () => {
  const actions: CodeAction[] = await session.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line: 2, character: 3 }, end: { line: 2, character: 3 } },
    context: { diagnostics: [], only: ['quickfix'] },
  });
  const preferred = actions.filter((a) => a.isPreferred);
  assert.is(preferred.length, 1, JSON.stringify(actions));
  const fix = preferred[0]!;
  assert.is(fix.kind, 'quickfix');
  assert.equal(where(fix.diagnostics ?? []), ['KQ2001@2:0-2:20']);
  const edits = fix.edit!.changes![uri]!;
  assert.is(applyEdits(document, edits).split('\n')[2], 'conversation_status:open');
  // A range on a line without diagnostics has no quick fix; `only` of another kind has none either.
  const none: CodeAction[] = await session.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line: 4, character: 0 }, end: { line: 4, character: 5 } },
    context: { diagnostics: [] },
  });
  assert.equal(none, []);
  const refactors: CodeAction[] = await session.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line: 2, character: 0 }, end: { line: 2, character: 20 } },
    context: { diagnostics: [], only: ['refactor'] },
  });
  assert.equal(refactors, []);
});

test('didChange (incremental) statuss → status: diagnostics for version 2 are empty', async () => {
  const published = session.diagnostics(uri, (p) => p.version === 2);
  await session.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line: 2, character: 13 }, end: { line: 2, character: 20 } }, text: 'status' }],
  });
  const p = await published;
  assert.equal(where(p.diagnostics), []);
});

test('didChange inserts customer_nam:x on the last, empty line 5 → KQ2001 on line 5 only', async () => {
  const published = session.diagnostics(uri, (p) => p.version === 3);
  await session.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 3 },
    contentChanges: [{ range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, text: 'customer_nam:x' }],
  });
  const p = await published;
  assert.equal(where(p.diagnostics), ['KQ2001@5:0-5:12']);
});

test('completion at customer_nam|:x (5:12) → customer_name, a Field, replacing 5:0-5:12', async () => {
  const list: CompletionList = await session.connection.sendRequest('textDocument/completion', {
    textDocument: { uri },
    position: { line: 5, character: 12 },
  });
  const item = list.items.find((i) => i.label === 'customer_name');
  assert.ok(item, list.items.map((i) => i.label).join(', '));
  assert.is(item.kind, 5); // CompletionItemKind.Field
  const edit = item.textEdit as TextEdit;
  assert.equal(edit.range, { start: { line: 5, character: 0 }, end: { line: 5, character: 12 } });
  assert.ok(list.items.every((i) => typeof i.sortText === 'string'));
});

test('completion on the # comment line 0 → no items', async () => {
  const list: CompletionList = await session.connection.sendRequest('textDocument/completion', {
    textDocument: { uri },
    position: { line: 0, character: 5 },
  });
  assert.equal(list.items, []);
});

test('hover over conversation_priority (3:5) → Markdown naming the field, at its range', async () => {
  const hover: Hover = await session.connection.sendRequest('textDocument/hover', {
    textDocument: { uri },
    position: { line: 3, character: 5 },
  });
  assert.ok(hover, 'no hover');
  assert.equal((hover.contents as { kind: string }).kind, 'markdown');
  assert.match((hover.contents as { value: string }).value, /priority/i);
  assert.is(hover.range!.start.line, 3);
  assert.ok(hover.range!.start.character >= 2 && hover.range!.end.character > 5);
});

test('hover on the blank line 1 and on the comment line 0 → null', async () => {
  for (const position of [
    { line: 1, character: 0 },
    { line: 0, character: 3 },
  ]) {
    const hover = await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
    assert.is(hover, null);
  }
});

test('formatting → each query line canonical (as `format` gives it), comments and blank lines kept', async () => {
  const current = ['# saved searches', '', 'conversation_status:open', '  conversation_priority>=3  ', 'customer_name:"Ann"   AND   customer_email:ann@example.com', 'customer_nam:x'].join('\n');
  const edits: TextEdit[] = await session.connection.sendRequest('textDocument/formatting', {
    textDocument: { uri },
    options: { tabSize: 2, insertSpaces: true },
  });
  const formatted = applyEdits(current, edits).split('\n');
  assert.is(formatted[0], '# saved searches');
  assert.is(formatted[1], '');
  assert.is(formatted[2], 'conversation_status:open');
  assert.is(formatted[3], format('conversation_priority>=3').text);
  assert.is(formatted[4], format('customer_name:"Ann"   AND   customer_email:ann@example.com').text);
  assert.is(formatted[4], 'customer_name:Ann AND customer_email:ann@example.com');
  assert.is(formatted[5], 'customer_nam:x');
  // Range formatting touches only the lines in range.
  const ranged: TextEdit[] = await session.connection.sendRequest('textDocument/rangeFormatting', {
    textDocument: { uri },
    range: { start: { line: 4, character: 0 }, end: { line: 4, character: 3 } },
    options: { tabSize: 2, insertSpaces: true },
  });
  assert.ok(ranged.length > 0 && ranged.every((e) => e.range.start.line === 4 && e.range.end.line === 4));
});

test('semantic tokens → the comment on line 0, the field conversation_status at 2:0 length 19', async () => {
  const tokens: SemanticTokens = await session.connection.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } });
  const legend: string[] = initResult.capabilities.semanticTokensProvider.legend.tokenTypes;
  assert.is(tokens.data.length % 5, 0);
  const decoded: string[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < tokens.data.length; i += 5) {
    const [dl, dc, length, type] = tokens.data.slice(i, i + 5) as [number, number, number, number];
    character = dl === 0 ? character + dc : dc;
    line += dl;
    decoded.push(`${line}:${character}+${length} ${legend[type]}`);
  }
  assert.is(decoded[0], '0:0+16 comment');
  assert.ok(decoded.includes('2:0+19 property'), decoded.join(' | '));
  assert.ok(decoded.includes('4:0+13 property'), decoded.join(' | '));
});

test('didChangeConfiguration {kq: {customAttributes}} → customer_custom_fooStr is KQ2003; a bad timeZone is a warning, not a crash', async () => {
  const other = 'file:///work/custom.kq';
  let published = session.diagnostics(other);
  await open(session, other, 'context:customer customer_custom_fooStr:x');
  assert.equal(where((await published).diagnostics), []);
  published = session.diagnostics(other, (p) => where(p.diagnostics).length > 0);
  await session.connection.sendNotification('workspace/didChangeConfiguration', {
    settings: { kq: { customAttributes: [{ name: 'customer_custom_barStr' }], timeZone: 'Mars/Olympus_Mons' } },
  });
  assert.equal(where((await published).diagnostics), ['KQ2003@0:17-0:39']);
  assert.ok(session.messages.some((m) => /kq\.timeZone/.test(m)), session.messages.join('\n'));
  // Settings back to none: the diagnostic goes away.
  published = session.diagnostics(other, (p) => where(p.diagnostics).length === 0);
  await session.connection.sendNotification('workspace/didChangeConfiguration', { settings: { kq: { customAttributes: null } } });
  await published;
  const closed = session.diagnostics(other);
  await session.connection.sendNotification('textDocument/didClose', { textDocument: { uri: other } });
  assert.equal((await closed).diagnostics, []);
});

test('requests at positions outside the document, and for a document never opened → empty answers', async () => {
  const far = { line: 10_000, character: 99 };
  const list: CompletionList = await session.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: far });
  assert.ok(Array.isArray(list.items));
  const hover = await session.connection.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///nowhere.kq' }, position: far });
  assert.is(hover, null);
  const edits = await session.connection.sendRequest('textDocument/formatting', { textDocument: { uri: 'file:///nowhere.kq' }, options: { tabSize: 2, insertSpaces: true } });
  assert.equal(edits, []);
});

test('shutdown, exit → the process ends with code 0, nothing but the protocol on stdout', async () => {
  const code = await stop(session);
  assert.is(code, 0, session.stderr());
});

test.run();
