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
