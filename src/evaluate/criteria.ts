/**
 * The reference semantics of a Kustomer search body: which records it matches (`evaluate`), and the page of them a
 * search returns (`search`), over records whose keys are search attribute names (record.ts).
 *
 * The body's meaning (kustomer-search-api.md §1.3): a record matches when it is of the `queryContext`'s type
 * (record.ts `inContext`), every `and` item matches, at least one `or` item matches (when `or` is non-empty), and no
 * `not` item matches. Items are criteria, whose meaning is atoms.ts's operator × kind table, or nested
 * `{"and"|"or"|"not": [...]}` groups (the compiler's `nested` output), read the same way recursively. Local days are
 * read in the body's `timeZone` (GMT when absent, §4).
 *
 * Bodies are read by the package's criteria reader (src/criteria), so they are accepted in the shapes Kustomer
 * documents as well as the one this package emits: a single object for `and`/`or`/`not`/`sort` (§1.1, OPENAPI), and
 * empty arrays (`"or": []` in Kustomer's own examples, §1.3), which impose nothing. Written in the emitted spelling
 * (criteria/emittedShape.ts), the body must then pass `validateCriteria`; then every attribute must be known to the
 * catalogue (the standard attributes plus `customAttributes`) and every operator defined on its kind.
 */
import { catalogFor } from '../schema/catalogFor.js';
import type { SortKey } from '../check/context.js';
import { describeJson, emittedShape, readCriteria, type ReadGroup, type ReadItem, type ReadProblem } from '../criteria/index.js';
import { resolveTimeZone } from '../dates/timeZone.js';
import { validateCriteria } from '../emit/validate.js';
import type { CustomAttribute } from '../options.js';
import { isSortable, resolveField, sortSuggestions, type FieldCatalog } from '../schema/index.js';
import { buildAtom, type AtomContext, type AtomOperator } from './atoms.js';
import { SearchError, type SearchProblem } from './errors.js';
import { checkPage, pageOf, type PageMeta, type PageRequest } from './page.js';
import { fieldElements, fieldOfKey, inContext, isRecord } from './record.js';
import { sortRecords } from './sort.js';

/**
 * Options of {@link evaluate} and {@link prepareCriteria}: `customAttributes` are the org's custom attributes, as
 * for `compile` (their kinds decide how their values compare; without a list, any well-formed custom attribute name
 * is known, with the kind its suffix gives).
 */
export interface EvaluateOptions {
  readonly customAttributes?: readonly CustomAttribute[];
}

/** Options of {@link search}: {@link EvaluateOptions} plus the page request (`page` from 1, `pageSize` ≤ 500). */
export interface SearchOptions extends EvaluateOptions, PageRequest {}

/** A search response (§6.4): the page's records, in order, and `meta` (`page`, `pageSize`, `total`, `totalPages`). */
export interface SearchResult<R> {
  readonly data: R[];
  readonly meta: PageMeta;
}

/**
 * A body ready to evaluate many records:
 * - `queryContext`, `timeZone` (the canonical IANA zone local days are read in; `UTC` when the body has none, for
 *   Kustomer's GMT), `sort` (the body's keys, in order);
 * - `matches(record)`: the body's meaning on one record; anything that is not a JSON object matches nothing;
 * - `select(records)`: the matching records in `sort` order (sort.ts), all of them.
 */
export interface PreparedCriteria {
  readonly queryContext: string;
  readonly timeZone: string;
  readonly sort: readonly SortKey[];
  matches(record: unknown): boolean;
  select<R>(records: Iterable<R>): R[];
}

/** The result of {@link prepareCriteria}. */
export type CriteriaPreparation =
  | { readonly ok: true; readonly prepared: PreparedCriteria }
  | { readonly ok: false; readonly problems: SearchProblem[] };

/** How deep nested groups may go; deeper bodies are refused (the compiler's own output stays far below). */
export const maxNesting = 1000;

type Matcher = (record: object) => boolean;

/**
 * Prepares `criteria` (any JSON value) for evaluation. Never throws. Returns every problem found, each with a JSON
 * pointer into the body as given (a single object written for an array has no `/0`): the `validateCriteria` errors; an unknown
 * attribute (with "did you mean"); an operator the attribute's kind does not take, or an operand it cannot read
 * (atoms.ts); an unknown `timeZone`; a `sort` attribute that is neither sortable (`isSortable`: the documented sort
 * attributes and the context's `_created_at`/`_updated_at`) nor a known attribute; groups nested deeper than
 * {@link maxNesting}; and, without a pointer, bad custom attribute definitions in `opts`. At most
 * {@link maxProblems} problems are listed, then one "… and N more". A body that throws when read (a getter, a
 * Proxy) is one problem with pointer `""`.
 */
