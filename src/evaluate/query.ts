/**
 * The direct meaning of a parsed query on a record, read from the language's definition (README, "The language"),
 * not from the compiler: this module never calls the lowering (src/lowering) or the emitter (src/emit), so that
 * comparing it with `evaluate(compile(q).criteria)` tests every rewrite the compiler makes (De Morgan, merging ORs
 * into `in`, whole days as two bounds, `!=` and `has:` as negations, the fit into `and`/`or`/`not`).
 *
 * It shares the checker (`analyze`: the resolved fields, the typed values with relative dates resolved, the
 * context, the time zone) and the meaning of single comparisons (atoms.ts), which is the target's, not the
 * compiler's. What each construct means:
 *
 * | query | meaning |
 * |---|---|
 * | `f:v` | the field's natural match: contains on text and full-text fields; on a datetime, a day means some value of f falls in that whole local day, an instant means that instant; equals on every other kind |
 * | `f=v` `f~v` | equals, contains |
 * | `f!=v` | not (f equals v): a record without f is "not equal" |
 * | `f>v` `f>=v` `f<v` `f<=v` | the ordered comparison (a day rounds as date math does: after its end, from its start, before its start, through its end) |
 * | `f:a..b`, `[a TO b}`, `a..*` … | some value of f lies in the range: it meets both bounds (a missing bound holds) |
 * | `f:(a OR b)`, `f:a,b` | some value matches under the operator; with `!=`, none is equal |
 * | `f:*`, `has:f` | f has a value; `-f:*`, `no:f` its negation |
 * | word, `"phrase"` | `any_text` contains it |
 * | `a AND b`, `a OR b`, `NOT a` | both, either, not |
 * | `sort:`, `context:`, `tz:` | nothing about the record: they set the order, the object type searched, the zone |
 *
 * A field may hold several values: a list, or — in a search across objects — the attribute of each related object
 * (a customer's conversations' `conversation_created_at`, kustomer-search-api.md §1.2). A comparison asks whether
 * some value meets it; a range, and a whole day, ask whether one value lies within both bounds. The criteria can only
 * state a day or a range as two criteria (§1.2), each of which another value may meet, so on such a field the
 * compiled body can match where the query does not (`f:2024-01-01` on a record with values on 2023-12-31 and
 * 2024-01-02). The differential tests check the compiler on every one-value-per-field projection of such records
 * and show that difference on an example.
 *
 * A record is searched only in the query's context (record.ts `inContext`).
 */
import { analyze } from '../check/check.js';
import { catalogFor } from '../schema/catalogFor.js';
import { diagnostic } from '../diagnostics/diagnostic.js';
import { maxDepthCeiling } from '../options.js';
import type { CheckedQuery, TypedValue } from '../check/context.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { CompileOptions } from '../options.js';
import { resolveField, type FieldCatalog, type FieldInfo } from '../schema/index.js';
import type * as A from '../syntax/ast.js';
import { buildAtom, isSet, type AtomContext, type AtomOperator, type AtomTest } from './atoms.js';
import { QueryEvaluationError } from './errors.js';
import { fieldElements, inContext, isRecord } from './record.js';

/**
 * A query ready to evaluate many records: `queryContext` and `timeZone` (canonical IANA zone; `UTC` when the query
 * sets none) as the checker settled them, and `matches(record)`, the query's meaning on one record (anything that is
 * not a JSON object matches nothing).
 */
export interface PreparedQuery {
  readonly queryContext: string;
  readonly timeZone: string;
  matches(record: unknown): boolean;
}

/** The result of {@link prepareQuery}: the prepared query, or the checker's diagnostics when it found errors. */
export type QueryPreparation =
  | { readonly ok: true; readonly prepared: PreparedQuery }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** A record test. (Where a node says nothing about records — a directive — `meaning` gives `null` instead.) */
type Matcher = (record: object) => boolean;

/** Thrown internally when the checker left a node without its field or value (only possible after errors). */
class Unchecked extends Error {}

/**
 * Prepares a parsed query (or one already checked with `analyze`, reused as is) for evaluation. `opts` are the
 * compile options (`now`, `timeZone`, `queryContext`, `customAttributes`) and must be those the query is checked
 * with. Never throws; a query the checker finds errors in gives its diagnostics, and input that is no query gives
 * one diagnostic saying what was expected: text, `null` or another object (KQ5002 "Expected a parsed query …", and
 * for text: parse it first), a tree deeper than {@link maxQueryDepth} (KQ1014, checked without recursion), or a
 * tree the checker cannot read (KQ5002).
 */
