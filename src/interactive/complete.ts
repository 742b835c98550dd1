/**
 * `complete`: what can be typed at a cursor in a query, on partial and invalid text.
 *
 * The cursor is classified from the lexer's tokens (cursor.ts), the query's context, time zone and clock are read
 * from its directives and the options (settings.ts), and the candidates for the position are ranked by how they
 * match the text typed so far (match.ts): prefix matches first, then fuzzy ones (word prefixes, substrings, word
 * pieces; loose subsequences only when nothing else matches). What is offered where:
 *
 * | position | items |
 * |---|---|
 * | a term (start of a term, or a bare word) | field names (standard and custom), directives `sort:` `context:` `in:` `tz:` `has:` `no:`, `AND` `OR` `NOT` after a term (`NOT` at the start); when the word is a whole field name, its operators (`status:` `status=` …) |
 * | the name of `name:value` | field and directive names |
 * | a value | the field's allowed values (enum), `true`/`false` on booleans, date helpers on datetimes (`today`, `now-7d`, … and a `YYYY-MM-DD` hint, resolved in the query's time zone; in a value list only the instants, unless `nested`), `*` (is set) after `:`; `OR` after a value in `(a OR b)`, `TO` after a range's low bound — nothing where the field's kind does not take the operator, list or range (KQ2004) |
 * | `has:` / `no:` value | field names (a directive's value: nothing after `,` `..` `(` `[`, KQ1017) |
 * | `sort:` value | the sort keys of the context, and `-asc` / `-desc` once the key is typed |
 * | `context:` / `in:` value | the query contexts (and `kobject_<klass>` of the declared custom objects) |
 * | `tz:` value | IANA time zone names |
 *
 * Custom attributes come from `opts.customAttributes`; without a list, a typed `<object>_custom_<name>` is offered
 * with each type suffix. Offsets are UTF-16 code units. Never throws, on any text and offset.
 */
import { printValue, quote } from '../syntax/printer.js';
import { allows, matchesWords } from '../check/operators.js';
import { parseDateValue, resolveRelativeDate } from '../dates/index.js';
import { formatDay } from '../dates/calendar.js';
import { ianaZoneNames } from '../dates/zoneNames.js';
import type { CompileOptions } from '../options.js';
import {
  contextSortFields,
  customSuffixKinds,
  objectRank,
  queryContexts,
  resolveField,
  sortableFields,
  sortOnlyFields,
  standardFields,
  standardValueSchema,
  type FieldCatalog,
  type FieldInfo,
} from '../schema/index.js';
import { lookupKindOf, lookupNoun, lookupsFor, meKeyword, searchPrefix, spellingOf, type LookupEntry, type Lookups } from '../schema/lookups/index.js';
import type { ComparisonOperator } from '../syntax/ast.js';
import { cursorAt, scanQuery, type CursorPosition, type FieldTermAt, type TermContext } from './cursor.js';
import {
  directiveDocs,
  fieldDetail,
  fieldDocumentation,
  keywordMeaning,
  operatorCriterion,
  operatorMeaning,
  operatorsFor,
} from './docs.js';
import { matchLabel, tierWidth } from './match.js';
import { querySettings, type QuerySettings } from './settings.js';

/** What an item is. */
export type CompletionKind = 'field' | 'operator' | 'value' | 'keyword' | 'directive';

/**
 * One thing that can be typed at the cursor.
 * - `label`: what to show (`conversation_status`, `>=`, `open`, `AND`, `sort:`);
 * - `kind`: `field`, `operator`, `value`, `keyword` or `directive`;
 * - `detail`: one short line (`list · snoozed | open | done · sortable`, `on or after`, `2024-06-24 (GMT)`);
 * - `documentation`: several lines, for fields and operators;
 * - `insertText`: the text that replaces `from`..`to` when it differs from `label` (`conversation_status:` for the
 *   operator `:` after a whole field name; `"two words"` quoted).
 */
export interface CompletionItem {
  readonly label: string;
  readonly kind: CompletionKind;
  readonly detail: string;
  readonly documentation?: string;
  readonly insertText?: string;
}

