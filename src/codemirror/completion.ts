/**
 * Completion from the language service: field names, operators, values, keywords and directives at the cursor,
 * best first, as the service ranks them (`filter: false`: CodeMirror neither re-filters nor re-sorts them, and asks
 * again as the user types). When the options have async value sources (`valueSources`), the answer waits for them
 * through `completeAsync`, cancelled when the user types on.
 *
 * Given to CodeMirror as language data (`autocomplete`), so a host's own `autocompletion()` config applies and other
 * languages in the same editor keep their sources.
 */
import { startCompletion, type Completion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { EditorState, type Extension } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import type { ServiceCompletionItem, ServiceCompletionKind, ServiceCompletions } from '../index.js';
import { renderMarkdown } from './markdown.js';
import { queryAt, type QuerySlice } from './queries.js';
import { configOf } from './state.js';

/** CodeMirror's completion `type` (the icon class `cm-completionIcon-<type>`) of each kind of item. */
export const completionTypes: Readonly<Record<ServiceCompletionKind, string>> = {
  field: 'property',
  operator: 'operator',
  value: 'constant',
  keyword: 'keyword',
  directive: 'namespace',
};

/** Text after which the next thing to type is a value or an operand: completion opens again by itself. */
const opensMore = /[:=<>~]$/;

function toCompletion(item: ServiceCompletionItem, query: QuerySlice, rank: number, count: number): Completion {
  const from = query.from + item.edit.range.start;
  const to = query.from + item.edit.range.end;
  return {
    label: item.label,
    type: completionTypes[item.kind],
    detail: item.detail,
    // Best first, kept in the service's order: CodeMirror sorts by boost when it does not filter.
    boost: Math.max(-99, 99 - Math.round((198 * rank) / Math.max(1, count))),
    ...(item.documentation === undefined ? {} : { info: () => renderMarkdown(document, item.documentation!) }),
    apply(view: EditorView) {
      const insert = item.edit.newText;
      view.dispatch({
        changes: { from, to: Math.min(to, view.state.doc.length), insert },
        selection: { anchor: from + insert.length },
        userEvent: 'input.complete',
        scrollIntoView: true,
      });
      if (opensMore.test(insert)) startCompletion(view);
    },
  };
}

function toResult(answer: ServiceCompletions, query: QuerySlice): CompletionResult | null {
  if (answer.items.length === 0) return null;
  return {
    from: query.from + answer.range.start,
    to: query.from + answer.range.end,
    options: answer.items.map((item, i) => toCompletion(item, query, i, answer.items.length)),
    filter: false,
  };
}

/** The completion source of the editor's queries. */
export function serviceCompletions(context: CompletionContext): CompletionResult | null | Promise<CompletionResult | null> {
  const { mode, field } = configOf(context.state);
  const { service, options } = context.state.field(field);
  const query = queryAt(context.state, mode, context.pos);
  if (query === null) return null;
  const offset = context.pos - query.from;
  if (options.valueSources === undefined || Object.keys(options.valueSources).length === 0) {
    return toResult(service.complete(query.text, offset), query);
  }
  const controller = new AbortController();
  context.addEventListener('abort', () => controller.abort(), { onDocChange: true });
  return service.completeAsync(query.text, offset, controller.signal).then(
    (answer) => (controller.signal.aborted ? null : toResult(answer, query)),
    () => toResult(service.complete(query.text, offset), query),
  );
}

/** The completion source as language data. */
export const completionData: Extension = EditorState.languageData.of(() => [{ autocomplete: serviceCompletions }]);
