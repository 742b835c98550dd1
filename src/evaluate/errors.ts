/**
 * What the evaluator reports when it is asked something it cannot answer: a criteria body it cannot give a meaning
 * to, search parameters outside the target's limits, or a query with errors. The functions that return a boolean or
 * a page throw these; the `prepare…` functions return the same problems instead and never throw.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';

/**
 * One problem with a search request, shaped like the JSON:API error `source` of Kustomer's error responses
 * (kustomer-search-api.md §7): `pointer` is an RFC 6901 JSON pointer into the criteria body (`""` for the body
 * itself, `/and/0/customer_tags` for one criterion's operator object), `parameter` names a query-string parameter
 * (`page`, `pageSize`); at most one of them is present. `message` is one sentence.
 */
export interface SearchProblem {
  readonly message: string;
  readonly pointer?: string;
  readonly parameter?: string;
}

/** How many problems a {@link SearchError}'s message lists, and how long each of its lines may be (UTF-16 units). */
const messageProblems = 101; // prepareCriteria's 100 and its "… and N more"

const messageLine = 300;

/**
 * Thrown by `evaluate` and `search` for a body or parameters they cannot evaluate; `problems` lists them (at most
 * 100 and one "… and N more", as `prepareCriteria` returns them). The message has one line per problem, each cut to
 * 300 UTF-16 units, and at most 101 lines then "… and N more problems", so it stays small whatever the list.
 */
export class SearchError extends Error {
  override readonly name = 'SearchError';
  constructor(readonly problems: readonly SearchProblem[]) {
    const line = (p: SearchProblem): string => {
      const text = (p.pointer !== undefined ? `${p.pointer || '(body)'}: ` : p.parameter !== undefined ? `${p.parameter}: ` : '') + p.message;
      return text.length > messageLine ? `${text.slice(0, messageLine)}…` : text;
    };
    const lines = problems.slice(0, messageProblems).map(line);
    const more = problems.length - messageProblems;
    if (more > 0) lines.push(`… and ${more} more problem${more === 1 ? '' : 's'}`);
    super(lines.join('\n'));
  }
}

/** Thrown by `evaluateQuery` for a query with errors; `diagnostics` holds them (spans into the query text). */
export class QueryEvaluationError extends Error {
  override readonly name = 'QueryEvaluationError';
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(
      diagnostics
        .filter((d) => d.severity === 'error')
        .map((d) => `${d.code} at ${d.span.start}-${d.span.end}: ${d.message}`)
        .join('\n'),
    );
  }
}
