/**
 * Resolving a field name as written in a query against a catalogue, with "did you mean" suggestions. A name that
 * does not resolve comes back with its problem as data, which the checker reports as KQ2001 (unknown field), KQ2002
 * (malformed custom attribute name) or KQ2003 (custom attribute not in the list), worded by the catalogue.
 *
 * Names typed by users are untrusted: lookups go through `Map`s, so `__proto__` or `toString` are unknown names.
 */
import { customField, customPrefix, parseCustomName } from './custom.js';
import { looseKey, unprefixed } from './names.js';
import { sortOnlyFields } from './sorting.js';
import { closest, closestIn, maxSuggestLength, suggestionIndex, type SuggestionIndex } from './suggest.js';
import { objectOf, objectRank, type FieldCatalog, type FieldInfo } from './types.js';

/** The result of {@link resolveField}. */
export type ResolveResult =
  | { readonly ok: true; readonly field: FieldInfo }
  | (ResolveProblem & {
      readonly ok: false;
      /** Names to use instead, best first, at most 3. */
      readonly suggestions: string[];
    });

/**
 * Why a name does not resolve:
 * - `unknownField`: not a field (`sortOnly`: a sort-only name such as `customer_done`, used as a filter);
 * - `customSuffix`: starts like a custom attribute but is malformed; `detail` is the clause saying what is wrong
 *   ("has no type suffix; end it with one of …", src/schema/custom.ts);
 * - `unknownCustom`: a well-formed custom attribute missing from the catalog's list; `scope` is its object
 *   (`customer`, `kobject_order`) and `siblings` the listed custom attributes of that scope; when the catalog lists
 *   klasses and the name's klass is not one of them, `unknownKlass` is that klass and `klasses` the listed ones.
 */
export type ResolveProblem =
  | { readonly problem: 'unknownField'; readonly sortOnly: boolean }
  | { readonly problem: 'customSuffix'; readonly detail: string }
  | {
      readonly problem: 'unknownCustom';
      readonly scope: string;
      readonly siblings: readonly string[];
      readonly unknownKlass?: string;
      readonly klasses?: readonly string[];
    };

/** Lookup tables for suggestions over one catalog, built on first use. */
interface SuggestIndex {
  /** All names, ordered by object rank, then catalog order. */
  readonly names: readonly string[];
  /** {@link names} prepared for the edit-distance search. */
  readonly nearest: SuggestionIndex;
  /** looseKey(name) → names. */
  readonly loose: ReadonlyMap<string, readonly string[]>;
  /** looseKey(name without its object prefix) → names. */
  readonly bare: ReadonlyMap<string, readonly string[]>;
}

const indexes = /* @__PURE__ */ new WeakMap<FieldCatalog, SuggestIndex>();

function push(map: Map<string, string[]>, key: string, name: string): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [name]);
  else if (!list.includes(name)) list.push(name);
}

function suggestIndex(catalog: FieldCatalog): SuggestIndex {
  let index = indexes.get(catalog);
  if (index !== undefined) return index;
  const rank = (name: string): number => objectRank(objectOf(name));
  const names = [...catalog.fields.keys()]
    .map((name, order) => ({ name, order }))
    .sort((a, b) => rank(a.name) - rank(b.name) || a.order - b.order)
    .map((e) => e.name);
  const loose = new Map<string, string[]>();
  const bare = new Map<string, string[]>();
  for (const name of names) {
    push(loose, looseKey(name), name);
    const rest = unprefixed(name);
    if (rest !== null && rest.length > 0) push(bare, looseKey(rest), name);
  }
  index = { names, nearest: suggestionIndex(names), loose, bare };
  indexes.set(catalog, index);
  return index;
}

/** Names in `catalog` like `name`, best first, at most `max`: same letters, then without prefix, then edit distance. */
function nameSuggestions(catalog: FieldCatalog, name: string, max = 3): string[] {
  if (name.length === 0 || name.length > maxSuggestLength) return [];
  const index = suggestIndex(catalog);
  const out: string[] = [];
  const add = (candidates: readonly string[] | undefined): void => {
    for (const c of candidates ?? []) if (c !== name && !out.includes(c)) out.push(c);
  };
  const key = looseKey(name);
  add(index.loose.get(key));
  add(index.bare.get(key));
  add(closestIn(name, index.nearest, max));
  return out.slice(0, max);
}

