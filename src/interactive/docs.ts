/**
 * The words interactive tools show about the language: what a field is (kind, JSON type, allowed values, operators,
 * sortable), what each operator means on a kind, what each directive does, what each keyword does. Shared by
 * completion (an item's `detail` and `documentation`) and `describe`.
 *
 * Sources: operator kinds and meanings are the checker's table (src/check/operators.ts, after kustomer-search-api.md
 * §2.1 and §2.3); sortable attributes are the Kustomer "Sorting" list (§6.1, src/schema/sorting.ts); directives are
 * the language's own (README, "The language").
 */
import { allows, kindLabel, naturalMatch } from '../check/operators.js';
import type { FieldKind } from '../options.js';
import { contextSortFields, isSortable, standardValueSchema, type FieldInfo } from '../schema/index.js';
import type { ComparisonOperator } from '../syntax/ast.js';

/** The comparison operators, in the order completion lists them. */
export const comparisonOperators: readonly ComparisonOperator[] = [':', '=', '!=', '~', '>', '>=', '<', '<='];

/** The operators a field of `kind` takes with one value, as written (`:*`, "is set", last). */
export function operatorsFor(kind: FieldKind): string[] {
  return [...comparisonOperators.filter((op) => allows(kind, op, 'single')), ':*'];
}

/**
 * What `operator` means, on a field of `kind` when given (its natural match for `:`), in a short phrase:
 * `:` → "equals" on a list, `>=` → "on or after" on a datetime, "at least" on a number.
 * `operator` is one of {@link comparisonOperators} or `:*`; the colon forms `:>` … read as `>` ….
 */
export function operatorMeaning(operator: string, kind?: FieldKind): string {
  const op = operator.length > 1 && operator.startsWith(':') && operator !== ':*' ? operator.slice(1) : operator;
  const dates = kind === 'datetime';
  switch (op) {
    case ':':
      return kind === undefined
        ? "the field's natural match: equals on list, string, exact-string, number and boolean fields; contains (whole words) on text and full-text fields; on a datetime, the whole local day for YYYY-MM-DD"
        : naturalMatch(kind);
    case '=':
      return 'equals (the whole value)';
    case '!=':
      return 'does not equal (a not criterion around equals)';
    case '~':
      return 'contains (whole words)';
    case '>':
      return dates ? 'after (a day: after its end)' : 'greater than';
    case '>=':
      return dates ? 'on or after (a day: from its start)' : 'at least (greater than or equal)';
    case '<':
      return dates ? 'before (a day: before its start)' : 'less than';
    case '<=':
      return dates ? 'on or before (a day: through its end)' : 'at most (less than or equal)';
    case ':*':
      return 'is set (has any value)';
    default:
      return 'not an operator';
  }
}

/** The Kustomer criterion an operator becomes, for documentation (`:` depends on the kind). */
export function operatorCriterion(operator: string, kind?: FieldKind): string {
  const op = operator.length > 1 && operator.startsWith(':') && operator !== ':*' ? operator.slice(1) : operator;
  switch (op) {
    case ':':
      if (kind === undefined) return 'equals, contains, or gte/lt for a whole day';
      if (kind === 'datetime') return 'gte and lt for a day YYYY-MM-DD, equals for an instant';
      return naturalMatch(kind).startsWith('contains') ? 'contains' : 'equals (in for a list of values)';
    case '=':
      return 'equals (in for a list of values)';
    case '!=':
      return 'not: [equals]';
    case '~':
      return 'contains';
    case '>':
      return 'gt';
    case '>=':
      return 'gte';
    case '<':
      return 'lt';
    case '<=':
      return 'lte';
    case ':*':
      return 'not: [not_set]';
    default:
      return '';
  }
}

/** A directive's name and what it does. */
export interface DirectiveDoc {
  readonly name: string;
  readonly effect: string;
  readonly example: string;
}

/** The directives, in the order completion lists them. */
export const directiveDocs: readonly DirectiveDoc[] = [
  { name: 'sort', effect: 'sorts the results by a field (-asc or -desc; ascending by default); repeat it for more keys. Sets the body\'s sort.', example: 'sort:customer_name-desc' },
  { name: 'context', effect: 'chooses what the search returns: customers, conversations, messages, companies, notes or custom objects. Sets the body\'s queryContext.', example: 'context:conversation' },
  { name: 'in', effect: 'the same as context: (chooses what the search returns).', example: 'in:conversation' },
  { name: 'tz', effect: 'the time zone local days (YYYY-MM-DD, today) are read in. Sets the body\'s timeZone; Kustomer uses GMT without it.', example: 'tz:America/New_York' },
  { name: 'has', effect: 'matches records where the field is set (the same as field:*).', example: 'has:customer_email' },
  { name: 'no', effect: 'matches records where the field is not set (the same as -field:*).', example: 'no:conversation_assigned_users' },
];

const directiveByName = new Map(directiveDocs.map((d) => [d.name, d]));

/** The documentation of directive `name`, or undefined. */
export function directiveDoc(name: string): DirectiveDoc | undefined {
  return directiveByName.get(name);
}

