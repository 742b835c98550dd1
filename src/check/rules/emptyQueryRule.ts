/**
 * EmptyQueryRule: a query with nothing in it — the empty string, or only white space — is valid (it compiles to
 * `{"queryContext": "customer"}`, or the `queryContext` option's context) but matches every record of its context,
 * which is seldom what was meant: `kq compile "$Q"` with `Q` unset, a blank cell of a spreadsheet. A warning (KQ2030),
 * so that the API still compiles it and the CLI can refuse it (`--allow-empty` to accept). A query of directives
 * only (`context:conversation sort:conversation_created_at-desc`) says what it searches, and is not warned about.
 */
import { diagnostic } from '../../diagnostics/diagnostic.js';
import type { RuleDefinition } from '../context.js';

export const EmptyQueryRule: RuleDefinition = {
  name: 'EmptyQueryRule',
  visit: {
    Query: (n, _parent, ctx) => {
      if (n.body === null) ctx.report(diagnostic('EmptyQuery', { start: 0, end: n.span.end }, { context: ctx.queryContext }));
    },
  },
};
