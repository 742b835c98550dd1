/**
 * `check`: type-checks a parsed query against Kustomer's field schema and naming rules, reporting every problem
 * at once. Runs the rules in rules/ in one traversal, after settling the query's context, time zone and clock.
 */
import { resolveClock, resolveTimeZone } from '../dates/index.js';
import { diagnostic, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { CompileOptions } from '../options.js';
import { resolveLimits } from '../options.js';
import {
  contextSuggestions,
  createCatalog,
  isValidContext,
  resolveField,
  type FieldInfo,
  type ResolveResult,
} from '../schema/fields.js';
import { capDiagnostics } from '../syntax/parse.js';
import { walk, type Node, type Query, type Span } from '../syntax/ast.js';
import type * as A from '../syntax/ast.js';
import type { CheckContext, CheckedQuery, Rule, SortKey, TypedValue, Visitor } from './context.js';
import { DirectivePlacementRule } from './rules/directivePlacementRule.js';
import { EmptyQueryRule } from './rules/emptyQueryRule.js';
import { FieldNamesRule } from './rules/fieldNamesRule.js';
import { OperatorKindRule } from './rules/operatorKindRule.js';
import { RangeBoundsRule } from './rules/rangeBoundsRule.js';
import { SortKeysRule } from './rules/sortKeysRule.js';
import { ValuesRule } from './rules/valuesRule.js';

/** The rules, in the order their diagnostics are produced for one node. */
export const specifiedRules: readonly Rule[] = [
  FieldNamesRule,
  OperatorKindRule,
  ValuesRule,
  RangeBoundsRule,
  DirectivePlacementRule,
  SortKeysRule,
  EmptyQueryRule,
];

const catalogCache = new WeakMap<readonly unknown[], ReturnType<typeof createCatalog>>();

/** The field catalogue for `opts` (cached per `customAttributes` array). */
export function catalogFor(opts: CompileOptions): ReturnType<typeof createCatalog> {
  const list = opts.customAttributes;
  if (list === undefined || list === null || typeof list !== 'object') return createCatalog(undefined);
  let hit = catalogCache.get(list);
  if (!hit) {
    hit = createCatalog(list);
    catalogCache.set(list, hit);
  }
  return hit;
}

const noSpan: Span = { start: 0, end: 0 };

/** The single value all directives of one kind agree on, reporting conflicts (KQ2013). */
function directiveValue(
  nodes: readonly (A.Context | A.TimeZone)[],
  name: string,
  canonical: (v: string) => string,
  report: (d: Diagnostic) => void,
): A.Context | A.TimeZone | null {
  let first: A.Context | A.TimeZone | null = null;
  for (const n of nodes) {
    if (!first) first = n;
    else if (canonical(n.value.value) !== canonical(first.value.value)) {
      report(
        diagnostic('ConflictingDirective', n.span, [name, first.value.value, n.value.value], {
          help: `Keep one ${name}: directive.`,
        }),
      );
    }
  }
  return first;
}

/**
 * Checks `ast` and returns everything the lowering needs (see {@link CheckedQuery}). Diagnostics come back
 * ordered by position and capped at `opts.maxDiagnostics`. Never throws.
 *
 * Reports: KQ2001–KQ2019 (see the catalogue). Invalid options are reported at offset 0: an unknown
 * `queryContext` (KQ2010), `timeZone` (KQ2009), or clock (KQ2008), and bad custom attribute definitions (KQ2019).
 */
export function analyze(ast: Query, opts: CompileOptions = {}): CheckedQuery {
  opts ??= {};
  const diagnostics: Diagnostic[] = [];
  const report = (d: Diagnostic) => diagnostics.push(d);
  const { catalog, problems } = catalogFor(opts);
  for (const p of problems) report(diagnostic('InvalidCustomAttributeDefinition', noSpan, [p.name, p.message]));

  // Collect directives and field names in one pass.
  const contexts: A.Context[] = [];
  const zones: A.TimeZone[] = [];
  const termNames: A.Name[] = [];
  walk(ast, (node) => {
    switch (node.kind) {
      case 'Context':
        contexts.push(node);
        break;
      case 'TimeZone':
        zones.push(node);
        break;
      case 'Comparison':
      case 'Range':
      case 'List':
      case 'Exists':
        termNames.push(node.field);
        break;
    }
  });

  // The clock.
  const clock = resolveClock(opts.now);
  if (!clock.ok) report(diagnostic('InvalidDate', noSpan, [String(opts.now), clock.message], { help: "The 'now' option takes a Date, epoch milliseconds or an ISO-8601 instant." }));
  const nowMs = clock.ok ? clock.epochMs : Date.now();

  // The time zone: the tz: directive, else the option.
  let timeZone: string | null = null;
  const zoneNode = directiveValue(zones, 'tz', (v) => { const r = resolveTimeZone(v); return r.ok ? r.zone : v; }, report);
  const zoneText = zoneNode ? zoneNode.value.value : opts.timeZone;
  if (zoneText !== undefined) {
    const r = resolveTimeZone(String(zoneText));
    const at = zoneNode ? zoneNode.value.span : noSpan;
    if (!r.ok) report(diagnostic('InvalidTimeZone', at, [String(zoneText)], { help: 'Time zones are IANA names: America/New_York, Europe/Paris, UTC.' }));
    else {
      timeZone = r.zone;
      if (r.zone !== zoneText) report(diagnostic('TimeZoneCase', at, [String(zoneText), r.zone], { suggestions: [r.zone] }));
    }
  }

  // Field names.
  const resolved = new Map<A.Name, ResolveResult>();
  const fieldOf = new Map<A.Name, FieldInfo>();
  for (const name of termNames) {
    const r = resolveField(catalog, name.value);
    resolved.set(name, r);
    if (r.ok) fieldOf.set(name, r.field);
  }

  // The context: the directive, else the option, else the one context all fields share, else customer.
  let queryContext = 'customer';
  let inferred: Set<string> | null = null;
  const contextNode = directiveValue(contexts, 'context', (v) => v, report);
  const contextText = contextNode ? contextNode.value.value : opts.queryContext;
  if (contextText !== undefined) {
    const at = contextNode ? contextNode.value.span : noSpan;
    if (isValidContext(String(contextText))) queryContext = String(contextText);
    else {
      report(
        diagnostic('UnknownContext', at, [String(contextText)], {
          help: 'Contexts: customer, conversation, message, company, note, kobject, kobject_<klass>.',
          suggestions: contextSuggestions(String(contextText), catalog),
        }),
      );
    }
  } else {
    const shared = new Set<string>();
    for (const f of fieldOf.values()) if (f.context) shared.add(f.context);
    // The standard kobject_* attributes belong to every klass: with one klass in play, they fit it.
    if (shared.has('kobject') && [...shared].filter((c) => c.startsWith('kobject_')).length === 1) shared.delete('kobject');
    if (shared.size === 1) queryContext = [...shared][0]!;
    inferred = shared;
  }

  const sort: SortKey[] = [];
  const valueOf = new Map<A.Value, TypedValue>();
  const ctx: CheckContext = { ast, catalog, queryContext, timeZone, nowMs, resolved, fieldOf, valueOf, sort, report };
  runRules(ast, specifiedRules.map((rule) => rule(ctx)));

  // Say which context was chosen, when the query did not say and is otherwise fine.
  if (inferred && !diagnostics.some((d) => d.severity === 'error')) {
    const whole = { start: 0, end: ast.span.end };
    if (inferred.size === 1) {
      report(
        diagnostic('ContextChosen', whole, [queryContext, `every field is a ${queryContext} attribute`], {
          help: `Add context:${queryContext} to say so, or context:<type> to search another type.`,
        }),
      );
    } else {
      const why = inferred.size > 1 ? `the default; the fields belong to ${[...inferred].sort().join(', ')}` : 'the default';
      report(
        diagnostic('ContextChosen', whole, ['customer', why], {
          help: 'Add context:<type> to choose: customer, conversation, message, company, note, kobject.',
        }),
      );
    }
  }

  const limits = resolveLimits(opts);
  return {
    ast,
    diagnostics: capDiagnostics(sortDiagnostics(diagnostics), limits.maxDiagnostics),
    queryContext,
    timeZone,
    nowMs,
    sort,
    fieldOf,
    valueOf,
  };
}

/** Runs visitors over the tree in one pre-order traversal (no recursion). */
function runRules(ast: Query, visitors: readonly Visitor[]): void {
  walk(ast, (node: Node, parent) => {
    for (const v of visitors) {
      const handler = v[node.kind] as ((n: Node, p: Node | null) => void) | undefined;
      handler?.(node, parent);
    }
  });
}

/**
 * Type-checks a parsed query against the standard-field schema, the custom attribute naming rules and the org's
 * custom attributes (`opts.customAttributes`); returns every diagnostic at once, ordered by position. Never throws.
 * See {@link analyze} for the codes.
 */
export function check(ast: Query, opts: CompileOptions = {}): Diagnostic[] {
  return analyze(ast, opts).diagnostics;
}

