/**
 * The one reader of Kustomer search criteria bodies: any JSON value → the read form of types.ts, every spelling the
 * API documents made one shape, every part with its JSON pointer, every problem as data. `decompile`, `evaluate`
 * (`prepareCriteria`) and `criteriaInWords` all read bodies through it.
 *
 * Object keys are read with `Object.keys` and own-property access only, so a key such as `__proto__` (which
 * `JSON.parse` makes an own property) is read as a name like any other; nothing is written to the input.
 */
import { isJsonScalar, isPlainObject } from './json.js';
import { child } from './pointer.js';
import {
  ignoredBodyKeys,
  type CriteriaRead,
  type GroupKind,
  type ReadBody,
  type ReadCondition,
  type ReadEntry,
  type ReadGroup,
  type ReadInvalidSortKey,
  type ReadItem,
  type ReadOptions,
  type ReadProblem,
  type ReadScalar,
  type ReadSort,
  type ReadSortKey,
} from './types.js';

/** How deep items may nest when {@link ReadOptions.maxDepth} is not given. */
export const defaultMaxDepth = 1000;

const ignored: ReadonlySet<string> = new Set(ignoredBodyKeys);

/**
 * Reads `json` (a parsed JSON value, or any JavaScript value) as a search body; see types.ts for the read form and
 * the problems. With `opts.fragment`, a bare array is read as the `and` of a body (see `ReadOptions`). Never throws: a body that throws when read (a getter, a Proxy trap) gives `body: null` and an
 * `unreadable` problem. Items nested deeper than `opts.maxDepth` (default {@link defaultMaxDepth}) are `tooDeep`
 * and not read, which also bounds the reading of a cyclic object. Linear in the size of the body.
 */
export function readCriteria(json: unknown, opts: ReadOptions = {}): CriteriaRead {
  const reader = new Reader(opts?.maxDepth ?? defaultMaxDepth);
  try {
    if (opts?.fragment === true && Array.isArray(json)) return { body: reader.fragment(json), problems: reader.problems };
    return { body: reader.body(json), problems: reader.problems };
  } catch (thrown) {
    return { body: null, problems: [...reader.problems, { reason: 'unreadable', pointer: '', thrown }] };
  }
}

class Reader {
  readonly problems: ReadProblem[] = [];

  constructor(private readonly maxDepth: number) {}

  private problem<P extends ReadProblem>(p: P): P {
    this.problems.push(p);
    return p;
  }

  /** A bare array of criteria (see `ReadOptions.fragment`): a body whose `and` group is the array, at pointer `""`. */
  fragment(json: unknown[]): ReadBody {
    const group = this.group('and', json, '', 1);
    return { json, entries: [{ kind: 'group', key: 'and', pointer: '', group }], and: group };
  }

  body(json: unknown): ReadBody | null {
    if (!isPlainObject(json)) {
      this.problem({ reason: 'notAnObject', pointer: '', found: json });
      return null;
    }
    const entries: ReadEntry[] = [];
    const body: { -readonly [K in keyof ReadBody]: ReadBody[K] } = { json, entries };
    for (const key of Object.keys(json)) {
      const value = json[key];
      const pointer = child('', key);
      switch (key) {
        case 'queryContext':
        case 'timeZone':
          if (typeof value === 'string') {
            entries.push({ kind: 'string', key, pointer, value });
            body[key] = value;
          } else {
            entries.push({ kind: 'invalid', key, pointer, json: value, problem: this.problem({ reason: 'notAString', pointer, key, found: value }) });
          }
          break;
        case 'and':
        case 'or':
        case 'not': {
          const group = this.group(key, value, pointer, 1);
          entries.push({ kind: 'group', key, pointer, group });
          body[key] = group;
          break;
        }
        case 'sort': {
          const sort = this.sort(value, pointer);
          entries.push({ kind: 'sort', key, pointer, sort });
          body.sort = sort;
          break;
        }
        default: {
          const problem = this.problem(ignored.has(key) ? { reason: 'ignoredKey', pointer, key } : { reason: 'unknownKey', pointer, key });
          entries.push({ kind: 'invalid', key, pointer, json: value, problem });
        }
      }
    }
    return body;
  }

