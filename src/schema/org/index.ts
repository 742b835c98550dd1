/**
 * The org schema: the file `kq schema pull` writes from an org's custom attribute metadata, klasses and lookups
 * (format: types.ts), its reader ({@link readOrgSchema}: strict, bounded, problems with JSON Pointers) and how it
 * becomes compile options ({@link orgSchemaOptions}, {@link withOrgSchema}). Isomorphic, plain data.
 */
export * from './types.js';
export { readOrgSchema, type OrgSchemaRead } from './read.js';
export { orgSchemaOptions, withOrgSchema, treeLeaves, optionPathSeparator, type OrgSchemaOptions } from './options.js';
export { kindOfMetadataType } from './kinds.js';
