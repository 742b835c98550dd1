/**
 * The settings a query is read in — its context, time zone and clock — from its directives, the contexts of its
 * fields and the options. One resolver for the checker (from the AST, check.ts) and for completion and describe
 * (from the scanned tokens of a partial query, interactive/settings.ts), so both read a query in the same context.
 *
 * Rules:
 * - the context: the first `context:`/`in:` directive, else `opts.queryContext`, else the one context all the
 *   query's fields share, else `customer` (Kustomer's default). The standard `kobject_*` attributes belong to every
 *   klass, so with exactly one `kobject_<klass>` context among the fields, `kobject` is dropped from the shared set
 *   (`kobject_created_at>2024-01-01 kobject_custom_order_totalNum>5` searches `kobject_order`);
 * - the time zone: the first `tz:` directive, else `opts.timeZone`, in canonical IANA spelling; none (`null`) when
 *   neither is given (Kustomer then reads local days in GMT);
 * - the clock: `opts.now` (a Date, epoch milliseconds or an ISO-8601 instant), else the real time.
 * A later directive that disagrees with the first is KQ2013; an unknown context KQ2010, an unknown zone KQ2009, a
 * zone in non-canonical case KQ2018 (a warning), an invalid clock KQ2008. Problems from options are at offset 0.
 */
import { resolveClock, resolveTimeZone, timeZoneHint } from '../dates/index.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { CompileOptions } from '../options.js';
import { catalogFor } from '../schema/catalogFor.js';
import { contextSuggestions, isUnknownKlassContext, isValidContext } from '../schema/index.js';
import type { Span } from '../syntax/ast.js';

/**
 * One `context:`/`in:` or `tz:` directive: `value` as decoded, `span` the whole directive (where a conflict is
 * reported), `valueSpan` its value (where an invalid value is reported). Spans are UTF-16 offsets into the text.
 */
export interface DirectiveSetting {
  readonly value: string;
  readonly span: Span;
  readonly valueSpan: Span;
}

/**
 * What {@link resolveSettings} reads from a query:
 * - `contexts` / `zones`: its `context:`/`in:` and `tz:` directives, in source order;
 * - `fieldContexts`: the contexts (`FieldInfo.context`) of the fields its terms name that resolved, sort keys
 *   excluded (they do not say what is searched).
 */
export interface SettingsInput {
  readonly contexts: readonly DirectiveSetting[];
  readonly zones: readonly DirectiveSetting[];
  readonly fieldContexts: Iterable<string>;
}

/**
 * The result of {@link resolveSettings}:
 * - `queryContext`: the context compile searches (see the module comment); `customer` when the given one is
 *   unknown (the query then has KQ2010 and does not compile);
 * - `contextGiven`: true when a directive or `opts.queryContext` gave the context (valid or not);
 * - `contextValid`: false only when the given context is unknown;
 * - `inferredFrom`: when the context was not given, the contexts the fields share after the `kobject` rule
 *   (`queryContext` is its one member when it has exactly one, else `customer`); `null` when it was given;
 * - `timeZone`: the canonical IANA zone, or `null` when none was given or the given one is unknown;
 * - `nowMs`: the clock, epoch milliseconds;
 * - `nested`: `opts.nested === true`;
 * - `problems`: the diagnostics above, in the order the checker reports them (clock, zone, context).
 */
export interface ResolvedSettings {
  readonly queryContext: string;
  readonly contextGiven: boolean;
  readonly contextValid: boolean;
  readonly inferredFrom: ReadonlySet<string> | null;
  readonly timeZone: string | null;
  readonly nowMs: number;
  readonly nested: boolean;
  readonly problems: readonly Diagnostic[];
}

const noSpan: Span = { start: 0, end: 0 };

