/**
 * A `.kq` document in LSP terms: the language service (one query at a time, UTF-16 offsets) applied to each query
 * line of a file (one query per line; blank lines and `#` comment lines skipped — `kqLines`), and its answers turned
 * into Language Server Protocol 3.17 data: diagnostics, completion lists, hovers, text edits, code actions and
 * semantic tokens. Positions are LSP's default `utf-16` encoding: every offset a line's answer holds is moved by the
 * line's start and mapped through the document's {@link LineIndex}.
 *
 * Pure: no connection, no I/O — the server (server.ts) calls these with the open document's text.
 */
import {
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  MarkupKind,
  type CodeAction,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type Hover,
  type Position,
  type Range,
  type SemanticTokens,
  type SemanticTokensLegend,
  type TextEdit,
} from 'vscode-languageserver';
import {
  kqLines,
  lineIndex,
  type KqLine,
  type LanguageService,
  type LineIndex,
  type SemanticTokenClass,
  type ServiceCompletionKind,
  type ServiceDiagnostic,
  type ServiceRange,
  type TextEdit as ServiceTextEdit,
} from '../index.js';

/** The LSP `source` of every diagnostic the server publishes. */
export const diagnosticSource = 'kq';

/** Service severities → LSP DiagnosticSeverity (error 1, warning 2, information 3). */
const severities = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

/** Service completion kinds → LSP CompletionItemKind (the mapping types.ts documents). */
const completionKinds: Record<ServiceCompletionKind, CompletionItemKind> = {
  field: CompletionItemKind.Field,
  operator: CompletionItemKind.Operator,
  value: CompletionItemKind.Value,
  keyword: CompletionItemKind.Keyword,
  directive: CompletionItemKind.Property,
};

/**
 * Highlighting classes → LSP's predefined semantic token types (LSP 3.17, "Semantic Tokens": the `SemanticTokenTypes`
 * list), so any theme colours them without a client-side declaration. A date is a literal like a number; a
 * directive (`sort:`, `tz:`) changes how the query is read, as a macro does; a full-text word is a searched string.
 * Punctuation and error have no predefined type and are not sent (the client's own colouring shows them).
 */
const tokenTypeOf: Record<SemanticTokenClass, string | null> = {
  field: 'property',
  operator: 'operator',
  string: 'string',
  number: 'number',
  date: 'number',
  keyword: 'keyword',
  directive: 'macro',
  punctuation: null,
  text: 'string',
  comment: 'comment',
  error: null,
};

/** The token types the server sends, in legend order (an index into this list is a token's type in the data). */
const tokenTypes = [...new Set(Object.values(tokenTypeOf).filter((t): t is string => t !== null))];

/** The semantic tokens legend the server announces: the types above, no modifiers. */
export const semanticTokensLegend: SemanticTokensLegend = { tokenTypes, tokenModifiers: [] };

/** A query line of the document and the text around a position in it. */
interface LineAt {
  /** The offset of the line's first character in the document. */
  readonly start: number;
  /** The line's text without its line break (white space kept, so offsets in it are characters). */
  readonly text: string;
}

/**
 * Diagnostics of single queries, cached by query text: a keystroke changes one line, and the other lines' answers are
 * reused. The cache belongs to one set of options ({@link DiagnosticCache.clear} when they change) and is dropped
 * whole when it grows past `limit` entries (a 10,000-line file fits).
 */
export class DiagnosticCache {
  private readonly entries = new Map<string, readonly ServiceDiagnostic[]>();
  constructor(private readonly limit = 50_000) {}
  /** The diagnostics of `text`, from the cache or from `service`. */
  get(service: LanguageService, text: string): readonly ServiceDiagnostic[] {
    let found = this.entries.get(text);
    if (found === undefined) {
      found = service.diagnostics(text);
      if (this.entries.size >= this.limit) this.entries.clear();
      this.entries.set(text, found);
    }
    return found;
  }
  /** Forgets every answer (the options changed). */
  clear(): void {
    this.entries.clear();
  }
}

/**
 * One version of a `.kq` document: its text, line index and query lines, and the LSP answers computed from them.
 * `uri` is the document's, for the edits of code actions. Every method catches what a line's analysis might throw
 * (the service never should) and reports it through `onError`, skipping that line.
 */
export class KqDocumentAnalysis {
  readonly index: LineIndex;
  readonly lines: readonly KqLine[];
  private queryByLine: Map<number, KqLine> | undefined;

  constructor(
    readonly uri: string,
    readonly text: string,
    private readonly service: LanguageService,
    private readonly cache: DiagnosticCache,
    private readonly onError: (what: string, error: unknown) => void = () => {},
  ) {
    this.index = lineIndex(text);
    this.lines = kqLines(text);
  }

