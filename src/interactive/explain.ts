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
 * date it resolved to: "on or after now-7d/d (17 June 2024, UTC)" — tied to the criterion each came from, not to
 * its attribute and value. See criteriaInWords.ts for the phrasing.
 */
import { analyze, catalogFor } from '../check/check.js';
import { compile } from '../compile.js';
import { isRelativeDateSyntax } from '../dates/index.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnosticLine } from '../diagnostics/codeFrame.js';
import type { Criteria } from '../emit/criteria.js';
import type { LNode, Scalar } from '../lowering/ir.js';
import { lower } from '../lowering/lower.js';
import { normalize } from '../lowering/normalize.js';
import { shape } from '../lowering/shape.js';
import type { CompileOptions } from '../options.js';
import { walk, type Query, type Span, type Value } from '../syntax/ast.js';
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

/** A relative date as written, where it was written, and the value it resolved to. */
interface RelativeSource {
  readonly expression: string;
  /** The emitted value: `YYYY-MM-DD` for a day, a UTC ISO instant. */
  readonly value: string;
  /** For a range bound: which bound (its criterion is `gt`/`gte` for the lower one, `lt`/`lte` for the upper one). */
  readonly side?: 'lower' | 'upper';
}

const spanKey = (span: Span) => `${span.start}:${span.end}`;

/**
 * The relative date expressions of a checked query by the span the lowering gives their criteria: a comparison's
 * span (`created>=today`), a list value's span (`created:(now OR now-1h)`), a range's span with the bound's side.
 */
function relativeSources(ast: Query, opts: CompileOptions): Map<string, RelativeSource[]> {
  const out = new Map<string, RelativeSource[]>();
  const checked = analyze(ast, opts);
  const add = (span: Span, v: Value | null, side?: 'lower' | 'upper') => {
    const typed = v ? checked.valueOf.get(v) : undefined;
    if (typed?.type !== 'date' || typed.date.relative === undefined) return;
    const value = typed.date.kind === 'day' ? typed.date.day : typed.date.iso;
    const key = spanKey(span);
    const list = out.get(key) ?? [];
    list.push({ expression: typed.date.relative, value, ...(side ? { side } : {}) });
    out.set(key, list);
  };
  walk(ast, (node) => {
    if (node.kind === 'Comparison') add(node.span, node.value);
    else if (node.kind === 'List') for (const v of node.values) add(v.span, v);
    else if (node.kind === 'Range') {
      add(node.span, node.lower, 'lower');
      add(node.span, node.upper, 'upper');
    }
  });
  return out;
}

function sameValue(a: unknown, b: Scalar | readonly Scalar[]): boolean {
  if (!Array.isArray(b)) return a === b;
  return Array.isArray(a) && a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Which criterion of `criteria` came from which relative date expression, keyed by the criterion object itself (the
 * `{attribute: {operator: value}}` item of the body). The query is lowered again (check, lower, normalize, shape:
 * what compile did) and the lowered tree is walked alongside the emitted body, so each criterion is tied to the term
 * it came from — never looked up by attribute and value, so a literal `2026-11-30` is never labelled with the
 * `today` of another term. A criterion gets an expression only when its value is the one the expression resolved to
 * (the `lt` next day of `created:today` does not). If the two walks ever disagree, no criterion gets one.
 */
function relativeDates(ast: Query, opts: CompileOptions, criteria: Criteria): Map<object, string> {
  try {
    return relativeCriteria(ast, opts, criteria);
  } catch {
    return new Map(); // defensive: the reading goes on without expressions rather than fail
  }
}

function relativeCriteria(ast: Query, opts: CompileOptions, criteria: Criteria): Map<object, string> {
  const out = new Map<object, string>();
  let any = false;
  walk(ast, (node) => {
    if (node.kind === 'Value' && isRelativeDateSyntax(node.value)) any = true;
  });
  if (!any) return out;
  const sources = relativeSources(ast, opts);
  const lowered = lower(analyze(ast, opts));
  const shaped = shape(lowered ? normalize(lowered) : null, opts.nested === true).shaped;
  if (!shaped) return out;
  const pair = (node: LNode, item: unknown): boolean => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return false;
    const record = item as Record<string, unknown>;
    if (node.kind === 'atom') {
      const inner = Object.hasOwn(record, node.field) ? record[node.field] : undefined;
      if (inner === null || typeof inner !== 'object' || !Object.hasOwn(inner, node.op)) return false;
      if (!sameValue((inner as Record<string, unknown>)[node.op], node.value)) return false;
      const side = node.op === 'gt' || node.op === 'gte' ? 'lower' : node.op === 'lt' || node.op === 'lte' ? 'upper' : undefined;
      const found = (sources.get(spanKey(node.span)) ?? []).filter((s) => s.value === node.value && (s.side === undefined || s.side === side));
      const expressions = new Set(found.map((s) => s.expression));
      if (expressions.size === 1) out.set(item, [...expressions][0]!);
      return true;
    }
    const list = node.kind === 'not' ? [node.item] : node.items;
    const items = record[node.kind];
    return Array.isArray(items) && items.length === list.length && list.every((n, i) => pair(n, items[i]));
  };
  const arrays = [
    [shaped.and, criteria.and ?? []],
    [shaped.or, criteria.or ?? []],
    [shaped.not, criteria.not ?? []],
  ] as const;
  const ok = arrays.every(([nodes, items]) => nodes.length === items.length && nodes.every((n, i) => pair(n, items[i])));
  if (!ok) out.clear();
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
    const relative = relativeDates(result.ast, opts, result.criteria);
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
