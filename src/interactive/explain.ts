/**
 * `explain`: a query read back in plain English, from the criteria it compiles to, so that a person can check a
 * saved query means what they think:
 *
 * `conversation_status:done customer_updated_at>=2016-06-24 tz:America/New_York sort:customer_name context:conversation`
 * → "conversations that are done, whose customer was updated on or after 24 June 2016 (America/New_York); sorted
 * by customer name, A→Z".
 *
 * The query is compiled (the pipeline, pipeline.ts, with provenance), so the reading is of exactly the body Kustomer
 * would get — after the rewrites (double negation, De Morgan, value lists merged into `in`) and with the context, time
 * zone and sort in force. The emitter records the AST value each criterion was written as, and the checker's typed
 * values say which values came from relative dates, so those show the expression and the date it resolved to: "on or
 * after now-7d/d (17 June 2024, UTC)" — tied to the criterion each came from, not to its attribute and value. See
 * criteriaInWords.ts for the phrasing.
 */
import type { CheckedQuery } from '../check/context.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnosticLine } from '../diagnostics/codeFrame.js';
import type { Criteria, Provenance } from '../emit/criteria.js';
import type { CompileOptions } from '../options.js';
import { runPipeline } from '../pipeline.js';
import { catalogFor } from '../schema/catalogFor.js';
import { lookupsFor } from '../schema/lookups/index.js';
import { criteriaInWords } from './criteriaInWords.js';

/**
 * The result of {@link explainQuery}: `text` (the reading) and `criteria` are present exactly when the query
 * compiles; `diagnostics` are compile's (errors, warnings and infos, UTF-16 spans).
 */
export interface Explanation {
  readonly text?: string;
  readonly criteria?: Criteria;
  readonly diagnostics: Diagnostic[];
}

/**
 * Which criteria of a body came from a relative date expression, keyed by the criterion object itself (the
 * `{attribute: {operator: value}}` item of the body), from the emitter's provenance: a criterion written as one value
 * that the checker resolved from a relative date (`today`, `now-7d/d`) gets the expression, when its value is the one
 * the expression resolved to (the `lt` next day of `created:today` does not). A literal `2026-11-30` is never
 * labelled with the `today` of another term: the label follows the value as written, not the attribute and value.
 */
function relativeDates(provenance: Provenance, checked: CheckedQuery): Map<object, string> {
  const out = new Map<object, string>();
  for (const [criterion, { origins }] of provenance) {
    const origin = origins.length === 1 ? origins[0]! : null;
    if (origin?.kind !== 'Value') continue;
    const typed = checked.valueOf.get(origin);
    if (typed?.type !== 'date' || typed.date.relative === undefined) continue;
    const resolved = typed.date.kind === 'day' ? typed.date.day : typed.date.iso;
    const operators = Object.values(criterion);
    if (operators.length === 1 && Object.values(operators[0]!).every((v) => v === resolved)) out.set(criterion, typed.date.relative);
  }
  return out;
}

/**
 * Compiles `text` with `opts` (the compile options: context, time zone, clock, custom attributes, nested) and reads
 * the criteria in English. Never throws; a query with errors gives no `text`, and its diagnostics.
 */
export function explainQuery(text: string, opts: CompileOptions = {}): Explanation {
  opts ??= {};
  const run = runPipeline(text, opts, { provenance: true });
  if (!run.criteria || !run.provenance || !run.checked) return { diagnostics: run.diagnostics };
  try {
    const relative = relativeDates(run.provenance, run.checked);
    const words = criteriaInWords(run.criteria, { catalog: catalogFor(opts).catalog, relative, lookups: lookupsFor(opts) });
    return { text: words, criteria: run.criteria, diagnostics: run.diagnostics };
  } catch (e) {
    // Defensive: the reading is built from a valid body and never fails; if it did, say so rather than throw.
    return { text: `(could not explain: ${e instanceof Error ? e.message : String(e)})`, criteria: run.criteria, diagnostics: run.diagnostics };
  }
}

/**
 * The query read back in plain English (see the module comment). When the query has errors the result says so and
 * lists them, one per line (`query:1:1: KQ2001 error: Unknown field 'x'.`), since a query with errors has no
 * meaning to explain. Never throws.
 */
export function explain(text: string, opts: CompileOptions = {}): string {
  const explanation = explainQuery(text, opts);
  if (explanation.text !== undefined) return explanation.text;
  const errors = explanation.diagnostics.filter((d) => d.severity === 'error');
  return ['The query has errors, so it cannot be explained:', ...errors.map((d) => `  ${formatDiagnosticLine(typeof text === 'string' ? text : String(text), d)}`)].join('\n');
}
