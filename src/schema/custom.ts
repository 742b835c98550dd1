/**
 * Custom attribute names: their type suffixes, parsing a name into object, klass, base and suffix, and corrected
 * names for malformed ones.
 *
 * Source: Kustomer Customer Search doc, "Custom Fields on Standard Objects" and "Custom Objects", and the custom
 * attributes doc for the suffixes (kustomer-search-api.md §5.1–5.2).
 */
import type { FieldKind } from '../options.js';
import { maxSuggestLength } from './suggest.js';
import type { FieldInfo, ObjectType } from './types.js';

/** A custom attribute type suffix (Kustomer custom attributes doc; kustomer-search-api.md §5.1). */
export type CustomSuffix = 'Str' | 'Txt' | 'Num' | 'At' | 'Bool' | 'Url' | 'Id';

/**
 * The operator kind each custom attribute suffix gives: Str→string, Txt→text, Num→number, At→datetime,
 * Bool→boolean, Url→string, Id→string_notanalyzed. The suffixes are documented by Kustomer (custom attributes doc);
 * the kinds are this package's reading of them (kustomer-search-api.md §5.1, marked [I] there).
 */
export const customSuffixKinds: ReadonlyMap<CustomSuffix, FieldKind> = /* @__PURE__ */ new Map<CustomSuffix, FieldKind>([
  ['Str', 'string'],
  ['Txt', 'text'],
  ['Num', 'number'],
  ['At', 'datetime'],
  ['Bool', 'boolean'],
  ['Url', 'string'],
  ['Id', 'string_notanalyzed'],
]);

const suffixList = 'Str, Txt, Num, At, Bool, Url, Id';

/** The start of a custom attribute name: `<object>_custom_`, the object in group 1. */
export const customPrefix = /^(customer|company|conversation|message|note|kobject)_custom_/;

/** A custom object class name (the `<klass>` of `kobject_custom_<klass>_…` and of `kobject_<klass>` contexts). */
export const klassPattern = /^[A-Za-z0-9_-]+$/;

const attributeNamePattern = /^[A-Za-z0-9]+$/;

/** The result of {@link parseCustomName}. */
export type CustomNameParse =
  | {
      readonly ok: true;
      readonly object: ObjectType;
      readonly klass?: string;
      /** The attribute name without its suffix, e.g. `tier` for `customer_custom_tierStr`. */
      readonly base: string;
      readonly suffix: CustomSuffix;
      readonly kind: FieldKind;
    }
  | {
      readonly ok: false;
      /** `suffix`: the name's shape is right but it has no valid type suffix; `shape`: anything else. */
      readonly reason: 'suffix' | 'shape';
      /** A clause that follows "Custom attribute '<name>' ", e.g. "has no type suffix; end it with one of …". */
      readonly message: string;
      /** Corrected names, best first (possibly none). */
      readonly suggestions: string[];
    };

/** Hints for a wrong suffix: the last camelCase word (lower-cased) → the suffix, replacing the word or appended. */
const suffixHints = /* @__PURE__ */ new Map<string, { suffix: CustomSuffix; append: boolean }>([
  ['string', { suffix: 'Str', append: false }],
  ['str', { suffix: 'Str', append: false }],
  ['text', { suffix: 'Txt', append: false }],
  ['txt', { suffix: 'Txt', append: false }],
  ['number', { suffix: 'Num', append: false }],
  ['num', { suffix: 'Num', append: false }],
  ['integer', { suffix: 'Num', append: false }],
  ['int', { suffix: 'Num', append: false }],
  ['float', { suffix: 'Num', append: false }],
  ['boolean', { suffix: 'Bool', append: false }],
  ['bool', { suffix: 'Bool', append: false }],
  ['url', { suffix: 'Url', append: false }],
  ['uri', { suffix: 'Url', append: false }],
  ['link', { suffix: 'Url', append: false }],
  ['id', { suffix: 'Id', append: false }],
  ['at', { suffix: 'At', append: false }],
  ['date', { suffix: 'At', append: true }],
  ['time', { suffix: 'At', append: true }],
  ['datetime', { suffix: 'At', append: true }],
  ['timestamp', { suffix: 'At', append: true }],
]);

/** Lower-case endings recognised in an all-lower-case attribute name (`tierstr` → `tierStr`). */
const lowercaseEndings: ReadonlyArray<[string, CustomSuffix]> = [
  ['string', 'Str'],
  ['number', 'Num'],
  ['boolean', 'Bool'],
  ['bool', 'Bool'],
  ['str', 'Str'],
  ['txt', 'Txt'],
  ['num', 'Num'],
  ['url', 'Url'],
];

/** Names of the attribute part with a corrected suffix (`tierString` → `tierStr`), best first. */
function suffixFixes(field: string): string[] {
  const word = /(?:[A-Z][a-z0-9]*|[A-Z]+)$/.exec(field)?.[0];
  if (word !== undefined && word.length < field.length) {
    const hint = suffixHints.get(word.toLowerCase());
    if (hint !== undefined) {
      const stem = field.slice(0, field.length - word.length);
      return [hint.append ? field + hint.suffix : stem + hint.suffix];
    }
    return [];
  }
  const lower = field.toLowerCase();
  for (const [ending, suffix] of lowercaseEndings) {
    if (lower.endsWith(ending) && field.length > ending.length) {
      return [field.slice(0, field.length - ending.length) + suffix];
    }
  }
  return [];
}

/** `my_field-name` → `myFieldName`. */
function camelize(text: string): string {
  return text
    .split(/[_-]+/)
    .filter((part) => part.length > 0)
    .map((part, i) => (i === 0 ? part : part[0]!.toUpperCase() + part.slice(1)))
    .join('');
}

