/**
 * The language service (`createLanguageService`) and the position helpers editor adapters need (`lineIndex`,
 * `kqLines`), with the editor-neutral shapes they use (types.ts). Part of the isomorphic core: imports core modules
 * only (test/architecture/imports.test.ts).
 */
export { createLanguageService, defaultMaxCompletions, valueCacheSize } from './service.js';
export { lineIndex, kqLines, type KqLine } from './lines.js';
export { lookupValueSource, lookupValueSources, lookupPaths, type LookupClient, type LookupSourceOptions } from './lookupSource.js';
export type {
  Fix,
  LanguageService,
  LineCharacter,
  LineIndex,
  SemanticToken,
  SemanticTokenClass,
  ServiceCompletionItem,
  ServiceCompletionKind,
  ServiceCompletions,
  ServiceDiagnostic,
  ServiceHover,
  ServiceOptions,
  ServiceRange,
  TextEdit,
  ValueSource,
} from './types.js';
