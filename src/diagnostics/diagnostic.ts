/**
 * Diagnostics are data: what went wrong, where, and how to fix it. The compiler never throws on bad input; every
 * problem becomes a {@link Diagnostic}. Rendering them for people is `renderDiagnostics` (render.ts).
 */
import type { Span } from '../syntax/ast.js';
import { Messages, type MessageArgs, type MessageName, type MessageTemplate, type Severity } from './catalogue.js';

export type { Severity } from './catalogue.js';

/**
 * One problem (or remark) about a query.
 * - `code`: a stable code from the catalogue (`KQ2001`), see `catalogue.ts`;
 * - `severity`: only `error` prevents criteria from being emitted;
 * - `message`: one sentence, no trailing newline;
 * - `span`: UTF-16 offsets `[start, end)` into the query text (an empty span points between two characters);
 * - `help`: how to fix it, when there is something to say;
 * - `suggestions`: what to write instead, best first ("did you mean"): a field name, a keyword, or a value — decoded,
 *   so a value that is not a bare word (`Jane Doe`) must be quoted when written (the language service's fixes do);
 * - `pointer`: only from `decompile`: where in the criteria JSON the problem is, as an RFC 6901 JSON pointer
 *   (`/and/0/customer_name`; `""` is the whole body); the span is then empty (`{start: 0, end: 0}`).
 */
export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  readonly help?: string;
  readonly suggestions?: readonly string[];
  readonly pointer?: string;
}

/** Extra fields for {@link diagnostic}: the help is the catalogue's, never the call site's. */
export interface DiagnosticExtras {
  readonly suggestions?: readonly string[];
  readonly pointer?: string;
}

/**
 * The arguments {@link diagnostic} takes after the span for entry `N`: its typed arguments (optional for an entry
 * without arguments), then the extras.
 */
export type DiagnosticArgs<N extends MessageName> = [MessageArgs<N>] extends [void]
  ? [args?: undefined, extras?: DiagnosticExtras]
  : [args: MessageArgs<N>, extras?: DiagnosticExtras];

/**
 * Builds a diagnostic from catalogue entry `name`, its span and its typed arguments: code, severity, message and
 * help all come from the entry (catalogue.ts); `extras` add "did you mean" suggestions (empty ones are left out) and
 * a JSON pointer.
 */
export function diagnostic<N extends MessageName>(name: N, span: Span, ...rest: DiagnosticArgs<N>): Diagnostic;
// The implementation takes plain parameters (no rest array on the hot path); the overload above types the calls.
export function diagnostic(name: MessageName, span: Span, args?: unknown, extras?: DiagnosticExtras): Diagnostic {
  return diagnosticOf(name, span, args as never, extras);
}

/**
 * {@link diagnostic} with its arguments always given (`undefined` for an entry without arguments): the form for
 * helpers generic in the entry's name (`report<N>(name: N, args: MessageArgs<N>)`).
 */
export function diagnosticOf<N extends MessageName>(name: N, span: Span, args: MessageArgs<N>, extras?: DiagnosticExtras): Diagnostic {
  const template = Messages[name] as MessageTemplate<MessageArgs<N>>;
  const text = template.text(args);
  const out: { -readonly [K in keyof Diagnostic]: Diagnostic[K] } = {
    code: template.code,
    severity: template.severity,
    message: text.message,
    span: { start: span.start, end: span.end },
  };
  if (text.help !== undefined) out.help = text.help;
  if (extras !== undefined) {
    if (extras.suggestions !== undefined && extras.suggestions.length > 0) out.suggestions = [...extras.suggestions];
    if (extras.pointer !== undefined) out.pointer = extras.pointer;
  }
  return out;
}

/**
 * The first `max` of `diagnostics` (in their order), plus a KQ1018 note (`TooManyDiagnostics`, an info) at
 * the end of the last one when some were dropped; `diagnostics` itself when it has at most `max`.
 */
export function capDiagnostics(diagnostics: Diagnostic[], max: number): Diagnostic[] {
  if (diagnostics.length <= max) return diagnostics;
  const kept = diagnostics.slice(0, Math.max(0, max));
  const last = diagnostics[diagnostics.length - 1]!;
  kept.push(diagnostic('TooManyDiagnostics', { start: last.span.end, end: last.span.end }, { max }));
  return kept;
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Orders diagnostics by position, then errors before warnings before infos (stable otherwise). */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  // A copy, sorted: Array.prototype.sort is stable (ECMA-262 since 2019), which keeps equal ones in their order.
  if (diagnostics.length < 2) return diagnostics.slice();
  return diagnostics.slice().sort(byPositionThenSeverity);
}

const severityRank: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

function byPositionThenSeverity(a: Diagnostic, b: Diagnostic): number {
  return a.span.start - b.span.start || severityRank[a.severity] - severityRank[b.severity];
}
