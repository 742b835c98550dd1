/**
 * The field catalogue of a set of options: the standard fields plus `opts.customAttributes` and `opts.klasses`
 * (or, where those are absent, the ones of `opts.schema`, an org schema), built once per custom attribute list.
 * Shared by the checker, the evaluator, decompile and the interactive helpers.
 */
import type { CompileOptions } from '../options.js';
import { createCatalog } from './catalog.js';
import { withOrgSchema } from './org/options.js';

const catalogCache = new WeakMap<object, WeakMap<object, ReturnType<typeof createCatalog>>>();
const noKlasses = {};

/**
 * The field catalogue for `opts` and the problems of its custom attribute definitions (see {@link createCatalog}):
 * `customAttributes` and `klasses` from the options, else from `opts.schema` (`withOrgSchema`); cached per
 * `customAttributes` array and `klasses` array (by identity, so an array must not be changed after its first
 * use); the standard catalogue when both are absent or not objects. Never throws.
 */
export function catalogFor(opts: Pick<CompileOptions, 'customAttributes' | 'schema' | 'klasses'>): ReturnType<typeof createCatalog> {
  const full = withOrgSchema(opts);
  const list = typeof full.customAttributes === 'object' && full.customAttributes !== null ? full.customAttributes : undefined;
  const klasses = typeof full.klasses === 'object' && full.klasses !== null ? full.klasses : undefined;
  if (list === undefined && klasses === undefined) return createCatalog(undefined);
  const key: object = list ?? noKlasses;
  let byKlasses = catalogCache.get(key);
  if (!byKlasses) {
    byKlasses = new WeakMap();
    catalogCache.set(key, byKlasses);
  }
  let hit = byKlasses.get(klasses ?? noKlasses);
  if (!hit) {
    hit = createCatalog(list, klasses);
    byKlasses.set(klasses ?? noKlasses, hit);
  }
  return hit;
}
