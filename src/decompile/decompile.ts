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
import { isValidDay, parseInstant } from '../dates/index.js';
import { diagnostic, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { Messages } from '../diagnostics/catalogue.js';
import { resolveLimits, type CompileOptions } from '../options.js';
import { catalogFor } from '../schema/catalogFor.js';
import { capDiagnostics } from '../diagnostics/diagnostic.js';
import { print } from '../syntax/printer.js';
import { readQuery, splitMergedRanges, type JsonScalar, type ReadResult } from './read.js';
import { resolveField, type FieldCatalog } from '../schema/index.js';
import { lookupKindOf, lookupsFor, readableName, type Lookups } from '../schema/lookups/index.js';
import { walk } from '../syntax/ast.js';

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
 * Writes Kustomer search criteria (a parsed JSON value, see kustomer-search-api.md §1; a bare array of criteria is
 * read as the body's `and`, the context then inferred as compile infers it) as query text, such that
 * `compile(text, {nested: true})` gives back the same criteria up to canonical form: key order, single objects
 * as arrays, two-operator objects as two criteria, `not_set: true` as `""`, and the compiler's own normalization
 * (`equals` alternatives merged into `in`, an `in` of one value as `equals`, instants in millisecond UTC form). An
 * instant spelled otherwise (`"2023-01-01 00:00:00+00:00"`, `+0000`, `t`/`z`) is written in that form too, with a
 * KQ4014 warning; `gte D`, `lt D+1` on a datetime is written `f:D`, the whole local day.
 * Nested groups give text that needs `nested: true` to compile back.
 *
 * Never throws. Reports, each at its JSON pointer: KQ4001 a value of the wrong shape; KQ4002 an unknown body key;
 * KQ4003 (warning) `fields`, `includeDeleted`, `searchHash`, `aggs` left out; KQ4004 a criterion without exactly one
 * attribute; KQ4005 an attribute that is not a field name; KQ4006 an unknown operator; KQ4007 an invalid operand;
 * KQ4008 a value that would compile to another value (`5` on a string field, `"now-7d"` on a datetime, an instant
 * with digits below the millisecond); KQ4009 an
 * empty group inside an OR or under NOT; KQ4010 a bad sort key; KQ4011 nesting deeper than `maxDepth`; KQ4013 an `and`/`or`/`not` array over 20 items
 * or `sort` over 5 keys (Kustomer's schema, kustomer-api-live.md §1c); KQ4014 (warning) an instant respelled; KQ1015 text
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
    const lookups = lookupsFor(opts);
    if (lookups !== null) writeNames(read, catalogFor(opts).catalog, lookups);
    let checked = analyze(read.ast, { ...opts, nested: true });
    // A range the reader made from two adjacent bounds that holds nothing (`{"gte":4}`, `{"lte":2}`: what compile
    // emits for `f>=4 f<=2`) is written back as the two comparisons, not refused as `f:4..2` would be.
    const empty = new Set(checked.diagnostics.filter((d) => d.code === Messages.EmptyRange.code).map((d) => d.span.start));
    if (empty.size > 0 && splitMergedRanges(read.ast, empty)) checked = analyze(read.ast, { ...opts, nested: true });
    // Which context the text would search when the body names none is said by compile; not needed here. Too many
    // sort keys is reported by the reader (KQ4013, at the sort), not again as the checker's KQ3005. A body without
    // criteria is a search for everything, which is what it says: the empty-query warning is for typed text. A
    // relative date in the criteria is KQ4008 already (Kustomer receives literal dates), not also the checker's note.
    const skipped: ReadonlySet<string> = new Set([
      Messages.ContextChosen.code,
      Messages.TooManyItems.code,
      Messages.EmptyQuery.code,
      Messages.RelativeDateResolved.code,
    ]);
    diagnostics.push(...checked.diagnostics.filter((d) => !skipped.has(d.code)).map(at));
    for (const [node, origin] of read.origins) {
      const typed = checked.valueOf.get(node);
      if (!typed || sameValue(origin.json, typed)) continue;
      const pointer = read.pointers[node.span.start] ?? '';
      const back = scalar(typed);
      if (sameInstant(origin.json, typed)) {
        // Another spelling of the very instant: written as compile sends it. The node is this reader's own (read.ts
        // made it for this call), so it is rewritten in place before printing.
        (node as { value: string }).value = back as string;
        diagnostics.push(
          diagnostic('InstantSpelling', { start: 0, end: 0 }, { written: JSON.stringify(origin.json), sent: JSON.stringify(back) }, { pointer }),
        );
        continue;
      }
      diagnostics.push(
        diagnostic(
          'InexactValue',
          { start: 0, end: 0 },
          { value: JSON.stringify(origin.json), field: origin.field, sent: JSON.stringify(back), relative: relativeText(origin.json, typed) },
          { pointer },
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

/**
 * Ids of tags, users, teams and queues written as their names, where the lookups know them and the name reads back
 * to that very id (src/schema/lookups `readableName`: an exact, unambiguous name; users by e-mail) — otherwise the id
 * stays. Only whole-value comparisons (`:`/`=`/`!=` and lists) take names. The AST is this call's own (read.ts made
 * it), so values are rewritten in place; the checker then resolves the names again, and the exactness check below
 * confirms each one compiles back to the id it came from.
 */
function writeNames(read: ReadResult, catalog: FieldCatalog, lookups: Lookups): void {
  if (!read.ast) return;
  walk(read.ast, (node) => {
    if ((node.kind !== 'Comparison' && node.kind !== 'List') || node.operator === '~') return;
    const r = resolveField(catalog, node.field.value);
    const kind = r.ok ? lookupKindOf(r.field) : null;
    if (kind === null) return;
    for (const value of node.kind === 'List' ? node.values : [node.value]) {
      const json = read.origins.get(value)?.json;
      if (typeof json !== 'string') continue;
      const name = readableName(lookups, kind, json);
      if (name !== undefined) (value as { value: string }).value = name;
    }
  });
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

/**
 * The UTC spellings that are the compiler's own up to its millisecond digits (`…T16:34Z`, `…T16:34:00Z`,
 * `…T16:34:00.5Z`, `…T16:34:00.000Z`): written as they are, without a warning.
 */
const utcInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z$/;

/** A fraction with a non-zero digit after the milliseconds, which the compiler would cut off (`.1234`, `,0001`). */
const subMillisecond = /[.,]\d{3}\d*[1-9]/;

/** `json` is an instant meaning exactly the instant `typed` holds (no digit below the millisecond is lost). */
function exactInstant(json: JsonScalar, typed: TypedValue): json is string {
  if (typed.type !== 'date' || typed.date.kind !== 'instant' || typeof json !== 'string' || subMillisecond.test(json)) return false;
  const parsed = parseInstant(json);
  return parsed.kind === 'instant' && parsed.epochMs === Date.parse(typed.date.iso);
}

/** The JSON value compiles back to itself; an instant may differ only in its millisecond digits (`…Z` vs `….000Z`). */
function sameValue(json: JsonScalar, typed: TypedValue): boolean {
  if (scalar(typed) === json) return true;
  return exactInstant(json, typed) && utcInstant.test(json);
}

/**
 * `json` is another spelling of the instant `typed` holds, one RFC 3339 / ISO-8601 allows and the compiler reads
 * (kustomer-search-api.md §4: Python's `str(datetime)` `"2023-01-01 00:00:00+00:00"` is what MeltanoLabs sends):
 * a space or lower-case `t`, lower-case `z`, an offset (`+00:00`, `+0000`, `+05:30`), a fraction up to milliseconds
 * (zeros may follow). Such a value is written as the compiler's spelling, with a KQ4014 warning.
 */
function sameInstant(json: JsonScalar, typed: TypedValue): boolean {
  return exactInstant(json, typed);
}

/** `json` reads as a relative date (`now-7d`, `today`): a date to the query language, not a literal day or instant. */
function relativeText(json: JsonScalar, typed: TypedValue): boolean {
  return typed.type === 'date' && typeof json === 'string' && !isValidDay(json) && parseInstant(json).kind === 'none';
}
