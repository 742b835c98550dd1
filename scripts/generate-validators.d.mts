/**
 * The files scripts/generate-validators.mjs generates: ajv standalone validators of the standard fields' value
 * schemas and of src/emit/criteria.schema.json, as `{path, text}`; `path` is relative to the project root. Writes
 * nothing; throws if ajv's output would still `require()` a module or build code at run time.
 */
export function generateValidators(): { path: string; text: string }[];
