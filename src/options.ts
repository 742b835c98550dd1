/**
 * Options shared by `parse`, `check` and `compile`.
 */
import type { OrgLookups, OrgSchema } from './schema/org/types.js';

/** Every operator kind of the standard-fields schema's `operator` keyword (Kustomer Customer Search doc, §2.3). */
export const fieldKinds = Object.freeze(['any', 'string', 'text', 'list', 'string_notanalyzed', 'datetime', 'number', 'boolean'] as const);

/** An operator kind from the standard-fields schema's `operator` keyword (Kustomer Customer Search doc). */
export type FieldKind = (typeof fieldKinds)[number];

/**
 * One of the org's custom attributes, as returned by Kustomer's custom-attribute metadata.
 * - `name`: the full search attribute name, e.g. `customer_custom_tierStr` or `kobject_custom_order_totalNum`;
 * - `type`: its kind; when omitted it follows the name's suffix (Str→string, Txt→text, Num→number, At→datetime,
 *   Bool→boolean, Url→string, Id→string_notanalyzed);
 * - `values`: the allowed values, when the attribute is a list of options;
 * - `label`: a display name, shown by `kq fields`;
 * - `valueLabels`: display text for some of `values` (a dropdown tree's leaf id → its path, `EMEA › France`), shown
 *   next to the value in suggestions and completion.
 */
export interface CustomAttribute {
  readonly name: string;
  readonly type?: FieldKind;
  readonly values?: readonly (string | number | boolean)[];
  readonly label?: string;
  readonly valueLabels?: readonly { readonly value: string; readonly label: string }[];
}

/** A custom object class: `name` as in `kobject_<name>`, `displayName` its label (Kustomer klasses, kustomer-api-live.md §2b). */
export interface KlassInfo {
  readonly name: string;
  readonly displayName?: string;
}

/** Limits that keep hostile input cheap. */
export interface Limits {
  /** The longest query accepted, in UTF-16 code units. Default 1,048,576 (1 MiB of ASCII). */
  readonly maxLength?: number;
  /** The deepest nesting of parentheses and negations accepted. Default 100, at most 500 (larger values are capped). */
  readonly maxDepth?: number;
  /** The most diagnostics reported; later ones are dropped with a KQ1018 note. Default 100. */
  readonly maxDiagnostics?: number;
}

/** Options for `parse`. */
export interface ParseOptions extends Limits {}

/** Options for `check` and `compile`. */
export interface CompileOptions extends Limits {
  /**
   * The `queryContext` when the query has no `context:` directive: `customer`, `conversation`, `message`,
   * `company`, `note`, `kobject` or `kobject_<klass>`. When neither is given, the context is the one object type
   * that all field terms share, else `customer` (reported as a KQ2015 info diagnostic).
   */
  readonly queryContext?: string;
  /** The `timeZone` (an IANA name) when the query has no `tz:` directive. Local days are read in it. */
  readonly timeZone?: string;
  /**
   * The clock that relative dates (`now-7d`, `today`) resolve against: a `Date`, epoch milliseconds, or an ISO-8601
   * instant. Default: the real time at the call.
   */
  readonly now?: Date | number | string;
  /**
   * The org's custom attributes. When given, custom attribute names not in this list are errors (KQ2003), and
   * each one's kind and allowed values are taken from here.
   */
  readonly customAttributes?: readonly CustomAttribute[];
  /**
   * The org's schema, as `readOrgSchema` reads a schema file (`kq schema pull`): plain data. Its custom attributes
   * (with display names and dropdown options), klasses and lookups apply where the options do not give their own:
   * an explicit `customAttributes` wins over the schema's (see `orgSchemaOptions`).
   */
  readonly schema?: OrgSchema;
  /**
   * The org's custom object classes (`kobject_<klass>` contexts, `kobject_custom_<klass>_…` names). When given, other
   * klasses are errors with did-you-mean; absent: any well-formed klass name is accepted. Usually from `schema`.
   */
  readonly klasses?: readonly KlassInfo[];
  /**
   * Names and ids of the org's tags, users, teams and queues (names in queries ↔ ids in criteria). Usually from
   * `schema`; a list that is absent is unknown.
   */
  readonly lookups?: OrgLookups;
  /**
   * Emit nested `{"and"|"or"|"not": […]}` groups inside the top-level arrays when a query needs them. Nesting is
   * not documented by Kustomer (kustomer-search-api.md §1.3), so it is off by default and such queries are errors.
   */
  readonly nested?: boolean;
}

/**
 * The deepest nesting any caller may ask for: the parser and the lowering recurse once per level, and this keeps
 * them far from the stack limit on any Node configuration.
 */
export const maxDepthCeiling = 500;

/** The default limits. */
export const defaultLimits = {
  maxLength: 1_048_576,
  maxDepth: 100,
  maxDiagnostics: 100,
} as const satisfies Required<Limits>;

/** `opts` with every limit filled in. */
export function resolveLimits(opts: Limits | null | undefined): Required<Limits> {
  // Anything that is not a sensible number falls back to the default; counts are at least 1.
  const pick = (v: unknown, fallback: number, min: number, max = Infinity) =>
    typeof v === 'number' && !Number.isNaN(v) ? Math.min(Math.max(Math.floor(v), min), max) : fallback;
  return {
    maxLength: pick(opts?.maxLength, defaultLimits.maxLength, 0),
    maxDepth: pick(opts?.maxDepth, defaultLimits.maxDepth, 1, maxDepthCeiling),
    maxDiagnostics: pick(opts?.maxDiagnostics, defaultLimits.maxDiagnostics, 1),
  };
}
