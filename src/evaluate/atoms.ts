/**
 * The meaning of one Kustomer criterion, `{attribute: {operator: operand}}`, on one record: the operator × field
 * kind table of the reference semantics. This is the one place that says what each operator does to each kind of
 * attribute; a later finding about the target changes this file only. `evaluate`/`search` (criteria.ts) and
 * `evaluateQuery` (query.ts) both build their atoms here, so the differential tests compare the compiler's rewrites,
 * not two readings of the operators.
 *
 * Sources: the operator keywords and the kinds they were seen on, kustomer-search-api.md §2.1 and §2.3; local days
 * and time zones, §4. The target is Elasticsearch-backed, so where the sources are silent the behaviour is
 * Elasticsearch's, marked [ES] below; choices of ours are marked [ours].
 *
 * A record's value for an attribute is read as a list of elements (record.ts: a scalar is one element, an array its
 * elements, `null`/missing none). A comparison matches when **some element** matches — Elasticsearch's reading of
 * multi-valued fields [ES] — so `equals` on a list attribute means "the list contains this element"
 * (kustomer-search-api.md §2.1). An element the kind cannot read (a word in a number attribute, a malformed date) is
 * ignored, as if absent (Elasticsearch's `ignore_malformed`) [ES]. So a missing, `null` or empty value never matches
 * a comparison, and `not_set` matches exactly when no element is readable.
 *
 * | kind | elements read as | equals | in | contains | gt gte lt lte |
 * |---|---|---|---|---|---|
 * | `list` | strings (numbers and booleans as their JSON text) | an element is the operand, exactly | an element is one of the operands | — | — |
 * | `string_notanalyzed` | same as list | same as list | same as list | — | — |
 * | `string` (analysed) | strings | an element is the operand ignoring case [ours] | same, for any operand | the operand's tokens occur, consecutive, in one element's tokens | — |
 * | `text`, `any` | strings | — | — | as for string | — |
 * | `number` | numbers, and strings that are JSON numbers [ES coerce] | numerically equal | equal to one | — | numeric order |
 * | `boolean` | `true`/`"true"`, `false`/`"false"`; other strings as written (`message_direction`: `in`/`out`) | same reading | one of | — | — |
 * | `datetime` | instants (src/dates/stored.ts `recordInstant`) | a day: the instant falls in that local day [ES: date math rounds the term]; an instant: exactly it | — | — | see below |
 *
 * `not_set` (value `""` or `true`, ignored) is defined on every kind. Cells marked — are not defined: the compiler
 * never emits them (they agree with src/check/operators.ts, and a test keeps them in step) and the sources show no
 * use, so a criterion using one is refused rather than guessed.
 *
 * Datetime operands are a local day `YYYY-MM-DD`, read in the body's `timeZone` (GMT when absent), or an ISO-8601
 * instant with `Z` or an offset, which is exact. A day rounds as Elasticsearch date math does (§4, and the README's
 * "Dates"): `gte D` from the start of day D, `gt D` after its end, `lte D` through its end, `lt D` before its start.
 */
import { criterionOperatorNames, type CriterionOperatorName } from '../criteria/index.js';
import { parseInstant } from '../dates/instant.js';
import { fieldKinds, type FieldKind } from '../options.js';
import { localDayBounds, recordInstant } from '../dates/stored.js';
import { analysed, containsPhrase, tokens } from './text.js';

/** A criterion operator keyword (kustomer-search-api.md §2.1). */
export type AtomOperator = CriterionOperatorName;
/** Every operator keyword, in the reference's order (the criteria reader's list, src/criteria/types.ts). */
export const atomOperators: readonly AtomOperator[] = criterionOperatorNames;

/** Every field kind (the standard-fields schema's `operator` keyword, §2.3). */
export const atomKinds: readonly FieldKind[] = fieldKinds;

/** A field's elements in one record (record.ts): scalars, arrays flattened, `null` and missing dropped. */
export type Elements = readonly unknown[];

/** A compiled criterion: true when the elements match. */
export type AtomTest = (elements: Elements) => boolean;

/** The result of {@link buildAtom}: the test, or why the criterion has no meaning (a clause, no final period). */
export type AtomBuild = { readonly ok: true; readonly test: AtomTest } | { readonly ok: false; readonly message: string };

/** What an atom's operands are read against: the canonical IANA time zone local days are in (`UTC` for GMT). */
export interface AtomContext {
  readonly timeZone: string;
}

const ordered: readonly AtomOperator[] = ['gt', 'gte', 'lt', 'lte'];

