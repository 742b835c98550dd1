/**
 * The schema seam's data types: object types, one searchable attribute ({@link FieldInfo}), a catalogue of them
 * ({@link FieldCatalog}) and a problem with a custom attribute definition ({@link CatalogProblem}).
 *
 * Source of the object types: the `<object>_` prefixes of the Kustomer Customer Search doc's attribute names
 * (kustomer-search-api.md §3, §5).
 */
import type { FieldKind, KlassInfo } from '../options.js';

/** The Kustomer object types that search attributes belong to (the `<object>_` prefix of a name). */
export type ObjectType = 'customer' | 'company' | 'conversation' | 'message' | 'note' | 'kobject';

/** Every {@link ObjectType}, in the order used to rank suggestions (conversation first: most queries are about them). */
export const objectTypes: readonly ObjectType[] = /* @__PURE__ */ Object.freeze([
  'conversation',
  'customer',
  'message',
  'company',
  'note',
  'kobject',
]);

/**
 * The rank of an object type in {@link objectTypes} (0 for `conversation`, … 5 for `kobject`), used to order field
 * lists and suggestions; `objectTypes.length` (6) for `null` and any other text, so those sort last.
 */
export function objectRank(object: string | null): number {
  const rank = object === null ? -1 : objectTypes.indexOf(object as ObjectType);
  return rank === -1 ? objectTypes.length : rank;
}

/** The object type named by `name`'s prefix (the text before its first `_`), or `null`. */
export function objectOf(name: string): ObjectType | null {
  const cut = name.indexOf('_');
  if (cut <= 0) return null;
  const prefix = name.slice(0, cut);
  return objectTypes.includes(prefix as ObjectType) ? (prefix as ObjectType) : null;
}

/**
 * One searchable attribute.
 * - `name`: the attribute name as sent to Kustomer, e.g. `conversation_status`, `customer_custom_tierStr`;
 * - `kind`: its operator kind (the schema's `operator` keyword, or the custom attribute's suffix / declared type);
 * - `object`: the object type of its name prefix; `null` for `any_text` and `tracking_events`, whose names have no
 *   object prefix and whose object the Kustomer doc does not state;
 * - `context`: the `queryContext` the attribute belongs to: the object type (`conversation`, … ; `kobject` for the
 *   standard `kobject_*` attributes), `kobject_<klass>` for a custom object's attributes, `null` when `object` is;
 * - `custom`: true for custom attributes (`*_custom_*`);
 * - `klass`: the custom object class, for `kobject_custom_<klass>_<name>` attributes only;
 * - `enum`: the allowed values (the schema's `enum`, or a custom attribute's `values`);
 * - `collection`: for id-valued attributes, what the 24-hex ids refer to (the schema's `collection` keyword);
 * - `label`: a display name (custom attributes only);
 * - `enumLabels`: display text of some `enum` values (an org dropdown tree's leaf id → its path), custom attributes only;
 * - `schemaType`: the JSON type the schema gives the value (`string`, `number`, `integer`, `boolean`); for `$ref`
 *   attributes, the type of the referenced definition (`string`); absent when the schema gives none (two
 *   `conversation_first_message_*_sent_at` attributes) and for custom attributes.
 */
export interface FieldInfo {
  readonly name: string;
  readonly kind: FieldKind;
  readonly object: ObjectType | null;
  readonly context: string | null;
  readonly custom: boolean;
  readonly klass?: string;
  readonly enum?: readonly (string | number | boolean)[];
  readonly collection?: 'users' | 'teams' | 'queues';
  readonly label?: string;
  readonly enumLabels?: ReadonlyMap<string, string>;
  readonly schemaType?: string;
}

/**
 * The fields a query may use.
 * - `fields`: every known attribute by exact name: the standard ones and the declared custom attributes;
 * - `custom`: the declared custom attributes by name, or `null` when no list was given; then any well-formed custom
 *   attribute name resolves, with the kind its suffix gives.
 * - `klasses`: the org's custom object classes by name (`kobject_<klass>` contexts and `kobject_custom_<klass>_…`
 *   names must use one), or absent/`null` when no list was given (then any well-formed klass name is accepted).
 * Build one with `createCatalog` (catalog.ts); `defaultCatalog` has no custom attribute list.
 */
export interface FieldCatalog {
  readonly fields: ReadonlyMap<string, FieldInfo>;
  readonly custom: ReadonlyMap<string, FieldInfo> | null;
  readonly klasses?: ReadonlyMap<string, KlassInfo> | null;
}

/** A problem with one custom attribute definition (reported as KQ2019 by the caller). */
export interface CatalogProblem {
  /** The definition's `name` (as text, even when it was not a string). */
  readonly name: string;
  /** What is wrong, as a clause that follows "Invalid custom attribute definition '<name>': ". */
  readonly message: string;
}