export function prepareQuery(query: A.Query | CheckedQuery, opts: CompileOptions = {}): QueryPreparation {
  try {
    return prepareChecked(query, opts ?? {});
  } catch (e) {
    // A hand-built tree the checker cannot read (a missing part, a getter or Proxy that throws).
    let text: string;
    try {
      text = e instanceof Error ? e.message : String(e);
    } catch {
      text = 'an unreadable error';
    }
    return { ok: false, diagnostics: [notAQuery(`a query syntax tree the checker can read (it threw: ${text.slice(0, 200)})`, 'this tree')] };
  }
}

/**
 * How deep a syntax tree given to {@link prepareQuery} may be, in nodes from the `Query` down: twice the parser's
 * highest nesting limit (`maxDepthCeiling`, 500: a level of parentheses or negation makes at most two nodes), so
 * every tree `parse` returns fits; a deeper hand-built tree is refused (KQ1014) before anything recurses into it.
 */
export const maxQueryDepth = 2 * maxDepthCeiling;

const expressionKinds: ReadonlySet<string> = new Set(['And', 'Or', 'Not', 'Comparison', 'List', 'Range', 'Exists', 'Text', 'Sort', 'Context', 'TimeZone']);

/** A diagnostic for input that is not what {@link prepareQuery} takes (KQ5002, "Expected …, found …"). */
function notAQuery(expected: string, found: string): Diagnostic {
  return diagnostic('UnexpectedValue', { start: 0, end: 0 }, { expected, found });
}

function describeInput(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return `a string ('${v.length > 40 ? `${v.slice(0, 40)}…` : v}': parse it first, parse(text).ast)`;
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object that is neither' : `a ${typeof v}`;
}

/**
 * Checks, without recursion, that `root` is a `Query` node whose expressions have known kinds and that it is at most
 * {@link maxQueryDepth} nodes deep. Returns the diagnostic for the first thing wrong, or `undefined`.
 */
function shapeProblem(root: unknown): Diagnostic | undefined {
  const expected = 'a parsed query (parse(text).ast) or a CheckedQuery (analyze(ast, opts))';
  if (!isRecord(root) || (root as { kind?: unknown }).kind !== 'Query') return notAQuery(expected, describeInput(root));
  const stack: [node: unknown, depth: number][] = [];
  const body = (root as { body?: unknown }).body;
  if (body !== null) stack.push([body, 2]);
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > maxQueryDepth) {
      return diagnostic('TooDeep', { start: 0, end: 0 }, { max: maxQueryDepth, situation: 'tree' });
    }
    const kind = isRecord(node) ? (node as { kind?: unknown }).kind : undefined;
    if (typeof kind !== 'string' || !expressionKinds.has(kind)) return notAQuery('an expression node (And, Or, Not, Comparison, …) in the query tree', describeInput(node));
    if (kind === 'And' || kind === 'Or') {
      const operands = (node as { operands?: unknown }).operands;
      if (!Array.isArray(operands)) return notAQuery(`the operands of ${kind} as an array`, describeInput(operands));
      for (const o of operands) stack.push([o, depth + 1]);
    } else if (kind === 'Not') stack.push([(node as { operand?: unknown }).operand, depth + 1]);
  }
  return undefined;
}

function prepareChecked(query: A.Query | CheckedQuery, opts: CompileOptions): QueryPreparation {
  const given = query as unknown;
  const isChecked = isRecord(given) && 'fieldOf' in given;
  const problem = shapeProblem(isChecked ? (given as { ast?: unknown }).ast : given);
  if (problem) return { ok: false, diagnostics: [problem] };
  const checked = isChecked ? (query as CheckedQuery) : analyze(query as A.Query, opts);
  if (checked.diagnostics.some((d) => d.severity === 'error')) return { ok: false, diagnostics: checked.diagnostics };
  const { catalog } = catalogFor(opts);
  const ctx: AtomContext = { timeZone: checked.timeZone ?? 'UTC' };
  let body: Matcher | null;
  try {
    body = checked.ast.body ? meaning(checked.ast.body, checked, catalog, ctx) : null;
  } catch (e) {
    if (!(e instanceof Unchecked)) throw e;
    return {
      ok: false,
      diagnostics: [...checked.diagnostics, diagnostic('InternalError', { start: 0, end: 0 }, { error: e.message, report: 'query' })],
    };
  }
  const queryContext = checked.queryContext;
  return {
    ok: true,
    prepared: {
      queryContext,
      timeZone: ctx.timeZone,
      matches: (record) => isRecord(record) && inContext(record, queryContext) && (body === null || body(record)),
    },
  };
}

/**
 * True when `record` matches the query (see the module comment). `query` is a parsed query, or a `CheckedQuery`
 * from `analyze(ast, opts)` — pass that to evaluate many records without checking the query again. `opts` as for
 * `compile`.
 *
 * Throws a {@link QueryEvaluationError} carrying the diagnostics when the query has errors or `query` is not a
 * query (see {@link prepareQuery}: text, `null`, a tree too deep).
 */
