/**
 * The field catalogue of a set of options: the standard fields plus `opts.customAttributes`, built once per
 * custom attribute list. Shared by the checker, the evaluator, decompile and the interactive helpers.
 */
import type { CompileOptions } from '../options.js';
import { createCatalog } from './catalog.js';

const catalogCache = new WeakMap<readonly unknown[], ReturnType<typeof createCatalog>>();

/**
 * The field catalogue for `opts` and the problems of its custom attribute definitions (see {@link createCatalog}):
 * cached per `customAttributes` array (by identity, so an array must not be changed after its first use); the
 * standard catalogue when `customAttributes` is absent or not an object. Never throws.
 */
export function catalogFor(opts: Pick<CompileOptions, 'customAttributes'>): ReturnType<typeof createCatalog> {
  const list = opts.customAttributes;
  if (list === undefined || list === null || typeof list !== 'object') return createCatalog(undefined);
  let hit = catalogCache.get(list);
  if (!hit) {
    hit = createCatalog(list);
    catalogCache.set(list, hit);
  }
  return hit;
}
