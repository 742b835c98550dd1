/**
 * Which operators each field kind takes, and what each means: the one table the checker and the lowering share.
 *
 * Source: the kinds are the standard-fields schema's `operator` keyword (Kustomer Customer Search doc); the
 * operator evidence per kind is kustomer-search-api.md §2.1 and §2.3 (`equals` on list/string/boolean/
 * string_notanalyzed, `contains` on string/text, `in` on lists, `gt`/`gte`/`lt`/`lte` on numbers and datetimes).
 * Where the sources are silent (e.g. `equals` on a datetime) the choice is ours and written here.
 */
import type { ComparisonOperator } from '../syntax/ast.js';
import type { FieldKind } from '../options.js';

/** The kinds whose natural match (`:`) is whole-value equality, and that take `=`, `!=` and value lists as `in`. */
export const equalsKinds: ReadonlySet<FieldKind> = new Set<FieldKind>([
  'list',
  'string',
  'string_notanalyzed',
  'number',
  'boolean',
]);

/** The kinds that take `~` (`contains`): analysed text. */
export const containsKinds: ReadonlySet<FieldKind> = new Set<FieldKind>(['string', 'text', 'any']);

/** The kinds that take `>` `>=` `<` `<=` and ranges. */
export const orderedKinds: ReadonlySet<FieldKind> = new Set<FieldKind>(['number', 'datetime']);

/** A term's shape, for operator checks: a comparison with one value, a value list, a range, or "is set". */
export type TermShape = 'single' | 'list' | 'range' | 'exists';

/** True when `kind` takes `operator` in a term of `shape`. */
export function allows(kind: FieldKind, operator: ComparisonOperator, shape: TermShape): boolean {
  if (shape === 'exists') return true;
  if (shape === 'range') return orderedKinds.has(kind);
  switch (operator) {
    case ':':
      return true;
    case '=':
    case '!=':
      // `equals` on a datetime is not documented; we allow it (exact instant or local day, as written).
      return equalsKinds.has(kind) || (kind === 'datetime' && shape === 'single');
    case '~':
      return containsKinds.has(kind);
    default:
      return shape === 'single' && orderedKinds.has(kind);
  }
}

/**
 * True when `operator` on a field of kind `kind` matches words (`contains`: `~`, and `:` on the analysed text kinds
 * `text` and `any`) rather than whole values; the checker then leaves the value unvalidated, the lowering emits
 * `contains`, and completion offers no whole values.
 */
export function matchesWords(field: { readonly kind: FieldKind }, operator: ComparisonOperator): boolean {
  return operator === '~' || (operator === ':' && containsKinds.has(field.kind) && field.kind !== 'string');
}

/** The operator spellings `kind` takes, for "allowed operators" help. */
export function allowedOperators(kind: FieldKind): string[] {
  const out: string[] = [':'];
  if (equalsKinds.has(kind) || kind === 'datetime') out.push('=', '!=');
  if (containsKinds.has(kind)) out.push('~');
  if (orderedKinds.has(kind)) out.push('>', '>=', '<', '<=', 'a..b', '[a TO b]');
  out.push(':*');
  return out;
}

/** What `:` means on `kind`, in words (for messages and `kq fields`). */
export function naturalMatch(kind: FieldKind): string {
  if (equalsKinds.has(kind)) return 'equals';
  if (kind === 'datetime') return 'the whole local day (or the exact instant)';
  return 'contains (whole words)';
}

/** A plain-English name for a kind, for messages ("a list field"). */
export function kindLabel(kind: FieldKind): string {
  switch (kind) {
    case 'any':
      return 'full-text';
    case 'string_notanalyzed':
      return 'exact-string';
    default:
      return kind;
  }
}
