/**
 * The entry bench/internals.ts bundles: the pipeline's stages one by one (src/pipeline.ts runs them in this order),
 * plus `compile` from the same bundle so the stage sum can be held against the whole.
 */
export { lex } from '../src/syntax/lexer.js';
export { parseTokens } from '../src/syntax/parser.js';
export { termBuilders } from '../src/syntax/terms.js';
export { parse } from '../src/syntax/parse.js';
export { analyze } from '../src/check/check.js';
export { lower } from '../src/lowering/lower.js';
export { normalize } from '../src/lowering/normalize.js';
export { shape } from '../src/lowering/shape.js';
export { emit } from '../src/emit/criteria.js';
export { compile } from '../src/compile.js';