/**
 * The result of {@link complete}: `items`, best first, each replacing the text from `from` to `to` (UTF-16 offsets:
 * the whole word at the cursor — the cursor in it, at its end or at its start — or `from === to` at a fresh
 * position). `items` is empty where nothing can be typed, or nothing typed there would compile.
 */
export interface Completion {
  readonly from: number;
  readonly to: number;
  readonly items: readonly CompletionItem[];
}

/** Options for {@link complete}: the compile options (context, time zone, clock, custom attributes, limits), and a cap. */
export interface CompleteOptions extends CompileOptions {
  /** The most items returned. Default: all. */
  readonly maxItems?: number;
}

/**
 * A candidate before ranking: `match` is the text matched against what was typed; `group` orders kinds within a
 * tier; `bound`, for a number or date value, the key it is ordered by as a range bound (see {@link BoundKey}).
 */
interface Candidate {
  readonly item: CompletionItem;
  readonly match: string;
  readonly group: number;
  readonly bound?: BoundKey;
}

/**
 * How the checker orders range bounds (KQ2016, src/check/rules/rangeBoundsRule.ts): numbers by value, local days by
 * `YYYY-MM-DD`, instants by UTC ISO text; bounds of different sorts are not compared.
 */
interface BoundKey {
  readonly sort: 'number' | 'day' | 'instant';
  readonly k: number | string;
}

/**
 * The completions at `offset` in `text` (see the module comment for what is offered where). Never throws: a bad
 * offset is clamped, one inside a surrogate pair moves to the start of its code point (cursor.ts `snapOffset`),
 * hostile text gives few or no items.
 */
export function complete(text: string, offset: number, opts: CompleteOptions = {}): Completion {
  opts ??= {};
  try {
    const scan = scanQuery(typeof text === 'string' ? text : String(text), opts);
    const position = cursorAt(scan, typeof offset === 'number' ? offset : Number(offset));
    const settings = querySettings(scan, opts);
    const { candidates, typed } = candidatesAt(position, settings, lookupsFor(opts));
    const items = rank(candidates, typed);
    const max = typeof opts.maxItems === 'number' && opts.maxItems >= 0 ? Math.floor(opts.maxItems) : Infinity;
    return { from: position.from, to: position.to, items: items.length > max ? items.slice(0, max) : items };
  } catch {
    const at = typeof offset === 'number' && Number.isFinite(offset) ? Math.max(0, Math.floor(offset)) : 0;
    return { from: at, to: at, items: [] };
  }
}

/**
 * Sorts candidates by match tier, then group, then match score, then their order; drops those that do not match, and
 * the loose subsequence matches when anything matched better. The four keys are packed into one exact number per
 * candidate — tier, the group's rank among the groups present, score (< tierWidth), index — and sorted as a
 * Float64Array: a numeric sort, no comparator calls (600 time zones are ranked per keystroke). Exact while the packed
 * number stays below 2^53: 5 tiers × (groups present) × 10,000 scores × (candidates rounded up to a power of two),
 * far above any list completion makes.
 */
function rank(candidates: readonly Candidate[], typed: string): CompletionItem[] {
  const lowerTyped = typed.toLowerCase();
  const n = candidates.length;
  const ranks = new Float64Array(n);
  const matched: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = candidates[i]!;
    const r = matchLabel(c.match, lowerCase(c.match), lowerTyped);
    if (r === null) continue;
    ranks[i] = r;
    matched.push(i);
  }
  // Groups are few (whole and half numbers): their order by rank among the distinct values present.
  const groups = [...new Set(matched.map((i) => candidates[i]!.group))].sort((x, y) => x - y);
  const groupRank = new Map(groups.map((g, k) => [g, k]));
  const span = 2 ** Math.ceil(Math.log2(n + 1));
  const keys = new Float64Array(matched.length);
  let best = 4;
  for (let m = 0; m < matched.length; m++) {
    const i = matched[m]!;
    const r = ranks[i]!;
    const tier = Math.floor(r / tierWidth);
    if (tier < best) best = tier;
    keys[m] = ((tier * groups.length + groupRank.get(candidates[i]!.group)!) * tierWidth + (r % tierWidth)) * span + i;
  }
  keys.sort();
  const out: CompletionItem[] = [];
  for (let m = 0; m < keys.length; m++) {
    const i = keys[m]! % span;
    // Loose subsequence matches (tier 4) only when nothing better matched.
    if (best < 4 && Math.floor(ranks[i]! / tierWidth) >= 4) break;
    out.push(candidates[i]!.item);
  }
  return out;
}

