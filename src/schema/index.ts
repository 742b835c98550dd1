/**
 * The schema seam: Kustomer's standard search attributes, custom attribute names, field catalogues, name
 * resolution with "did you mean" suggestions, field listing, sort keys, query contexts, value checks and the edit
 * distance behind every suggestion. Each job lives in its own module; this is the API the rest of the package uses.
 *
 * Importing costs little: no module walks the standard attributes at load (the table is built on first use), and
 * every top-level table carries a `@__PURE__` annotation, so a bundler drops the ones a consumer does not use
 * (`isValidContext` alone bundles to a few hundred bytes, without `standard-fields.json`).
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
export { resolveField, type ResolveProblem, type ResolveResult } from './resolve.js';
export { listFields } from './list.js';
export { sortableFields, sortOnlyFields, contextSortFields, isSortable, sortSuggestions, sortEvidence, archiveSortFields } from './sorting.js';
export { queryContexts, isValidContext, isUnknownKlassContext, contextObject, contextSuggestions } from './contexts.js';
export { maxGroupItems, maxSortKeys } from './limits.js';
export { checkValue, type ValueCheck, type ValueProblem } from './values.js';
export { closest, editDistance, maxSuggestLength, suggestionThreshold } from './suggest.js';
export { catalogFor } from './catalogFor.js';