/** The operators each kind takes (the table in the module comment). */
const defined: ReadonlyMap<FieldKind, ReadonlySet<AtomOperator>> = new Map<FieldKind, ReadonlySet<AtomOperator>>([
  ['any', new Set<AtomOperator>(['contains', 'not_set'])],
  ['string', new Set<AtomOperator>(['equals', 'in', 'contains', 'not_set'])],
  ['text', new Set<AtomOperator>(['contains', 'not_set'])],
  ['list', new Set<AtomOperator>(['equals', 'in', 'not_set'])],
  ['string_notanalyzed', new Set<AtomOperator>(['equals', 'in', 'not_set'])],
  ['datetime', new Set<AtomOperator>(['equals', ...ordered, 'not_set'])],
  ['number', new Set<AtomOperator>(['equals', 'in', ...ordered, 'not_set'])],
  ['boolean', new Set<AtomOperator>(['equals', 'in', 'not_set'])],
]);

/** True when `operator` has a meaning on attributes of `kind` (see the module comment's table). */
export function isDefined(kind: FieldKind, operator: AtomOperator): boolean {
  return defined.get(kind)?.has(operator) ?? false;
}

// --- Reading elements --------------------------------------------------------------------------------------------

/** An element as a keyword: a string as is, a finite number or a boolean as its JSON text, else `undefined`. */
export function keywordOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : undefined;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return undefined;
}

