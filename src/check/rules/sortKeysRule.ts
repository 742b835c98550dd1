/**
 * SortKeysRule: each `sort:` names a sortable attribute — the documented customer sort attributes, or the
 * `_created_at` / `_updated_at` attribute of the query's context (KQ2011) — and no key repeats (KQ2014, warning).
 * The keys, in order, become the body's `sort`.
 *
 * Source: Kustomer Customer Search doc, "Sorting"; context sort attributes as used by public integrations
 * (kustomer-search-api.md §6.1).
 */
import { diagnostic } from '../../diagnostics/diagnostic.js';
import { contextSortFields, isSortable, sortSuggestions, sortableFields } from '../../schema/index.js';
import type { Rule } from '../context.js';

export const SortKeysRule: Rule = (ctx) => {
  const seen = new Set<string>();
  return {
    Sort: (n) => {
      const name = n.field.value;
      if (!isSortable(name, ctx.queryContext)) {
        const suggestions = sortSuggestions(name, ctx.queryContext);
        const options = [...contextSortFields(ctx.queryContext)];
        ctx.report(
          diagnostic('NotSortable', n.field.span, { key: name, contextKeys: options, customerKeys: [...sortableFields].slice(0, 4) }, { suggestions }),
        );
        return;
      }
      if (seen.has(name)) {
        ctx.report(diagnostic('DuplicateSort', n.span, { key: name }));
        return;
      }
      seen.add(name);
      ctx.sort.push({ field: name, direction: n.direction });
    },
  };
};