  /** An LSP range for `range`, an offset range in the query line starting at `lineStart`. */
  private rangeOf(range: ServiceRange, lineStart: number): Range {
    return { start: this.index.positionAt(lineStart + range.start), end: this.index.positionAt(lineStart + range.end) };
  }

  private editOf(edit: ServiceTextEdit, lineStart: number): TextEdit {
    return { range: this.rangeOf(edit.range, lineStart), newText: edit.newText };
  }

  /** The line holding `position`, or null on a `#` comment line (where nothing is offered). */
  private lineAt(position: Position): LineAt | null {
    const start = this.index.offsetAt({ line: position.line, character: 0 });
    const end = this.index.offsetAt({ line: position.line, character: Number.MAX_SAFE_INTEGER });
    const text = this.text.slice(start, end);
    if (text.trimStart().startsWith('#')) return null;
    return { start, text };
  }

  /** Runs `compute`, or reports what it threw and returns `fallback`. */
  private guard<T>(what: string, fallback: T, compute: () => T): T {
    try {
      return compute();
    } catch (error) {
      this.onError(what, error);
      return fallback;
    }
  }

  /** The LSP diagnostic of one service diagnostic of the query at `lineStart`. */
  private diagnosticOf(d: ServiceDiagnostic, lineStart: number): Diagnostic {
    return {
      range: this.rangeOf(d.range, lineStart),
      severity: severities[d.severity] ?? DiagnosticSeverity.Error,
      code: d.code,
      source: diagnosticSource,
      message: d.help ? `${d.message}\n${d.help}` : d.message,
    };
  }

  /** Every diagnostic of the document: each query line's, at their places in the file, in line order. */
  diagnostics(): Diagnostic[] {
    return this.diagnosticsOfLines(0, this.lines.length);
  }

