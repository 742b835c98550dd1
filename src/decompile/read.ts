/**
 * Reading a Kustomer criteria body into a query AST: the first half of `decompile`.
 *
 * The body is read by the package's one criteria reader (src/criteria), which accepts every shape in
 * kustomer-search-api.md: `and`/`or`/`not` as arrays or a single object (§1.1, the OpenAPI types), empty arrays
 * (§1.3), nested `and`/`or`/`not` groups, `not_set` with `""` or `true` (§2.1), `in` arrays, one criterion object with
 * two operators (`{"gte": …, "lte": …}`, §1.2), custom and KObject attributes (§5.2), the sort array, a single sort
 * object and the legacy `{"f": {"order": "desc"}}` (§6.1), `queryContext` and `timeZone`, and a bare array of criteria
 * read as the body's `and` (the Customer Search doc's own example is one, §1.4). This file turns the read
 * form into an AST, and each of the reader's problems into a KQ4xxx diagnostic at its JSON pointer; nothing is
 * dropped silently.
 *
 * Kustomer's schema caps each `and`/`or`/`not` array at 20 items and `sort` at 5 keys (kustomer-api-live.md §1c, the
 * OpenAPI `maxItems`). A body over a limit is KQ4013, an error: Kustomer's own schema does not allow it, and no text
 * compiles back to it (compile reports KQ3005 for it, and with `nested: true` regroups the items, another body).
 *
 * The AST's spans are not text offsets: a node's `span.start` indexes `pointers`, the JSON pointer of the place the
 * node came from, so that the checker's diagnostics can be mapped back to the criteria.
 *
 * How each criterion is written (the operator that compiles back to the same criterion):
 * | criterion | text |
 * |---|---|
 * | `equals` | `f:v` on list, string, string_notanalyzed, number and boolean fields; `f=v` elsewhere (a datetime's `:` would mean a whole day) |
 * | `contains` | `f:v` on text and full-text fields (`any_text` contains becomes a bare word or phrase); `f~v` elsewhere |
 * | `in` | `f:a,b` where `:` means equals, else `f=a,b` |
 * | `gt` `gte` `lt` `lte` | `f>v` `f>=v` `f<v` `f<=v`; one object with a lower and an upper bound is a range `f:a..b` / `f:{a TO b]` … |
 * | `gte D` and `lt D+1` on a datetime (days `YYYY-MM-DD`) | `f:D`, the whole local day (what compile emits for `f:D`) |
 * | `not_set` | `-f:*` |
 * | `not: [x, y]` | `-x AND -y`; `or` groups `x OR y`; nested groups in parentheses where needed |
 */
