/**
 * `check`: type-checks a parsed query against Kustomer's field schema and naming rules, reporting every problem
 * at once. Runs the rules in rules/ in one traversal, after settling the query's context, time zone and clock.
 */
import { capDiagnostics, diagnostic, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { CompileOptions } from '../options.js';
import { resolveLimits } from '../options.js';
import { catalogFor } from '../schema/catalogFor.js';
import { resolveField, type FieldInfo, type ResolveResult } from '../schema/index.js';
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
import { SplitValueRule } from './rules/splitValueRule.js';
import { QuoteCharactersRule } from './rules/quoteCharactersRule.js';
import { SplitDateTimeRule } from './rules/splitDateTimeRule.js';
import { SortDirectionWordRule } from './rules/sortDirectionWordRule.js';
import { InvisibleCharactersRule } from './rules/invisibleCharactersRule.js';
import { FixedOffsetZoneRule } from './rules/fixedOffsetZoneRule.js';
import { FieldContextRule } from './rules/fieldContextRule.js';
import { RelativeDateRule } from './rules/relativeDateRule.js';
import { resolveSettings, type DirectiveSetting } from './settings.js';

/** The field catalogue of a set of options (defined in schema/catalogFor.ts; re-exported for existing imports). */
export { catalogFor } from '../schema/catalogFor.js';

/** The rules, in the order their diagnostics are produced for one node. */
export const specifiedRules: readonly Rule[] = [
  FieldNamesRule,
  OperatorKindRule,
  ValuesRule,
  RangeBoundsRule,
  DirectivePlacementRule,
  SortKeysRule,
  EmptyQueryRule,
  SplitValueRule,
  QuoteCharactersRule,
  SplitDateTimeRule,
  SortDirectionWordRule,
  InvisibleCharactersRule,
  FixedOffsetZoneRule,
  FieldContextRule,
  RelativeDateRule,
];

const noSpan: Span = { start: 0, end: 0 };

/** A `context:` or `tz:` directive node as the settings resolver reads it. */
function directiveSetting(node: A.Context | A.TimeZone): DirectiveSetting {
  return { value: node.value.value, span: node.span, valueSpan: node.value.span };
}

/**
 * Checks `ast` and returns everything the lowering needs (see {@link CheckedQuery}). Diagnostics come back
 * ordered by position and capped at `opts.maxDiagnostics`. Never throws.
 *
 * Reports: KQ2001–KQ2030 (see the catalogue; KQ2021–KQ2028 are the warnings and notes of the rules after
 * EmptyQueryRule: written forms that likely mean something else, time zones, klasses, relative dates). Invalid options are reported at offset 0: an unknown
 * `queryContext` (KQ2010), `timeZone` (KQ2009), or clock (KQ2008), and bad custom attribute definitions (KQ2019).
 */
export function analyze(ast: Query, opts: CompileOptions = {}): CheckedQuery {
  opts ??= {};
  const diagnostics: Diagnostic[] = [];
  const report = (d: Diagnostic) => diagnostics.push(d);
  const { catalog, problems } = catalogFor(opts);
  for (const p of problems) report(diagnostic('InvalidCustomAttributeDefinition', noSpan, { name: p.name, problem: p.message }));

  // Collect directives and field names in one pass.
  const contexts: DirectiveSetting[] = [];
  const zones: DirectiveSetting[] = [];
  const termNames: A.Name[] = [];
  walk(ast, (node) => {
    switch (node.kind) {
      case 'Context':
        contexts.push(directiveSetting(node));
        break;
      case 'TimeZone':
        zones.push(directiveSetting(node));
        break;
      case 'Comparison':
      case 'Range':
      case 'List':
      case 'Exists':
        termNames.push(node.field);
        break;
    }
  });

  // Field names.
  const resolved = new Map<A.Name, ResolveResult>();
  const fieldOf = new Map<A.Name, FieldInfo>();
  const fieldContexts = new Set<string>();
  for (const name of termNames) {
    const r = resolveField(catalog, name.value);
    resolved.set(name, r);
    if (r.ok) {
      fieldOf.set(name, r.field);
      if (r.field.context) fieldContexts.add(r.field.context);
    }
  }

  // The clock, the time zone and the context.
  const settings = resolveSettings({ contexts, zones, fieldContexts }, opts);
  for (const p of settings.problems) report(p);
  const { queryContext, timeZone, nowMs } = settings;
  const inferred = settings.inferredFrom;

  const sort: SortKey[] = [];
  const valueOf = new Map<A.Value, TypedValue>();
  const ctx: CheckContext = { ast, catalog, queryContext, timeZone, nowMs, resolved, fieldOf, valueOf, sort, report };
  runRules(ast, specifiedRules.map((rule) => rule(ctx)));

  // Say which context was chosen, when the query did not say and is otherwise fine.
  if (inferred && !diagnostics.some((d) => d.severity === 'error')) {
    const whole = { start: 0, end: ast.span.end };
    if (inferred.size === 1) {
      report(
        diagnostic('ContextChosen', whole, { reason: 'inferred', context: queryContext }),
      );
    } else {
      const fieldContexts = inferred.size > 1 ? [...inferred].sort() : [];
      report(diagnostic('ContextChosen', whole, { reason: 'default', fieldContexts }));
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

