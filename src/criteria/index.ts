/**
 * Kustomer search criteria bodies, read: one reader (`readCriteria`) for every spelling the API documents, giving a
 * typed, read-only form with the JSON pointer of every part and problems as data. See types.ts for the form and
 * read.ts for the reader. Depends on nothing else in the package.
 */
export { readCriteria, defaultMaxDepth } from './read.js';
export { emittedShape, type EmittedShape } from './emittedShape.js';
export { describeJson, describeJsonType, jsonPreview, isJsonScalar, isPlainObject, type JsonScalar } from './json.js';
export { child, escapeToken, pointerTokens, resolvePointer } from './pointer.js';
export * from './types.js';
