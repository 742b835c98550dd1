/**
 * `compile`: query text → Kustomer search criteria, through parse → check → lower → normalize → shape → emit (the
 * pipeline, pipeline.ts).
 */
import type { Diagnostic } from './diagnostics/diagnostic.js';
import { codeFrames } from './diagnostics/codeFrame.js';
import type { Criteria } from './emit/criteria.js';
import type { CompileOptions } from './options.js';
import { runPipeline } from './pipeline.js';
import type { Query } from './syntax/ast.js';

/**
 * The result of {@link compile}.
 * - `criteria`: the Kustomer search body, present exactly when there is no error diagnostic;
 * - `diagnostics`: every error, warning and info, ordered by position (spans in UTF-16 offsets into the text);
 * - `ast`: the parsed query, `null` when it has syntax errors.
 */
export interface CompileResult {
  readonly criteria?: Criteria;
  readonly diagnostics: Diagnostic[];
  readonly ast: Query | null;
}

/**
 * Compiles a query to Kustomer search criteria. Never throws, on any string: every problem is a diagnostic —
 * syntax (KQ1xxx), names, kinds and values (KQ2xxx, all reported at once, and only when the syntax is valid),
 * and shapes Kustomer's criteria cannot hold (KQ3xxx). A compiler bug is reported as KQ9001, not thrown.
 *
 * Example: `compile('conversation_status:done AND customer_updated_at>=2016-06-24 sort:customer_name')` gives
 * `{queryContext: "customer", and: [{conversation_status: {equals: "done"}}, {customer_updated_at: {gte:
 * "2016-06-24"}}], sort: [{customer_name: "asc"}]}` plus a KQ2015 info saying why the context is `customer`.
 */
export function compile(text: string, opts: CompileOptions = {}): CompileResult {
  const run = runPipeline(text, opts);
  return run.criteria ? { criteria: run.criteria, diagnostics: run.diagnostics, ast: run.ast } : { diagnostics: run.diagnostics, ast: run.ast };
}

/**
 * The error {@link compileOrThrow} throws: `message` is the rendered code frames (no colour); `diagnostics` and
 * `text` are the data behind them.
 */
export class QueryError extends Error {
  override readonly name = 'QueryError';
  constructor(
    readonly text: string,
    readonly diagnostics: readonly Diagnostic[],
  ) {
    super(codeFrames(text, diagnostics.filter((d) => d.severity === 'error')));
  }
}

/**
 * Like {@link compile}, but returns the criteria directly and throws a {@link QueryError} (carrying all
 * diagnostics) when the query has errors. Warnings and infos are dropped.
 */
export function compileOrThrow(text: string, opts: CompileOptions = {}): Criteria {
  const result = compile(text, opts);
  if (!result.criteria) throw new QueryError(text, result.diagnostics);
  return result.criteria;
}