const lowerCache = new Map<string, string>();

/** `s.toLowerCase()`, cached for the fixed labels (field names, zones) that are matched on every call. */
function lowerCase(s: string): string {
  let lower = lowerCache.get(s);
  if (lower === undefined) {
    lower = s.toLowerCase();
    if (lowerCache.size < 10_000) lowerCache.set(s, lower);
  }
  return lower;
}

/** The candidates for a position, and the text typed so far that they are matched against. */
function candidatesAt(position: CursorPosition, settings: QuerySettings, lookups: Lookups | null): { candidates: Candidate[]; typed: string } {
  switch (position.kind) {
    case 'term':
      return { candidates: termCandidates(position.prefix, position.after, settings), typed: position.prefix };
    case 'field':
      return {
        candidates: [
          ...fieldCandidates(settings, 2),
          ...directiveDocs.map((d) => ({
            item: { label: d.name, kind: 'directive' as const, detail: d.effect },
            match: d.name,
            group: 1,
          })),
        ],
        typed: position.prefix,
      };
    case 'value':
      return { candidates: valueCandidates(position, settings, lookups), typed: position.prefix };
    default:
      return { candidates: [], typed: '' };
  }
}

// --- Terms -----------------------------------------------------------------------------------------------------------

function termCandidates(prefix: string, after: TermContext, settings: QuerySettings): Candidate[] {
  const out: Candidate[] = [];
  // A whole field name: its operators first.
  const exact = settings.catalog.fields.get(prefix) ?? customByName(settings.catalog, prefix);
  if (exact) {
    for (const op of operatorsFor(exact.kind)) {
      out.push({
        item: {
          label: op,
          kind: 'operator',
          detail: operatorMeaning(op, exact.kind),
          documentation: `${exact.name}${op}… ${operatorMeaning(op, exact.kind)}: Kustomer ${operatorCriterion(op, exact.kind)}.`,
          insertText: `${exact.name}${op}`,
        },
        match: prefix,
        group: 0,
      });
    }
  }
  const keywords = after === 'term' ? ['AND', 'OR', 'NOT'] : after === 'negation' ? [] : ['NOT'];
  for (const k of keywords) {
    out.push({ item: { label: k, kind: 'keyword', detail: keywordMeaning(k)! }, match: k, group: 1 });
  }
  for (const d of directiveDocs) {
    if (after === 'negation' && d.name !== 'has' && d.name !== 'no') continue;
    out.push({
      item: { label: `${d.name}:`, kind: 'directive', detail: d.effect, documentation: `${d.effect}\nExample: ${d.example}` },
      match: `${d.name}:`,
      group: 2,
    });
  }
  for (const c of fieldCandidates(settings, 3)) if (c.item.label !== prefix) out.push(c);
  out.push(...customSuffixCandidates(prefix, settings));
  return out;
}

/** A custom attribute name that resolves (any well-formed one when the catalog has no list). */
function customByName(catalog: FieldCatalog, name: string): FieldInfo | undefined {
  if (!name.includes('_custom_')) return undefined;
  const r = resolveField(catalog, name);
  return r.ok ? r.field : undefined;
}

const detailCache = new WeakMap<FieldInfo, Map<string, { detail: string; documentation: string }>>();

