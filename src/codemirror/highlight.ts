/**
 * Highlighting from the language service's semantic tokens (the project's own lexer: there is no second grammar):
 * a view plugin that marks each token with the class `cm-kq-<class>` (`cm-kq-field`, `cm-kq-operator`, …; see
 * {@link tokenClassName}) over the visible part of the document, recomputed when the text, the viewport or the
 * service's options change. Comment lines of a `.kq` file are marked `cm-kq-comment` without asking the service.
 *
 * The colours are in theme.ts; a host restyles them with its own theme rules for the same classes.
 */
import { RangeSetBuilder } from '@codemirror/state';
import { Decoration, ViewPlugin, type DecorationSet, type EditorView, type ViewUpdate } from '@codemirror/view';
import type { SemanticToken, SemanticTokenClass } from '../index.js';
import { isCommentLine } from './queries.js';
import { configOf, serviceChanged, serviceOf } from './state.js';

/** The CSS class of a token class: `cm-kq-` and the class name (`cm-kq-field`). */
export function tokenClassName(tokenClass: SemanticTokenClass): string {
  return `cm-kq-${tokenClass}`;
}

const marks = new Map<string, Decoration>();
function mark(tokenClass: SemanticTokenClass): Decoration {
  let decoration = marks.get(tokenClass);
  if (decoration === undefined) marks.set(tokenClass, (decoration = Decoration.mark({ class: tokenClassName(tokenClass) })));
  return decoration;
}

/** The most query texts whose tokens are remembered (the lines of a `.kq` file seen lately). */
const cacheSize = 2000;

class Highlighter {
  decorations: DecorationSet;
  /** Tokens by query text, for the current service; dropped when the service changes. */
  private cache = new Map<string, readonly SemanticToken[]>();

  constructor(view: EditorView) {
    this.decorations = this.build(view);
  }

  update(update: ViewUpdate): void {
    const changedService = serviceChanged(update.startState, update.state);
    if (changedService) this.cache.clear();
    if (update.docChanged || update.viewportChanged || changedService) this.decorations = this.build(update.view);
  }

  private tokens(view: EditorView, text: string): readonly SemanticToken[] {
    let tokens = this.cache.get(text);
    if (tokens === undefined) {
      tokens = serviceOf(view.state).semanticTokens(text);
      if (this.cache.size >= cacheSize) this.cache.clear();
      this.cache.set(text, tokens);
    }
    return tokens;
  }

  private build(view: EditorView): DecorationSet {
    const { mode } = configOf(view.state);
    const builder = new RangeSetBuilder<Decoration>();
    const doc = view.state.doc;
    if (mode === 'single') {
      // A search box holds one short query: all of it, once.
      this.addTokens(view, builder, doc.toString(), 0);
      return builder.finish();
    }
    let next = 0; // the first document offset not yet marked (visible ranges may share a line)
    for (const { from, to } of view.visibleRanges) {
      for (let pos = Math.max(from, next); pos <= to; ) {
        const line = doc.lineAt(pos);
        if (isCommentLine(line.text)) {
          if (line.length > 0) builder.add(line.from, line.to, mark('comment'));
        } else if (line.text.trim() !== '') {
          this.addTokens(view, builder, line.text, line.from);
        }
        pos = next = line.to + 1;
      }
    }
    return builder.finish();
  }

  private addTokens(view: EditorView, builder: RangeSetBuilder<Decoration>, text: string, offset: number): void {
    let last = 0;
    for (const token of this.tokens(view, text)) {
      const start = offset + token.range.start;
      const end = offset + token.range.end;
      // Tokens come in order without overlap (types.ts); a range that breaks that is skipped, never thrown over.
      if (end <= start || start < last) continue;
      last = end;
      builder.add(start, end, mark(token.class));
    }
  }
}

/** The highlighting view plugin. */
export const semanticHighlighting = ViewPlugin.fromClass(Highlighter, { decorations: (plugin) => plugin.decorations });
