/**
 * Hover tooltips from the language service: over a field, its kind and values; over an operator, its meaning; over
 * a relative date, the day it resolves to (the service writes the Markdown; markdown.ts renders it as DOM).
 */
import { hoverTooltip, type Tooltip } from '@codemirror/view';
import { renderMarkdown } from './markdown.js';
import { queryAt } from './queries.js';
import { configOf, serviceOf } from './state.js';

/** The hover extension (shown after CodeMirror's default hover time, 300 ms). */
export const serviceHover = hoverTooltip(
  (view, pos, side): Tooltip | null => {
    const query = queryAt(view.state, configOf(view.state).mode, pos);
    if (query === null) return null;
    // At a token's end the pointer is over the character before it (side -1).
    const offset = side < 0 && pos > query.from ? pos - query.from - 1 : pos - query.from;
    const hover = serviceOf(view.state).hover(query.text, Math.min(offset, query.text.length));
    if (hover === null || hover.contents.trim() === '') return null;
    return {
      pos: query.from + hover.range.start,
      end: query.from + hover.range.end,
      above: true,
      create: (v) => {
        const dom = renderMarkdown(v.dom.ownerDocument, hover.contents);
        dom.classList.add('cm-kq-hover');
        return { dom };
      },
    };
  },
  { hideOnChange: true },
);
