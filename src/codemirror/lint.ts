/**
 * Lint markers from the language service's diagnostics (syntax, names, types, shapes: the compiler's `KQnnnn`
 * diagnostics), each with its fixes as actions: choosing "Replace with 'conversation_status'" applies the fix's
 * edits in one transaction. Re-linted 200 ms after typing stops, and at once when the options change.
 *
 * Errors and warnings are marked; info diagnostics are not. They are notes on how the query was read, not problems
 * (KQ2015 "No context given: searching conversation", on every query without `context:`, would underline the whole
 * search box and cover every hover with its tooltip); `explain` and the service's `diagnostics` still give them.
 */
import type { EditorView } from '@codemirror/view';
import { linter, type Action, type Diagnostic } from '@codemirror/lint';
import type { Fix, ServiceDiagnostic } from '../index.js';
import { queriesIn } from './queries.js';
import { configOf, serviceChanged, serviceOf } from './state.js';

/** How long after the last change the editor is linted again, in milliseconds. */
export const lintDelay = 200;

/**
 * The action of one fix. Its edits are offsets into the query that started at `queryFrom` when it was linted; when
 * the editor's text has moved since (the marker was mapped to `from`), the edits move with it.
 */
function fixAction(fix: Fix, queryFrom: number, diagnosticFrom: number): Action {
  return {
    name: fix.title,
    apply(view: EditorView, from: number) {
      const shift = from - diagnosticFrom + queryFrom;
      const length = view.state.doc.length;
      const changes = fix.edits
        .map((edit) => ({ from: edit.range.start + shift, to: edit.range.end + shift, insert: edit.newText }))
        .filter((c) => c.from >= 0 && c.to <= length && c.from <= c.to);
      if (changes.length !== fix.edits.length) return; // the text moved under the fix: applying it would be a guess
      const last = changes.reduce((end, c) => Math.max(end, c.from + c.insert.length), 0);
      view.dispatch({ changes, selection: { anchor: last }, userEvent: 'input.fix', scrollIntoView: true });
    },
  };
}

/** The element a diagnostic's message is shown in: the message, then the help line when there is one. */
function renderMessage(diagnostic: ServiceDiagnostic): (view: EditorView) => Node {
  return (view) => {
    const doc = view.dom.ownerDocument;
    const box = doc.createElement('span');
    box.className = 'cm-kq-message';
    box.append(doc.createTextNode(diagnostic.message));
    if (diagnostic.help !== undefined) {
      const help = doc.createElement('span');
      help.className = 'cm-kq-help';
      help.textContent = diagnostic.help;
      box.append(doc.createElement('br'), help);
    }
    return box;
  };
}

/** The CodeMirror diagnostics of every query in the editor. */
export function diagnosticsOf(view: EditorView): Diagnostic[] {
  const { mode } = configOf(view.state);
  const service = serviceOf(view.state);
  const length = view.state.doc.length;
  const out: Diagnostic[] = [];
  for (const query of queriesIn(view.state.doc, mode)) {
    for (const d of service.diagnostics(query.text)) {
      if (d.severity === 'info') continue;
      const from = Math.min(query.from + d.range.start, length);
      const to = Math.min(Math.max(query.from + d.range.end, from), length);
      out.push({
        from,
        to,
        severity: d.severity,
        source: d.code,
        message: d.help === undefined ? d.message : `${d.message} ${d.help}`,
        renderMessage: renderMessage(d),
        actions: d.fixes.map((fix) => fixAction(fix, query.from, from)),
      });
    }
  }
  return out;
}

/** The lint extension. */
export const serviceLinter = linter(diagnosticsOf, {
  delay: lintDelay,
  needsRefresh: (update) => serviceChanged(update.startState, update.state),
});
