// A host app of the packed package (test/codemirror/browser.test.ts): its own CodeMirror, and the extension from
// 'kustomer-query/codemirror' in the multi-line (.kq file) mode. Exposes the view and updateOptions on window for
// the test to drive; marks <html> with data-kq-ready once mounted.
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { kustomerQuery, updateOptions } from 'kustomer-query/codemirror';

const nonce = document.querySelector('meta[name="csp-nonce"]').nonce;
const doc = ['# open conversations, by priority', 'conversation_statu:open', '', 'customer_custom_tierStr:gold conversation_priority>=4'].join('\n');
const view = new EditorView({
  parent: document.getElementById('editor'),
  state: EditorState.create({
    doc,
    extensions: [EditorView.cspNonce.of(nonce), kustomerQuery({ options: { customAttributes: [{ name: 'customer_custom_otherStr' }] } })],
  }),
});
window.__kq = { view, updateOptions };
document.documentElement.dataset.kqReady = '';
