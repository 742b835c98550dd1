/**
 * `kustomer-query`: the isomorphic core — compile human search queries to Kustomer search criteria JSON, check them,
 * format and decompile them, and the interactive helpers a search box needs (complete, describe, explain, tokenize).
 *
 * Runs in any JavaScript host (browser, worker, Node, Deno/Bun-style ESM): no Node built-ins, no globals read at
 * load, no code generated at run time (value schemas are precompiled validators), `"sideEffects": false`.
 * Other entries: `kustomer-query/evaluate` (reference semantics over records), `kustomer-query/render` (code frames
 * and colours), `kustomer-query/node` (bulk translation; Node only).
 *
 * Data flows one way: text → tokens (syntax/lexer) → AST (syntax/parser) → checked AST (check/) → lowered form
 * (lowering/) → criteria JSON (emit/). Diagnostics (diagnostics/) are data at every step: `{code, severity, message,
 * span: {start, end}, help?, suggestions?, pointer?}`, spans in UTF-16 offsets.
 */

// --- Compile, parse, check --------------------------------------------------------------------------------------
export { compile, compileOrThrow, QueryError, type CompileResult } from './compile.js';
export { parse, type ParseResult } from './syntax/parse.js';
export { check } from './check/check.js';
export type { CompileOptions, ParseOptions, Limits, CustomAttribute, FieldKind } from './options.js';
export { defaultLimits, fieldKinds } from './options.js';

// --- Diagnostics as data -----------------------------------------------------------------------------------------
export type { Diagnostic, Severity } from './diagnostics/diagnostic.js';
export { diagnosticCodes } from './diagnostics/catalogue.js';
export { lineColumn } from './diagnostics/location.js';

// --- The criteria JSON -------------------------------------------------------------------------------------------
export { validateCriteria, type CriteriaValidation, type CriteriaError } from './emit/validate.js';
export type { Criteria, CriteriaItem, Criterion, CriterionValue } from './emit/criteria.js';

// --- The field catalogue (Kustomer's standard attributes, custom attributes, contexts, sorting) -----------------
export {
  standardFields,
  createCatalog,
  resolveField,
  listFields,
  sortableFields,
  sortOnlyFields,
  isSortable,
  queryContexts,
  isValidContext,
  contextSuggestions,
  type FieldInfo,
  type FieldCatalog,
  type ObjectType,
} from './schema/index.js';
// The org schema file (kq schema pull): its format, reader and compile options.
export * from './schema/org/index.js';
export { catalogFor } from './schema/catalogFor.js';
export { allowedOperators, naturalMatch } from './check/operators.js';

// --- Dates and zones ---------------------------------------------------------------------------------------------
export { resolveTimeZone, resolveClock, type TimeZoneResult, type ClockResult } from './dates/index.js';

// --- The syntax tree ---------------------------------------------------------------------------------------------
export type * from './syntax/ast.js';
export { walk, childrenOf } from './syntax/ast.js';

// --- Round trip: format, print, decompile ------------------------------------------------------------------------
export { format, type FormatResult } from './syntax/format.js';
export { print } from './syntax/printer.js';
export { decompile, type DecompileOptions, type DecompileResult } from './decompile/decompile.js';

// --- Interactive use: tokens, completion, descriptions, explanations ---------------------------------------------
export { tokenize, type Tokenized, type QueryToken, type TokenRole } from './interactive/tokenize.js';
export { complete, type Completion, type CompletionItem, type CompletionKind, type CompleteOptions } from './interactive/complete.js';
export { describe, type Description, type FieldDescription, type ValueDescription } from './interactive/describe.js';
export { fieldDetail } from './interactive/docs.js';
export { explain, explainQuery, type Explanation } from './interactive/explain.js';
export { criteriaInWords, type CriteriaWordsOptions } from './interactive/criteriaInWords.js';
export { dayInWords, instantInWords } from './interactive/humanDates.js';

// --- The language service: one object for editor adapters (CodeMirror, LSP, playground) -------------------------
export * from './service/index.js';
