/**
 * The language service: one object an editor adapter (CodeMirror 6, an LSP server, a playground) asks about a query
 * text, built on the package's own functions — `compile` (diagnostics), `complete`, `describe` (hover), `tokenize`
 * (semantic tokens), `format`, `explainQuery` — and returning the editor-neutral shapes of types.ts. Nothing here
 * reads a second grammar: every answer comes from the compiler's lexer, parser and checker.
 *
 * Offsets are UTF-16 code units into the text of the call. No method throws (a bug inside one gives an empty answer),
 * and every range lies inside the text.
 */
import { compile } from '../compile.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { CompileOptions } from '../options.js';
import { format } from '../syntax/format.js';
import { complete, type CompletionItem } from '../interactive/complete.js';
import { cursorAt, scanQuery } from '../interactive/cursor.js';
import { describe, type Description } from '../interactive/describe.js';
import { explainQuery } from '../interactive/explain.js';
import { tokenize, type QueryToken } from '../interactive/tokenize.js';
import { directiveNames } from '../syntax/terms.js';
import { fixesFor, valueText } from './fixes.js';
import type {
  LanguageService,
  SemanticToken,
  SemanticTokenClass,
  ServiceCompletionItem,
  ServiceCompletions,
  ServiceDiagnostic,
  ServiceHover,
  ServiceOptions,
  ServiceRange,
  TextEdit,
  ValueSource,
} from './types.js';

/** The default cap on completion items (ServiceOptions.maxCompletions). */
export const defaultMaxCompletions = 100;

/** How many answers of the value sources are kept (per field and prefix; least recently used dropped first). */
export const valueCacheSize = 200;

/** At most this many diagnostics of one text get their fixes checked (each check compiles the fixed text). */
const maxFixedDiagnostics = 20;

const directiveSet: ReadonlySet<string> = new Set(directiveNames);

/** The compile options of service options (the service's own keys removed). */
function compileOptions(options: ServiceOptions): CompileOptions {
  const { maxCompletions: _max, valueSources: _sources, ...rest } = options;
  return rest;
}

/** `n` made an offset into `text`: non-numbers and NaN are 0, infinities and overshoots are clamped. */
function clampOffset(text: string, n: number): number {
  if (typeof n !== 'number' || Number.isNaN(n)) return 0;
  return Math.max(0, Math.min(text.length, Math.floor(n)));
}

function clampRange(text: string, start: number, end: number): ServiceRange {
  const s = clampOffset(text, start);
  return { start: s, end: Math.max(s, clampOffset(text, end)) };
}

/** A small least-recently-used map (a `Map` keeps insertion order: the first key is the oldest). */
class Lru<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly size: number) {}
  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  set(key: string, v: V): void {
    this.map.delete(key);
    this.map.set(key, v);
    while (this.map.size > this.size) this.map.delete(this.map.keys().next().value!);
  }
  delete(key: string): void {
    this.map.delete(key);
  }
  clear(): void {
    this.map.clear();
  }
}

/** What the value hook needs to know of a cursor: the field term's name, the prefix typed, and whether quoted. */
interface ValueSlot {
  readonly field: string;
  readonly prefix: string;
  readonly quoted: boolean;
  readonly source: ValueSource;
}

/** The classes of a value word: a number, a date (day, instant, relative), else a string. */
const numberPattern = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const datePattern = /^(\d{4}-\d{2}-\d{2}([T ].*)?|now([+-]\d+[smhdwMy])*(\/[smhdwMy])?|today|yesterday|tomorrow)$/;

function tokenClass(text: string, t: QueryToken, previous: SemanticTokenClass | undefined): SemanticTokenClass {
  const image = text.slice(t.start, t.end);
  switch (t.role) {
    case 'name':
      return directiveSet.has(image) ? 'directive' : 'field';
    case 'operator':
      return previous === 'directive' ? 'directive' : 'operator';
    case 'value':
      if (t.quoted) return 'string';
      if (numberPattern.test(image)) return 'number';
      if (datePattern.test(image)) return 'date';
      return image === '*' ? 'operator' : 'string';
    case 'value-syntax':
      return image === 'OR' || image === 'TO' ? 'keyword' : 'punctuation';
    case 'text':
      return 'text';
    case 'keyword':
      return 'keyword';
    case 'error':
      return 'error';
    default:
      return 'punctuation';
  }
}

