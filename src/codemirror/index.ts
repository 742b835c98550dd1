/// <reference lib="dom" />
/**
 * `kustomer-query/codemirror`: the query language in a CodeMirror 6 editor — a search box (single-line mode) or a
 * `.kq` file of queries, one per line with `#` comments (multi-line mode).
 *
 * ```ts
 * import { EditorView, minimalSetup } from 'codemirror'; // or your own setup
 * import { kustomerQuery, updateOptions } from 'kustomer-query/codemirror';
 *
 * const view = new EditorView({
 *   parent: document.querySelector('#search')!,
 *   extensions: [minimalSetup, kustomerQuery({ singleLine: true, options: { queryContext: 'conversation' }, onSubmit: run })],
 * });
 * updateOptions(view, { queryContext: 'conversation', customAttributes }); // the org's schema arrived
 * ```
 *
 * Everything comes from the package's language service (`createLanguageService`, src/service/): highlighting from
 * its semantic tokens (no second grammar), lint markers with fixes, completion, hover. The `@codemirror/*`
 * packages are peer dependencies (`state`, `view`, `language`, `autocomplete`, `lint`): the host's copies are used,
 * so an app has one CodeMirror. Styles: CodeMirror injects its themes in a `<style>` element at run time; under a
 * Content-Security-Policy without `style-src 'unsafe-inline'`, give it the page's nonce with
 * `EditorView.cspNonce.of(nonce)` (see the playground, src/playground/).
 */
import { autocompletion } from '@codemirror/autocomplete';
import { EditorState, type Extension } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import type { ServiceOptions } from '../index.js';
import { completionData } from './completion.js';
import { semanticHighlighting } from './highlight.js';
import { serviceHover } from './hover.js';
import { serviceLinter } from './lint.js';
import { singleLine, type SubmitHandler } from './singleLine.js';
import { setServiceOptions, stateExtension } from './state.js';
import { baseTheme, singleLineTheme } from './theme.js';

export { tokenClassName } from './highlight.js';
export { completionTypes } from './completion.js';
export { noLineBreaks, type SubmitHandler } from './singleLine.js';

/**
 * The configuration of {@link kustomerQuery}:
 * - `options`: the language service's options (compile options — `queryContext`, `timeZone`, `now`, custom
 *   attributes — plus `maxCompletions` and async `valueSources`); change them later with {@link updateOptions};
 * - `singleLine`: a search box (default false: a `.kq` file, one query per line, `#` comment lines);
 * - `onSubmit`: called with the query when Enter is pressed in single-line mode (ignored in multi-line mode).
 */
export interface KustomerQueryConfig {
  readonly options?: ServiceOptions;
  readonly singleLine?: boolean;
  readonly onSubmit?: SubmitHandler;
}

/**
 * The CodeMirror extension for kustomer-query: semantic highlighting, lint markers with fixes (200 ms after typing
 * stops), completion (with `autocompletion()`; a host's own autocompletion config is merged with it), hover
 * tooltips, and in single-line mode no line breaks and Enter to submit. In multi-line mode `#` is the line-comment
 * token (CodeMirror's toggleComment uses it). One `kustomerQuery` per editor.
 */
export function kustomerQuery(config: KustomerQueryConfig = {}): Extension {
  const mode = config.singleLine ? 'single' : 'lines';
  return [
    stateExtension(mode, config.options ?? {}),
    semanticHighlighting,
    serviceLinter,
    completionData,
    autocompletion(),
    serviceHover,
    baseTheme,
    config.singleLine ? [singleLine(config.onSubmit), singleLineTheme] : EditorState.languageData.of(() => [{ commentTokens: { line: '#' } }]),
  ];
}

/**
 * Replaces the language service options of a live editor (the org's schema arrived, the context changed): the
 * highlighting, the lint markers and the next completions follow at once. `view` must have {@link kustomerQuery}.
 */
export function updateOptions(view: EditorView, options: ServiceOptions): void {
  view.dispatch({ effects: setServiceOptions.of(options) });
}