/** What a keyword does. */
export function keywordMeaning(keyword: string): string | undefined {
  switch (keyword) {
    case 'AND':
      return 'both sides must match (also implied between adjacent terms); binds tighter than OR.';
    case 'OR':
      return 'at least one side must match; binds loosest.';
    case 'NOT':
      return 'the next term must not match; binds tightest. The same as a leading -.';
    case '-':
      return 'the term right after it must not match (the same as NOT).';
    case 'TO':
      return 'separates the bounds of a range: [low TO high] includes both, {low TO high} excludes both.';
    default:
      return undefined;
  }
}

/**
 * Whether `name` is a sort key in `queryContext` (`customer` when null), and a note saying so, or naming the context it
 * sorts in (`conversation_created_at` sorts in `context:conversation`). Source: kustomer-search-api.md §6.1.
 */
export function sortability(name: string, queryContext: string | null): { sortable: boolean; note: string } {
  if (isSortable(name, queryContext ?? 'customer')) return { sortable: true, note: 'sortable' };
  // `<object>_created_at` / `_updated_at` sort in their own object's context.
  const own = /^([a-z]+)_(?:created|updated)_at$/.exec(name);
  if (own && contextSortFields(own[1]!).includes(name)) return { sortable: false, note: `sortable in context:${own[1]}` };
  return { sortable: false, note: 'not sortable' };
}

/** The words for a field's values: allowed values, id collections, or the kind's value shape. */
export function valueShape(field: FieldInfo): string {
  if (field.enum) return `one of ${field.enum.map(String).join(', ')}`;
  if (hasIdValues(field)) return `a ${field.collection!.replace(/s$/, '')} id (24 hex digits)`;
  switch (field.kind) {
    case 'datetime':
      return 'a day YYYY-MM-DD, an ISO-8601 instant with Z or an offset, or a relative date (now-7d, today)';
    case 'number': {
      const schema = standardValueSchema(field.name) as { type?: string; minimum?: number; maximum?: number } | undefined;
      const whole = schema?.type === 'integer' ? 'a whole number' : 'a number';
      return schema?.minimum !== undefined && schema.maximum !== undefined ? `${whole} from ${schema.minimum} to ${schema.maximum}` : whole;
    }
    case 'boolean':
      return 'true or false';
    case 'text':
    case 'any':
      return 'words to search for';
    default:
      return 'a string';
  }
}

/**
 * True when the field's values are ids of `field.collection`. Kustomer's schema gives `note_attachment_count` the
 * user-id definition (`$ref: #/definitions/user`) with the `number` operator (kustomer-search-api.md §5.3 lists it
 * under number); the compiler takes a number there (KQ2006 otherwise), so a number field never shows ids.
 */
function hasIdValues(field: FieldInfo): boolean {
  return field.collection !== undefined && field.kind !== 'number';
}

/** The bounds of a standard number field's values from its schema (`1 to 5` for `conversation_priority`), or null. */
function numberBounds(field: FieldInfo): string | null {
  if (field.kind !== 'number') return null;
  const schema = standardValueSchema(field.name) as { minimum?: number; maximum?: number } | undefined;
  if (schema?.minimum !== undefined && schema.maximum !== undefined) return `${schema.minimum} to ${schema.maximum}`;
  if (schema?.minimum !== undefined) return `at least ${schema.minimum}`;
  if (schema?.maximum !== undefined) return `at most ${schema.maximum}`;
  return null;
}

/**
 * A short line about a field, for a completion item's `detail` and `kq fields`: kind, allowed values (an enum, an id
 * collection, a number's bounds), sortable — parts joined by ` · `, e.g. `number · 1 to 5 · sortable`.
 */
export function fieldDetail(field: FieldInfo, queryContext: string | null): string {
  const parts = [kindLabel(field.kind)];
  if (field.custom) parts[0] = `custom ${parts[0]}`;
  const bounds = numberBounds(field);
  if (field.enum) parts.push(field.enum.length <= 6 ? field.enum.map(String).join(' | ') : `${field.enum.length} values`);
  else if (hasIdValues(field)) parts.push(`${field.collection!.replace(/s$/, '')} id`);
  else if (bounds !== null) parts.push(bounds);
  if (sortability(field.name, queryContext).sortable) parts.push('sortable');
  return parts.join(' · ');
}

/** Several lines about a field: what it is, its values, the operators it takes, whether it sorts. */
export function fieldDocumentation(field: FieldInfo, queryContext: string | null): string {
  const owner = field.klass
    ? `custom object ${field.klass}`
    : field.object ?? 'any object (full text)';
  const type = field.schemaType ? ` (JSON ${field.schemaType})` : '';
  const lines = [
    `${field.name}${field.label ? ` "${field.label}"` : ''}: a ${field.custom ? 'custom ' : ''}${kindLabel(field.kind)} attribute of ${owner}${type}.`,
    `Values: ${valueShape(field)}.`,
    `Operators: ${operatorsFor(field.kind)
      .map((op) => `${op} ${operatorMeaning(op, field.kind)}`)
      .join('; ')}${field.kind === 'number' || field.kind === 'datetime' ? '; a..b and [a TO b] ranges' : ''}.`,
    `Sorting: ${sortability(field.name, queryContext).note}.`,
  ];
  return lines.join('\n');
}
