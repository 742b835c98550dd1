/**
 * The CodeMirror extension's state-level behaviour, in Node (no DOM: an EditorState, and a minimal stand-in for the
 * view where a function only reads `view.state` and dispatches): the single-line filter, the completion source in
 * both modes, the lint source with its fix actions, and `updateOptions`. What needs a real DOM — highlighting marks,
 * hover tooltips, Enter, the lint tooltip's buttons — is tested in Chromium (test/playground/page.test.ts).
 * Property failures print fast-check's seed (replay: FC_SEED=…).
 */
import { CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { EditorState, type TransactionSpec } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createLanguageService } from '../../src/index.js';
import { kustomerQuery, updateOptions, type KustomerQueryConfig } from '../../src/codemirror/index.js';
import { serviceCompletions } from '../../src/codemirror/completion.js';
import { diagnosticsOf } from '../../src/codemirror/lint.js';
import { fcOptions } from '../helpers/fc.js';

/** A view stand-in: the current state, and `dispatch` applying a transaction spec to it. */
function fakeView(doc: string, config: KustomerQueryConfig): { view: EditorView; state: () => EditorState } {
  let state = EditorState.create({ doc, extensions: kustomerQuery(config) });
  const view = {
    get state() {
      return state;
    },
    dispatch(...specs: TransactionSpec[]) {
      state = state.update(...specs).state;
    },
  } as unknown as EditorView;
  return { view, state: () => state };
}

function complete(state: EditorState, pos: number, explicit = true): CompletionResult | null {
  const result = serviceCompletions(new CompletionContext(state, pos, explicit));
  if (result instanceof Promise) throw new Error('expected a synchronous answer (no value sources configured)');
  return result;
}

// --- Single-line mode ----------------------------------------------------------------------------------------------

test('single-line: typing "a\\nb\\r\\nc" leaves "a b c" on one line', () => {
  const state = EditorState.create({ extensions: kustomerQuery({ singleLine: true }) });
  // CodeMirror reads \r\n as one line break: the document it makes is "a\nb\nc", 5 long.
  const next = state.update({ changes: { from: 0, insert: 'a\nb\r\nc' }, selection: { anchor: 5 } }).state;
  assert.is(next.doc.toString(), 'a b c');
  assert.is(next.doc.lines, 1);
  assert.is(next.selection.main.head, 5, 'the cursor stays after the c');
});

test('single-line: any insertion into "status:open" leaves one line, its breaks as spaces', () => {
  const base = EditorState.create({ doc: 'status:open', extensions: kustomerQuery({ singleLine: true }) });
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom('a', ' ', '\n', '\r', '\r\n', ':', 'é') }), fc.integer({ min: 0, max: 11 }), (text, at) => {
      const next = base.update({ changes: { from: at, insert: text } }).state;
      assert.is(next.doc.lines, 1);
      const expected = `status:open`.slice(0, at) + text.replace(/\r\n?|\n/g, ' ') + `status:open`.slice(at);
      assert.is(next.doc.toString(), expected);
    }),
    fcOptions(200),
  );
});

test('multi-line: "a\\nb" keeps its line break', () => {
  const state = EditorState.create({ extensions: kustomerQuery({}) });
  assert.is(state.update({ changes: { from: 0, insert: 'a\nb' } }).state.doc.lines, 2);
});

// --- Completion -------------------------------------------------------------------------------------------------------

test('completion at the end of "conversation_stat": conversation_status first, replacing the word', () => {
  const state = EditorState.create({ doc: 'conversation_stat', extensions: kustomerQuery({ singleLine: true }) });
  const result = complete(state, 17)!;
  assert.ok(result, 'no completions');
  assert.is(result.from, 0);
  assert.is(result.to, 17);
  assert.is(result.filter, false);
  assert.is(result.options[0]!.label, 'conversation_status');
  assert.is(result.options[0]!.type, 'property');
  const service = createLanguageService({}).complete('conversation_stat', 17);
  assert.equal(
    result.options.map((o) => o.label),
    service.items.map((i) => i.label),
    'the service order, unfiltered',
  );
});

test('completion in a .kq file: "# note\\nconversation_stat" completes line 2 at its own offsets', () => {
  const doc = '# note\nconversation_stat';
  const state = EditorState.create({ doc, extensions: kustomerQuery({}) });
  const result = complete(state, doc.length)!;
  assert.is(result.from, 7);
  assert.is(result.to, doc.length);
  assert.is(result.options[0]!.label, 'conversation_status');
  assert.is(complete(state, 3), null, 'no completion inside a comment line');
});