/** Markdown for a description: the title in bold, then the summary's lines. */
function hoverMarkdown(d: Description): string {
  const escape = (s: string) => s.replace(/([\\`*_[\]<>])/g, '\\$1');
  return `**${escape(d.title)}**\n\n${d.summary.split('\n').map(escape).join('  \n')}`;
}

/** The one edit turning `text` into `formatted`: the changed middle, after the common prefix and suffix. */
function minimalEdit(text: string, formatted: string): TextEdit[] {
  if (text === formatted) return [];
  let start = 0;
  const max = Math.min(text.length, formatted.length);
  while (start < max && text.charCodeAt(start) === formatted.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && text.charCodeAt(text.length - 1 - end) === formatted.charCodeAt(formatted.length - 1 - end)) end++;
  // Never split a surrogate pair: move the edit's ends outwards to code point boundaries.
  const isLow = (s: string, i: number) => i > 0 && i < s.length && s.charCodeAt(i) >= 0xdc00 && s.charCodeAt(i) <= 0xdfff;
  if (isLow(text, start) || isLow(formatted, start)) start--;
  while (end > 0 && (isLow(text, text.length - end) || isLow(formatted, formatted.length - end))) end--;
  return [{ range: { start, end: text.length - end }, newText: formatted.slice(start, formatted.length - end) }];
}

/**
 * Creates a language service with `options` (see {@link ServiceOptions}: the compile options, `maxCompletions`
 * (default 100), `valueSources` by field name). The service keeps a cache of the value sources' answers (per field
 * and prefix, {@link valueCacheSize} entries, least recently used dropped), cleared by `configure`.
 */
export function createLanguageService(options: ServiceOptions = {}): LanguageService {
  let opts: CompileOptions = compileOptions(options ?? {});
  let settings: ServiceOptions = options ?? {};
  const answers = new Lru<Promise<readonly string[]>>(valueCacheSize);
  /** Settled answers, so that the synchronous `complete` can use them. */
  const settled = new Lru<readonly string[]>(valueCacheSize);

  const maxItems = () => {
    const m = settings.maxCompletions;
    return typeof m === 'number' && m >= 0 ? Math.floor(m) : defaultMaxCompletions;
  };
  const diagnose = (text: string): readonly Diagnostic[] => compile(text, opts).diagnostics;

  /** The value slot at a cursor, when the field there has a value source. */
  function slotAt(text: string, offset: number): ValueSlot | null {
    const sources = settings.valueSources;
    if (!sources || Object.keys(sources).length === 0) return null;
    const position = cursorAt(scanQuery(text, opts), offset);
    if (position.kind !== 'value' || position.expect !== 'value' || position.term.directive) return null;
    const source = Object.prototype.hasOwnProperty.call(sources, position.term.name) ? sources[position.term.name] : undefined;
    if (typeof source !== 'function') return null;
    return { field: position.term.name, prefix: position.prefix, quoted: position.quoted, source };
  }

  const cacheKey = (slot: ValueSlot) => `${slot.field}\u0000${slot.prefix}`;

  /** Sync completions, with the cached answers of a value source merged in. */
  function completeNow(text: string, offset: number): { result: ServiceCompletions; slot: ValueSlot | null } {
    const t = typeof text === 'string' ? text : String(text);
    const at = clampOffset(t, offset);
    const max = maxItems();
    const c = complete(t, at, { ...opts, maxItems: max + 1 });
    const range = clampRange(t, c.from, c.to);
    const toItem = (i: CompletionItem): ServiceCompletionItem => ({
      label: i.label,
      kind: i.kind,
      detail: i.detail,
      ...(i.documentation !== undefined ? { documentation: i.documentation } : {}),
      edit: { range, newText: i.insertText ?? i.label },
    });
    let items = c.items.map(toItem);
    let incomplete = c.items.length > max;
    const slot = slotAt(t, at);
    if (slot) {
      const cached = settled.get(cacheKey(slot));
      if (cached) items = merge(items, cached, slot, range);
      else incomplete = true;
    }
    if (items.length > max) {
      items = items.slice(0, max);
      incomplete = true;
    }
    return { result: { range, items, incomplete }, slot };
  }

  /** The schema's items, then the source's values not among them. */
  function merge(items: ServiceCompletionItem[], values: readonly string[], slot: ValueSlot, range: ServiceRange): ServiceCompletionItem[] {
    const seen = new Set(items.filter((i) => i.kind === 'value').map((i) => i.label));
    const out = [...items];
    for (const v of values) {
      if (typeof v !== 'string' || seen.has(v)) continue;
      seen.add(v);
      out.push({ label: v, kind: 'value', detail: `${slot.field} value`, edit: { range, newText: valueText(v, slot.quoted) } });
    }
    return out;
  }

  const empty = (text: string, offset: number): ServiceCompletions => {
    const at = clampOffset(typeof text === 'string' ? text : '', offset);
    return { range: { start: at, end: at }, items: [], incomplete: false };
  };

  return {
    configure(next: ServiceOptions): void {
      settings = next ?? {};
      opts = compileOptions(settings);
      answers.clear();
      settled.clear();
    },

    diagnostics(text: string): readonly ServiceDiagnostic[] {
      try {
        const t = typeof text === 'string' ? text : String(text);
        return diagnose(t).map((d, i) => ({
          range: clampRange(t, d.span.start, d.span.end),
          severity: d.severity,
          code: d.code,
          message: d.message,
          ...(d.help !== undefined ? { help: d.help } : {}),
          fixes: i < maxFixedDiagnostics ? fixesFor(d, t, diagnose) : [],
        }));
      } catch {
        return [];
      }
    },

    complete(text: string, offset: number): ServiceCompletions {
      try {
        return completeNow(text, offset).result;
      } catch {
        return empty(text, offset);
      }
    },

    async completeAsync(text: string, offset: number, signal?: AbortSignal): Promise<ServiceCompletions> {
      let now: ReturnType<typeof completeNow>;
      try {
        now = completeNow(text, offset);
      } catch {
        return empty(text, offset);
      }
      const { result, slot } = now;
      if (!slot || signal?.aborted) return result;
      const key = cacheKey(slot);
      if (settled.get(key)) return result;
      let pending = answers.get(key);
      if (!pending) {
        // The source gets the caller's signal: a cancelled request stops the fetch, and its answer is not kept.
        pending = Promise.resolve()
          .then(() => slot.source({ field: slot.field, prefix: slot.prefix, ...(signal ? { signal } : {}) }))
          .then((values) => (Array.isArray(values) ? values.filter((v) => typeof v === 'string') : []));
        answers.set(key, pending);
      }
      try {
        const values = await abortable(pending, signal);
        if (answers.get(key) === pending) settled.set(key, values);
      } catch {
        // A failed or cancelled answer is not cached: the next request asks again.
        if (answers.get(key) === pending) answers.delete(key);
        return result;
      }
      const again = completeNow(text, offset).result;
      return again;
    },

    hover(text: string, offset: number): ServiceHover | null {
      try {
        const t = typeof text === 'string' ? text : String(text);
        const d = describe(t, clampOffset(t, offset), opts);
        if (!d) return null;
        return { range: clampRange(t, d.span.start, d.span.end), contents: hoverMarkdown(d) };
      } catch {
        return null;
      }
    },

    semanticTokens(text: string): readonly SemanticToken[] {
      try {
        const t = typeof text === 'string' ? text : String(text);
        return semanticTokensOf(t, opts);
      } catch {
        return [];
      }
    },

    format(text: string): readonly TextEdit[] {
      try {
        const t = typeof text === 'string' ? text : String(text);
        const r = format(t, opts);
        return r.text === undefined ? [] : minimalEdit(t, r.text);
      } catch {
        return [];
      }
    },

    explain(text: string): string | null {
      try {
        return explainQuery(typeof text === 'string' ? text : String(text), opts).text ?? null;
      } catch {
        return null;
      }
    },
  };
}

/** `promise`, rejected as soon as `signal` aborts. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/**
 * The semantic tokens of one query: the lexer's tokens with their roles (tokenize), classed, and the stretches the
 * lexer reported as errors but made no token of (`!` in `a!b`) as `error`. In text order, non-overlapping.
 */
export function semanticTokensOf(text: string, opts: CompileOptions): SemanticToken[] {
  const tokenized = tokenize(text, opts);
  const out: SemanticToken[] = [];
  let previous: SemanticTokenClass | undefined;
  for (const t of tokenized.tokens) {
    const cls = tokenClass(text, t, previous);
    previous = cls;
    if (t.end > t.start) out.push({ range: { start: t.start, end: t.end }, class: cls });
  }
  // Error stretches outside every token.
  const errors = tokenized.diagnostics
    .filter((d) => d.severity === 'error' && d.span.end > d.span.start && d.span.end <= text.length)
    .map((d) => d.span);
  if (errors.length === 0) return out;
  const merged: SemanticToken[] = [];
  let k = 0;
  const sortedErrors = [...errors].sort((a, b) => a.start - b.start);
  let cursor = 0;
  const emitError = (start: number, end: number) => {
    if (end > start) merged.push({ range: { start, end }, class: 'error' });
  };
  for (const e of sortedErrors) {
    // Tokens before this error.
    while (k < out.length && out[k]!.range.end <= e.start) {
      merged.push(out[k]!);
      cursor = out[k]!.range.end;
      k++;
    }
    let start = Math.max(e.start, cursor);
    const end = e.end;
    // Clip the error around the tokens it overlaps.
    while (k < out.length && out[k]!.range.start < end) {
      emitError(start, Math.min(end, out[k]!.range.start));
      merged.push(out[k]!);
      start = Math.max(start, out[k]!.range.end);
      cursor = out[k]!.range.end;
      k++;
    }
    emitError(start, end);
    cursor = Math.max(cursor, end);
  }
  while (k < out.length) merged.push(out[k++]!);
  return merged;
}
