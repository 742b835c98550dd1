/**
 * The language service's shapes: editor-neutral, LSP-shaped data (Language Server Protocol 3.17 terms: ranges,
 * severities, completion items with replace ranges, hovers, text edits, semantic tokens), defined once and used by
 * every adapter — the CodeMirror 6 extension (`kustomer-query/codemirror`), the LSP server (`kq lsp`), the playground.
 *
 * Positions are UTF-16 code-unit offsets into the text the call was given (what JavaScript strings, CodeMirror and
 * LSP's default `utf-16` position encoding count). Adapters that need line/character use {@link LineIndex}.
 * Everything here is plain data: it can cross into a worker with `postMessage`.
 */
import type { CompileOptions } from '../options.js';

/** A stretch of the text: UTF-16 offsets, `start` inclusive, `end` exclusive, `0 ≤ start ≤ end ≤ text.length`. */
export interface ServiceRange {
  readonly start: number;
  readonly end: number;
}

/** A zero-based line and UTF-16 character within it (LSP's `Position`). */
export interface LineCharacter {
  readonly line: number;
  readonly character: number;
}

/** Replace `range` of the text with `newText` (LSP's `TextEdit`, in offsets). */
export interface TextEdit {
  readonly range: ServiceRange;
  readonly newText: string;
}

/**
 * A fix for a diagnostic: `title` for a menu ("Replace with 'conversation_status'"), the `edits` that make it (applied
 * together, non-overlapping), and `preferred` for the one an editor may apply on its own (LSP `isPreferred`).
 */
export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  readonly preferred?: boolean;
}

/**
 * A diagnostic for an editor: the compiler's diagnostic (code `KQnnnn`, severity, message, help) at `range`, with
 * the fixes that apply. `severity` maps to LSP's DiagnosticSeverity (error 1, warning 2, info 3).
 */
export interface ServiceDiagnostic {
  readonly range: ServiceRange;
  readonly severity: 'error' | 'warning' | 'info';
  readonly code: string;
  readonly message: string;
  readonly help?: string;
  readonly fixes: readonly Fix[];
}

/** What a completion item is (maps to LSP CompletionItemKind: field → Field, operator → Operator, value → Value, keyword → Keyword, directive → Property). */
export type ServiceCompletionKind = 'field' | 'operator' | 'value' | 'keyword' | 'directive';

/**
 * One completion: `label` to show, `kind`, a one-line `detail`, optional `documentation` (Markdown), and the edit that
 * inserts it (`range` is the whole word at the cursor, `newText` what replaces it). Items come best first.
 */
export interface ServiceCompletionItem {
  readonly label: string;
  readonly kind: ServiceCompletionKind;
  readonly detail: string;
  readonly documentation?: string;
  readonly edit: TextEdit;
}

/**
 * The completions at a cursor: `items` (capped; best first), `range` the word they replace, and `incomplete` when
 * more exist than were returned or an async value source is still to answer (ask again as the user types).
 */
export interface ServiceCompletions {
  readonly range: ServiceRange;
  readonly items: readonly ServiceCompletionItem[];
  readonly incomplete: boolean;
}

/** What the pointer is over: `range` and Markdown `contents` (a field's kind and values, an operator's meaning, a relative date's resolved day). */
export interface ServiceHover {
  readonly range: ServiceRange;
  readonly contents: string;
}

/**
 * A token's class for highlighting, from the project's own lexer (never a second grammar): field names, operators,
 * values (strings, numbers, dates), keywords (`AND` `OR` `NOT` `-`), directives (`sort:` `context:` `tz:` …),
 * punctuation (parentheses, brackets, `,` `..`), full-text words, comments (`#` lines of a `.kq` file), and error
 * (text the lexer could not read).
 */
export type SemanticTokenClass =
  | 'field'
  | 'operator'
  | 'string'
  | 'number'
  | 'date'
  | 'keyword'
  | 'directive'
  | 'punctuation'
  | 'text'
  | 'comment'
  | 'error';

/** One highlighted stretch. Tokens come in text order and do not overlap. */
export interface SemanticToken {
  readonly range: ServiceRange;
  readonly class: SemanticTokenClass;
}

/**
 * An async source of values too many to ship with the schema (tag names, user e-mails): given a field and the prefix
 * typed, it resolves to candidate values (best first). The service caches answers per field and prefix, caps them,
 * and never waits for them in its synchronous calls.
 */
export type ValueSource = (request: { readonly field: string; readonly prefix: string; readonly signal?: AbortSignal }) => Promise<readonly string[]>;

/**
 * What a language service is configured with: the compile options (context, `timeZone`, clock `now`, custom
 * attributes — later the org's schema), `maxCompletions` (default 100), and `valueSources` by field name.
 * Replaceable at any time with {@link LanguageService.configure}.
 */
export interface ServiceOptions extends CompileOptions {
  readonly maxCompletions?: number;
  readonly valueSources?: Readonly<Record<string, ValueSource>>;
}

/**
 * The language service over ONE query text (a search box; one line of a `.kq` file — adapters split files into lines
 * and skip `#` comments, see `kqLines`). Every method is synchronous except `completeAsync`, never throws, and returns
 * ranges inside the text it was given.
 */
export interface LanguageService {
  /** Replaces the options (the schema of a live editor); caches that depend on them are dropped. */
  configure(options: ServiceOptions): void;
  /** Every diagnostic of the query (syntax, names, types, shapes), with fixes. */
  diagnostics(text: string): readonly ServiceDiagnostic[];
  /** Completions at `offset`, synchronous (under 1 ms for a 200-character query); async value sources are not awaited. */
  complete(text: string, offset: number): ServiceCompletions;
  /** Completions at `offset` including the async value sources' answers (cancellable). */
  completeAsync(text: string, offset: number, signal?: AbortSignal): Promise<ServiceCompletions>;
  /** What is at `offset`, or null over white space. */
  hover(text: string, offset: number): ServiceHover | null;
  /** Highlighting classes for the whole text. */
  semanticTokens(text: string): readonly SemanticToken[];
  /** The edits that turn the text into its canonical form (empty when it already is, or does not parse). */
  format(text: string): readonly TextEdit[];
  /** The query in plain English, or null when it does not compile. */
  explain(text: string): string | null;
}

/** Line starts of a text, for converting offsets to LSP line/character and back. */
export interface LineIndex {
  positionAt(offset: number): LineCharacter;
  offsetAt(position: LineCharacter): number;
}
