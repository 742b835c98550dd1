/**
 * kustomer-query: compile human search queries to Kustomer search criteria JSON.
 *
 * Data flows one way: text → tokens (syntax/lexer) → AST (syntax/parser) → checked AST (check/) → lowered form
 * (lowering/) → criteria JSON (emit/). Diagnostics (diagnostics/) are data at every step.
 */
export { compile, compileOrThrow, QueryError, type CompileResult } from './compile.js';
export { parse, type ParseResult } from './syntax/parse.js';
export { check, analyze } from './check/check.js';
export type { CheckedQuery, TypedValue, SortKey } from './check/context.js';
export { renderDiagnostics, formatDiagnosticLine, type RenderOptions } from './diagnostics/render.js';
export { lineColumn } from './diagnostics/location.js';
export type { Diagnostic, Severity } from './diagnostics/diagnostic.js';
export { Messages, allMessages, type MessageTemplate } from './diagnostics/catalogue.js';
export { validateCriteria, type CriteriaValidation, type CriteriaError } from './emit/validate.js';
export type { Criteria, CriteriaItem, Criterion, CriterionValue } from './emit/criteria.js';
export {
  standardFields,
  createCatalog,
  resolveField,
  listFields,
  sortableFields,
  isSortable,
  queryContexts,
  isValidContext,
  type FieldInfo,
  type FieldCatalog,
  type ObjectType,
} from './schema/fields.js';
export { allowedOperators, naturalMatch } from './check/operators.js';
export type { CompileOptions, ParseOptions, Limits, CustomAttribute, FieldKind } from './options.js';
export { defaultLimits, fieldKinds } from './options.js';
export type * from './syntax/ast.js';
export { walk, childrenOf } from './syntax/ast.js';
export { format, type FormatResult } from './syntax/format.js';
export { print } from './syntax/printer.js';
export { decompile, type DecompileOptions, type DecompileResult } from './decompile/decompile.js';
export { evaluate, search, prepareCriteria, maxNesting, type EvaluateOptions, type SearchOptions, type SearchResult, type PreparedCriteria, type CriteriaPreparation } from './evaluate/criteria.js';
export { evaluateQuery, prepareQuery, type PreparedQuery, type QueryPreparation } from './evaluate/query.js';
export { SearchError, QueryEvaluationError, type SearchProblem } from './evaluate/errors.js';
export { defaultPageSize, maxPageSize, maxPage, type PageMeta, type PageRequest } from './evaluate/page.js';
export { recordTypeKey } from './evaluate/record.js';
export { translate } from './translate/translate.js';
export type { TranslateSource } from './translate/sources.js';
export type { TranslateOptions, TranslateResult, Direction as TranslateDirection, InputFormat as TranslateInputFormat, CarriedFields } from './translate/records.js';

// Interactive use: completion, descriptions, explanations (src/interactive/).
export { complete, type Completion, type CompletionItem, type CompletionKind, type CompleteOptions } from './interactive/complete.js';
export { describe, type Description, type FieldDescription, type ValueDescription } from './interactive/describe.js';
export { explain, explainQuery, type Explanation } from './interactive/explain.js';
export { criteriaInWords, type CriteriaWordsOptions } from './interactive/criteriaInWords.js';
// The evaluator's text analysis (how `contains` sees a string: Elasticsearch's standard analyzer, src/evaluate/text.ts).
export { tokens as textTokens } from './evaluate/text.js';
export { resultJson } from './translate/output.js';