  /**
   * The diagnostics of the query lines `from` to `to` (indexes into {@link lines}, `to` exclusive), so that a caller
   * can compute a long document's in slices between other requests.
   */
  diagnosticsOfLines(from: number, to: number): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const line of this.lines.slice(from, to)) {
      const found = this.guard(`diagnostics of line ${line.line + 1}`, [], () => this.cache.get(this.service, line.text));
      for (const d of found) out.push(this.diagnosticOf(d, line.start));
    }
    return out;
  }

  /** The completions at `position`: the service's items on that line, with replace ranges in the document. */
  completion(position: Position): CompletionList {
    const empty: CompletionList = { isIncomplete: false, items: [] };
    const at = this.lineAt(position);
    if (at === null) return empty;
    const offset = this.index.offsetAt(position) - at.start;
    return this.guard(`completion at ${position.line + 1}:${position.character + 1}`, empty, () => {
      const result = this.service.complete(at.text, offset);
      const width = String(result.items.length).length;
      const items = result.items.map(
        (item, i): CompletionItem => ({
          label: item.label,
          kind: completionKinds[item.kind],
          detail: item.detail,
          ...(item.documentation ? { documentation: { kind: MarkupKind.Markdown, value: item.documentation } } : {}),
          textEdit: this.editOf(item.edit, at.start),
          // The service's order is best first; a client sorts by sortText (else by label).
          sortText: String(i).padStart(width, '0'),
          filterText: item.edit.newText,
        }),
      );
      return { isIncomplete: result.incomplete, items };
    });
  }

  /** What is at `position` (Markdown), or null over white space and comments. */
  hover(position: Position): Hover | null {
    const at = this.lineAt(position);
    if (at === null) return null;
    const offset = this.index.offsetAt(position) - at.start;
    return this.guard(`hover at ${position.line + 1}:${position.character + 1}`, null, () => {
      const found = this.service.hover(at.text, offset);
      if (found === null) return null;
      return { contents: { kind: MarkupKind.Markdown, value: found.contents }, range: this.rangeOf(found.range, at.start) };
    });
  }

  /**
   * The edits that make every query line (within `range`, when given: the lines it touches) canonical — what
   * `kq fmt` writes: the service's edits inside the query, and the white space around a query removed when the
   * query has no error (a line that does not parse is left as it is). Comment and blank lines are kept.
   */
  format(range?: Range): TextEdit[] {
    const edits: TextEdit[] = [];
    for (const line of this.lines) {
      if (range && (line.line < range.start.line || line.line > range.end.line)) continue;
      this.guard(`formatting line ${line.line + 1}`, undefined, () => {
        const own = this.service.format(line.text);
        const lineStart = this.index.offsetAt({ line: line.line, character: 0 });
        const lineEnd = this.index.offsetAt({ line: line.line, character: Number.MAX_SAFE_INTEGER });
        const padded = lineStart < line.start || line.end < lineEnd;
        const parses = own.length > 0 || !this.cache.get(this.service, line.text).some((d) => d.severity === 'error');
        if (padded && parses) {
          if (lineStart < line.start) edits.push(this.editOf({ range: { start: 0, end: line.start - lineStart }, newText: '' }, lineStart));
          if (line.end < lineEnd) edits.push(this.editOf({ range: { start: 0, end: lineEnd - line.end }, newText: '' }, line.end));
        }
        for (const e of own) edits.push(this.editOf(e, line.start));
      });
    }
    return edits;
  }

  /**
   * Quick fixes for the diagnostics that touch `range`: one code action per fix (its edits on this document), titled
   * by the fix, `isPreferred` where the service marks one, naming the diagnostic it fixes.
   */
  codeActions(range: Range): CodeAction[] {
    const actions: CodeAction[] = [];
    for (const line of this.lines) {
      if (line.line < range.start.line || line.line > range.end.line) continue;
      const found = this.guard(`code actions of line ${line.line + 1}`, [], () => this.cache.get(this.service, line.text));
      for (const d of found) {
        const diagnostic = this.diagnosticOf(d, line.start);
        if (!touches(diagnostic.range, range)) continue;
        for (const fix of d.fixes) {
          actions.push({
            title: fix.title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            ...(fix.preferred ? { isPreferred: true } : {}),
            edit: { changes: { [this.uri]: fix.edits.map((e) => this.editOf(e, line.start)) } },
          });
        }
      }
    }
    return actions;
  }

  /** The number of lines of the document (LSP lines: a final line break starts one more, empty line). */
  get lineCount(): number {
    return this.index.positionAt(this.text.length).line + 1;
  }

  /**
   * The semantic tokens of document lines `from` to `to` (`to` exclusive), four integers a token in absolute terms:
   * line, start character, length, type index in {@link semanticTokensLegend}. Query lines have the service's
   * tokens; `#` comment lines are one comment token (from the `#` to the end of the line). Encode the whole list
   * with {@link encodeSemanticTokens}.
   */
  semanticTokensOfLines(from: number, to: number): number[] {
    const out: number[] = [];
    this.queryByLine ??= new Map(this.lines.map((l) => [l.line, l]));
    for (let n = from; n < to; n++) {
      const query = this.queryByLine.get(n);
      if (query === undefined) {
        const start = this.index.offsetAt({ line: n, character: 0 });
        const end = this.index.offsetAt({ line: n, character: Number.MAX_SAFE_INTEGER });
        const hash = this.text.slice(start, end).search(/\S/);
        if (hash >= 0 && this.text.charCodeAt(start + hash) === 35) out.push(n, hash, end - start - hash, tokenTypes.indexOf('comment'));
        continue;
      }
      const tokens = this.guard(`semantic tokens of line ${n + 1}`, [], () => this.service.semanticTokens(query.text));
      for (const t of tokens) {
        const type = tokenTypeOf[t.class] ?? null;
        const length = t.range.end - t.range.start;
        if (type === null || length <= 0) continue;
        const start = this.index.positionAt(query.start + t.range.start);
        out.push(start.line, start.character, length, tokenTypes.indexOf(type));
      }
    }
    return out;
  }

  /** Semantic tokens of the whole document (see {@link semanticTokensOfLines}), encoded. */
  semanticTokens(): SemanticTokens {
    return encodeSemanticTokens(this.semanticTokensOfLines(0, this.lineCount));
  }
}

/**
 * LSP's relative encoding of semantic tokens (LSP 3.17, "Semantic Tokens", integer encoding): five integers a token —
 * line delta, start character delta (from the previous token when on the same line, else from 0), length, type,
 * modifiers (none here) — from `absolute`, four integers a token (line, character, length, type) in text order.
 */
export function encodeSemanticTokens(absolute: readonly number[]): SemanticTokens {
  const data: number[] = [];
  let lastLine = 0;
  let lastChar = 0;
  for (let i = 0; i + 3 < absolute.length; i += 4) {
    const line = absolute[i]!;
    const character = absolute[i + 1]!;
    data.push(line - lastLine, line === lastLine ? character - lastChar : character, absolute[i + 2]!, absolute[i + 3]!, 0);
    lastLine = line;
    lastChar = character;
  }
  return { data };
}

/** True when the two ranges overlap or touch (an empty range at a diagnostic's edge touches it). */
function touches(a: Range, b: Range): boolean {
  const before = (p: Position, q: Position) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
