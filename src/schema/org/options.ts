/**
 * How an org schema becomes compile options: {@link orgSchemaOptions} maps it into the `customAttributes` option
 * (names, kinds, display names, dropdown values, a tree's leaf ids with their paths as `valueLabels`), `klasses`
 * and `lookups`; {@link withOrgSchema} fills a set of options from its `schema`.
 */
import type { CompileOptions, CustomAttribute, KlassInfo } from '../../options.js';
import type { OrgAttribute, OrgLookups, OrgOption, OrgSchema } from './types.js';

/** The options an org schema gives: see {@link orgSchemaOptions}. */
export interface OrgSchemaOptions {
  readonly customAttributes: readonly CustomAttribute[];
  readonly klasses: readonly KlassInfo[];
  readonly lookups: OrgLookups;
}

/** The separator of a tree option's path in its display text (`EMEA › France`). */
export const optionPathSeparator = ' › ';

/**
 * The leaves of an option tree, in tree order: `value` a leaf's `id` (the value a query uses) and `label` the
 * display names from the root to it, joined by {@link optionPathSeparator}. A node with children is not a value
 * (a multi-level list stores the leaf chosen; kustomer-api-live.md §2a, an assumption per §6.6).
 */
export function treeLeaves(tree: readonly OrgOption[]): { value: string; label: string }[] {
  const out: { value: string; label: string }[] = [];
  const walk = (nodes: readonly OrgOption[], path: string) => {
    for (const n of nodes) {
      const label = path === '' ? n.displayName : `${path}${optionPathSeparator}${n.displayName}`;
      if (n.children !== undefined && n.children.length > 0) walk(n.children, label);
      else if (!out.some((o) => o.value === n.id)) out.push({ value: n.id, label });
    }
  };
  walk(tree, '');
  return out;
}

/** One attribute as a `CustomAttribute` option. */
function customAttribute(a: OrgAttribute): CustomAttribute {
  const out: { -readonly [K in keyof CustomAttribute]: CustomAttribute[K] } = { name: a.name, type: a.kind };
  if (a.displayName !== undefined) out.label = a.displayName;
  if (a.tree !== undefined && a.tree.length > 0) {
    const leaves = treeLeaves(a.tree);
    out.values = leaves.map((l) => l.value);
    out.valueLabels = leaves.filter((l) => l.label !== l.value);
  } else if (a.values !== undefined && a.values.length > 0) out.values = a.values;
  return out;
}

const cache = /* @__PURE__ */ new WeakMap<OrgSchema, OrgSchemaOptions>();

/**
 * The compile options an org schema (as `readOrgSchema` returns it) gives, cached per schema object (so the
 * catalogue built from them is too; a schema must not be changed after its first use):
 * - `customAttributes`: every attribute of `objects` and of each klass, as `{name, type: kind, label: displayName,
 *   values, valueLabels}`; a dropdown tree gives its leaves' ids as `values` and their paths as `valueLabels`;
 * - `klasses`: `{name, displayName}` of each klass;
 * - `lookups`: the schema's lookups, as they are.
 * Never throws for a schema `readOrgSchema` returned.
 */
export function orgSchemaOptions(schema: OrgSchema): OrgSchemaOptions {
  let hit = cache.get(schema);
  if (hit !== undefined) return hit;
  const customAttributes: CustomAttribute[] = [];
  for (const object of Object.values(schema.objects)) for (const a of object?.customAttributes ?? []) customAttributes.push(customAttribute(a));
  for (const k of schema.klasses) for (const a of k.customAttributes) customAttributes.push(customAttribute(a));
  const klasses = schema.klasses.map((k) => (k.displayName !== undefined ? { name: k.name, displayName: k.displayName } : { name: k.name }));
  hit = Object.freeze({ customAttributes: Object.freeze(customAttributes), klasses: Object.freeze(klasses), lookups: schema.lookups });
  cache.set(schema, hit);
  return hit;
}

/** Whether `schema` is usable as an org schema object (a value from `readOrgSchema`, or of its shape). */
function isSchema(schema: unknown): schema is OrgSchema {
  if (typeof schema !== 'object' || schema === null) return false;
  const s = schema as { objects?: unknown; klasses?: unknown };
  return typeof s.objects === 'object' && s.objects !== null && Array.isArray(s.klasses);
}

/**
 * `opts` with `customAttributes`, `klasses` and `lookups` filled from `opts.schema` where `opts` lacks them (an
 * explicit option wins over the schema's). `opts` itself when it has no usable `schema`. Cheap: the schema's
 * options are cached per schema object. Never throws.
 */
export function withOrgSchema<T extends Pick<CompileOptions, 'schema' | 'customAttributes' | 'klasses' | 'lookups'>>(opts: T): T {
  if (!isSchema(opts.schema)) return opts;
  const derived = orgSchemaOptions(opts.schema);
  return {
    ...opts,
    customAttributes: opts.customAttributes ?? derived.customAttributes,
    klasses: opts.klasses ?? derived.klasses,
    lookups: opts.lookups ?? derived.lookups,
  };
}
