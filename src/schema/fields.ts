/**
 * The schema seam's compatibility barrel: re-exports, under their old names, what this module held before the
 * schema seam was split by job (types.ts, standard.ts, custom.ts, catalog.ts, resolve.ts, list.ts, sorting.ts,
 * contexts.ts). New code imports from `./index.js` (src/schema/index.ts), the seam's API.
 */
export {
  objectTypes,
  objectRank,
  type ObjectType,
  type FieldInfo,
  type FieldCatalog,
  type CatalogProblem,
} from './types.js';
export { standardFields, standardValueSchema } from './standard.js';
export { customSuffixKinds, parseCustomName, type CustomSuffix, type CustomNameParse } from './custom.js';
export { defaultCatalog, createCatalog } from './catalog.js';
export { resolveField, type ResolveResult } from './resolve.js';
export { listFields } from './list.js';
export { sortableFields, sortOnlyFields, contextSortFields, isSortable, sortSuggestions } from './sorting.js';
export { queryContexts, isValidContext, contextObject, contextSuggestions } from './contexts.js';
