/**
 * `decompile`: Kustomer search criteria → query text, the way back from `compile`.
 *
 * criteria JSON → AST (read.ts, every node remembering its JSON pointer) → checked by the same checker as `compile`
 * (so an unknown attribute, an operator its kind does not take, or an invalid value is reported, at its pointer) →
 * the exactness check (each value must compile back to the very JSON value it came from) → printed canonically
 * (syntax/printer.ts). Finally the text is compiled (with nested groups allowed) as a guard: a body that reaches
 * that point and does not compile is a decompiler bug, reported as KQ9001 rather than returned as wrong text.
 */
import { analyze } from '../check/check.js';
import type { TypedValue } from '../check/context.js';
import { compile } from '../compile.js';
import { diagnostic, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { Messages } from '../diagnostics/catalogue.js';
import { resolveLimits, type CompileOptions } from '../options.js';
import { catalogFor } from '../schema/catalogFor.js';
import { capDiagnostics } from '../diagnostics/diagnostic.js';
import { print } from '../syntax/printer.js';
import { readQuery, type JsonScalar } from './read.js';

/** Options for {@link decompile}: the compile options the text is checked with (custom attributes, clock, limits). */
export type DecompileOptions = CompileOptions;

/**
 * The result of {@link decompile}.
 * - `text`: the query, canonical as `format` prints it; absent when there is any error;
 * - `diagnostics`: errors and warnings, each with `pointer` (an RFC 6901 JSON pointer into the criteria; `""` is the
 *   whole body) and an empty span.
 */
export interface DecompileResult {
  readonly text?: string;
  readonly diagnostics: Diagnostic[];
}

/**
 * Writes Kustomer search criteria (a parsed JSON value, see kustomer-search-api.md §1) as query text, such that
 * `compile(text, {nested: true})` gives back the same criteria up to canonical form: key order, single objects
 * as arrays, two-operator objects as two criteria, `not_set: true` as `""`, and the compiler's own normalization
 * (`equals` alternatives merged into `in`, an `in` of one value as `equals`, instants in millisecond UTC form).
 * Nested groups give text that needs `nested: true` to compile back.
 *
 * Never throws. Reports, each at its JSON pointer: KQ4001 a value of the wrong shape; KQ4002 an unknown body key;
 * KQ4003 (warning) `fields`, `includeDeleted`, `searchHash`, `aggs` left out; KQ4004 a criterion without exactly one
 * attribute; KQ4005 an attribute that is not a field name; KQ4006 an unknown operator; KQ4007 an invalid operand;
 * KQ4008 a value that would compile to another value (`5` on a string field, `"now-7d"` on a datetime); KQ4009 an
 * empty group inside an OR or under NOT; KQ4010 a bad sort key; KQ4011 nesting deeper than `maxDepth`; KQ1015 text
 * longer than `maxLength`; and the checker's KQ2xxx (unknown field, operator not allowed, invalid value, …). At most
 * `maxDiagnostics` diagnostics are returned.
 */
export function decompile(criteria: unknown, opts: DecompileOptions = {}): DecompileResult {
  opts ??= {};
  try {
    const limits = resolveLimits(opts);
    const read = readQuery(criteria, catalogFor(opts).catalog, limits.maxDepth, limits.maxDiagnostics);
    const diagnostics = [...read.diagnostics];
    if (!read.ast) return { diagnostics: capped(diagnostics, limits.maxDiagnostics) };
    const at = (d: Diagnostic): Diagnostic => ({ ...d, span: { start: 0, end: 0 }, pointer: read.pointers[d.span.start] ?? '' });
    const checked = analyze(read.ast, { ...opts, nested: true });
    // Which context the text would search when the body names none is said by compile; not needed here.
    diagnostics.push(...checked.diagnostics.filter((d) => d.code !== Messages.ContextChosen.code).map(at));
    for (const [node, origin] of read.origins) {
      const typed = checked.valueOf.get(node);
      if (!typed || sameValue(origin.json, typed)) continue;
      diagnostics.push(
        diagnostic(
          'InexactValue',
          { start: 0, end: 0 },
          { value: JSON.stringify(origin.json), field: origin.field, sent: JSON.stringify(scalar(typed)) },
          { pointer: read.pointers[node.span.start] ?? '' },
        ),
      );
    }
    if (hasErrors(diagnostics)) return { diagnostics: capped(diagnostics, limits.maxDiagnostics) };
    const text = print(read.ast);
    if (text.length > limits.maxLength) {
      diagnostics.push(
        diagnostic('TooLong', { start: 0, end: 0 }, { length: text.length, max: limits.maxLength, of: 'criteria' }, { pointer: '' }),
      );
      return { diagnostics };
    }
    const guard = compile(text, { ...opts, nested: true });
    if (!guard.criteria) {
      const first = guard.diagnostics.find((d) => d.severity === 'error');
      const depth = first?.code === Messages.TooDeep.code;
      diagnostics.push(
        depth
          ? diagnostic('CriteriaTooDeep', { start: 0, end: 0 }, { max: limits.maxDepth }, { pointer: '' })
          : diagnostic(
              'InternalError',
              { start: 0, end: 0 },
              { error: `decompiled text does not compile: ${first?.code ?? '?'} ${first?.message ?? ''}`, report: 'criteria' },
              { pointer: '' },
            ),
      );
      return { diagnostics };
    }
    return { text, diagnostics };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { diagnostics: [diagnostic('InternalError', { start: 0, end: 0 }, { error: message, report: 'criteria' }, { pointer: '' })] };
  }
}

/** At most `max` diagnostics (then a KQ1018 note), every one with a pointer. */
function capped(diagnostics: Diagnostic[], max: number): Diagnostic[] {
  return capDiagnostics(diagnostics, max).map((d) => (d.pointer === undefined ? { ...d, pointer: '' } : d));
}

/** A typed value as the criteria JSON holds it (days `YYYY-MM-DD`, instants UTC ISO). */
function scalar(v: TypedValue): JsonScalar {
  if (v.type === 'json') return v.value;
  return v.date.kind === 'day' ? v.date.day : v.date.iso;
}

const isoInstant = /^\d{4}-\d{2}-\d{2}T/;

/** The JSON value compiles back to itself; an instant may differ only in spelling (`…Z` vs `….000Z`). */
function sameValue(json: JsonScalar, typed: TypedValue): boolean {
  const back = scalar(typed);
  if (back === json) return true;
  return (
    typed.type === 'date' &&
    typed.date.kind === 'instant' &&
    typeof json === 'string' &&
    isoInstant.test(json) &&
    // Sub-millisecond digits would be cut off by the compiler: only zeros may follow the milliseconds.
    !/\.\d{3}\d*[1-9]/.test(json) &&
    Date.parse(json) === Date.parse(back as string)
  );
}
