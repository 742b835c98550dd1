/**
 * Field catalogues: the standard attributes plus an org's declared custom attributes, checked definition by
 * definition ({@link createCatalog}), and the {@link defaultCatalog} with no custom attribute list.
 *
 * Source: Kustomer types custom attributes by their name suffix (Kustomer custom attributes doc;
 * kustomer-search-api.md §5.1).
 *
 * Names typed by users are untrusted: the tables are `Map`s, so `__proto__`, `constructor` or `toString` are simply
 * unknown names.
 */
import { fieldKinds, type CustomAttribute, type FieldKind, type KlassInfo } from '../options.js';
import { customField, klassPattern, parseCustomName } from './custom.js';
import { standardFields } from './standard.js';
import type { CatalogProblem, FieldCatalog, FieldInfo } from './types.js';

/** The operator kinds whose values are strings. */
const stringKinds: ReadonlySet<FieldKind> = /* @__PURE__ */ new Set<FieldKind>(['string', 'text', 'list', 'string_notanalyzed']);

/** Whether a declared `type` fits a suffix's kind: same kind, or both string-valued (a dropdown Str is `list`). */
function compatibleKinds(declared: FieldKind, fromSuffix: FieldKind): boolean {
  return declared === fromSuffix || (stringKinds.has(declared) && stringKinds.has(fromSuffix));
}

/** Whether `value` has the JSON type values of `kind` have. */
function valueFitsKind(value: unknown, kind: FieldKind): boolean {
  if (kind === 'number') return typeof value === 'number' && Number.isFinite(value);
  if (kind === 'boolean') return typeof value === 'boolean';
  return typeof value === 'string';
}

