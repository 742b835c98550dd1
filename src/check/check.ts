/**
 * `check`: type-checks a parsed query against Kustomer's field schema and naming rules, reporting every problem
 * at once. Runs the rules in rules/ in one traversal, after settling the query's context, time zone and clock.
 */
import { capDiagnostics, diagnostic, hasErrors, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { CompileOptions } from '../options.js';
import { resolveLimits } from '../options.js';
import { catalogFor } from '../schema/catalogFor.js';
import { resolveField, type FieldInfo, type ResolveResult } from '../schema/index.js';
import { lookupsFor } from '../schema/lookups/index.js';
import { childrenOf, type Node, type Query, type Span } from '../syntax/ast.js';
import type * as A from '../syntax/ast.js';
import type { CheckContext, CheckedQuery, Rule, SortKey, TypedValue, Visitor } from './context.js';
import { DirectivePlacementRule } from './rules/directivePlacementRule.js';
import { EmptyQueryRule } from './rules/emptyQueryRule.js';
import { FieldNamesRule } from './rules/fieldNamesRule.js';
import { OperatorKindRule } from './rules/operatorKindRule.js';
import { RangeBoundsRule } from './rules/rangeBoundsRule.js';
import { ContradictoryBoundsRule } from './rules/contradictoryBoundsRule.js';
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


/**
 * The rules, in the order their diagnostics are produced for one node. A new rule is one line here (either shape of
 * {@link Rule}, see check/context.ts).
 */
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
  ContradictoryBoundsRule,
];

const noSpan: Span = { start: 0, end: 0 };

/** A `context:` or `tz:` directive node as the settings resolver reads it. */
function directiveSetting(node: A.Context | A.TimeZone): DirectiveSetting {
  return { value: node.value.value, span: node.span, valueSpan: node.value.span };
}

/** Term nodes, whose field name the checker resolves before the rules run. */
type FieldTerm = A.Comparison | A.Range | A.List | A.Exists;

/** What the first pass gathers: directives that set the query's context and time zone, and the terms' field names. */
interface Gathered {
  readonly contexts: DirectiveSetting[];
  readonly zones: DirectiveSetting[];
  readonly termNames: A.Name[];
}

/** The first pass: gathers into `out` from the expression `node` and below (recursion depth ≤ the parser's). */
function gather(node: A.Expression, out: Gathered): void {
  switch (node.kind) {
    case 'And':
    case 'Or':
      for (const o of node.operands) gather(o, out);
      return;
    case 'Not':
      gather(node.operand, out);
      return;
    case 'Context':
      out.contexts.push(directiveSetting(node));
      return;
    case 'TimeZone':
      out.zones.push(directiveSetting(node));
      return;
    case 'Comparison':
    case 'Range':
    case 'List':
    case 'Exists':
      out.termNames.push((node as FieldTerm).field);
      return;
    default:
      return;
  }
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
  const { catalog, problems } = catalogFor(opts);
  for (const p of problems) diagnostics.push(diagnostic('InvalidCustomAttributeDefinition', noSpan, { name: p.name, problem: p.message }));

  // Collect directives and field names in one pass.
  const gathered: Gathered = { contexts: [], zones: [], termNames: [] };
  if (ast.body) gather(ast.body, gathered);

  // Field names.
  const resolved = new Map<A.Name, ResolveResult>();
  const fieldOf = new Map<A.Name, FieldInfo>();
  const fieldContexts = new Set<string>();
  for (const name of gathered.termNames) {
    const r = resolveField(catalog, name.value);
    resolved.set(name, r);
    if (r.ok) {
      fieldOf.set(name, r.field);
      if (r.field.context) fieldContexts.add(r.field.context);
    }
  }

  // The clock, the time zone and the context.
  const settings = resolveSettings({ contexts: gathered.contexts, zones: gathered.zones, fieldContexts }, opts);
  for (const p of settings.problems) diagnostics.push(p);
  const { queryContext, timeZone, nowMs } = settings;
  const inferred = settings.inferredFrom;

  const sort: SortKey[] = [];
  const valueOf = new Map<A.Value, TypedValue>();
  const report = (d: Diagnostic) => void diagnostics.push(d);
  const ctx: CheckContext = { ast, catalog, queryContext, timeZone, nowMs, resolved, fieldOf, valueOf, sort, lookups: lookupsFor(opts), report };
  runRules(ast, ctx);

  // Say which context was chosen, when the query did not say and is otherwise fine.
  if (inferred && !hasErrors(diagnostics)) {
    const whole = { start: 0, end: ast.span.end };
    if (inferred.size === 1) {
      diagnostics.push(diagnostic('ContextChosen', whole, { reason: 'inferred', context: queryContext }));
    } else {
      const fieldContexts = inferred.size > 1 ? [...inferred].sort() : [];
      diagnostics.push(diagnostic('ContextChosen', whole, { reason: 'default', fieldContexts }));
    }
  }

  const limits = resolveLimits(opts);
  return {
    ast,
    diagnostics: capDiagnostics(diagnostics.length > 1 ? sortDiagnostics(diagnostics) : diagnostics, limits.maxDiagnostics),
    queryContext,
    timeZone,
    nowMs,
    sort,
    fieldOf,
    valueOf,
  };
}

