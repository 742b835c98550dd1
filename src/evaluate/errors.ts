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

/** Thrown by `evaluate` and `search` for a body or parameters they cannot evaluate; `problems` lists every one. */
export class SearchError extends Error {
  override readonly name = 'SearchError';
  constructor(readonly problems: readonly SearchProblem[]) {
    super(
      problems
        .map((p) => (p.pointer !== undefined ? `${p.pointer || '(body)'}: ` : p.parameter !== undefined ? `${p.parameter}: ` : '') + p.message)
        .join('\n'),
    );
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