export function evaluateQuery(query: A.Query | CheckedQuery, record: unknown, opts: CompileOptions = {}): boolean {
  const p = prepareQuery(query, opts);
  if (!p.ok) throw new QueryEvaluationError(p.diagnostics);
  return p.prepared.matches(record);
}

/** The meaning of one expression, or `null` for one that says nothing about records. Depth is the parser's. */
function meaning(node: A.Expression, checked: CheckedQuery, catalog: FieldCatalog, ctx: AtomContext): Matcher | null {
  const fieldOf = (name: A.Name): FieldInfo => {
    const f = checked.fieldOf.get(name);
    if (f === undefined) throw new Unchecked(`field '${name.value}' was not resolved`);
    return f;
  };
  const operandOf = (value: A.Value): unknown => {
    const t: TypedValue | undefined = checked.valueOf.get(value);
    if (t === undefined) throw new Unchecked(`value '${value.value}' was not checked`);
    if (t.type === 'json') return t.value;
    return t.date.kind === 'day' ? t.date.day : t.date.iso;
  };
  /** "field <operator> operand" as a test of the field's elements. */
  const test = (field: FieldInfo, operator: AtomOperator, operand: unknown): AtomTest => {
    const built = buildAtom(field.kind, operator, operand, ctx);
    if (!built.ok) throw new Unchecked(`${field.name}: ${built.message}`);
    return built.test;
  };
  /** "field <operator> operand" as a record test. */
  const atom = (field: FieldInfo, operator: AtomOperator, operand: unknown): Matcher => {
    const t = test(field, operator, operand);
    return (record) => t(fieldElements(record, field, catalog));
  };
  /** One value under a comparison operator (`!=` included). */
  const one = (field: FieldInfo, operator: A.ComparisonOperator, value: A.Value): Matcher => {
    const operand = operandOf(value);
    switch (operator) {
      case ':':
        return atom(field, naturalOperator(field), operand);
      case '=':
        return atom(field, 'equals', operand);
      case '~':
        return atom(field, 'contains', operand);
      case '!=': {
        const equal = atom(field, 'equals', operand);
        return (record) => !equal(record);
      }
      case '>':
        return atom(field, 'gt', operand);
      case '>=':
        return atom(field, 'gte', operand);
      case '<':
        return atom(field, 'lt', operand);
      case '<=':
        return atom(field, 'lte', operand);
    }
  };

  switch (node.kind) {
    case 'And': {
      const parts = node.operands.map((n) => meaning(n, checked, catalog, ctx)).filter((m): m is Matcher => m !== null);
      return parts.length === 0 ? null : (record) => parts.every((m) => m(record));
    }
    case 'Or': {
      const parts = node.operands.map((n) => meaning(n, checked, catalog, ctx)).filter((m): m is Matcher => m !== null);
      return parts.length === 0 ? null : (record) => parts.some((m) => m(record));
    }
    case 'Not': {
      const inner = meaning(node.operand, checked, catalog, ctx);
      return inner === null ? null : (record) => !inner(record);
    }
    case 'Comparison':
      return one(fieldOf(node.field), node.operator, node.value);
    case 'List': {
      const field = fieldOf(node.field);
      if (node.operator === '!=') {
        const equal = node.values.map((v) => one(field, '=', v));
        return (record) => !equal.some((m) => m(record));
      }
      const operator = node.operator;
      const any = node.values.map((v) => one(field, operator, v));
      return (record) => any.some((m) => m(record));
    }
    case 'Range': {
      // One value lies in the range: both bounds hold for the same element.
      const field = fieldOf(node.field);
      const bounds: AtomTest[] = [];
      if (node.lower) bounds.push(test(field, node.lowerInclusive ? 'gte' : 'gt', operandOf(node.lower)));
      if (node.upper) bounds.push(test(field, node.upperInclusive ? 'lte' : 'lt', operandOf(node.upper)));
      return (record) => fieldElements(record, field, catalog).some((e) => bounds.every((t) => t([e])));
    }
    case 'Exists': {
      const field = fieldOf(node.field);
      return (record) => isSet(field.kind, fieldElements(record, field, catalog));
    }
    case 'Text': {
      const r = resolveField(catalog, 'any_text');
      if (!r.ok) throw new Unchecked('any_text is not in the catalogue');
      return atom(r.field, 'contains', node.value);
    }
    case 'Sort':
    case 'Context':
    case 'TimeZone':
      return null;
  }
}

/**
 * What `:` means on a field (README, "The language"): `contains` on text and full-text fields, `equals` on every
 * other kind — on a datetime, `equals` of a day is the whole local day and of an instant that instant (atoms.ts).
 */
function naturalOperator(field: FieldInfo): AtomOperator {
  return field.kind === 'text' || field.kind === 'any' ? 'contains' : 'equals';
}