  /** A group's value: an array of items, one item object, or neither (`notItems`). Its items are at `depth`. */
  private group(kind: GroupKind, value: unknown, pointer: string, depth: number): ReadGroup {
    if (Array.isArray(value)) {
      const items: ReadItem[] = [];
      // Indexes, not iteration: a hole is an item too (an `undefined` one).
      for (let i = 0; i < value.length; i++) items.push(this.item(value[i], child(pointer, i), depth));
      return { kind, pointer, json: value, spelling: 'array', items };
    }
    if (isPlainObject(value)) return { kind, pointer, json: value, spelling: 'object', items: [this.item(value, pointer, depth)] };
    return { kind, pointer, json: value, spelling: 'invalid', items: [], problem: this.problem({ reason: 'notItems', pointer, found: value }) };
  }

  /** One item at `depth`: a criterion, a nested group, or an invalid item. */
  private item(json: unknown, pointer: string, depth: number): ReadItem {
    if (depth > this.maxDepth) return { kind: 'invalid', pointer, json, problem: this.problem({ reason: 'tooDeep', pointer, maxDepth: this.maxDepth }) };
    if (!isPlainObject(json)) return { kind: 'invalid', pointer, json, problem: this.problem({ reason: 'notACriterion', pointer, found: json }) };
    const keys = Object.keys(json);
    if (keys.length !== 1) return { kind: 'invalid', pointer, json, problem: this.problem({ reason: 'attributeCount', pointer, attributes: keys }) };
    const key = keys[0]!;
    const value = json[key];
    const at = child(pointer, key);
    if (key === 'and' || key === 'or' || key === 'not') return { kind: 'group', pointer, json, group: this.group(key, value, at, depth + 1) };
    if (!isPlainObject(value) || Object.keys(value).length === 0) {
      return { kind: 'criterion', pointer, json, attribute: key, attributePointer: at, conditions: [], problem: this.problem({ reason: 'notOperators', pointer: at, found: value }) };
    }
    const conditions = Object.keys(value).map((op) => this.condition(op, value[op], child(at, op)));
    return { kind: 'criterion', pointer, json, attribute: key, attributePointer: at, conditions };
  }

  /** One operator and its operand, at `pointer`. */
  private condition(operator: string, operand: unknown, pointer: string): ReadCondition {
    switch (operator) {
      case 'equals':
      case 'contains':
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte':
        if (isJsonScalar(operand)) return { kind: 'scalar', operator, pointer, operand, value: { value: operand, pointer } };
        break;
      case 'in':
        if (Array.isArray(operand) && operand.length > 0) {
          const values: ReadScalar[] = [];
          for (let i = 0; i < operand.length; i++) {
            const v: unknown = operand[i];
            if (!isJsonScalar(v)) break;
            values.push({ value: v, pointer: child(pointer, i) });
          }
          if (values.length === operand.length) return { kind: 'in', operator, pointer, operand, values };
        }
        break;
      case 'not_set':
        if (operand === '' || operand === true) return { kind: 'notSet', operator, pointer, operand };
        break;
      default:
        return { kind: 'invalid', operator, pointer, operand, problem: this.problem({ reason: 'unknownOperator', pointer, operator }) };
    }
    return { kind: 'invalid', operator, pointer, operand, problem: this.problem({ reason: 'invalidOperand', pointer, operator, found: operand }) };
  }

  /** `sort`: an array of entries, one entry object, or anything else read as one (bad) entry. */
  private sort(value: unknown, pointer: string): ReadSort {
    const spelling = Array.isArray(value) ? 'array' : isPlainObject(value) ? 'object' : 'invalid';
    const entries: [unknown, string][] = Array.isArray(value) ? Array.from({ length: value.length }, (_, i) => [value[i], child(pointer, i)]) : [[value, pointer]];
    const keys: (ReadSortKey | ReadInvalidSortKey)[] = [];
    for (const [entry, at] of entries) {
      if (!isPlainObject(entry)) {
        keys.push({ kind: 'invalid', pointer: at, problem: this.problem({ reason: 'notASortKey', pointer: at, found: entry }) });
        continue;
      }
      for (const attribute of Object.keys(entry)) {
        const keyAt = child(at, attribute);
        let direction = entry[attribute];
        let keySpelling: ReadSortKey['spelling'] = 'plain';
        if (isPlainObject(direction)) {
          const inner = Object.keys(direction);
          if (inner.length === 1 && inner[0] === 'order') {
            direction = direction.order;
            keySpelling = 'order';
          }
        }
        if (direction === 'asc' || direction === 'desc') keys.push({ kind: 'sortKey', pointer: keyAt, attribute, direction, spelling: keySpelling });
        else keys.push({ kind: 'invalid', pointer: keyAt, attribute, problem: this.problem({ reason: 'sortDirection', pointer: keyAt, attribute, found: direction }) });
      }
    }
    return { pointer, json: value, spelling, keys };
  }
}
