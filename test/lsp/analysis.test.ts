/**
 * The LSP mapping in process (src/lsp/analysis.ts, src/lsp/settings.ts): settings read from editor configuration,
 * and properties over arbitrary `.kq` documents — every diagnostic, edit and token lies inside the document, on one
 * line, at the place the language service gave for that line.
 */
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, kqLines } from '../../src/index.js';
import { DiagnosticCache, encodeSemanticTokens, KqDocumentAnalysis, semanticTokensLegend } from '../../src/lsp/analysis.js';
import { readSettings } from '../../src/lsp/settings.js';
import { fcOptions } from '../helpers/fc.js';

const now = '2026-11-30T15:00:00Z';

test('readSettings {kq: {timeZone: "Europe/Paris", queryContext: "conversation", nested: true}} → those options, no problems', () => {
  const r = readSettings({ kq: { timeZone: 'Europe/Paris', queryContext: 'conversation', nested: true, other: 1 } });
  assert.equal(r.problems, []);
  assert.equal(r.options, { timeZone: 'Europe/Paris', queryContext: 'conversation', nested: true });
});

test('readSettings {timeZone: "Mars/Base", queryContext: 3, customAttributes: [{name: "bad"}]} → base kept, three problems', () => {
  const base = { timeZone: 'UTC', now };
  const r = readSettings({ timeZone: 'Mars/Base', queryContext: 3, customAttributes: [{ name: 'bad' }], maxCompletions: -1 }, base);
  assert.equal(r.options, base);
  assert.is(r.problems.length, 4);
  assert.match(r.problems[0]!, /^kq\.timeZone: unknown time zone "Mars\/Base"/);
  assert.match(r.problems[1]!, /^kq\.queryContext:/);
  assert.match(r.problems[2]!, /^kq\.customAttributes: 'bad'/);
  assert.match(r.problems[3]!, /^kq\.maxCompletions:/);
});

test('readSettings {kq: {timeZone: null}} removes the base value; null, arrays and strings read as no settings', () => {
  assert.equal(readSettings({ kq: { timeZone: null } }, { timeZone: 'UTC' }).options, {});
  for (const value of [null, undefined, [], 'kq', 42]) assert.equal(readSettings(value, { nested: true }), { options: { nested: true }, problems: [] });
});

test('encodeSemanticTokens: line and character deltas (LSP relative encoding)', () => {
  assert.equal(encodeSemanticTokens([0, 0, 5, 1, 0, 6, 2, 2, 3, 4, 1, 0]).data, [0, 0, 5, 1, 0, 0, 6, 2, 2, 0, 3, 4, 1, 0, 0]);
});

/** Lines for arbitrary documents: queries good and bad, comments, blanks, hostile characters. */
const lineText = fc.oneof(
  fc.constantFrom(
    'conversation_status:open',
    'conversation_statuss:open',
    '  customer_name:"Ann"   AND customer_email:a@b.c  ',
    '# a comment',
    '   # indented comment',
    '',
    '   ',
    'sort:conversation_created_at customer_nam:x',
    'conversation_priority>=9',
    'status:(open OR',
    'tz:Europe/Pariss conversation_created_at>=today',
    'customer_name:x and customer_email:y',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }).map((s) => s.replace(/[\r\n]/g, ' ')),
  fc.array(fc.constantFrom('(', ')', '"', ':', 'NOT ', 'OR ', ' ', '\ud800', '\udc00', 'customer_name', '>=', '#', '\t', '*'), { maxLength: 12 }).map((p) => p.join('')),
);
const documentText = fc.tuple(fc.array(lineText, { maxLength: 12 }), fc.constantFrom('\n', '\r\n', '\r')).map(([lines, eol]) => lines.join(eol));

const service = createLanguageService({ now });

/** True when `range` lies on one line of `doc`, inside it. */
function inside(doc: TextDocument, range: { start: { line: number; character: number }; end: { line: number; character: number } }): boolean {
  if (range.start.line !== range.end.line || range.start.character > range.end.character) return false;
  const lineEnd = doc.offsetAt({ line: range.start.line + 1, character: 0 });
  const lineStart = doc.offsetAt({ line: range.start.line, character: 0 });
  const text = doc.getText().slice(lineStart, lineEnd).replace(/\r?\n$|\r$/, '');
  return range.start.line < doc.lineCount && range.end.character <= text.length;
}

test('arbitrary .kq documents: diagnostics are the service\'s per query line, moved to that line; ranges inside the document', () => {
  fc.assert(
    fc.property(documentText, (text) => {
      const doc = TextDocument.create('file:///p.kq', 'kq', 1, text);
      const analysis = new KqDocumentAnalysis('file:///p.kq', text, service, new DiagnosticCache(), (what, e) => {
        throw new Error(`${what}: ${String(e)}`);
      });
      const diagnostics = analysis.diagnostics();
      const expected = kqLines(text).flatMap((l) =>
        service.diagnostics(l.text).map((d) => `${d.code}@${doc.positionAt(l.start + d.range.start).line}:${doc.positionAt(l.start + d.range.start).character}`),
      );
      assert.equal(
        diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`),
        expected,
      );
      for (const d of diagnostics) {
        assert.ok(inside(doc, d.range), JSON.stringify(d.range));
        assert.is(d.source, 'kq');
      }
      for (const e of analysis.format()) assert.ok(inside(doc, e.range), JSON.stringify(e.range));
      // Formatting is idempotent: the formatted document has no formatting edits left.
      const formatted = TextDocument.applyEdits(doc, analysis.format());
      assert.equal(new KqDocumentAnalysis('file:///p.kq', formatted, service, new DiagnosticCache()).format(), [], JSON.stringify(formatted));
      for (const a of analysis.codeActions({ start: { line: 0, character: 0 }, end: { line: doc.lineCount, character: 0 } })) {
        for (const e of a.edit!.changes!['file:///p.kq']!) assert.ok(inside(doc, e.range));
      }
      const data = analysis.semanticTokens().data;
      assert.is(data.length % 5, 0);
      let line = 0;
      let character = 0;
      for (let i = 0; i < data.length; i += 5) {
        line += data[i]!;
        character = data[i]! === 0 ? character + data[i + 1]! : data[i + 1]!;
        assert.ok(inside(doc, { start: { line, character }, end: { line, character: character + data[i + 2]! } }), `token ${i / 5}`);
        assert.ok(data[i + 3]! >= 0 && data[i + 3]! < semanticTokensLegend.tokenTypes.length);
      }
    }),
    fcOptions(300),
  );
});

test('arbitrary positions (past the end, negative, on comments): completion and hover answer, ranges inside the document', () => {
  fc.assert(
    fc.property(documentText, fc.integer({ min: -2, max: 15 }), fc.integer({ min: -2, max: 60 }), (text, line, character) => {
      const doc = TextDocument.create('file:///p.kq', 'kq', 1, text);
      const analysis = new KqDocumentAnalysis('file:///p.kq', text, service, new DiagnosticCache(), (what, e) => {
        throw new Error(`${what}: ${String(e)}`);
      });
      const position = { line, character };
      const list = analysis.completion(position);
      for (const item of list.items) {
        const edit = item.textEdit as { range: Parameters<typeof inside>[1] };
        assert.ok(inside(doc, edit.range), JSON.stringify(edit.range));
      }
      const hover = analysis.hover(position);
      if (hover) assert.ok(inside(doc, hover.range!), JSON.stringify(hover.range));
    }),
    fcOptions(300),
  );
});

test.run();