/**
 * One step of the dispatch for a node kind: a {@link RuleDefinition}'s handler, or the index (into the visitors made
 * for this check) of a rule written as a function of the context.
 */
type Step = ((node: Node, parent: Node | null, ctx: CheckContext, index: number) => void) | number;

/** Every node kind, for the dispatch table. */
const nodeKinds: readonly (keyof A.NodeByKind)[] = [
  'Query', 'And', 'Or', 'Not', 'Comparison', 'Range', 'List', 'Exists', 'Text', 'Sort', 'Context', 'TimeZone', 'Name', 'Value',
];

/** The rules compiled into a table: for each node kind, the steps to run on it, in rule order. */
interface Dispatch {
  readonly steps: { readonly [K in keyof A.NodeByKind]: readonly Step[] };
  /** The rules written as functions of the context, in rule order (their steps hold indexes into this). */
  readonly factories: readonly ((ctx: CheckContext) => Visitor)[];
  /** True when some rule has a handler for `Name` or `Value` nodes, so the walk must visit them. */
  readonly leaves: boolean;
}

/** Builds the dispatch table of `rules` (done once, for {@link specifiedRules}). */
function compileRules(rules: readonly Rule[]): Dispatch {
  const factories: ((ctx: CheckContext) => Visitor)[] = [];
  const steps = Object.fromEntries(nodeKinds.map((k) => [k, [] as Step[]])) as Record<keyof A.NodeByKind, Step[]>;
  for (const rule of rules) {
    if (typeof rule === 'function') {
      const index = factories.push(rule) - 1;
      for (const k of nodeKinds) steps[k].push(index);
    } else {
      for (const k of nodeKinds) {
        const handler = rule.visit[k] as Step | undefined;
        if (handler) steps[k].push(handler);
      }
    }
  }
  return { steps, factories, leaves: steps.Name.length > 0 || steps.Value.length > 0 };
}

let dispatch: Dispatch | null = null;

/**
 * Runs the rules over the tree in one pre-order traversal, each node dispatched by its kind to the handlers that
 * take it (the table is built once). Rules written as functions of the context get their visitor made here, once per
 * check.
 */
function runRules(ast: Query, ctx: CheckContext): void {
  dispatch ??= compileRules(specifiedRules);
  const visitors = dispatch.factories.length === 0 ? noVisitors : dispatch.factories.map((f) => f(ctx));
  visit(ast, null, 0, ctx, dispatch, visitors);
}

const noVisitors: readonly Visitor[] = [];

/**
 * Runs the steps for `node` (operand `index` of `parent`, or 0), then visits its children in source order
 * (recursion depth ≤ the parser's). `Name` and `Value` leaves are visited only when some rule takes them.
 */
function visit(node: Node, parent: Node | null, index: number, ctx: CheckContext, d: Dispatch, visitors: readonly Visitor[]): void {
  const steps = d.steps[node.kind];
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    if (typeof step === 'number') {
      const handler = visitors[step]![node.kind] as ((n: Node, p: Node | null, index: number) => void) | undefined;
      if (handler) handler(node, parent, index);
    } else {
      step(node, parent, ctx, index);
    }
  }
  switch (node.kind) {
    case 'Query':
      if (node.body) visit(node.body, node, 0, ctx, d, visitors);
      return;
    case 'And':
    case 'Or': {
      const operands = node.operands;
      for (let k = 0; k < operands.length; k++) visit(operands[k]!, node, k, ctx, d, visitors);
      return;
    }
    case 'Not':
      visit(node.operand, node, 0, ctx, d, visitors);
      return;
    default:
      break;
  }
  if (!d.leaves) return;
  for (const child of childrenOf(node)) visit(child, node, 0, ctx, d, visitors);
}

/**
 * Type-checks a parsed query against the standard-field schema, the custom attribute naming rules and the org's
 * custom attributes (`opts.customAttributes`); returns every diagnostic at once, ordered by position. Never throws.
 * See {@link analyze} for the codes.
 */
export function check(ast: Query, opts: CompileOptions = {}): Diagnostic[] {
  return analyze(ast, opts).diagnostics;
}