/**
 * Parses a custom attribute name (Kustomer Customer Search doc, "Custom Fields on Standard Objects" and "Custom
 * Objects"): `<customer|company|conversation|message|note>_custom_<name><Suffix>` or
 * `kobject_custom_<klass>_<name><Suffix>`.
 * - `<klass>` is non-empty, of `[A-Za-z0-9_-]`; it ends at the name's last `_` (klass names may hold `_` and `-`:
 *   `kobject_custom_ecomm-order_totalNum` has klass `ecomm-order`);
 * - `<name><Suffix>` is of `[A-Za-z0-9]` (camelCase, no `_`), `<name>` non-empty, `<Suffix>` one of
 *   {@link customSuffixKinds}'s keys, matched case-sensitively.
 * Never throws. On failure, `message` reads after "Custom attribute '<name>' " and `suggestions` holds corrected
 * names when a likely fix exists (`tierString` → `tierStr`, `tierstr` → `tierStr`, `my_fieldStr` → `myFieldStr`).
 */
export function parseCustomName(name: string): CustomNameParse {
  const match = customPrefix.exec(name);
  if (match === null) {
    const suggestions: string[] = [];
    const loose = /^([A-Za-z]+)_custom_/i.exec(name);
    if (loose !== null && name.length <= maxSuggestLength) {
      const fixed = loose[0].toLowerCase() + name.slice(loose[0].length);
      if (fixed !== name && customPrefix.test(fixed)) suggestions.push(...fixesOf(fixed));
    }
    return wrongShape(
      'is not a custom attribute name: custom attributes are named <object>_custom_<name><Suffix> ' +
        '(object: customer, company, conversation, message or note) or kobject_custom_<klass>_<name><Suffix>',
      suggestions.slice(0, 3),
    );
  }
  const object = match[1] as ObjectType;
  const prefix = match[0];
  const rest = name.slice(prefix.length);
  let klass: string | undefined;
  let field = rest;
  if (object === 'kobject') {
    const cut = rest.lastIndexOf('_');
    if (cut <= 0) {
      return wrongShape(
        'names no custom object class: write kobject_custom_<klass>_<name><Suffix>, e.g. kobject_custom_order_totalNum',
      );
    }
    klass = rest.slice(0, cut);
    field = rest.slice(cut + 1);
    if (!klassPattern.test(klass)) {
      return wrongShape("has a custom object class with characters other than letters, digits, '-' and '_'");
    }
  }
  const head = klass === undefined ? prefix : `${prefix}${klass}_`;
  if (field.length === 0) {
    return wrongShape(`has no attribute name after '${head}': write ${head}<name><Suffix>, e.g. ${head}tierStr`);
  }
  if (!attributeNamePattern.test(field)) {
    const camel = klass === undefined && name.length <= maxSuggestLength && /^[A-Za-z0-9_-]+$/.test(field);
    return wrongShape(
      'has characters other than letters and digits in its attribute name: ' +
        `custom attribute names are camelCase, e.g. ${head}tierStr`,
      camel ? fixesOf(head + camelize(field)) : [],
    );
  }
  for (const [suffix, kind] of customSuffixKinds) {
    if (field.endsWith(suffix)) {
      if (field.length === suffix.length) {
        return wrongShape(`has a type suffix but no name before it: write ${head}<name>${suffix}`);
      }
      const base = field.slice(0, field.length - suffix.length);
      return klass === undefined
        ? { ok: true, object, base, suffix, kind }
        : { ok: true, object, klass, base, suffix, kind };
    }
  }
  const word = /(?:[A-Z][a-z0-9]*|[A-Z]+)$/.exec(field)?.[0];
  const message =
    word !== undefined && word.length < field.length && word.length <= 20
      ? `ends in '${word}', which is not a type suffix; end it with one of ${suffixList}`
      : `has no type suffix; end it with one of ${suffixList}`;
  const suggestions = name.length <= maxSuggestLength ? suffixFixes(field).map((f) => head + f) : [];
  return { ok: false, reason: 'suffix', message, suggestions };
}

/** The failed {@link parseCustomName} result for a name of the wrong shape. */
function wrongShape(message: string, suggestions: string[] = []): CustomNameParse {
  return { ok: false, reason: 'shape', message, suggestions };
}

/** The suggestions for a corrected name `fixed`: itself when it parses, else the corrections it needs in turn. */
function fixesOf(fixed: string): string[] {
  const again = parseCustomName(fixed);
  return again.ok ? [fixed] : again.suggestions;
}

/** A custom attribute's {@link FieldInfo} from its parsed name (`values` become its `enum`). */
export function customField(
  name: string,
  parsed: Extract<CustomNameParse, { ok: true }>,
  kind: FieldKind,
  values?: readonly (string | number | boolean)[],
  label?: string,
  enumLabels?: ReadonlyMap<string, string>,
): FieldInfo {
  const info: { -readonly [K in keyof FieldInfo]: FieldInfo[K] } = {
    name,
    kind,
    object: parsed.object,
    context: parsed.klass === undefined ? parsed.object : `kobject_${parsed.klass}`,
    custom: true,
  };
  if (parsed.klass !== undefined) info.klass = parsed.klass;
  if (values !== undefined) info.enum = Object.freeze([...values]);
  if (label !== undefined) info.label = label;
  if (enumLabels !== undefined && enumLabels.size > 0) info.enumLabels = enumLabels;
  return Object.freeze(info);
}

