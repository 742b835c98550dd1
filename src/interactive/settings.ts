/**
 * The settings a partial query is read in, taken from its tokens and the options, the way the checker would take
 * them from a complete query: the field catalogue, the `queryContext`, the `timeZone` and the clock. Completion
 * ranks the context's fields first, lists the context's sort keys, and resolves date helpers in the zone and clock.
 */
import { catalogFor } from '../check/check.js';
import { resolveClock, resolveTimeZone } from '../dates/index.js';
import type { CompileOptions } from '../options.js';
import { isValidContext, type FieldCatalog } from '../schema/fields.js';
import type { ScannedQuery } from './cursor.js';

/**
 * - `catalog`: the fields the query may use (standard ones and `opts.customAttributes`);
 * - `queryContext`: the `context:`/`in:` directive's value, else `opts.queryContext`, else the one context every
 *   known field of the query belongs to, else `null` (Kustomer's default, `customer`, applies);
 * - `contextGiven`: true when the context came from a directive or the option rather than from the fields;
 * - `timeZone`: the `tz:` directive's zone, else `opts.timeZone`, canonical IANA spelling; `null` when neither is a
 *   valid zone (Kustomer then reads local days in GMT);
 * - `nowMs`: `opts.now` in epoch milliseconds, or the real time when it is absent or invalid;
 * - `nested`: `opts.nested` (nested groups allowed: a list of local days compiles only then, KQ3004).
 */
export interface QuerySettings {
  readonly catalog: FieldCatalog;
  readonly queryContext: string | null;
  readonly contextGiven: boolean;
  readonly timeZone: string | null;
  readonly nowMs: number;
  readonly nested: boolean;
}

/** The settings of a scanned query. Never throws. */
export function querySettings(scan: ScannedQuery, opts: CompileOptions): QuerySettings {
  const { catalog } = catalogFor(opts);
  let directiveContext: string | undefined;
  let directiveZone: string | undefined;
  const contexts = new Set<string>();
  for (const term of scan.terms) {
    const value = term.value ?? '';
    if (term.directive) {
      if ((term.name === 'context' || term.name === 'in') && directiveContext === undefined && isValidContext(value)) {
        directiveContext = value;
      }
      if (term.name === 'tz' && directiveZone === undefined) {
        const zone = resolveTimeZone(value);
        if (zone.ok) directiveZone = zone.zone;
      }
      continue;
    }
    const field = catalog.fields.get(term.name);
    if (field?.context) contexts.add(field.context);
  }
  let queryContext: string | null = null;
  let contextGiven = true;
  if (directiveContext !== undefined) queryContext = directiveContext;
  else if (typeof opts.queryContext === 'string' && isValidContext(opts.queryContext)) queryContext = opts.queryContext;
  else {
    contextGiven = false;
    if (contexts.size === 1) queryContext = [...contexts][0]!;
  }
  let timeZone: string | null = directiveZone ?? null;
  if (timeZone === null && typeof opts.timeZone === 'string') {
    const zone = resolveTimeZone(opts.timeZone);
    if (zone.ok) timeZone = zone.zone;
  }
  const clock = resolveClock(opts.now);
  return { catalog, queryContext, contextGiven, timeZone, nowMs: clock.ok ? clock.epochMs : Date.now(), nested: opts.nested === true };
}