export function prepareCriteria(criteria: unknown, opts: EvaluateOptions = {}): CriteriaPreparation {
  let result: CriteriaPreparation;
  try {
    result = prepareBody(criteria, opts ?? {});
  } catch (e) {
    // A body (or options) that throws when read: a getter, a Proxy trap, a value too deep to read.
    return { ok: false, problems: [{ pointer: '', message: `The body cannot be read as JSON: reading it threw ${clip(errorText(e))}.` }] };
  }
  return result.ok ? result : { ok: false, problems: capProblems(result.problems) };
}

/** Problems beyond this many are summed up in one last problem ("… and N more"), as `maxDiagnostics` does. */
export const maxProblems = 100;

/** At most {@link maxProblems} of `problems`, then one saying how many more there were. */
export function capProblems(problems: readonly SearchProblem[]): SearchProblem[] {
  if (problems.length <= maxProblems) return [...problems];
  return [...problems.slice(0, maxProblems), { message: `… and ${problems.length - maxProblems} more problems (the first ${maxProblems} are listed).` }];
}

function errorText(e: unknown): string {
  try {
    return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  } catch {
    return 'an unreadable error';
  }
}

/** `text` cut to 80 UTF-16 units, with `…` (a key or a value quoted in a message may be huge). */
function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

function prepareBody(criteria: unknown, opts: EvaluateOptions): CriteriaPreparation {
  const read = readCriteria(criteria, { maxDepth: maxNesting });
  const unreadable = read.problems.find((p) => p.reason === 'unreadable');
  if (unreadable) throw unreadable.thrown;
  // The schema judges the body in the emitted spelling; its pointers are taken back to the body as given.
  const shape = read.body ? emittedShape(read.body) : null;
  const validation = validateCriteria(shape ? shape.json : criteria);
  if (!validation.valid) {
    return { ok: false, problems: validation.errors.map((e) => ({ pointer: shape ? shape.pointerInBody(e.pointer) : e.pointer, message: e.message })) };
  }
  const b = read.body;
  // Only a value JSON cannot hold (a class instance with a queryContext) passes the schema and is no plain object.
  if (!b) return { ok: false, problems: [{ pointer: '', message: notJson(read.problems[0]!) }] };

  const problems: SearchProblem[] = [];
  const { catalog, problems: definitionProblems } = catalogFor({ customAttributes: opts.customAttributes });
  for (const p of definitionProblems) problems.push({ message: `Invalid custom attribute definition '${p.name}': ${p.message}.` });

  let timeZone = 'UTC';
  if (b.timeZone !== undefined) {
    const zone = resolveTimeZone(b.timeZone);
    if (zone.ok) timeZone = zone.zone;
    else problems.push({ pointer: '/timeZone', message: `Unknown time zone '${clip(b.timeZone)}'; time zones are IANA names such as America/New_York.` });
  }
  const ctx: AtomContext = { timeZone };

  // A top-level group or sort the reader could not read passed the schema only as `undefined`, which the schema (as
  // JSON.stringify) takes for an absent key: it imposes nothing.
  const items = (group: ReadGroup | undefined): Matcher[] => (group?.items ?? []).map((item) => compileItem(item, catalog, ctx, problems));
  const all = items(b.and);
  const any = items(b.or);
  const none = items(b.not);

  const queryContext = b.queryContext!; // the schema requires it
  const sort: SortKey[] = [];
  for (const key of b.sort?.keys ?? []) {
    if (key.kind !== 'sortKey') continue;
    const field = key.attribute;
    // A sort attribute must be one the search sorts on (as the compiler's sort: rule) or a known attribute.
    if (!isSortable(field, queryContext) && !resolveField(catalog, field).ok) {
      const suggestions = sortSuggestions(field, queryContext);
      const hint = suggestions.length ? ` Did you mean ${suggestions.map((x) => `'${x}'`).join(', ')}?` : '';
      problems.push({ pointer: key.pointer, message: `Unknown sort attribute '${clip(field)}'.${hint}` });
    }
    sort.push({ field, direction: key.direction });
  }
  if (problems.length) return { ok: false, problems };
  const matches = (record: unknown): boolean => {
    if (!isRecord(record) || !inContext(record, queryContext)) return false;
    for (const m of all) if (!m(record)) return false;
    for (const m of none) if (m(record)) return false;
    if (any.length === 0) return true;
    for (const m of any) if (m(record)) return true;
    return false;
  };
  const prepared: PreparedCriteria = {
    queryContext,
    timeZone,
    sort,
    matches,
    select<R>(records: Iterable<R>): R[] {
      const hits: R[] = [];
      for (const r of records) if (matches(r)) hits.push(r);
      return sortRecords(hits as (R & object)[], sort, catalog);
    },
  };
  return { ok: true, prepared };
}

