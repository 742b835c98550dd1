/**
 * Building term nodes from what the parser recognised: directives (`has:` `no:` `sort:` `context:` `in:` `tz:`)
 * are told apart from field terms here, and the combinations the grammar allows but the language does not
 * (`field>a..b`, `sort:(a OR b)`) become diagnostics.
 */
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type * as A from './ast.js';
import { wildcardDiagnostic, type Token } from './lexer.js';
import type { FieldValueShape } from './parser.js';
import * as T from './tokens.js';

/** Directive names (lower case only; `Sort:` is an ordinary, unknown field). */
export const directiveNames = ['has', 'no', 'sort', 'context', 'in', 'tz'] as const;
/** A directive name. */
export type DirectiveName = (typeof directiveNames)[number];
const directiveSet: ReadonlySet<string> = new Set(directiveNames);

const span = (start: number, end: number): A.Span => ({ start, end });
const tokenSpan = (t: Token): A.Span => span(t.startOffset, t.endOffset! + 1);

/** The lower-case words that look like operators, and the keyword each one resembles. */
const lowercaseKeywords = new Map([
  ['and', 'AND'],
  ['or', 'OR'],
  ['not', 'NOT'],
]);

/** Where the term builders put their diagnostics: an array, or anything with its `push`. */
export interface DiagnosticSink {
  push(d: Diagnostic): unknown;
}

/** Makes the term builders; diagnostics go to `sink`. */
export function termBuilders(sink: DiagnosticSink) {
  const name = (t: Token): A.Name => ({ kind: 'Name', span: tokenSpan(t), value: t.payload });

  function directive(nameTok: Token, opTok: Token, op: A.ComparisonOperator, shape: FieldValueShape, end: number) {
    const key = nameTok.payload as DirectiveName;
    const whole = span(nameTok.startOffset, end);
    if (op !== ':') {
      sink.push(
        diagnostic('InvalidDirective', tokenSpan(opTok), { directive: key, problem: 'operator', operator: opTok.image }),
      );
      return null;
    }
    if (shape.form === 'missing') {
      sink.push(
        diagnostic('MissingValue', span(opTok.endOffset! + 1, opTok.endOffset! + 1), { at: 'directive', directive: key }),
      );
      return null;
    }
    if (shape.form !== 'single') {
      sink.push(
        diagnostic('InvalidDirective', span(opTok.startOffset, end), { directive: key, problem: 'oneValue' }),
      );
      return null;
    }
    const value = shape.value;
    switch (key) {
      case 'has':
      case 'no': {
        const field: A.Name = { kind: 'Name', span: value.span, value: value.value };
        const exists: A.Exists = { kind: 'Exists', span: whole, field };
        return key === 'has' ? exists : ({ kind: 'Not', span: whole, operand: exists } as A.Not);
      }
      case 'sort': {
        // `<key>-asc` / `<key>-desc` (lower case), told by their endings (no match array per sort key).
        const written = value.value;
        const suffix = written.endsWith('-desc') ? 'desc' : written.endsWith('-asc') ? 'asc' : null;
        const fieldText = suffix ? written.slice(0, written.length - suffix.length - 1) : written;
        // The Name's span covers the field part when the value was written without escapes or quotes.
        const raw = value.span.end - value.span.start === value.value.length;
        const fieldSpan = raw ? span(value.span.start, value.span.start + fieldText.length) : value.span;
        return {
          kind: 'Sort',
          span: whole,
          field: { kind: 'Name', span: fieldSpan, value: fieldText },
          direction: suffix ?? 'asc',
        } satisfies A.Sort;
      }
      case 'context':
      case 'in':
        return { kind: 'Context', span: whole, value } satisfies A.Context;
      default:
        return { kind: 'TimeZone', span: whole, value } satisfies A.TimeZone;
    }
  }

  function fieldTerm(
    nameTok: Token,
    opTok: Token,
    op: A.ComparisonOperator,
    shape: FieldValueShape,
    end: number,
  ): A.Expression {
    const whole = span(nameTok.startOffset, end);
    const field = name(nameTok);
    // What stands in for a term that is an error (its diagnostic explains it); made only then.
    const placeholder = (): A.Exists => ({ kind: 'Exists', span: whole, field });
    if (directiveSet.has(nameTok.payload)) return directive(nameTok, opTok, op, shape, end) ?? placeholder();
    switch (shape.form) {
      case 'missing': {
        const at = opTok.endOffset! + 1;
        sink.push(
          diagnostic('MissingValue', span(at, at), { at: 'field', field: nameTok.payload, operator: opTok.image }),
        );
        return placeholder();
      }
      case 'star':
        if (op !== ':') {
          sink.push(wildcardDiagnostic(span(opTok.startOffset, end), { at: 'operator', field: nameTok.payload }));
        }
        return placeholder();
      case 'single':
        return { kind: 'Comparison', span: whole, field, operator: op, value: shape.value } satisfies A.Comparison;
      case 'list': {
        if (shape.values.length === 1) {
          return { kind: 'Comparison', span: whole, field, operator: op, value: shape.values[0]! };
        }
        if (op !== ':' && op !== '=' && op !== '~' && op !== '!=') {
          sink.push(
            diagnostic('InvalidList', span(opTok.startOffset, end), { problem: 'operator', field: nameTok.payload, operator: opTok.image }),
          );
          return placeholder();
        }
        return { kind: 'List', span: whole, field, operator: op, values: shape.values } satisfies A.List;
      }
      case 'range': {
        if (op !== ':') {
          sink.push(
            diagnostic('InvalidRange', span(opTok.startOffset, end), { problem: 'operator', field: nameTok.payload, operator: opTok.image }),
          );
          return placeholder();
        }
        if (shape.lower === null && shape.upper === null) {
          sink.push(
            diagnostic('InvalidRange', span(opTok.endOffset! + 1, end), { problem: 'bothOpen', field: nameTok.payload }),
          );
          return placeholder();
        }
        return {
          kind: 'Range',
          span: whole,
          field,
          lower: shape.lower,
          upper: shape.upper,
          lowerInclusive: shape.lower === null ? true : shape.lowerInclusive,
          upperInclusive: shape.upper === null ? true : shape.upperInclusive,
        } satisfies A.Range;
      }
    }
  }

  function text(token: Token): A.Expression {
    const s = tokenSpan(token);
    if (token.tokenType === T.Word) {
      const upper = lowercaseKeywords.get(token.image);
      if (upper) {
        sink.push(
          diagnostic('LowercaseKeyword', s, { word: token.image, keyword: upper }, { suggestions: [upper] }),
        );
      }
    }
    return { kind: 'Text', span: s, value: token.payload };
  }

  return { fieldTerm, text };
}
