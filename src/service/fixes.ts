/**
 * Fixes for diagnostics, from what the compiler already knows:
 * - did-you-mean: a diagnostic's `suggestions` are replacement texts for its span (unknown field KQ2001, custom
 *   attribute suffix KQ2002/KQ2003, invalid value KQ2005–KQ2007, unknown context KQ2010, not sortable KQ2011, time
 *   zone spelling KQ2018, lower-case keyword KQ1012): one fix per suggestion, replacing the span — quoted when the
 *   span was a quoted value or the suggestion does not read back as one bare value;
 * - the upper-case keyword for KQ1012 (`and` → `AND`, which is its suggestion) and, as the other reading, the word
 *   quoted (`"and"`: search for the word, no warning);
 * - the quoted form where the text needs quoting: an unexpected character (KQ1001), a missing space (KQ1010), a
 *   wildcard inside a word (KQ1011), an unexpected token (KQ1006) — the word around the diagnostic (the value of a
 *   field term, or the whole full-text word) in double quotes, escaped.
 *
 * Every candidate is checked before it is offered: applied to the text and diagnosed again, the diagnostic must be
 * gone from the place it was (no diagnostic of the same code starting inside the replaced text). So a fix never
 * leaves the same error in place.
 */
import { Messages } from '../diagnostics/catalogue.js';
import { printValue, quote } from '../syntax/printer.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Fix, TextEdit } from './types.js';

/**
 * `value` as written after an operator: bare when the lexer reads it back as that one value, else in double quotes,
 * escaped (the canonical printer's rules, syntax/printer.ts); always quoted with `forceQuote`.
 */
export function valueText(value: string, forceQuote = false): string {
  return forceQuote ? quote(value) : printValue(value, 'value');
}

/** The codes whose fix is the quoted form of the word around them. */
const quotable = new Set([Messages.UnexpectedCharacter.code, Messages.UnexpectedToken.code, Messages.MissingSpace.code, Messages.Wildcard.code]);

/** A field name and its operator at the start of a word (the lexer's field-term rule). */
const fieldPrefix = /^[\p{L}_][\p{L}\p{N}_.$-]*(?::>=|:<=|:>|:<|!=|>=|<=|[:=~<>])/u;

/** Applies non-overlapping edits to `text`. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.range.start - a.range.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.range.start) + e.newText + out.slice(e.range.end);
  return out;
}

/**
 * The stretch to quote around `span`: the run of non-blank characters holding it, without leading `(` / `-` and
 * trailing `)`, and without a field name and operator in front (only the value is quoted). Null when nothing is left.
 */
function quotedForm(text: string, span: { start: number; end: number }): TextEdit | null {
  let start = Math.min(span.start, text.length);
  let end = Math.max(span.end, start);
  while (start > 0 && !/\s/.test(text[start - 1]!)) start--;
  while (end < text.length && !/\s/.test(text[end]!)) end++;
  while (start < end && (text[start] === '(' || text[start] === '-')) start++;
  while (end > start && text[end - 1] === ')') end--;
  const prefix = fieldPrefix.exec(text.slice(start, end));
  if (prefix) start += prefix[0].length;
  if (start >= end) return null;
  let raw = text.slice(start, end);
  if (raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"')) return null;
  // A backslash escape in a bare word stands for the character itself.
  raw = raw.replace(/\\(.)/gsu, '$1');
  return { range: { start, end }, newText: valueText(raw, true) };
}

/**
 * The candidate fixes of `d` in `text`, unchecked (see {@link fixesFor}). Diagnostics with an empty span (those about
 * the options, KQ2010 for `opts.queryContext`) get none: their place is not in the text.
 */
function candidates(d: Diagnostic, text: string): Fix[] {
  const { start, end } = d.span;
  if (start < 0 || end > text.length || start >= end) return [];
  const spanText = text.slice(start, end);
  const out: Fix[] = [];
  const suggestions = d.suggestions ?? [];
  for (const s of suggestions) {
    const newText = spanText.startsWith('"') ? valueText(s, true) : d.code.startsWith('KQ1') ? s : valueText(s);
    if (newText === spanText) continue;
    out.push({ title: `Replace with '${newText}'`, edits: [{ range: { start, end }, newText }], ...(suggestions.length === 1 ? { preferred: true } : {}) });
  }
  if (d.code === Messages.LowercaseKeyword.code) {
    out.push({ title: `Search for the word: "${spanText}"`, edits: [{ range: { start, end }, newText: valueText(spanText, true) }] });
  }
  if (d.code === Messages.UnexpectedCharacter.code && /^[\p{Cc}\p{Cf}]+$/u.test(spanText)) {
    // An invisible character (pasted): quoting would turn a field term into a text search; deleting it is the fix.
    out.push({ title: 'Delete the invisible character', edits: [{ range: { start, end }, newText: '' }], preferred: true });
    return out;
  }
  if (quotable.has(d.code)) {
    const edit = quotedForm(text, d.span);
    if (edit) out.push({ title: `Quote it: ${edit.newText}`, edits: [edit] });
  }
  return out;
}

/**
 * The fixes of diagnostic `d` of `text` that work: each candidate (see the module comment) is applied and the text
 * diagnosed again with `diagnose`; it is kept when no diagnostic of `d`'s code starts inside the replaced text.
 */
export function fixesFor(d: Diagnostic, text: string, diagnose: (text: string) => readonly Diagnostic[]): Fix[] {
  const out: Fix[] = [];
  for (const fix of candidates(d, text)) {
    const fixed = applyEdits(text, fix.edits);
    const edit = fix.edits[0]!;
    const from = edit.range.start;
    const to = from + edit.newText.length;
    const still = diagnose(fixed).some((e) => e.code === d.code && e.span.start >= from && e.span.start <= to);
    if (!still) out.push(fix);
  }
  return out;
}