/** Text for a definition's name in a problem, whatever it was. */
function nameText(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** The catalog with no custom attribute list: standard fields, and any well-formed custom name resolves. */
export const defaultCatalog: FieldCatalog = /* @__PURE__ */ Object.freeze({ fields: standardFields, custom: null });

/**
 * Builds the catalog a query is checked against.
 *
 * Without `customAttributes` (undefined), returns the cached {@link defaultCatalog}: any well-formed custom name
 * then resolves with the kind its suffix gives. With a list (even an empty one), exactly the listed custom
 * attributes exist; other custom names are KQ2003 in {@link resolveField}.
 *
 * Each definition is checked; a bad one goes to `problems` (reported by callers as KQ2019) and:
 * - a `name` that is not a string or not a well-formed custom attribute name ({@link parseCustomName}): the
 *   definition is skipped;
 * - a second definition of the same name: skipped, the first one is kept;
 * - a `type` that is not a FieldKind, or conflicts with the suffix: **the suffix wins** (Kustomer types custom
 *   attributes by their suffix: custom attributes doc), the definition is kept with the suffix's kind. A declared
 *   type is used when it is compatible: the suffix's own kind, or any string-valued kind (`string`, `text`, `list`,
 *   `string_notanalyzed`) for Str/Txt/Url/Id, e.g. `list` for a dropdown Str attribute;
 * - `values` that are not a non-empty array of values of the attribute's JSON type (numbers for number, booleans
 *   for boolean, strings otherwise): the values are dropped, the definition is kept;
 * - a `label` that is not a string: the label is dropped; `valueLabels` entries that are not `{value, label}`
 *   strings for one of the `values`: dropped silently (display only);
 * - with `klasses` given: a `kobject_custom_<klass>_…` definition whose klass is not among them: skipped.
 * `klasses` (the org's custom object classes, e.g. from an org schema) become the catalog's `klasses`; entries
 * without a well-formed `name` are reported and skipped. Without them, any klass name is accepted.
 * Never throws, whatever `customAttributes` and `klasses` hold at run time.
 */
export function createCatalog(
  customAttributes?: readonly CustomAttribute[],
  klasses?: readonly KlassInfo[],
): {
  catalog: FieldCatalog;
  problems: CatalogProblem[];
} {
  if (customAttributes === undefined && klasses === undefined) return { catalog: defaultCatalog, problems: [] };
  const problems: CatalogProblem[] = [];
  let klassMap: Map<string, KlassInfo> | null = null;
  if (klasses !== undefined && klasses !== null) {
    klassMap = new Map();
    for (const k of Array.isArray(klasses) ? (klasses as readonly unknown[]) : []) {
      const name = typeof k === 'object' && k !== null ? (k as { name?: unknown }).name : undefined;
      if (typeof name !== 'string' || !klassPattern.test(name)) {
        problems.push({ name: nameText(name), message: "a klass must be an object with a name of letters, digits, '-' and '_'" });
      } else if (!klassMap.has(name)) klassMap.set(name, k as KlassInfo);
    }
  }
  if (customAttributes === undefined) {
    return { catalog: Object.freeze({ fields: standardFields, custom: null, klasses: klassMap }), problems };
  }
  const fields = new Map<string, FieldInfo>(standardFields);
  const custom = new Map<string, FieldInfo>();
  const list: readonly unknown[] = Array.isArray(customAttributes) ? customAttributes : [];
  if (!Array.isArray(customAttributes)) {
    problems.push({ name: '', message: 'the custom attributes must be a list' });
  }
  for (const entry of list) {
    if (typeof entry !== 'object' || entry === null) {
      problems.push({ name: nameText(entry), message: 'a definition must be an object with a name' });
      continue;
    }
    const def = entry as { name?: unknown; type?: unknown; values?: unknown; label?: unknown; valueLabels?: unknown };
    if (typeof def.name !== 'string') {
      problems.push({ name: nameText(def.name), message: 'the name must be a string' });
      continue;
    }
    const name = def.name;
    const parsed = parseCustomName(name);
    if (!parsed.ok) {
      const hint = parsed.suggestions.length > 0 ? ` (did you mean ${parsed.suggestions.join(', ')}?)` : '';
      problems.push({ name: nameText(name), message: `the name ${parsed.message}${hint}` });
      continue;
    }
    if (custom.has(name)) {
      problems.push({ name, message: 'it is defined more than once; the first definition is used' });
      continue;
    }
    if (parsed.klass !== undefined && klassMap !== null && !klassMap.has(parsed.klass)) {
      problems.push({ name, message: `its custom object class '${parsed.klass}' is not among the klasses given` });
      continue;
    }
    let kind = parsed.kind;
    if (def.type !== undefined) {
      if (typeof def.type !== 'string' || !(fieldKinds as readonly string[]).includes(def.type)) {
        problems.push({
          name,
          message:
            `type '${nameText(def.type)}' is not one of ${fieldKinds.join(', ')}; ` +
            `using ${parsed.kind} from the ${parsed.suffix} suffix`,
        });
      } else if (!compatibleKinds(def.type as FieldKind, parsed.kind)) {
        problems.push({
          name,
          message:
            `type '${def.type}' conflicts with its ${parsed.suffix} suffix, ` +
            `which means ${parsed.kind}; using ${parsed.kind}`,
        });
      } else {
        kind = def.type as FieldKind;
      }
    }
    let values: readonly (string | number | boolean)[] | undefined;
    if (def.values !== undefined) {
      if (!Array.isArray(def.values) || def.values.length === 0) {
        problems.push({ name, message: 'values must be a non-empty list; ignoring them' });
      } else if (!def.values.every((v: unknown) => valueFitsKind(v, kind))) {
        const expected = kind === 'number' ? 'numbers' : kind === 'boolean' ? 'true or false' : 'strings';
        problems.push({ name, message: `values of a ${kind} attribute must be ${expected}; ignoring them` });
      } else {
        values = def.values as (string | number | boolean)[];
      }
    }
    let label: string | undefined;
    if (def.label !== undefined) {
      if (typeof def.label === 'string') label = def.label;
      else problems.push({ name, message: 'the label must be a string; ignoring it' });
    }
    let enumLabels: Map<string, string> | undefined;
    if (values !== undefined && Array.isArray(def.valueLabels)) {
      enumLabels = new Map();
      for (const l of def.valueLabels as unknown[]) {
        const { value, label: text } = (typeof l === 'object' && l !== null ? l : {}) as { value?: unknown; label?: unknown };
        if (typeof value === 'string' && typeof text === 'string' && values.includes(value)) enumLabels.set(value, text);
      }
    }
    const info = customField(name, parsed, kind, values, label, enumLabels);
    custom.set(name, info);
    fields.set(name, info);
  }
  return { catalog: Object.freeze({ fields, custom, klasses: klassMap }), problems };
}