test('completion: applying conversation_status to "conversation_stat" writes the service edit', () => {
  const { view, state } = fakeView('conversation_stat', { singleLine: true });
  const option = complete(state(), 17)!.options[0]!;
  const edit = createLanguageService({}).complete('conversation_stat', 17).items[0]!.edit;
  // apply(view, completion, from, to): the extension's own function (the service edit may reach past the word).
  (option.apply as (v: EditorView, c: unknown, f: number, t: number) => void)(view, option, 0, 17);
  assert.is(state().doc.toString(), edit.newText);
  assert.is(state().selection.main.head, edit.newText.length);
});

test('completion with a value source: conversation_tags:b waits for it (completeAsync) and offers its values', async () => {
  const asked: string[] = [];
  const options = {
    valueSources: {
      conversation_tags: async ({ prefix }: { field: string; prefix: string }) => {
        asked.push(prefix);
        return ['billing', 'bug', 'vip'].filter((t) => t.startsWith(prefix));
      },
    },
  };
  const state = EditorState.create({ doc: 'conversation_tags:b', extensions: kustomerQuery({ singleLine: true, options }) });
  const answer = serviceCompletions(new CompletionContext(state, 19, true));
  assert.instance(answer, Promise);
  const result = (await answer)!;
  assert.equal(asked, ['b']);
  assert.is(result.from, 18);
  const labels = result.options.map((o) => o.label);
  assert.ok(labels.includes('billing') && labels.includes('bug') && !labels.includes('vip'), labels.join(', '));
});

// --- Lint -------------------------------------------------------------------------------------------------------------

test('lint: conversation_status:open has no marker (its KQ2015 info note is not drawn)', () => {
  const { view } = fakeView('conversation_status:open', { singleLine: true });
  assert.equal(
    createLanguageService({}).diagnostics('conversation_status:open').map((d) => d.code),
    ['KQ2015'],
  );
  assert.equal(diagnosticsOf(view), []);
});

test('lint: conversation_statu:open is KQ2001 at 0–18 with the fix "Replace with \'conversation_status\'"', () => {
  const { view, state } = fakeView('conversation_statu:open', { singleLine: true });
  const [d, ...rest] = diagnosticsOf(view);
  assert.equal(rest, []);
  assert.equal([d!.from, d!.to, d!.severity, d!.source], [0, 18, 'error', 'KQ2001']);
  const action = d!.actions!.find((a) => a.name === "Replace with 'conversation_status'");
  assert.ok(action, `actions: ${d!.actions!.map((a) => a.name).join(', ')}`);
  action!.apply(view, d!.from, d!.to);
  assert.is(state().doc.toString(), 'conversation_status:open');
  assert.equal(diagnosticsOf(view), []);
});

test('lint: a fix still applies after the text before it moved ("x " typed in front of a typo)', () => {
  const { view, state } = fakeView('conversation_statu:open', { singleLine: true });
  const d = diagnosticsOf(view)[0]!;
  view.dispatch({ changes: { from: 0, insert: 'x ' } });
  d.actions![0]!.apply(view, d.from + 2, d.to + 2);
  assert.is(state().doc.toString(), 'x conversation_status:open');
});

test('lint in a .kq file: "# conversation_statu:open\\nconversation_statu:open" marks line 2 only', () => {
  const doc = '# conversation_statu:open\nconversation_statu:open';
  const { view } = fakeView(doc, {});
  assert.equal(
    diagnosticsOf(view).map((d) => [d.from, d.to, d.source]),
    [[26, 44, 'KQ2001']],
  );
});

// --- updateOptions ----------------------------------------------------------------------------------------------------

test('updateOptions: customer_custom_tierStr:gold is unknown until the org schema arrives', () => {
  const { view } = fakeView('customer_custom_tierStr:gold', { singleLine: true, options: { customAttributes: [{ name: 'customer_custom_otherStr' }] } });
  assert.equal(
    diagnosticsOf(view).filter((d) => d.severity === 'error').map((d) => d.source),
    ['KQ2003'],
  );
  updateOptions(view, { customAttributes: [{ name: 'customer_custom_tierStr', values: ['gold', 'silver'] }] });
  assert.equal(diagnosticsOf(view).filter((d) => d.severity === 'error'), []);
  const values = complete(view.state, view.state.doc.length)!;
  assert.ok(values.options.some((o) => o.label === 'gold'), values.options.map((o) => o.label).join(', '));
});

test.run();
