/**
 * Sorting search results: the body's `sort` keys (kustomer-search-api.md §6.1, `[{"attribute": "asc"|"desc"}]`),
 * applied in order, as Elasticsearch sorts [ES]:
 * - each key's value is read by the attribute's kind (atoms.ts `readerOf`): numbers numerically, datetimes by
 *   instant, everything else as strings in code-point order (Elasticsearch's keyword order: case-sensitive, `B`
 *   before `a`); an attribute the catalogue does not know (the sort-only `customer_done`, …) sorts numbers before
 *   strings;
 * - a record with several values sorts by its smallest for `asc`, its largest for `desc` (Elasticsearch's default
 *   sort `mode`);
 * - a record with no readable value sorts after every record that has one, in both directions (`missing: _last`);
 * - records equal on every key keep their input order (the sort is stable).
 * The default order without `sort` is not documented (§6.1); the records then keep their input order.
 */
import type { SortKey } from '../check/context.js';
import type { FieldCatalog } from '../schema/index.js';
import { resolveField } from '../schema/index.js';
import { keywordOf, numberOf, readerOf } from './atoms.js';
import { fieldElements, elementsOf, ownValue } from './record.js';

/** A sort value: a number or a string; `undefined` when the record has none. */
type SortValue = number | string | undefined;

/** Compares strings by Unicode code point (UTF-8 byte order, as Elasticsearch compares keywords). */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a.charCodeAt(i) === b.charCodeAt(i)) continue;
    // The first difference may be the low half of a surrogate pair whose high half both share: compare the pairs.
    if (i > 0) {
      const h = a.charCodeAt(i - 1);
      if (h >= 0xd800 && h <= 0xdbff) {
        const x = a.codePointAt(i - 1)!;
        const y = b.codePointAt(i - 1)!;
        if (x !== y) return x - y;
      }
    }
    return a.codePointAt(i)! - b.codePointAt(i)!;
  }
  return a.length - b.length;
}

/** Compares two present sort values: numbers before strings, numbers numerically, strings by code point. */
function compareValues(a: number | string, b: number | string): number {
  if (typeof a === 'number') return typeof b === 'number' ? a - b : -1;
  return typeof b === 'number' ? 1 : compareCodePoints(a, b);
}

/** Reads an unknown attribute's element: a number as a number, else its keyword text. */
function genericReader(v: unknown): number | string | undefined {
  return typeof v === 'number' ? numberOf(v) : keywordOf(v);
}

/** How one key reads a record: its elements, and the reader of its kind. */
interface KeyReader {
  readonly direction: 'asc' | 'desc';
  readonly elements: (record: object) => readonly unknown[];
  readonly read: (v: unknown) => number | string | undefined;
}

function keyReader(key: SortKey, catalog: FieldCatalog): KeyReader {
  const r = resolveField(catalog, key.field);
  if (r.ok) {
    const field = r.field;
    return { direction: key.direction, elements: (record) => fieldElements(record, field, catalog), read: readerOf(field.kind) };
  }
  return { direction: key.direction, elements: (record) => elementsOf(ownValue(record, key.field)), read: genericReader };
}

/** The sort value of one record for one key: its smallest value for `asc`, its largest for `desc`. */
function valueFor(record: object, key: KeyReader): SortValue {
  let best: SortValue;
  for (const e of key.elements(record)) {
    const v = key.read(e);
    if (v === undefined) continue;
    if (best === undefined) best = v;
    else {
      const c = compareValues(v, best);
      if (key.direction === 'asc' ? c < 0 : c > 0) best = v;
    }
  }
  return best;
}

/**
 * `records` sorted by `keys` (see the module comment), as a new array; `records` is left as it is. With no keys,
 * a copy in input order. `catalog` gives each key's kind. O(n log n) comparisons; each record's values are read once.
 */
export function sortRecords<R extends object>(records: readonly R[], keys: readonly SortKey[], catalog: FieldCatalog): R[] {
  if (keys.length === 0) return [...records];
  const readers = keys.map((k) => keyReader(k, catalog)); // each key's field is resolved once
  const decorated = records.map((record, index) => ({ record, index, values: readers.map((k) => valueFor(record, k)) }));
  decorated.sort((a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const x = a.values[i];
      const y = b.values[i];
      if (x === undefined || y === undefined) {
        if (x === y) continue;
        return x === undefined ? 1 : -1; // missing last, whatever the direction
      }
      const c = compareValues(x, y);
      if (c !== 0) return keys[i]!.direction === 'asc' ? c : -c;
    }
    return a.index - b.index;
  });
  return decorated.map((d) => d.record);
}
