/**
 * Plain JSON values as the criteria reader sees them: which values are JSON objects and scalars, and how a value is
 * named in a message ("found the number 5"). Shared by every reader of untrusted JSON in the package (the criteria
 * reader and its consumers, and the bulk translator's input records).
 */

/** A JSON scalar a criterion compares with: a string, a finite number or a boolean. */
export type JsonScalar = string | number | boolean;

/** True for a plain JSON object: not an array, not null, not a class instance such as a Date or a Map. */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** True for a string, a boolean or a finite number (`NaN` and `Infinity` are not JSON). */
export function isJsonScalar(v: unknown): v is JsonScalar {
  return typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}

/**
 * How a value is named in messages: `null`, `an array`, `the string "x"` (cut to 40 UTF-16 units), `the number 5`,
 * `true`, `an object`; values JSON cannot hold are `the non-JSON number NaN`, `a non-JSON object` (a class
 * instance), `a non-JSON undefined`, `a non-JSON function`, ….
 */
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

/**
 * The type of a value alone, as messages about whole input records name it: `null`, `an array`, `a string`,
 * `a number`, `a boolean`, `an object`, and `nothing` for anything JSON cannot hold. {@link describeJson} names the
 * value too; this is for messages that only say what kind of value was found where another was expected (the bulk
 * translator's KQ5002/KQ5004, whose wording its tests pin).
 */
export function describeJsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  switch (typeof v) {
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    case 'object':
      return 'an object';
    default:
      return 'nothing';
  }
}

/**
 * A short JSON rendering of any value for messages and readings: at most `maxChars` characters (UTF-16; cut with `…`),
 * nested values below `maxDepth` levels and repeated references (cycles) shown as `…`, non-JSON values as `null` (like
 * `JSON.stringify` in arrays). Never throws, whatever the value (getters that throw, proxies, cycles, deep nesting).
 */
export function jsonPreview(value: unknown, maxChars = 200, maxDepth = 8): string {
  let out = '';
  const ancestors = new Set<object>();
  const write = (s: string): boolean => {
    out += s;
    return out.length <= maxChars;
  };
  const visit = (v: unknown, depth: number): boolean => {
    try {
      if (v === null || typeof v === 'boolean' || typeof v === 'number') return write(typeof v === 'number' && !Number.isFinite(v) ? 'null' : String(v));
      if (typeof v === 'string') return write(JSON.stringify(v.length > maxChars ? v.slice(0, maxChars) : v));
      if (typeof v !== 'object') return write('null');
      if (depth >= maxDepth || ancestors.has(v)) return write('…');
      ancestors.add(v);
      try {
        if (Array.isArray(v)) {
          if (!write('[')) return false;
          for (let i = 0; i < v.length; i++) if ((i > 0 && !write(',')) || !visit(v[i], depth + 1)) return false;
          return write(']');
        }
        if (!write('{')) return false;
        let first = true;
        for (const key of Object.keys(v)) {
          if ((!first && !write(',')) || !write(`${JSON.stringify(key)}:`)) return false;
          let child: unknown;
          try {
            child = (v as Record<string, unknown>)[key];
          } catch {
            if (!write('…')) return false;
            first = false;
            continue;
          }
          if (!visit(child, depth + 1)) return false;
          first = false;
        }
        return write('}');
      } finally {
        ancestors.delete(v);
      }
    } catch {
      return write('…');
    }
  };
  visit(value, 0);
  return out.length <= maxChars ? out : `${out.slice(0, maxChars - 1)}…`;
}