/**
 * A problem of the criteria reader that the schema let through, which only a value JSON cannot hold causes (an
 * `undefined` where a group or an operator object should be, a class instance where an object should be).
 */
function notJson(p: ReadProblem): string {
  const found = 'found' in p ? p.found : undefined;
  return `Expected a JSON value here, found ${describeJson(found)}.`;
}

/** One validated item: a criterion, or a nested group. Problems go to `problems`; the matcher is then unused. */
function compileItem(item: ReadItem, catalog: FieldCatalog, ctx: AtomContext, problems: SearchProblem[]): Matcher {
  const never: Matcher = () => false;
  if (item.kind === 'invalid') {
    const message = item.problem.reason === 'tooDeep' ? `Groups are nested more than ${maxNesting} levels deep.` : notJson(item.problem);
    problems.push({ pointer: item.pointer, message });
    return never;
  }
  if (item.kind === 'group') {
    const group = item.group;
    if (group.problem) problems.push({ pointer: group.pointer, message: notJson(group.problem) });
    const children = group.items.map((child) => compileItem(child, catalog, ctx, problems));
    if (group.kind === 'and') return (record) => children.every((m) => m(record));
    // An empty group imposes nothing, as an empty top-level `or` does.
    if (group.kind === 'or') return (record) => children.length === 0 || children.some((m) => m(record));
    return (record) => !children.some((m) => m(record));
  }
  const key = item.attribute;
  const at = item.attributePointer;
  // Past the problems a report lists, names are looked up without "did you mean" (which costs ~0.5 ms a name).
  const quick = problems.length >= maxProblems ? fieldOfKey(catalog, key) : undefined;
  if (quick === null) {
    problems.push({ pointer: at, message: `Unknown attribute '${clip(key)}'.` });
    return never;
  }
  const resolved = quick !== undefined ? ({ ok: true, field: quick } as const) : resolveField(catalog, key);
  if (!resolved.ok) {
    const hint = resolved.suggestions.length ? ` Did you mean ${resolved.suggestions.map((s) => `'${s}'`).join(', ')}?` : '';
    problems.push({ pointer: at, message: `Unknown attribute '${clip(key)}'.${hint}` });
    return never;
  }
  const field = resolved.field;
  if (item.problem) {
    problems.push({ pointer: item.problem.pointer, message: notJson(item.problem) });
    return never;
  }
  // The schema allows exactly one operator; its operand is read by the attribute's kind (atoms.ts), as given.
  const condition = item.conditions[0]!;
  const atom = buildAtom(field.kind, condition.operator as AtomOperator, condition.operand, ctx);
  if (!atom.ok) {
    problems.push({ pointer: condition.pointer, message: `${clip(key)}: ${atom.message}.` });
    return never;
  }
  const test = atom.test;
  return (record) => test(fieldElements(record, field, catalog));
}

/**
 * True when `record` matches the search body `criteria` (see the module comment; operators per kind: atoms.ts).
 * `record` is a JSON object keyed by search attribute names; anything else matches nothing. Prepares the body on
 * every call: to test many records, use {@link prepareCriteria} once, or {@link search}.
 *
 * Throws a {@link SearchError} listing every problem when the body has no meaning (see {@link prepareCriteria}).
 */
export function evaluate(criteria: unknown, record: unknown, opts: EvaluateOptions = {}): boolean {
  const p = prepareCriteria(criteria, opts);
  if (!p.ok) throw new SearchError(p.problems);
  return p.prepared.matches(record);
}

/**
 * Runs the search body `criteria` over `records` as the search endpoint would: the matching records (in the
 * `queryContext`'s type, record.ts `inContext`), ordered by `sort` (sort.ts), then page `opts.page` (default 1) of
 * `opts.pageSize` (default 100, at most 500; no page past 100: page.ts). Returns `{data, meta}` like the real
 * response (§6.4), with the records themselves as `data`.
 *
 * Throws a {@link SearchError} listing every problem when the body has no meaning or the page parameters are out
 * of the target's limits (those problems name `parameter` `page` or `pageSize`).
 */
export function search<R>(criteria: unknown, records: Iterable<R>, opts: SearchOptions = {}): SearchResult<R> {
  opts ??= {};
  const p = prepareCriteria(criteria, opts);
  const page = checkPage(opts);
  const problems = capProblems([...(p.ok ? [] : p.problems), ...(page.ok ? [] : page.problems)]);
  if (!p.ok || !page.ok) throw new SearchError(problems);
  return pageOf(p.prepared.select(records), page.page, page.pageSize);
}
