/**
 * SortKeysRule: each `sort:` names a sortable attribute, and no key repeats (KQ2014, warning); at most 5 keys
 * (KQ3005). The keys, in order, become the body's `sort`.
 *
 * Sortable, by evidence (src/schema/sorting.ts):
 * - silent: the attributes the Kustomer Customer Search doc lists as sortable ("Sorting", kustomer-search-api.md
 *   §6.1), and the `_created_at` / `_updated_at` attribute of the query's context (what the singer and Meltano taps
 *   sort every context by, §6.1; kustomer-api-live.md §1c);
 * - a warning (KQ2020) that names the evidence: a cross-object sort seen in a working integration
 *   (`conversation_last_done_created_at` in a conversation search, `conversation_updated_at` in a message search,
 *   §6.1), a name on the archive endpoint's sortable list (§6.1), or a datetime, number or keyword attribute of the
 *   object the context searches (the doc says other attributes are unavailable, yet integrations sort by them);
 * - an error (KQ2011): any other name.
 *
 * The limit: Kustomer's OpenAPI schema caps `sort` at 5 keys (`maxItems: 5`, kustomer-api-live.md §1c). A sixth
 * distinct key is KQ3005, spanning the sort keys from it to the last one; repeated keys (which are dropped) do not
 * count.
 */
import { diagnostic } from '../../diagnostics/diagnostic.js';
import {
  contextSortFields,
  isSortable,
  maxSortKeys,
  resolveField,
  sortEvidence,
  sortSuggestions,
  sortableFields,
} from '../../schema/index.js';
import { walk } from '../../syntax/ast.js';
import type * as A from '../../syntax/ast.js';
import type { RuleDefinition } from '../context.js';

/**
 * The rule's state lives in the context: `ctx.sort` holds the distinct keys so far, so a repeat is a key already
 * there, and the overflow is reported once, when the sixth distinct key arrives.
 */
export const SortKeysRule: RuleDefinition = {
  name: 'SortKeysRule',
  visit: {
    Sort: (n, _parent, ctx) => {
      const name = n.field.value;
      if (!isSortable(name, ctx.queryContext)) {
        const resolved = resolveField(ctx.catalog, name);
        const evidence = sortEvidence(name, ctx.queryContext, resolved.ok ? resolved.field : null);
        if (evidence === null) {
          const suggestions = sortSuggestions(name, ctx.queryContext);
          const options = [...contextSortFields(ctx.queryContext)];
          ctx.report(
            diagnostic('NotSortable', n.field.span, { key: name, contextKeys: options, customerKeys: [...sortableFields].slice(0, 4) }, { suggestions }),
          );
          return;
        }
        ctx.report(diagnostic('SortByEvidence', n.field.span, { key: name, evidence }));
      }
      if (ctx.sort.some((k) => k.field === name)) {
        ctx.report(diagnostic('DuplicateSort', n.span, { key: name }));
        return;
      }
      ctx.sort.push({ field: name, direction: n.direction });
      if (ctx.sort.length === maxSortKeys + 1) {
        const last = lastSort(ctx.ast);
        const end = last !== null && last.span.end > n.span.end ? last.span.end : n.span.end;
        const seen = new Set(ctx.sort.map((k) => k.field));
        ctx.report(
          diagnostic('TooManyItems', { start: n.span.start, end }, { count: sortKeyCount(ctx.ast, name, seen), key: 'sort', max: maxSortKeys }),
        );
      }
    },
  },
};

/** The last `sort:` directive of the query, in source order. */
function lastSort(ast: A.Query): A.Sort | null {
  let last: A.Sort | null = null;
  walk(ast, (node) => {
    if (node.kind === 'Sort') last = node;
  });
  return last;
}

/** How many distinct sort keys the query names in all (`seen` so far, plus the distinct names after `current`). */
function sortKeyCount(ast: A.Query, current: string, seen: ReadonlySet<string>): number {
  const names = new Set(seen);
  let after = false;
  walk(ast, (node) => {
    if (node.kind !== 'Sort') return;
    if (after) names.add(node.field.value);
    else if (node.field.value === current) after = true;
  });
  return names.size;
}