import { equalsKinds } from '../check/operators.js';
import {
  bodyKeys,
  criterionOperatorNames,
  describeJson,
  isPlainObject,
  readCriteria,
  type GroupKind,
  type JsonScalar,
  type ReadBody,
  type ReadCondition,
  type ReadCriterion,
  type ReadGroup,
  type ReadItem,
  type ReadProblem,
  type ReadScalar,
  type ReadSort,
} from '../criteria/index.js';
import { addDays, isValidDay } from '../dates/index.js';
import { diagnosticOf, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { MessageArgs, MessageName } from '../diagnostics/catalogue.js';
import { maxGroupItems, maxSortKeys, resolveField, type FieldCatalog } from '../schema/index.js';
import { closest } from '../schema/suggest.js';
import type * as A from '../syntax/ast.js';
import { walk } from '../syntax/ast.js';
import { fullTextField } from '../lowering/lower.js';
import { isPrintableName } from '../syntax/printer.js';

export type { JsonScalar } from '../criteria/index.js';

/** What {@link readQuery} gives back. */
export interface ReadResult {
  /** The query, `null` when the body could not be read at all. */
  readonly ast: A.Query | null;
  /** `pointers[span.start]` is the JSON pointer of the node with that span. */
  readonly pointers: readonly string[];
  /** Each value node and the JSON value it was read from, for the exactness check. */
  readonly origins: ReadonlyMap<A.Value, { readonly json: JsonScalar; readonly field: string }>;
  readonly diagnostics: Diagnostic[];
}

const orderedText: Record<string, A.ComparisonOperator> = { gt: '>', gte: '>=', lt: '<', lte: '<=' };

/**
 * Reads `criteria` (a parsed JSON value, or any JS value; a bare array is the `and` of a body) into an AST. Nesting deeper than `maxDepth` is KQ4011;
 * reading stops once more than `maxDiagnostics` diagnostics were reported. Throws only what reading the body threw
 * (a getter, a Proxy trap), for `decompile` to report as KQ9001.
 */
export function readQuery(criteria: unknown, catalog: FieldCatalog, maxDepth: number, maxDiagnostics: number): ReadResult {
  const read = readCriteria(criteria, { maxDepth, fragment: true });
  const unreadable = read.problems.find((p) => p.reason === 'unreadable');
  if (unreadable) throw unreadable.thrown;
  return new Reader(catalog, maxDiagnostics).body(read.body, read.problems);
}

/** An empty group: always true. */
const TRUE = Symbol('true');

class Reader {
  readonly pointers: string[] = [''];
  readonly origins = new Map<A.Value, { json: JsonScalar; field: string }>();
  readonly diagnostics: Diagnostic[] = [];
  private tooDeep = false;

  constructor(
    private readonly catalog: FieldCatalog,
    private readonly maxDiagnostics: number,
  ) {}

  private span(pointer: string): A.Span {
    this.pointers.push(pointer);
    const i = this.pointers.length - 1;
    return { start: i, end: i };
  }

  private report<N extends MessageName>(name: N, pointer: string, args: MessageArgs<N>, suggestions?: string[]) {
    this.diagnostics.push(diagnosticOf(name, { start: 0, end: 0 }, args, suggestions ? { pointer, suggestions } : { pointer }));
  }

  /** A problem of the criteria reader as its KQ4xxx diagnostic (KQ4011 only the first time). */
  private problem(p: ReadProblem): void {
    const at = p.pointer;
    switch (p.reason) {
      case 'notAnObject':
        return this.report('ExpectedShape', at, { expected: 'body', found: describeJson(p.found) });
      case 'notAString':
        return this.report('ExpectedShape', at, { expected: 'string', found: describeJson(p.found) });
      case 'ignoredKey':
        return this.report('IgnoredBodyKey', at, { key: p.key });
      case 'unknownKey':
        return this.report('UnknownBodyKey', at, { key: p.key }, closest(p.key, bodyKeys));
      case 'notItems':
        return this.report('ExpectedShape', at, { expected: 'items', found: describeJson(p.found) });
      case 'tooDeep':
        if (!this.tooDeep) this.report('CriteriaTooDeep', at, { max: p.maxDepth });
        this.tooDeep = true;
        return;
      case 'notACriterion':
        return this.report('ExpectedShape', at, { expected: 'criterion', found: describeJson(p.found) });
      case 'attributeCount': {
        return this.report('CriterionAttributes', at, { attributes: p.attributes });
      }
      case 'notOperators':
        return this.report('ExpectedShape', at, { expected: 'operatorObject', found: isPlainObject(p.found) ? 'an empty object' : describeJson(p.found) });
      case 'unknownOperator':
        return this.report('UnknownOperator', at, { operator: p.operator, known: criterionOperatorNames }, closest(p.operator, criterionOperatorNames));
      case 'invalidOperand': {
        const found = p.found;
        if (p.operator === 'in') {
          const what = Array.isArray(found)
            ? found.length === 0
              ? 'an empty array (which matches nothing)'
              : 'an array holding a value that is not a string, number or boolean'
            : describeJson(found);
          return this.report('InvalidOperand', at, { operator: p.operator, expects: 'list', found: what });
        }
        if (p.operator === 'not_set') {
          return this.report('InvalidOperand', at, { operator: p.operator, expects: 'notSet', found: describeJson(found) });
        }
        return this.report('InvalidOperand', at, { operator: p.operator, expects: 'scalar', found: describeJson(found) });
      }
      case 'notASortKey':
        return this.report('InvalidSortKey', at, { problem: 'notObject', found: describeJson(p.found) });
      case 'sortDirection':
        return this.report('InvalidSortKey', at, { problem: 'direction', found: describeJson(p.found) });
      case 'unreadable':
        throw p.thrown;
    }
  }

  body(body: ReadBody | null, problems: readonly ReadProblem[]): ReadResult {
    const done = (ast: A.Query | null): ReadResult => ({
      ast,
      pointers: this.pointers,
      origins: this.origins,
      diagnostics: this.diagnostics,
    });
    if (!body) {
      for (const p of problems) this.problem(p);
      return done(null);
    }
    const terms: A.Expression[] = [];
    const directives: A.Directive[] = [];
    let orGroup: A.Expression | null = null;
    const nots: A.Expression[] = [];
    for (const entry of body.entries) {
      switch (entry.kind) {
        case 'invalid':
          this.problem(entry.problem);
          break;
        case 'string': {
          const span = this.span(entry.pointer);
          const v: A.Value = { kind: 'Value', span, value: entry.value };
          directives.push(entry.key === 'queryContext' ? { kind: 'Context', span, value: v } : { kind: 'TimeZone', span, value: v });
          break;
        }
        case 'group':
          if (entry.key === 'and') {
            for (const e of this.items(entry.group, 1)) terms.push(...flatten(e, 'And'));
          } else if (entry.key === 'or') {
            const g = this.group(entry.group, 1);
            orGroup = g === TRUE ? null : g;
          } else {
            nots.push(...this.items(entry.group, 1).map(negate));
          }
          break;
        case 'sort':
          directives.push(...this.sort(entry.sort));
          break;
      }
    }
    if (orGroup) {
      // The compiler makes the first OR group of the top-level AND the body's `or`, and later ones nested groups in
      // `and`: when `and` holds OR groups too, the body's own `or` must come first in the text.
      const operands = flatten(orGroup, 'And');
      if (orGroup.kind === 'Or' && terms.some((t) => t.kind === 'Or')) terms.unshift(...operands);
      else terms.push(...operands);
    }
    terms.push(...nots);
    // Context, tz and sort directives: order them as the printer does, sort keys in their given order.
    const rank = { Context: 0, TimeZone: 1, Sort: 2 } as const;
    directives.sort((a, b) => rank[a.kind] - rank[b.kind]);
    const operands = [...mergeRanges(terms).map((t) => this.wholeDay(t)), ...directives];
    const ast: A.Expression | null =
      operands.length === 0 ? null : operands.length === 1 ? operands[0]! : { kind: 'And', span: this.span(''), operands };
    return done({ kind: 'Query', span: { start: 0, end: 0 }, body: ast });
  }

  /** True once more diagnostics than the cap have been reported: reading stops (the rest would not be shown). */
  private full(): boolean {
    return this.diagnostics.length > this.maxDiagnostics;
  }

  /**
   * A group's items (at `depth`), read as members of a group of its kind. An empty nested group means "true": left
   * out of an AND, an error in an OR (the OR would match everything) or under NOT (it would match nothing).
   */
  private items(group: ReadGroup, depth: number): A.Expression[] {
    if (group.problem) {
      this.problem(group.problem);
      return [];
    }
    if (group.items.length > maxGroupItems) this.overLimit(group.kind, group.pointer, group.items.length, maxGroupItems);
    const out: A.Expression[] = [];
    for (const item of group.items) {
      if (this.full()) break;
      const e = this.item(item, depth);
      if (e === TRUE) {
        if (group.kind === 'or') this.report('EmptyGroup', item.pointer, { group: 'or' });
        if (group.kind === 'not') this.report('EmptyGroup', item.pointer, { group: 'not' });
      } else if (e) out.push(e);
    }
    return out;
  }

  /** A group's meaning: one operand, an And/Or of several, or TRUE when it has no operands. */
  private group(group: ReadGroup, depth: number): A.Expression | typeof TRUE {
    const kind: GroupKind = group.kind;
    const items = this.items(group, depth);
    let operands: A.Expression[];
    if (kind === 'not') operands = items.map(negate);
    else if (kind === 'and') operands = mergeRanges(items.flatMap((e) => flatten(e, 'And'))).map((t) => this.wholeDay(t));
    else operands = items.flatMap((e) => flatten(e, 'Or'));
    if (operands.length === 0) return TRUE;
    if (operands.length === 1) return operands[0]!;
    return { kind: kind === 'or' ? 'Or' : 'And', span: this.span(group.pointer), operands };
  }

  /** One item of `and`/`or`/`not`: a criterion, a nested group (TRUE when empty), or null after an error. */
  private item(item: ReadItem, depth: number): A.Expression | typeof TRUE | null {
    switch (item.kind) {
      case 'invalid':
        this.problem(item.problem);
        return null;
      case 'group':
        return this.group(item.group, depth + 1);
      case 'criterion':
        return this.criterion(item);
    }
  }

  /** `{"<attribute>": {"<operator>": value, …}}`: one term per operator, a range for a lower and an upper bound. */
  private criterion(c: ReadCriterion): A.Expression | null {
    const field = c.attribute;
    const at = c.attributePointer;
    if (!isPrintableName(field)) {
      const problem = field === '' ? 'empty' : /^(has|no|sort|context|in|tz)$/.test(field) ? 'directive' : 'characters';
      this.report('UnwritableName', at, { name: field, problem });
      return null;
    }
    if (c.problem) {
      this.problem(c.problem);
      return null;
    }
    const resolved = resolveField(this.catalog, field);
    const kind = resolved.ok ? resolved.field.kind : null;
    const terms: A.Expression[] = [];
    for (const condition of c.conditions) {
      const t = this.atom(field, at, kind, condition);
      if (t) terms.push(t);
    }
    if (terms.length !== c.conditions.length) return null;
    const merged = mergeBounds(terms);
    if (merged) return this.wholeDay(merged);
    return terms.length === 1 ? terms[0]! : { kind: 'And', span: this.span(at), operands: terms };
  }

  private value(v: ReadScalar, field: string): A.Value {
    const node: A.Value = { kind: 'Value', span: this.span(v.pointer), value: String(v.value) };
    this.origins.set(node, { json: v.value, field });
    return node;
  }

  private atom(field: string, fieldAt: string, kind: string | null, c: ReadCondition): A.Expression | null {
    const name = (): A.Name => ({ kind: 'Name', span: this.span(fieldAt), value: field });
    const equalsNatural = kind !== null && equalsKinds.has(kind as never);
    const at = c.pointer;
    switch (c.kind) {
      case 'invalid':
        this.problem(c.problem);
        return null;
      case 'scalar': {
        const op = c.operator;
        if (op === 'contains' && field === fullTextField && typeof c.operand === 'string') {
          return { kind: 'Text', span: this.span(at), value: c.operand };
        }
        let operator: A.ComparisonOperator;
        if (op === 'equals') operator = equalsNatural ? ':' : '=';
        else if (op === 'contains') operator = kind === 'text' || kind === 'any' ? ':' : '~';
        else operator = orderedText[op]!;
        return { kind: 'Comparison', span: this.span(at), field: name(), operator, value: this.value(c.value, field) };
      }
      case 'in': {
        const values: A.Value[] = [];
        for (const v of c.values) {
          if (this.full()) break;
          values.push(this.value(v, field));
        }
        return { kind: 'List', span: this.span(at), field: name(), operator: equalsNatural ? ':' : '=', values };
      }
      case 'notSet': {
        const span = this.span(at);
        return { kind: 'Not', span, operand: { kind: 'Exists', span, field: name() } };
      }
    }
  }

  /** KQ4013: the group or sort at `pointer` holds `count` items, over Kustomer's `limit` (kustomer-api-live.md §1c). */
  private overLimit(key: string, pointer: string, count: number, limit: number): void {
    this.report('OverBodyLimit', pointer, { key, count, max: limit, groupMax: maxGroupItems, sortMax: maxSortKeys });
  }

  /**
   * `e`, or `f:D` when `e` is the range `[D TO D+1}` on a datetime field: the pair `gte D`, `lt D+1` that compile
   * emits for the whole local day `f:D` (lowering/lower.ts; `gte D`, `lte D` for 9999-12-31, which has no next day in
   * `YYYY-MM-DD`). The upper bound's value is dropped from the exactness check: it is checked here.
   */
  private wholeDay(e: A.Expression): A.Expression {
    if (e.kind !== 'Range' || !e.lower || !e.upper || !e.lowerInclusive) return e;
    const day = e.lower.value;
    if (!isValidDay(day) || !isValidDay(e.upper.value) || this.origins.get(e.lower)?.json !== day || this.origins.get(e.upper)?.json !== e.upper.value) return e;
    const next = addDays(day, 1);
    const exact = next.length === 10 ? !e.upperInclusive && e.upper.value === next : e.upperInclusive && e.upper.value === day;
    if (!exact) return e;
    const resolved = resolveField(this.catalog, e.field.value);
    if (!resolved.ok || resolved.field.kind !== 'datetime') return e;
    this.origins.delete(e.upper);
    return { kind: 'Comparison', span: e.span, field: e.field, operator: ':', value: e.lower };
  }

  /** `sort`: an array of `{"f": "asc"|"desc"}`, one such object, or the legacy `{"f": {"order": "desc"}}`. */
  private sort(sort: ReadSort): A.Sort[] {
    const valid = sort.keys.filter((k) => k.kind === 'sortKey').length;
    if (valid > maxSortKeys) this.overLimit('sort', sort.pointer, valid, maxSortKeys);
    const out: A.Sort[] = [];
    for (const key of sort.keys) {
      if (this.full()) break;
      if (key.kind === 'invalid') {
        this.problem(key.problem);
        continue;
      }
      const span = this.span(key.pointer);
      out.push({ kind: 'Sort', span, field: { kind: 'Name', span, value: key.attribute }, direction: key.direction });
    }
    return out;
  }
}

/** `-x`; the negation of `-x` is `x` (so `{"not": [{"f": {"not_set": ""}}]}` reads as `f:*`). */
function negate(e: A.Expression): A.Expression {
  if (e.kind === 'Not') return e.operand;
  return { kind: 'Not', span: e.span, operand: e };
}

/** The operands of `e` as a member of a group of `kind` (associativity: an AND in an AND is spliced in). */
function flatten(e: A.Expression, kind: 'And' | 'Or'): A.Expression[] {
  return e.kind === kind ? [...e.operands] : [e];
}

function isLower(e: A.Expression): e is A.Comparison {
  return e.kind === 'Comparison' && (e.operator === '>' || e.operator === '>=');
}
function isUpper(e: A.Expression): e is A.Comparison {
  return e.kind === 'Comparison' && (e.operator === '<' || e.operator === '<=');
}

/** One criterion object with exactly a lower and an upper bound (either order) → a Range; else null. */
function mergeBounds(terms: readonly A.Expression[]): A.Range | null {
  if (terms.length !== 2) return null;
  const [a, b] = terms;
  const lower = isLower(a!) ? a : isLower(b!) ? b : null;
  const upper = isUpper(a!) ? a : isUpper(b!) ? b : null;
  if (!lower || !upper || lower.field.value !== upper.field.value) return null;
  return range(lower, upper);
}

function range(lower: A.Comparison, upper: A.Comparison): A.Range {
  return {
    kind: 'Range',
    span: lower.span,
    field: lower.field,
    lower: lower.value,
    upper: upper.value,
    lowerInclusive: lower.operator === '>=',
    upperInclusive: upper.operator === '<=',
  };
}

/** The two comparisons each range made by {@link mergeRanges} was read from. */
const mergedFrom = new WeakMap<A.Range, readonly [A.Comparison, A.Comparison]>();

/**
 * Splits back, in the ANDs of `ast` (the reader's own tree, changed in place), every range {@link mergeRanges} made
 * whose lower bound starts at one of `starts` (the checker found it empty, KQ2016): `f>=4 f<=2` in a body is two
 * criteria a compile can emit (from two terms), not the range `f:4..2` a compile refuses. True when any was split.
 */
export function splitMergedRanges(ast: A.Query, starts: ReadonlySet<number>): boolean {
  let split = false;
  walk(ast, (node) => {
    if (node.kind !== 'And' || node.implicitJoins !== undefined) return;
    const operands: A.Expression[] = [];
    for (const o of node.operands) {
      const pair = o.kind === 'Range' && o.lower !== null && starts.has(o.lower.span.start) ? mergedFrom.get(o) : undefined;
      if (pair === undefined) operands.push(o);
      else {
        operands.push(pair[0], pair[1]);
        split = true;
      }
    }
    if (operands.length !== node.operands.length) (node as unknown as { operands: A.Expression[] }).operands = operands;
  });
  return split;
}

/** Adjacent `f>=a`, `f<=b` in an AND read as the range `f:a..b` (the compiler emits a range as that pair). */
function mergeRanges(terms: readonly A.Expression[]): A.Expression[] {
  const out: A.Expression[] = [];
  for (let i = 0; i < terms.length; i++) {
    const t = terms[i]!;
    const next = terms[i + 1];
    if (next && isLower(t) && isUpper(next) && t.field.value === next.field.value) {
      const merged = range(t, next);
      mergedFrom.set(merged, [t, next]);
      out.push(merged);
      i++;
      continue;
    }
    out.push(t);
  }
  return out;
}