/** The first of `directives`, reporting every later one whose canonical value differs from it (KQ2013). */
function firstDirective(
  directives: readonly DirectiveSetting[],
  name: string,
  canonical: (v: string) => string,
  report: (d: Diagnostic) => void,
): DirectiveSetting | null {
  const first = directives[0];
  if (first === undefined) return null;
  for (let i = 1; i < directives.length; i++) {
    const n = directives[i]!;
    if (canonical(n.value) !== canonical(first.value)) {
      report(diagnostic('ConflictingDirective', n.span, { directive: name, first: first.value, second: n.value }));
    }
  }
  return first;
}

/**
 * The context, time zone and clock of a query (see the module comment for the rules and the codes reported).
 * Never throws, whatever `opts` holds at run time.
 */
export function resolveSettings(input: SettingsInput, opts: CompileOptions): ResolvedSettings {
  const problems: Diagnostic[] = [];
  const report = (d: Diagnostic) => problems.push(d);

  // The clock.
  const clock = resolveClock(opts.now);
  if (!clock.ok) {
    report(diagnostic('InvalidDate', noSpan, { value: String(opts.now), problem: clock, clock: true }));
  }
  const nowMs = clock.ok ? clock.epochMs : Date.now();

  // The time zone: the tz: directive, else the option.
  let timeZone: string | null = null;
  const zoneCanonical = (v: string) => {
    const r = resolveTimeZone(v);
    return r.ok ? r.zone : v;
  };
  const zoneNode = firstDirective(input.zones, 'tz', zoneCanonical, report);
  const zoneText = zoneNode ? zoneNode.value : opts.timeZone;
  if (zoneText !== undefined) {
    const r = resolveTimeZone(String(zoneText));
    const at = zoneNode ? zoneNode.valueSpan : noSpan;
    if (!r.ok) {
      const hint = timeZoneHint(String(zoneText));
      const args = hint.abbreviation !== undefined ? { zone: String(zoneText), abbreviation: hint.abbreviation, zones: hint.suggestions } : { zone: String(zoneText) };
      report(diagnostic('InvalidTimeZone', at, args, { suggestions: hint.suggestions }));
    }
    else {
      timeZone = r.zone;
      if (r.zone !== zoneText) report(diagnostic('TimeZoneCase', at, { zone: String(zoneText), canonical: r.zone }, { suggestions: [r.zone] }));
    }
  }

  // The context: the directive, else the option, else the one context all fields share, else customer.
  let queryContext = 'customer';
  let contextValid = true;
  let inferredFrom: Set<string> | null = null;
  const contextNode = firstDirective(input.contexts, 'context', (v) => v, report);
  const contextText = contextNode ? contextNode.value : opts.queryContext;
  if (contextText !== undefined) {
    const catalog = catalogFor(opts).catalog;
    const unknownKlass = isUnknownKlassContext(String(contextText), catalog);
    if (isValidContext(String(contextText)) && !unknownKlass) queryContext = String(contextText);
    else {
      contextValid = false;
      const klasses = unknownKlass ? { klasses: [...catalog.klasses!.keys()] } : {};
      report(
        diagnostic('UnknownContext', contextNode ? contextNode.valueSpan : noSpan, { context: String(contextText), ...klasses }, {
          suggestions: contextSuggestions(String(contextText), catalog).filter((c) => c !== String(contextText)),
        }),
      );
    }
  } else {
    const shared = new Set<string>(input.fieldContexts);
    // The standard kobject_* attributes belong to every klass: with one klass in play, they fit it.
    if (shared.has('kobject')) {
      let klasses = 0;
      for (const c of shared) if (c.startsWith('kobject_')) klasses++;
      if (klasses === 1) shared.delete('kobject');
    }
    if (shared.size === 1) queryContext = shared.values().next().value!;
    inferredFrom = shared;
  }

  return {
    queryContext,
    contextGiven: contextText !== undefined,
    contextValid,
    inferredFrom,
    timeZone,
    nowMs,
    nested: opts.nested === true,
    problems,
  };
}
