/**
 * The settings a partial query is read in, taken from its tokens and the options by the checker's own resolver
 * (check/settings.ts `resolveSettings`): the field catalogue, the `queryContext`, the `timeZone` and the clock.
 * Completion ranks the context's fields first, lists the context's sort keys, and resolves date helpers in the zone
 * and clock — for a complete query, the context and zone compile would use.
 */
import { resolveSettings, type DirectiveSetting } from '../check/settings.js';
import type { CompileOptions } from '../options.js';
import { catalogFor } from '../schema/catalogFor.js';
import { resolveField, type FieldCatalog } from '../schema/index.js';
import type { FieldTermAt, ScannedQuery } from './cursor.js';

/**
 * - `catalog`: the fields the query may use (standard ones and `opts.customAttributes`);
 * - `queryContext`: the context compile would search — the first `context:`/`in:` directive, else
 *   `opts.queryContext`, else the one context the query's known fields share (see `resolveSettings`) — or `null`
 *   when none applies: the fields share no one context (Kustomer's default, `customer`, is searched), or the given
 *   context is unknown;
 * - `contextGiven`: true when the context came from a directive or the option rather than from the fields;
 * - `timeZone`: the first `tz:` directive's zone, else `opts.timeZone`, canonical IANA spelling; `null` when none
 *   is given or the given one is unknown (Kustomer then reads local days in GMT);
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

/** A scanned directive term with a value as the resolver reads it (spans end at the text's end when still open). */
function directiveSetting(term: FieldTermAt, value: string, textLength: number): DirectiveSetting {
  const end = Math.min(term.valueEnd, textLength);
  return { value, span: { start: term.nameToken.startOffset, end }, valueSpan: { start: term.valueStart, end } };
}

/**
 * The settings of a scanned query. Directives count once they have a value (one word or quoted string); the fields
 * are those of field terms and of `has:`/`no:` directives that resolve, as the checker counts them. Never throws.
 */
export function querySettings(scan: ScannedQuery, opts: CompileOptions): QuerySettings {
  const { catalog } = catalogFor(opts);
  const contexts: DirectiveSetting[] = [];
  const zones: DirectiveSetting[] = [];
  const fieldContexts = new Set<string>();
  const addField = (name: string) => {
    const r = resolveField(catalog, name);
    if (r.ok && r.field.context) fieldContexts.add(r.field.context);
  };
  for (const term of scan.terms) {
    if (!term.directive) {
      addField(term.name);
      continue;
    }
    if (term.value === null) continue;
    switch (term.name) {
      case 'context':
      case 'in':
        contexts.push(directiveSetting(term, term.value, scan.text.length));
        break;
      case 'tz':
        zones.push(directiveSetting(term, term.value, scan.text.length));
        break;
      case 'has':
      case 'no':
        addField(term.value);
        break;
    }
  }
  const s = resolveSettings({ contexts, zones, fieldContexts }, opts);
  const queryContext = s.contextGiven ? (s.contextValid ? s.queryContext : null) : s.inferredFrom?.size === 1 ? s.queryContext : null;
  return { catalog, queryContext, contextGiven: s.contextGiven, timeZone: s.timeZone, nowMs: s.nowMs, nested: s.nested };
}
