/**
 * `compile`: query text → Kustomer search criteria, through parse → check → lower → normalize → shape → emit.
 */
import { analyze } from './check/check.js';
import { capDiagnostics, diagnostic, hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics/diagnostic.js';
import { renderDiagnostics } from './diagnostics/render.js';
import { Messages } from './diagnostics/catalogue.js';
import type { Criteria } from './emit/criteria.js';
import { emit } from './emit/criteria.js';
import { lower } from './lowering/lower.js';
import { normalize } from './lowering/normalize.js';
import { shape } from './lowering/shape.js';
import type { CompileOptions } from './options.js';
import type { Query } from './syntax/ast.js';
import { parse } from './syntax/parse.js';
import { resolveLimits } from './options.js';

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
  let ast: Query | null = null;
  opts ??= {};
  try {
    const parsed = parse(text, opts);
    ast = parsed.ast;
    if (!ast) return { diagnostics: parsed.diagnostics, ast: null };
    const checked = analyze(ast, opts);
    const diagnostics = [...parsed.diagnostics, ...checked.diagnostics];
    if (hasErrors(diagnostics)) return { diagnostics: finish(diagnostics, opts), ast };
    const normalized = ((l) => (l ? normalize(l) : null))(lower(checked));
    const shaped = shape(normalized, opts.nested === true);
    if (!shaped.shaped) {
      // The query cannot be emitted: which context it would have searched is beside the point.
      const kept = diagnostics.filter((d) => d.code !== Messages.ContextChosen.code);
      return { diagnostics: finish([...kept, ...shaped.diagnostics], opts), ast };
    }
    const criteria = emit(shaped.shaped, checked.queryContext, checked.sort, checked.timeZone);
    return { criteria, diagnostics: finish(diagnostics, opts), ast };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return {
      diagnostics: [diagnostic('InternalError', { start: 0, end: 0 }, [message], { help: 'Please report this query.' })],
      ast,
    };
  }
}

function finish(diagnostics: Diagnostic[], opts: CompileOptions): Diagnostic[] {
  return capDiagnostics(sortDiagnostics(diagnostics), resolveLimits(opts).maxDiagnostics);
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
    super(renderDiagnostics(text, diagnostics.filter((d) => d.severity === 'error'), { color: false }));
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
