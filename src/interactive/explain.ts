/**
 * `explain`: a query read back in plain English, from the criteria it compiles to, so that a person can check a
 * saved query means what they think:
 *
 * `conversation_status:done customer_updated_at>=2016-06-24 tz:America/New_York sort:customer_name context:conversation`
 * → "conversations that are done, whose customer was updated on or after 24 June 2016 (America/New_York); sorted
 * by customer name, A→Z".
 *
 * The query is compiled (`compile`), so the reading is of exactly the body Kustomer would get — after the
 * rewrites (double negation, De Morgan, value lists merged into `in`) and with the context, time zone and sort in
 * force. The checker's typed values say which values came from relative dates, so those show the expression and the
 * date it resolved to: "on or after now-7d/d (17 June 2024, UTC)". See criteriaInWords.ts for the phrasing.
 */
import { analyze, catalogFor } from '../check/check.js';
import { compile } from '../compile.js';
import { isRelativeDateSyntax } from '../dates/index.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnosticLine } from '../diagnostics/render.js';
import type { Criteria } from '../emit/criteria.js';
import type { CompileOptions } from '../options.js';
import { walk, type Query, type Value } from '../syntax/ast.js';
import { criteriaInWords, relativeKey } from './criteriaInWords.js';

/**
 * The result of {@link explainQuery}: `text` (the reading) and `criteria` are present exactly when the query
 * compiles; `diagnostics` are compile's (errors, warnings and infos, UTF-16 spans).
 */
export interface Explanation {
  readonly text?: string;
  readonly criteria?: Criteria;
  readonly diagnostics: Diagnostic[];
}

/** The relative date expressions behind the values of a checked query, keyed by attribute and emitted value. */
function relativeDates(ast: Query, opts: CompileOptions): Map<string, string> {
  const out = new Map<string, string>();
  let any = false;
  walk(ast, (node) => {
    if (node.kind === 'Value' && isRelativeDateSyntax(node.value)) any = true;
  });
  if (!any) return out;
  const checked = analyze(ast, opts);
  walk(ast, (node) => {
    if (node.kind !== 'Comparison' && node.kind !== 'List' && node.kind !== 'Range') return;
    const field = checked.fieldOf.get(node.field);
    if (!field) return;
    const values: (Value | null)[] =
      node.kind === 'Comparison' ? [node.value] : node.kind === 'List' ? [...node.values] : [node.lower, node.upper];
    for (const v of values) {
      const typed = v ? checked.valueOf.get(v) : undefined;
      if (typed?.type !== 'date' || typed.date.relative === undefined) continue;
      const emitted = typed.date.kind === 'day' ? typed.date.day : typed.date.iso;
      const key = relativeKey(field.name, emitted);
      if (!out.has(key)) out.set(key, typed.date.relative);
    }
  });
  return out;
}

/**
 * Compiles `text` with `opts` (the compile options: context, time zone, clock, custom attributes, nested) and reads
 * the criteria in English. Never throws; a query with errors gives no `text`, and its diagnostics.
 */
export function explainQuery(text: string, opts: CompileOptions = {}): Explanation {
  opts ??= {};
  const result = compile(text, opts);
  if (!result.criteria || !result.ast) return { diagnostics: result.diagnostics };
  try {
    const relative = relativeDates(result.ast, opts);
    const words = criteriaInWords(result.criteria, { catalog: catalogFor(opts).catalog, relative });
    return { text: words, criteria: result.criteria, diagnostics: result.diagnostics };
  } catch (e) {
    // Defensive: the reading is built from a valid body and never fails; if it did, say so rather than throw.
    return { text: `(could not explain: ${e instanceof Error ? e.message : String(e)})`, criteria: result.criteria, diagnostics: result.diagnostics };
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
