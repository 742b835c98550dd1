/**
 * The extension's base theme: token colours for `cm-kq-<class>` (light and dark variants, WCAG AA contrast on
 * white / on #1e1e1e), the hover and diagnostic message layout, the icon of operator completions, and the look of a
 * single-line editor (one line, scrolling sideways, no gutters). Base themes have the lowest precedence: a host's
 * `EditorView.theme({...})` for the same selectors wins.
 */
import { EditorView } from '@codemirror/view';

/** The base theme of every editor with the extension. */
export const baseTheme = EditorView.baseTheme({
  '&light .cm-kq-field': { color: '#0b5cad' },
  '&light .cm-kq-operator': { color: '#6a3fb5' },
  '&light .cm-kq-string': { color: '#1a7f37' },
  '&light .cm-kq-number': { color: '#b35900' },
  '&light .cm-kq-date': { color: '#9a4d00' },
  '&light .cm-kq-keyword': { color: '#b3124d', fontWeight: '600' },
  '&light .cm-kq-directive': { color: '#00758f' },
  '&light .cm-kq-punctuation': { color: '#57606a' },
  '&light .cm-kq-comment': { color: '#6e7781', fontStyle: 'italic' },
  '&light .cm-kq-error': { color: '#cf222e' },
  '&dark .cm-kq-field': { color: '#79c0ff' },
  '&dark .cm-kq-operator': { color: '#d2a8ff' },
  '&dark .cm-kq-string': { color: '#7ee787' },
  '&dark .cm-kq-number': { color: '#ffa657' },
  '&dark .cm-kq-date': { color: '#f0b072' },
  '&dark .cm-kq-keyword': { color: '#ff7b9c', fontWeight: '600' },
  '&dark .cm-kq-directive': { color: '#56d4dd' },
  '&dark .cm-kq-punctuation': { color: '#8b949e' },
  '&dark .cm-kq-comment': { color: '#8b949e', fontStyle: 'italic' },
  '&dark .cm-kq-error': { color: '#ff7b72' },
  '.cm-kq-help': { opacity: '0.8' },
  '.cm-kq-doc': { maxWidth: '32em', padding: '2px 6px' },
  '.cm-kq-doc p, .cm-kq-doc ul, .cm-kq-doc pre': { margin: '4px 0' },
  '.cm-kq-doc ul': { paddingLeft: '1.2em' },
  '.cm-kq-doc code, .cm-kq-doc pre': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' },
  '.cm-completionIcon-operator:after': { content: "'≥'" },
});

/** The look of a single-line editor: one line, no wrapping, scrolled sideways, no gutters. */
export const singleLineTheme = EditorView.theme({
  '.cm-content': { whiteSpace: 'pre' },
  '.cm-gutters': { display: 'none' },
  '.cm-scroller': { overflowX: 'auto', overflowY: 'hidden' },
});