/** A field's detail and documentation in a context, cached. */
function fieldTexts(field: FieldInfo, queryContext: string | null): { detail: string; documentation: string } {
  let byContext = detailCache.get(field);
  if (byContext === undefined) {
    byContext = new Map();
    detailCache.set(field, byContext);
  }
  const key = queryContext ?? '';
  let texts = byContext.get(key);
  if (texts === undefined) {
    texts = { detail: fieldDetail(field, queryContext), documentation: fieldDocumentation(field, queryContext) };
    byContext.set(key, texts);
  }
  return texts;
}

/** Fields ordered: the query's context first, then by object (conversation, customer, …), then by name. */
const orderCache = new WeakMap<FieldCatalog, Map<string, FieldInfo[]>>();

function orderedFields(catalog: FieldCatalog, queryContext: string | null): FieldInfo[] {
  let byContext = orderCache.get(catalog);
  if (byContext === undefined) {
    byContext = new Map();
    orderCache.set(catalog, byContext);
  }
  const key = queryContext ?? '';
  let list = byContext.get(key);
  if (list === undefined) {
    const rankOf = (f: FieldInfo) =>
      (queryContext !== null && f.context === queryContext ? 0 : 100) + objectRank(f.object);
    list = [...catalog.fields.values()].sort(
      (a, b) => rankOf(a) - rankOf(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
    );
    byContext.set(key, list);
  }
  return list;
}

function fieldCandidates(settings: QuerySettings, group: number): Candidate[] {
  return orderedFields(settings.catalog, settings.queryContext).map((f) => {
    const texts = fieldTexts(f, settings.queryContext);
    return {
      item: {
        label: f.name,
        kind: 'field' as const,
        detail: texts.detail,
        documentation: texts.documentation,
      },
      match: f.name,
      // Fields of the query's context rank before the others within a tier.
      group: settings.queryContext !== null && f.context === settings.queryContext ? group : group + 0.5,
    };
  });
}

const customStem = /^(?:(?:customer|company|conversation|message|note)_custom_|kobject_custom_[A-Za-z0-9_-]+_)[A-Za-z0-9]+$/;

/** Without a custom attribute list, `customer_custom_tier` is offered with each type suffix. */
function customSuffixCandidates(prefix: string, settings: QuerySettings): Candidate[] {
  if (settings.catalog.custom !== null || !customStem.test(prefix)) return [];
  const out: Candidate[] = [];
  for (const [suffix, kind] of customSuffixKinds) {
    if (prefix.endsWith(suffix)) return [];
    out.push({
      item: { label: `${prefix}${suffix}`, kind: 'field', detail: `custom ${kind} (suffix ${suffix})` },
      match: `${prefix}${suffix}`,
      group: 2,
    });
  }
  return out;
}

// --- Values ----------------------------------------------------------------------------------------------------------

type ValuePosition = Extract<CursorPosition, { kind: 'value' }>;

/** `value` as written after an operator (the canonical printer's quoting); always quoted inside an open quote. */
function valueText(value: string, quoted: boolean): string {
  return quoted ? quote(value) : printValue(value, 'value');
}

function valueCandidate(value: string, detail: string, position: ValuePosition, group = 1, documentation?: string): Candidate {
  const insert = valueText(value, position.quoted);
  return {
    item: {
      label: value,
      kind: 'value',
      detail,
      ...(documentation !== undefined ? { documentation } : {}),
      ...(insert !== value ? { insertText: insert } : {}),
    },
    match: value,
    group,
  };
}

function valueCandidates(position: ValuePosition, settings: QuerySettings, lookups: Lookups | null = null): Candidate[] {
  const { term } = position;
  // Only what can compile is offered. A directive takes exactly one value: after `,` `..` `(` `[` it has more, or
  // a list or range (KQ1017), so nothing is offered there.
  if (term.directive) return term.checkShape === 'single' ? directiveValueCandidates(term, position, settings) : [];
  const resolved = resolveField(settings.catalog, term.name);
  if (!resolved.ok) return [];
  const field = resolved.field;
  const operator = term.operator as ComparisonOperator;
  // The shape as the checker will see it: `a,b` and `(a OR b)` are lists, `a..b` and `[a TO b]` ranges (KQ2004 on
  // kinds that do not take them: no list field takes a range).
  if (!allows(field.kind, operator, term.checkShape)) return [];
  if (position.expect === 'or') {
    return [{ item: { label: 'OR', kind: 'keyword', detail: 'another value: any of the values matches' }, match: 'OR', group: 0 }];
  }
  if (position.expect === 'to') {
    return [{ item: { label: 'TO', kind: 'keyword', detail: keywordMeaning('TO')! }, match: 'TO', group: 0 }];
  }
  const out: Candidate[] = [];
  const wholeValues = !matchesWords(field, operator);
  if (operator === ':' && position.from === term.valueStart && term.shape === 'single' && !position.quoted) {
    out.push({ item: { label: '*', kind: 'value', detail: 'is set (has any value)' }, match: '*', group: 2 });
  }
  if (!wholeValues) return out;
  const kind = lookupKindOf(field);
  if (kind !== null && lookups !== null) out.push(...lookupCandidates(kind, position, lookups));
  if (field.enum) {
    for (const v of field.enum) out.push(valueCandidate(String(v), field.enumLabels?.get(String(v)) ?? `${field.name} value`, position, 0));
  } else if (field.kind === 'boolean') {
    for (const v of ['true', 'false']) out.push(valueCandidate(v, 'boolean', position, 0));
  } else if (field.kind === 'number') {
    const schema = standardValueSchema(field.name) as { type?: string; minimum?: number; maximum?: number } | undefined;
    if (schema?.type === 'integer' && schema.minimum !== undefined && schema.maximum !== undefined && schema.maximum - schema.minimum <= 10) {
      for (let n = schema.minimum; n <= schema.maximum; n++) out.push({ ...valueCandidate(String(n), `${field.name} value`, position, 0), bound: { sort: 'number', k: n } });
    }
  } else if (field.kind === 'datetime') {
    // A local day in a value list is a gte/lt pair inside an OR, which flat criteria cannot hold (KQ3004): in a list,
    // days are offered only with the `nested` option; instants (`now`, `now-1h`) are single criteria and always are.
    const days = term.checkShape !== 'list' || settings.nested;
    out.push(...dateCandidates(position, settings, days));
  }
  // A range's high bound: not below its low bound, which matches nothing (KQ2016).
  const range = term.range;
  if (range && range.low !== null && position.from >= range.highStart) {
    const low = lowBoundKey(field, range.low, settings);
    if (low) return out.filter((c) => !c.bound || c.bound.sort !== low.sort || low.k < c.bound.k || (low.k === c.bound.k && !range.lowExclusive));
  }
  return out;
}

/** The most names taken from a lookup's prefix index for one completion (then ranked like every other value). */
export const maxLookupCandidates = 50;

/**
 * Names of tags, teams, queues and users' e-mails for an attribute holding their ids, from the lookup's sorted
 * prefix index (src/schema/lookups/prefix.ts, built once per schema list): at most {@link maxLookupCandidates} whose
 * name, e-mail, display name or a later word of the name starts with the text typed — a binary search, so the cost
 * does not grow with the org's 5,000 tags. Deleted ones are not offered. Users are offered by e-mail (what reads back
 * to one user), with their name as the detail; `@me` first when the schema knows the pulling user.
 */
function lookupCandidates(kind: ReturnType<typeof lookupKindOf> & string, position: ValuePosition, lookups: Lookups): Candidate[] {
  const out: Candidate[] = [];
  const noun = lookupNoun(kind);
  if (kind === 'users' && lookups.currentUser !== undefined) {
    out.push(valueCandidate(meKeyword, `you: ${lookups.currentUser.name}`, position, 0));
  }
  const table = lookups.table(kind);
  if (table === null) return out;
  const hits = searchPrefix(table.prefix, position.prefix, maxLookupCandidates, (e: LookupEntry) => !e.deleted);
  hits.items.forEach((e, i) => {
    const label = spellingOf(e);
    const detail = kind === 'users' ? `${noun}: ${e.name}` : e.displayName !== undefined ? `${noun}: ${e.displayName}` : noun;
    // Matched (for ranking) against the key the index found it by: a user found by name ranks by the name.
    out.push({ ...valueCandidate(label, detail, position, 0), match: hits.matched[i]! });
  });
  return out;
}

/** The order key of a range's low bound as typed, as the checker reads it (relative dates on the minute). */
function lowBoundKey(field: FieldInfo, text: string, settings: QuerySettings): BoundKey | null {
  if (field.kind === 'number') {
    const n = Number(text);
    return text.trim() !== '' && Number.isFinite(n) ? { sort: 'number', k: n } : null;
  }
  if (field.kind !== 'datetime') return null;
  const date = parseDateValue(text, { nowMs: Math.floor(settings.nowMs / 60_000) * 60_000, timeZone: settings.timeZone ?? 'UTC' });
  if (date.kind === 'day') return { sort: 'day', k: date.day };
  if (date.kind === 'instant') return { sort: 'instant', k: date.iso };
  return null;
}

/** The relative dates offered on datetime fields, each with what it resolves to now, and whether it is a local day. */
const dateHelpers: readonly [expression: string, meaning: string, day: boolean][] = [
  ['today', 'today, a local day', true],
  ['yesterday', 'yesterday, a local day', true],
  ['tomorrow', 'tomorrow, a local day', true],
  ['now', 'this instant', false],
  ['now-1h', 'one hour ago', false],
  ['now-24h', '24 hours ago', false],
  ['now-7d', 'seven days ago, this time of day', false],
  ['now-7d/d', 'the local day seven days ago', true],
  ['now-30d/d', 'the local day thirty days ago', true],
  ['now/w', 'the start of this week (Monday), a local day', true],
  ['now/M', 'the first day of this month', true],
  ['now-1M/M', 'the first day of last month', true],
  ['now/y', 'the first day of this year', true],
];

/** Resolved date helpers per time zone and minute: resolving the relative dates costs more than the rest of a call. */
const helperCache = new Map<string, ResolvedHelpers>();

/** Today's day, and each helper's detail and order key (as a range bound), for one clock minute and zone. */
interface ResolvedHelpers {
  readonly today: string;
  readonly details: readonly string[];
  readonly keys: readonly (BoundKey | undefined)[];
}

/**
 * Today's day and each helper's detail for a clock and zone. Resolved at the start of the clock's minute and shown
 * to the minute: the query resolves them again when it is compiled, so the detail is a preview. `label`: the zone's
 * name in the detail — `GMT` when the query sets none, as explain says and as Kustomer calls its default
 * (kustomer-search-api.md §4); the days are the same as UTC's.
 */
function resolvedHelpers(nowMs: number, zone: string, label: string): ResolvedHelpers {
  const minute = Math.floor(nowMs / 60_000) * 60_000;
  const key = `${label}\u0000${minute}`;
  let hit = helperCache.get(key);
  if (hit === undefined) {
    const today = resolveRelativeDate('today', minute, zone);
    const keys: (BoundKey | undefined)[] = [];
    const details = dateHelpers.map(([expr, meaning]) => {
      const r = resolveRelativeDate(expr, minute, zone);
      keys.push(r?.kind === 'day' ? { sort: 'day', k: r.day } : r?.kind === 'instant' ? { sort: 'instant', k: new Date(r.epochMs).toISOString() } : undefined);
      const resolved = r?.kind === 'day' ? `${r.day} (${label})` : r?.kind === 'instant' ? `${new Date(r.epochMs).toISOString().slice(0, 16).replace('T', ' ')} UTC` : '';
      return `${meaning}: ${resolved}`;
    });
    hit = { today: today?.kind === 'day' ? today.day : formatDay(1970, 1, 1), details, keys };
    if (helperCache.size >= 64) helperCache.clear();
    helperCache.set(key, hit);
  }
  return hit;
}

function dateCandidates(position: ValuePosition, settings: QuerySettings, days: boolean): Candidate[] {
  const zone = settings.timeZone ?? 'UTC';
  const { today, details, keys } = resolvedHelpers(settings.nowMs, zone, settings.timeZone ?? 'GMT');
  const out: Candidate[] = [];
  if (days) {
    out.push({
      item: {
        label: 'YYYY-MM-DD',
        kind: 'value',
        detail: `a local day, e.g. today ${today} (${settings.timeZone ?? 'GMT'})`,
        documentation:
          "A calendar day, read in the query's time zone (Kustomer uses GMT when the query sets none). An ISO-8601 instant with Z or an offset (2024-06-24T16:30:00Z) names one moment instead.",
        insertText: today,
      },
      match: 'YYYY-MM-DD',
      group: 1,
      bound: { sort: 'day', k: today },
    });
  }
  dateHelpers.forEach(([expr, , isDay], i) => {
    const key = keys[i];
    if (days || !isDay) out.push({ ...valueCandidate(expr, details[i]!, position, 0), ...(key ? { bound: key } : {}) });
  });
  return out;
}

function directiveValueCandidates(term: FieldTermAt, position: ValuePosition, settings: QuerySettings): Candidate[] {
  switch (term.name) {
    case 'has':
    case 'no':
      return fieldCandidates(settings, 0);
    case 'sort':
      return sortCandidates(position, settings);
    case 'context':
    case 'in':
      return contextCandidates(settings).map((c) => valueCandidate(c.name, c.detail, position));
    case 'tz': {
      // The same ~600 candidates on every keystroke in a tz: value: made once per quoting, items frozen (shared).
      const k = position.quoted ? 1 : 0;
      return (zoneCandidateLists[k] ??= zoneCandidates().map((zone) => frozenCandidate(valueCandidate(zone, 'IANA time zone', position))));
    }
    default:
      return [];
  }
}

function sortCandidates(position: ValuePosition, settings: QuerySettings): Candidate[] {
  const context = settings.queryContext ?? 'customer';
  const own = contextSortFields(context);
  const names = [...new Set([...own, ...sortableFields])];
  const typed = position.prefix.toLowerCase();
  const out: Candidate[] = [];
  for (const name of names) {
    const field = standardFields.get(name);
    const what = sortOnlyFields.has(name) ? 'sort only' : field ? field.kind : '';
    const group = own.includes(name) ? 0 : 1;
    out.push(valueCandidate(name, `sort key${what ? ` (${what})` : ''}, ascending`, position, group));
    if (typed.startsWith(name.toLowerCase())) {
      out.push(valueCandidate(`${name}-asc`, 'ascending (A→Z, oldest first, lowest first)', position, group));
      out.push(valueCandidate(`${name}-desc`, 'descending (Z→A, newest first, highest first)', position, group));
    }
  }
  return out;
}

/** The query contexts, and the `kobject_<klass>` contexts of the declared custom objects. */
function contextCandidates(settings: QuerySettings): { name: string; detail: string }[] {
  const words: Record<string, string> = {
    customer: 'search customers',
    conversation: 'search conversations',
    message: 'search messages',
    company: 'search companies',
    note: 'search notes',
    kobject: 'search all custom objects',
  };
  const out = queryContexts.map((c) => ({ name: c, detail: words[c] ?? `search ${c}` }));
  for (const f of settings.catalog.custom?.values() ?? []) {
    if (f.klass && !out.some((c) => c.name === `kobject_${f.klass}`)) {
      out.push({ name: `kobject_${f.klass}`, detail: `search ${f.klass} custom objects` });
    }
  }
  return out;
}

let zones: string[] | undefined;

/** The `tz:` value candidates, unquoted and quoted ({@link directiveValueCandidates}). */
const zoneCandidateLists: [Candidate[] | undefined, Candidate[] | undefined] = [undefined, undefined];

/** `c` with its item frozen: it is handed out on every call, so no caller may change it for the next. */
function frozenCandidate(c: Candidate): Candidate {
  Object.freeze(c.item);
  return Object.freeze(c);
}

/** IANA zone names, with UTC first. */
function zoneCandidates(): string[] {
  zones ??= ['UTC', ...ianaZoneNames().filter((z) => z !== 'UTC')];
  return zones;
}
