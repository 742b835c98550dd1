/**
 * Lookups: tag, user, team and queue names ↔ the ids Kustomer's criteria hold, from the org's schema
 * (`OrgSchema.lookups`, `currentUser`). The checker resolves names with {@link resolveName}; decompile writes names
 * back with {@link readableName}; completion searches {@link LookupTable.prefix}; hover and explain show
 * {@link displayName}. Every index is built on first use and cached on the schema object by identity
 * ({@link lookupsFor}).
 */
export {
  Lookups,
  LookupTable,
  displayName,
  isLookupId,
  lookupIdPattern,
  lookupKinds,
  lookupNoun,
  lookupsFor,
  meKeyword,
  readableName,
  resolveName,
  spellingOf,
  type LookupEntry,
  type LookupKind,
  type NameResolution,
} from './table.js';
export { lookupKindOf, tagFields } from './fields.js';
export { buildPrefixIndex, searchPrefix, type PrefixHits, type PrefixIndex } from './prefix.js';
