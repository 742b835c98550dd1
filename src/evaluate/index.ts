/**
 * `kustomer-query/evaluate`: the reference semantics — what a Kustomer search body (or a parsed query) matches, run
 * over records in memory. Isomorphic (no Node built-ins): a web page can filter locally what a query would find.
 *
 * - `evaluate(criteria, record)` / `search(criteria, records, {page, pageSize})` / `prepareCriteria(criteria)`:
 *   from the criteria JSON Kustomer receives; bad bodies throw {@link SearchError} with JSON-pointer problems;
 * - `evaluateQuery(ast, record)` / `prepareQuery(ast)`: from a query's AST, written from the language table (not from
 *   the compiler's lowering), which is what the differential tests compare against;
 * - paging like Kustomer's API: pages 1–{@link maxPage}, page sizes 1–{@link maxPageSize}.
 * - `textTokens(s)`: how `contains` sees a string (Elasticsearch's standard analyzer, approximated).
 * Semantics and their sources: src/evaluate/atoms.ts, text.ts, dates.ts.
 */
export {
  evaluate,
  search,
  prepareCriteria,
  type EvaluateOptions,
  type SearchOptions,
  type SearchResult,
  type PreparedCriteria,
  type CriteriaPreparation,
} from './criteria.js';
export { evaluateQuery, prepareQuery, type PreparedQuery, type QueryPreparation } from './query.js';
export { SearchError, QueryEvaluationError, type SearchProblem } from './errors.js';
export { defaultPageSize, maxPageSize, maxPage, checkPage, pageOf, type PageMeta, type PageRequest } from './page.js';
export { isRecord, recordTypeKey } from './record.js';
export { tokens as textTokens } from './text.js';