const jsonNumber = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** An element as a number: a finite number, or a string that is a JSON number (Elasticsearch coerces it) [ES]. */
export function numberOf(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.length <= 64 && jsonNumber.test(v)) {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/**
 * An element of a boolean-kind attribute: `true`/`"true"` → `"true"`, `false`/`"false"` → `"false"` (the strings
 * Elasticsearch's boolean field takes) [ES]; any other string as written, because some boolean-kind attributes hold
 * enum strings (`message_direction`: `in`/`out`, kustomer-search-api.md §2.3) [ours]; else `undefined`.
 */
export function flagOf(v: unknown): string | undefined {
  if (v === true) return 'true';
  if (v === false) return 'false';
  return typeof v === 'string' ? v : undefined;
}

/** An element as an instant (epoch ms): see `recordInstant` in src/dates/stored.ts. */
export const instantOf: (v: unknown) => number | undefined = recordInstant;

/**
 * The value `kind` reads from an element, for "is it set" and for sorting: a keyword string for the string kinds,
 * a number for numbers, a flag string for booleans, epoch ms for datetimes; `undefined` when unreadable.
 */
export function readerOf(kind: FieldKind): (v: unknown) => string | number | undefined {
  switch (kind) {
    case 'number':
      return numberOf;
    case 'datetime':
      return instantOf;
    case 'boolean':
      return flagOf;
    default:
      return keywordOf;
  }
}

/** True when some element is readable as `kind` (the opposite of `not_set`). */
export function isSet(kind: FieldKind, elements: Elements): boolean {
  const read = readerOf(kind);
  for (const e of elements) if (read(e) !== undefined) return true;
  return false;
}

// --- Operands ------------------------------------------------------------------------------------------------------

/** A datetime operand: a local day's instants, or one instant. */
type DateOperand = { readonly day: true; readonly start: number; readonly end: number } | { readonly day: false; readonly at: number };

const dayText = /^\d{4}-\d{2}-\d{2}$/;

function dateOperand(operand: unknown, ctx: AtomContext): DateOperand | string {
  if (typeof operand !== 'string') return 'expected a local day YYYY-MM-DD or an ISO-8601 instant (a string)';
  if (dayText.test(operand)) {
    const bounds = localDayBounds(operand, ctx.timeZone);
    return bounds ? { day: true, start: bounds.start, end: bounds.end } : `'${show(operand)}' is not a calendar day`;
  }
  const instant = parseInstant(operand);
  if (instant.kind === 'instant') return { day: false, at: instant.epochMs };
  return `'${show(operand)}' is neither a local day YYYY-MM-DD nor an ISO-8601 instant with Z or an offset`;
}

function show(v: unknown): string {
  const text = typeof v === 'string' ? v : JSON.stringify(v) ?? String(v);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** One operand of `equals`/`in` as the kind compares it, or an error clause. */
function equalityOperand(kind: FieldKind, operand: unknown): { value: string | number } | string {
  switch (kind) {
    case 'number': {
      const n = numberOf(operand);
      return n === undefined ? `expected a number, got ${show(operand)}` : { value: n };
    }
    case 'boolean': {
      const f = typeof operand === 'number' ? undefined : flagOf(operand);
      return f === undefined ? `expected true, false or a string, got ${show(operand)}` : { value: f };
    }
    case 'string': {
      const k = keywordOf(operand);
      return k === undefined ? `expected a string, got ${show(operand)}` : { value: k.toLowerCase() };
    }
    default: {
      const k = keywordOf(operand);
      return k === undefined ? `expected a string, got ${show(operand)}` : { value: k };
    }
  }
}

/** The element reader `equals`/`in` compare with (the string kind folds case) [ours]. */
function equalityReader(kind: FieldKind): (v: unknown) => string | number | undefined {
  if (kind === 'string') return (v) => keywordOf(v)?.toLowerCase();
  return readerOf(kind);
}

// --- Atoms ---------------------------------------------------------------------------------------------------------

const some = (elements: Elements, match: (e: unknown) => boolean): boolean => {
  for (const e of elements) if (match(e)) return true;
  return false;
};

/**
 * Compiles the criterion `operator: operand` on an attribute of `kind` into a test over the attribute's elements.
 * Refuses (`ok: false`, with a clause saying why) an operator the kind does not take ({@link isDefined}) and an
 * operand the kind cannot read: `in` without an array, a number operand that is no number, a datetime operand that
 * is neither a calendar day nor an instant. Never throws.
 */
export function buildAtom(kind: FieldKind, operator: AtomOperator, operand: unknown, ctx: AtomContext): AtomBuild {
  if (!isDefined(kind, operator)) {
    const takes = atomOperators.filter((op) => isDefined(kind, op)).join(', ');
    return { ok: false, message: `'${operator}' is not defined on ${kind} attributes (they take ${takes})` };
  }
  switch (operator) {
    case 'not_set':
      return { ok: true, test: (elements) => !isSet(kind, elements) };
    case 'contains': {
      const text = keywordOf(operand);
      if (text === undefined) return { ok: false, message: `expected a string, got ${show(operand)}` };
      const phrase = tokens(text);
      return {
        ok: true,
        test: (elements) =>
          some(elements, (e) => {
            const k = keywordOf(e);
            return k !== undefined && containsPhrase(analysed(k), phrase);
          }),
      };
    }
    case 'equals':
      if (kind === 'datetime') {
        const d = dateOperand(operand, ctx);
        if (typeof d === 'string') return { ok: false, message: d };
        return d.day
          ? { ok: true, test: (elements) => some(elements, (e) => inRange(instantOf(e), d.start, d.end)) }
          : { ok: true, test: (elements) => some(elements, (e) => instantOf(e) === d.at) };
      }
      return equalityAtom(kind, [operand]); // equals is `in` with one operand
    case 'in':
      if (!Array.isArray(operand)) return { ok: false, message: `'in' takes an array of values, got ${show(operand)}` };
      return equalityAtom(kind, operand);
    default:
      return orderedAtom(kind, operator, operand, ctx);
  }
}

function inRange(t: number | undefined, start: number, end: number): boolean {
  return t !== undefined && t >= start && t < end;
}

/** `equals`/`in` on the kinds that compare whole values: some element is one of `operands`. */
function equalityAtom(kind: FieldKind, operands: readonly unknown[]): AtomBuild {
  const wanted = new Set<string | number>();
  for (const o of operands) {
    const r = equalityOperand(kind, o);
    if (typeof r === 'string') return { ok: false, message: r };
    wanted.add(r.value);
  }
  const read = equalityReader(kind);
  if (wanted.size === 1) {
    const only = wanted.values().next().value as string | number;
    return { ok: true, test: (elements) => some(elements, (e) => read(e) === only) };
  }
  return {
    ok: true,
    test: (elements) =>
      some(elements, (e) => {
        const v = read(e);
        return v !== undefined && wanted.has(v);
      }),
  };
}

/** `gt`/`gte`/`lt`/`lte` on numbers and datetimes. */
function orderedAtom(kind: FieldKind, operator: AtomOperator, operand: unknown, ctx: AtomContext): AtomBuild {
  let read: (v: unknown) => number | undefined;
  let bound: number;
  let compare: AtomOperator = operator;
  if (kind === 'number') {
    const n = numberOf(operand);
    if (n === undefined) return { ok: false, message: `expected a number, got ${show(operand)}` };
    read = numberOf;
    bound = n;
  } else {
    const d = dateOperand(operand, ctx);
    if (typeof d === 'string') return { ok: false, message: d };
    read = instantOf;
    if (!d.day) bound = d.at;
    else {
      // Date-math rounding of a day (§4): gte D → t ≥ start; gt D → t ≥ end; lte D → t < end; lt D → t < start.
      bound = operator === 'gte' || operator === 'lt' ? d.start : d.end;
      compare = operator === 'gte' || operator === 'gt' ? 'gte' : 'lt';
    }
  }
  // One loop per comparison, so the hot path allocates nothing.
  switch (compare) {
    case 'gt':
      return { ok: true, test: (elements) => { for (const e of elements) { const t = read(e); if (t !== undefined && t > bound) return true; } return false; } };
    case 'gte':
      return { ok: true, test: (elements) => { for (const e of elements) { const t = read(e); if (t !== undefined && t >= bound) return true; } return false; } };
    case 'lt':
      return { ok: true, test: (elements) => { for (const e of elements) { const t = read(e); if (t !== undefined && t < bound) return true; } return false; } };
    default:
      return { ok: true, test: (elements) => { for (const e of elements) { const t = read(e); if (t !== undefined && t <= bound) return true; } return false; } };
  }
}
