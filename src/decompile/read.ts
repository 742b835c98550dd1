/**
 * Reading a Kustomer criteria body into a query AST: the first half of `decompile`.
 *
 * Every shape in kustomer-search-api.md is accepted: `and`/`or`/`not` as arrays or a single object (§1.1, the
 * OpenAPI types), empty arrays (§1.3), nested `and`/`or`/`not` groups, `not_set` with `""` or `true` (§2.1), `in`
 * arrays, one criterion object with two operators (`{"gte": …, "lte": …}`, §1.2), custom and KObject attributes
 * (§5.2), the sort array, a single sort object and the legacy `{"f": {"order": "desc"}}` (§6.1), `queryContext` and
 * `timeZone`. Anything else is a diagnostic with a JSON pointer; nothing is dropped silently.
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
 * | `not_set` | `-f:*` |
 * | `not: [x, y]` | `-x AND -y`; `or` groups `x OR y`; nested groups in parentheses where needed |
 */
import { equalsKinds } from '../check/operators.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { MessageName } from '../diagnostics/catalogue.js';
import { resolveField, type FieldCatalog } from '../schema/fields.js';
import { closest } from '../schema/suggest.js';
import type * as A from '../syntax/ast.js';
import { fullTextField } from '../lowering/lower.js';
import { isPrintableName } from '../syntax/printer.js';
import { child } from './pointer.js';

/** A JSON scalar a criterion compares with. */
export type JsonScalar = string | number | boolean;

/** What {@link readCriteria} gives back. */
export interface ReadResult {
  /** The query, `null` when the body could not be read at all. */
  readonly ast: A.Query | null;
  /** `pointers[span.start]` is the JSON pointer of the node with that span. */
  readonly pointers: readonly string[];
  /** Each value node and the JSON value it was read from, for the exactness check. */
  readonly origins: ReadonlyMap<A.Value, { readonly json: JsonScalar; readonly field: string }>;
  readonly diagnostics: Diagnostic[];
}

/** Top-level keys the API takes that the query language does not write (kustomer-search-api.md §1.1). */
const ignoredKeys: ReadonlySet<string> = new Set(['fields', 'includeDeleted', 'searchHash', 'aggs']);
const bodyKeys = ['queryContext', 'and', 'or', 'not', 'sort', 'timeZone', ...ignoredKeys];
const operators = ['equals', 'contains', 'in', 'gt', 'gte', 'lt', 'lte', 'not_set'];
const orderedText: Record<string, A.ComparisonOperator> = { gt: '>', gte: '>=', lt: '<', lte: '<=' };

/** True for a plain JSON object (not an array, not null, not a class instance such as a Date). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** How a JSON value is described in messages: `an array`, `the string "x"`, `the number 5`, … */
export function describeJson(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  switch (typeof v) {
    case 'string':
      return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
    case 'number':
      return Number.isFinite(v) ? `the number ${v}` : `the non-JSON number ${String(v)}`;
    case 'boolean':
      return `${v}`;
    case 'object':
      return isPlainObject(v) ? 'an object' : 'a non-JSON object';
    default:
      return `a non-JSON ${typeof v}`;
  }
}

function isScalar(v: unknown): v is JsonScalar {
  return typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}

/**
 * Reads `criteria` (a parsed JSON value, or any JS value) into an AST. Never throws; nesting deeper than `maxDepth`
 * is KQ4011; reading stops once more than `maxDiagnostics` diagnostics were reported.
 */