/**
 * Looks up a field name as written in a query.
 * - a standard attribute or a declared custom attribute: `ok`;
 * - a well-formed custom attribute name ({@link parseCustomName}) when the catalog has no custom attribute list:
 *   `ok`, with the kind its suffix gives;
 * - a name that starts like a custom attribute (`<object>_custom_`) but is malformed (no or unknown type suffix,
 *   missing klass, …): `customSuffix`, `detail` says what is wrong and names the valid suffixes;
 * - a well-formed custom attribute name missing from the catalog's list: `unknownCustom`, with the closest listed names;
 * - anything else: `unknownField`. Suggestions, best first, at most 3: the same name spelled differently (`createdAt`,
 *   `Conversation-Status`), the name with an object prefix (`status` → `conversation_status`, `customer_status`,
 *   `message_status`), then names within a small case-insensitive Damerau–Levenshtein distance
 *   (`conversation_statu` → `conversation_status`). Sort-only names (`customer_done`, …) are never suggested, and
 *   using one as a filter says it can only sort.
 * Exact and case-sensitive. Never throws; names over 100 characters get no suggestions.
 */
export function resolveField(catalog: FieldCatalog, name: string): ResolveResult {
  const known = catalog.fields.get(name);
  if (known !== undefined) return { ok: true, field: known };

  if (customPrefix.test(name)) {
    const parsed = parseCustomName(name);
    if (!parsed.ok) {
      const suggestions =
        catalog.custom === null
          ? parsed.suggestions.slice(0, 3)
          : customSuggestions(catalog, catalog.custom, name, parsed.suggestions);
      return { ok: false, problem: 'customSuffix', detail: parsed.message, suggestions };
    }
    const klasses = catalog.klasses;
    if (parsed.klass !== undefined && klasses && !klasses.has(parsed.klass)) {
      // An unknown custom object class: suggest the name under the closest known klasses (listed names first).
      const field = name.slice(`kobject_custom_${parsed.klass}_`.length);
      const near = closest(parsed.klass, [...klasses.keys()], 3).map((k) => `kobject_custom_${k}_${field}`);
      const listed = catalog.custom === null ? near : near.filter((n) => catalog.custom!.has(n));
      const more = catalog.custom === null ? [] : customSuggestions(catalog, catalog.custom, name, []);
      return {
        ok: false,
        problem: 'unknownCustom',
        scope: `kobject_${parsed.klass}`,
        siblings: [],
        unknownKlass: parsed.klass,
        klasses: [...klasses.keys()],
        suggestions: [...new Set([...listed, ...more])].slice(0, 3),
      };
    }
    if (catalog.custom === null) return { ok: true, field: customField(name, parsed, parsed.kind) };
    const scope = parsed.klass === undefined ? parsed.object : `kobject_${parsed.klass}`;
    const siblings = [...catalog.custom.values()]
      .filter((f) => f.object === parsed.object && f.klass === parsed.klass)
      .map((f) => f.name);
    return {
      ok: false,
      problem: 'unknownCustom',
      scope,
      siblings,
      suggestions: customSuggestions(catalog, catalog.custom, name, []),
    };
  }

  const suggestions = nameSuggestions(catalog, name);
  if (/^[A-Za-z]+_custom_/i.test(name)) {
    // `Customer_Custom_tierStr`: offer the name with its prefix fixed.
    const parsed = parseCustomName(name);
    const fixes = parsed.ok ? [] : parsed.suggestions;
    const usable = catalog.custom === null ? fixes : fixes.filter((f) => catalog.custom!.has(f));
    suggestions.unshift(...usable.filter((f) => !suggestions.includes(f)));
    suggestions.splice(3);
  }
  return { ok: false, problem: 'unknownField', sortOnly: sortOnlyFields.has(name), suggestions };
}

/**
 * Listed custom attributes close to `name`: parse suggestions that are listed first, then the same attribute part on
 * other objects and klasses, then the nearest names.
 */
function customSuggestions(
  catalog: FieldCatalog,
  custom: ReadonlyMap<string, FieldInfo>,
  name: string,
  fixes: readonly string[],
): string[] {
  const out = fixes.filter((f) => custom.has(f));
  // The same attribute on another object or klass (`conversation_custom_tierStr` → `customer_custom_tierStr`):
  // did-you-mean spans every custom attribute of the org, not only the name's own object.
  const rest = unprefixed(name);
  if (rest !== null && rest.length > 0 && name.length <= maxSuggestLength) {
    for (const s of suggestIndex(catalog).bare.get(looseKey(rest)) ?? []) {
      if (s !== name && custom.has(s) && !out.includes(s)) out.push(s);
    }
  }
  for (const s of nameSuggestions(catalog, name, 6)) {
    if (custom.has(s) && !out.includes(s)) out.push(s);
  }
  return out.slice(0, 3);
}
