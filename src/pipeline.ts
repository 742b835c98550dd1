/**
 * The compiler's one pipeline, internal: parse → check (check/check.ts `analyze`) → lower → normalize → shape →
 * emit, returning every stage, so that `compile` (compile.ts) and `explain` (interactive/explain.ts) run it once and
 * read what they need instead of re-running stages.
 */
import { analyze } from './check/check.js';
import type { CheckedQuery } from './check/context.js';
import { capDiagnostics, diagnostic, hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics/diagnostic.js';
import { Messages } from './diagnostics/catalogue.js';
import { emit, type Criteria, type Provenance } from './emit/criteria.js';
import type { LNode } from './lowering/ir.js';
import { lower } from './lowering/lower.js';
import { normalize } from './lowering/normalize.js';
import { shape, type Shaped } from './lowering/shape.js';
import { resolveLimits, type CompileOptions } from './options.js';
import type { Query } from './syntax/ast.js';
import { parse, type ParseResult } from './syntax/parse.js';

/** What {@link runPipeline} does beyond compiling. */
export interface PipelineOptions {
  /** Record where each emitted criterion came from (`provenance` in the result). Off by default: no cost then. */
  readonly provenance?: boolean;
}

/**
 * Every stage of one run, as far as it got (a stage that did not run is `null`):
 * - `parsed`: the parser's result (tokens, AST or `null`, syntax diagnostics);
 * - `ast`: `parsed.ast`, kept when a later stage fails;
 * - `checked`: the checker's result, when the syntax is valid;
 * - `lowered` / `normalized`: the lowered form before and after normalize (`null` also when the query has no
 *   criteria at all, e.g. `context:company`), when the check found no error;
 * - `shaped`: the three top-level arrays, when the query fits Kustomer's body (or `nested` is on);
 * - `criteria`: the body, exactly when there is no error diagnostic;
 * - `provenance`: with `{provenance: true}` and criteria, each criterion object of `criteria` to where it came from;
 * - `diagnostics`: what `compile` returns — sorted by position and capped at `opts.maxDiagnostics`; the KQ2015 note
 *   (which context was chosen) is dropped when the query cannot be shaped; a compiler bug is one KQ9001.
 */
export interface PipelineResult {
  readonly parsed: ParseResult | null;
  readonly ast: Query | null;
  readonly checked: CheckedQuery | null;
  readonly lowered: LNode | null;
  readonly normalized: LNode | null;
  readonly shaped: Shaped | null;
  readonly criteria?: Criteria;
  readonly provenance?: Provenance;
  readonly diagnostics: Diagnostic[];
}

/**
 * Runs the whole pipeline on `text` with the compile options `opts`. Never throws: an exception inside a stage (a
 * compiler bug) becomes a KQ9001 `InternalError` diagnostic at offset 0, with the stages that finished before it.
 */
export function runPipeline(text: string, opts: CompileOptions = {}, pipeline: PipelineOptions = {}): PipelineResult {
  opts ??= {};
  let parsed: ParseResult | null = null;
  let checked: CheckedQuery | null = null;
  let lowered: LNode | null = null;
  let normalized: LNode | null = null;
  try {
    parsed = parse(text, opts);
    const ast = parsed.ast;
    if (!ast) return stopped(parsed, null, null, null, parsed.diagnostics);
    checked = analyze(ast, opts);
    const diagnostics = parsed.diagnostics.length === 0 ? checked.diagnostics : [...parsed.diagnostics, ...checked.diagnostics];
    if (hasErrors(diagnostics)) return stopped(parsed, checked, null, null, finish(diagnostics, opts));
    lowered = lower(checked);
    normalized = lowered ? normalize(lowered) : null;
    const shaped = shape(normalized, opts.nested === true);
    if (!shaped.shaped) {
      // The query cannot be emitted: which context it would have searched is beside the point.
      const kept = diagnostics.filter((d) => d.code !== Messages.ContextChosen.code);
      return stopped(parsed, checked, lowered, normalized, finish([...kept, ...shaped.diagnostics], opts));
    }
    const provenance: Provenance | undefined = pipeline?.provenance === true ? new Map() : undefined;
    const criteria = emit(shaped.shaped, checked.queryContext, checked.sort, checked.timeZone, provenance);
    const done = { parsed, ast, checked, lowered, normalized, shaped: shaped.shaped, criteria, diagnostics: finish(diagnostics, opts) };
    return provenance ? { ...done, provenance } : done;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const internal = diagnostic('InternalError', { start: 0, end: 0 }, { error: message, report: 'query' });
    return stopped(parsed, checked, lowered, normalized, [internal]);
  }
}

/** The result of a run that stopped before emitting. */
function stopped(
  parsed: ParseResult | null,
  checked: CheckedQuery | null,
  lowered: LNode | null,
  normalized: LNode | null,
  diagnostics: Diagnostic[],
): PipelineResult {
  return { parsed, ast: parsed?.ast ?? null, checked, lowered, normalized, shaped: null, diagnostics };
}

function finish(diagnostics: Diagnostic[], opts: CompileOptions): Diagnostic[] {
  return capDiagnostics(sortDiagnostics(diagnostics), resolveLimits(opts).maxDiagnostics);
}