export function readCriteria(criteria: unknown, catalog: FieldCatalog, maxDepth: number, maxDiagnostics: number): ReadResult {
  return new Reader(catalog, maxDepth, maxDiagnostics).body(criteria);
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
    private readonly maxDepth: number,
    private readonly maxDiagnostics: number,
  ) {}

  private span(pointer: string): A.Span {
    this.pointers.push(pointer);
    const i = this.pointers.length - 1;
    return { start: i, end: i };
  }

  private report(name: MessageName, pointer: string, args: (string | number)[], help?: string, suggestions?: string[]) {
    this.diagnostics.push(
      diagnostic(name, { start: 0, end: 0 }, args, {
        pointer,
        ...(help !== undefined ? { help } : {}),
        ...(suggestions ? { suggestions } : {}),
      }),
    );
  }

  body(criteria: unknown): ReadResult {
    const done = (ast: A.Query | null): ReadResult => ({
      ast,
      pointers: this.pointers,
      origins: this.origins,
      diagnostics: this.diagnostics,
    });
    if (!isPlainObject(criteria)) {
      this.report('ExpectedShape', '', ['a criteria body (a JSON object)', describeJson(criteria)]);
      return done(null);
    }
    const terms: A.Expression[] = [];
    const directives: A.Directive[] = [];
    let orGroup: A.Expression | null = null;
    const nots: A.Expression[] = [];
    for (const key of Object.keys(criteria)) {
      const value = criteria[key];
      const at = child('', key);
      switch (key) {
        case 'queryContext':
        case 'timeZone': {
          if (typeof value !== 'string') {
            this.report('ExpectedShape', at, ['a string', describeJson(value)]);
            break;
          }
          const span = this.span(at);
          const v: A.Value = { kind: 'Value', span, value };
          directives.push(key === 'queryContext' ? { kind: 'Context', span, value: v } : { kind: 'TimeZone', span, value: v });
          break;
        }
        case 'and':
          for (const e of this.items(value, at, 1, 'and')) terms.push(...flatten(e, 'And'));
          break;
        case 'or': {
          const g = this.group('or', value, at, 1);
          orGroup = g === TRUE ? null : g;
          break;
        }
        case 'not':
          nots.push(...this.items(value, at, 1, 'not').map(negate));
          break;
        case 'sort':
          directives.push(...this.sort(value, at));
          break;
        default:
          if (ignoredKeys.has(key)) {
            this.report('IgnoredBodyKey', at, [key], 'Only the criteria, sort, queryContext and timeZone have a text form.');
          } else {
            this.report(
              'UnknownBodyKey',
              at,
              [key],
              'A search body takes queryContext, and, or, not, sort and timeZone.',
              closest(key, bodyKeys),
            );
          }
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
    const operands = [...mergeRanges(terms), ...directives];
    const body: A.Expression | null =
      operands.length === 0 ? null : operands.length === 1 ? operands[0]! : { kind: 'And', span: this.span(''), operands };
    return done({ kind: 'Query', span: { start: 0, end: 0 }, body });
  }

  /** The elements of `value` (an array, holes included, or one object) with their pointers. */
  private elements(value: unknown, at: string): [unknown, string][] {
    if (!Array.isArray(value)) return [[value, at]];
    const out: [unknown, string][] = [];
    for (let i = 0; i < value.length && !this.full(); i++) out.push([value[i], child(at, i)]);
    return out;
  }

  /** True once more diagnostics than the cap have been reported: reading stops (the rest would not be shown). */
  private full(): boolean {
    return this.diagnostics.length > this.maxDiagnostics;
  }

  /**
   * `and`/`or`/`not` contents: an array of criteria or one criterion object, read as members of a group of kind
   * `within`. An empty nested group means "true": left out of an AND, an error in an OR (the OR would match
   * everything) or under NOT (it would match nothing).
   */
  private items(value: unknown, at: string, depth: number, within: 'and' | 'or' | 'not'): A.Expression[] {
    if (!Array.isArray(value) && !isPlainObject(value)) {
      this.report('ExpectedShape', at, ['an array of criteria or one criterion object', describeJson(value)]);
      return [];
    }
    const out: A.Expression[] = [];
    for (const [item, pointer] of this.elements(value, at)) {
      const e = this.item(item, pointer, depth);
      if (e === TRUE) {
        if (within === 'or') this.report('EmptyGroup', pointer, ['inside an OR makes the whole OR match everything'], 'Remove the OR, or the empty group if that is what is meant.');
        if (within === 'not') this.report('EmptyGroup', pointer, ['under NOT matches nothing'], 'Remove the empty group, or the whole search if it is meant to match nothing.');
      } else if (e) out.push(e);
    }
    return out;
  }

  /** A group's meaning: one operand, an And/Or of several, or TRUE when it has no operands. */
  private group(kind: 'and' | 'or' | 'not', value: unknown, at: string, depth: number): A.Expression | typeof TRUE {
    const items = this.items(value, at, depth, kind);
    let operands: A.Expression[];
    if (kind === 'not') operands = items.map(negate);
    else if (kind === 'and') operands = mergeRanges(items.flatMap((e) => flatten(e, 'And')));
    else operands = items.flatMap((e) => flatten(e, 'Or'));
    if (operands.length === 0) return TRUE;
    if (operands.length === 1) return operands[0]!;
    return { kind: kind === 'or' ? 'Or' : 'And', span: this.span(at), operands };
  }

  /** One item of `and`/`or`/`not`: a criterion, a nested group (TRUE when empty), or null after an error. */
  private item(item: unknown, at: string, depth: number): A.Expression | typeof TRUE | null {
    if (depth > this.maxDepth) {
      if (!this.tooDeep) this.report('CriteriaTooDeep', at, [this.maxDepth], 'Flatten the criteria.');
      this.tooDeep = true;
      return null;
    }
    if (!isPlainObject(item)) {
      this.report('ExpectedShape', at, ['a criterion (a JSON object such as {"customer_name": {"equals": "Jane"}})', describeJson(item)]);
      return null;
    }
    const keys = Object.keys(item);
    if (keys.length !== 1) {
      this.report(
        'CriterionAttributes',
        at,
        [keys.length === 0 ? 'none' : keys.map((k) => `'${k}'`).join(', ')],
        keys.length === 0 ? undefined : 'Put each attribute in its own criterion in the and array.',
      );
      return null;
    }
    const key = keys[0]!;
    const value = item[key];
    const pointer = child(at, key);
    if (key === 'and' || key === 'or' || key === 'not') return this.group(key, value, pointer, depth + 1);
    return this.criterion(key, value, pointer);
  }

  /** `{"<attribute>": {"<operator>": value, …}}`: one term per operator, a range for a lower and an upper bound. */
  private criterion(field: string, ops: unknown, at: string): A.Expression | null {
    if (!isPrintableName(field)) {
      const reason = field === '' ? 'it is empty' : /^(has|no|sort|context|in|tz)$/.test(field) ? 'it is a directive name' : 'a field name starts with a letter or _ and holds letters, digits, _ - . $';
      this.report('UnwritableName', at, [field, reason]);
      return null;
    }
    if (!isPlainObject(ops) || Object.keys(ops).length === 0) {
      this.report('ExpectedShape', at, ['an operator object such as {"equals": …}', isPlainObject(ops) ? 'an empty object' : describeJson(ops)]);
      return null;
    }
    const resolved = resolveField(this.catalog, field);
    const kind = resolved.ok ? resolved.field.kind : null;
    const terms: A.Expression[] = [];
    for (const op of Object.keys(ops)) {
      const t = this.atom(field, at, kind, op, ops[op], child(at, op));
      if (t) terms.push(t);
    }
    if (terms.length !== Object.keys(ops).length) return null;
    const merged = mergeBounds(terms);
    if (merged) return merged;
    return terms.length === 1 ? terms[0]! : { kind: 'And', span: this.span(at), operands: terms };
  }

  private value(json: JsonScalar, field: string, at: string): A.Value {
    const v: A.Value = { kind: 'Value', span: this.span(at), value: String(json) };
    this.origins.set(v, { json, field });
    return v;
  }

  private atom(field: string, fieldAt: string, kind: string | null, op: string, operand: unknown, at: string): A.Expression | null {
    const name = (): A.Name => ({ kind: 'Name', span: this.span(fieldAt), value: field });
    const equalsNatural = kind !== null && equalsKinds.has(kind as never);
    switch (op) {
      case 'equals':
      case 'contains':
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte': {
        if (!isScalar(operand)) {
          this.report('InvalidOperand', at, [op, `expected a string, number or boolean, found ${describeJson(operand)}`]);
          return null;
        }
        if (op === 'contains' && field === fullTextField && typeof operand === 'string') {
          return { kind: 'Text', span: this.span(at), value: operand };
        }
        let operator: A.ComparisonOperator;
        if (op === 'equals') operator = equalsNatural ? ':' : '=';
        else if (op === 'contains') operator = kind === 'text' || kind === 'any' ? ':' : '~';
        else operator = orderedText[op]!;
        return { kind: 'Comparison', span: this.span(at), field: name(), operator, value: this.value(operand, field, at) };
      }
      case 'in': {
        const elements = Array.isArray(operand) ? this.elements(operand, at) : [];
        if (!Array.isArray(operand) || operand.length === 0 || !elements.every(([v]) => isScalar(v))) {
          const found = Array.isArray(operand) ? (operand.length === 0 ? 'an empty array (which matches nothing)' : 'an array holding a value that is not a string, number or boolean') : describeJson(operand);
          this.report('InvalidOperand', at, [op, `expected a non-empty array of strings, numbers or booleans, found ${found}`]);
          return null;
        }
        const values = elements.map(([v, p]) => this.value(v as JsonScalar, field, p));
        return { kind: 'List', span: this.span(at), field: name(), operator: equalsNatural ? ':' : '=', values };
      }
      case 'not_set': {
        if (operand !== '' && operand !== true) {
          this.report('InvalidOperand', at, [op, `expected "" or true, found ${describeJson(operand)}`], 'Kustomer documents {"not_set": ""}; true also occurs. To require the field to be set, negate it: {"not": [{"f": {"not_set": ""}}]}.');
          return null;
        }
        const span = this.span(at);
        return { kind: 'Not', span, operand: { kind: 'Exists', span, field: name() } };
      }
      default:
        this.report('UnknownOperator', at, [op], `Operators are ${operators.join(', ')}.`, closest(op, operators));
        return null;
    }
  }

  /** `sort`: an array of `{"f": "asc"|"desc"}`, one such object, or the legacy `{"f": {"order": "desc"}}`. */
  private sort(value: unknown, at: string): A.Sort[] {
    const out: A.Sort[] = [];
    for (const [entry, pointer] of this.elements(value, at)) {
      if (!isPlainObject(entry)) {
        this.report('InvalidSortKey', pointer, [`expected an object such as {"customer_name": "asc"}, found ${describeJson(entry)}`]);
        continue;
      }
      for (const field of Object.keys(entry)) {
        const keyAt = child(pointer, field);
        let dir = entry[field];
        if (isPlainObject(dir) && Object.keys(dir).length === 1 && 'order' in dir) dir = dir.order;
        if (dir !== 'asc' && dir !== 'desc') {
          this.report('InvalidSortKey', keyAt, [`the direction must be "asc" or "desc", found ${describeJson(dir)}`]);
          continue;
        }
        const span = this.span(keyAt);
        out.push({ kind: 'Sort', span, field: { kind: 'Name', span, value: field }, direction: dir });
      }
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

/** Adjacent `f>=a`, `f<=b` in an AND read as the range `f:a..b` (the compiler emits a range as that pair). */
function mergeRanges(terms: readonly A.Expression[]): A.Expression[] {
  const out: A.Expression[] = [];
  for (let i = 0; i < terms.length; i++) {
    const t = terms[i]!;
    const next = terms[i + 1];
    if (next && isLower(t) && isUpper(next) && t.field.value === next.field.value) {
      out.push(range(t, next));
      i++;
      continue;
    }
    out.push(t);
  }
  return out;
}
