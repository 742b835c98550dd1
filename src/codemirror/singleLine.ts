/**
 * The single-line mode of a search box: the document never holds a line break — typed, pasted or dropped line
 * breaks (`\n`, `\r\n`, `\r`) become one space each, so a pasted multi-line query reads as the same terms joined by
 * white space (AND) — and Enter (also Shift-Enter and Mod-Enter) calls `onSubmit` with the query instead of breaking
 * the line. While the completion list is open, Enter accepts the selected item (the completion keymap has the
 * highest precedence; this keymap comes next).
 */
import { EditorState, Prec, type Extension, type Transaction, type TransactionSpec } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';

/** A line break of any convention. */
const lineBreak = /\r\n?|\n/g;

/**
 * A transaction filter that replaces every line break the transaction would leave in the document with a space.
 * The replacement is a second, sequential change after the transaction's own, so selections and other extensions'
 * mapping follow both.
 */
export const noLineBreaks: Extension = EditorState.transactionFilter.of((tr: Transaction): Transaction | readonly TransactionSpec[] => {
  if (!tr.docChanged || tr.newDoc.lines === 1) return tr;
  const text = tr.newDoc.toString();
  const changes = [...text.matchAll(lineBreak)].map((m) => ({ from: m.index, to: m.index + m[0].length, insert: ' ' }));
  return [tr, { changes, sequential: true }];
});

/** What a search box does with its query on Enter: the text, and the view (to clear it, move focus, …). */
export type SubmitHandler = (query: string, view: EditorView) => void;

/** The single-line extension: no line breaks, Enter submits, and a look of one line (no wrapping). */
export function singleLine(onSubmit?: SubmitHandler): Extension {
  const submit = (view: EditorView): boolean => {
    onSubmit?.(view.state.doc.toString(), view);
    return true; // handled even without a handler: Enter never breaks the line
  };
  return [
    noLineBreaks,
    Prec.high(keymap.of([{ key: 'Enter', run: submit, shift: submit }, { key: 'Mod-Enter', run: submit }])),
    EditorView.contentAttributes.of({ 'aria-multiline': 'false', enterkeyhint: 'search' }),
  ];
}
