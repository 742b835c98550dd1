/**
 * A parsed JSON value (a JSONL line, an element of a JSON array, an element of an array given to `translate`) as an
 * input record.
 *
 * Text → criteria: an object with a string `query` field (every other field is carried through), or a JSON string,
 * which is a query on its own. Criteria → text: an object holding the body under `data` (the shape of a Kustomer
 * saved search, which stores "a search query in `data`, in the same format as the search API", kustomer-search-api.md
 * §0; every other field is carried through), or else the value itself as the body, which `decompile` checks.
 */
import { describeJson, inputError } from './inputErrors.js';
import type { CarriedFields, Direction, SourceRecord } from './records.js';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The fields of `value` except `omit`, as own properties (`__proto__` included, as an ordinary key). */
export function carriedFields(value: Record<string, unknown>, omit: string): CarriedFields {
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== omit));
}

/** The input record that `value`, read at 1-based `line`, stands for in `direction` (an error record if none). */
export function recordFromValue(value: unknown, line: number, direction: Direction): SourceRecord {
  if (direction === 'text') {
    if (isObject(value) && Object.hasOwn(value, 'data')) {
      return { line, fields: carriedFields(value, 'data'), input: { kind: 'criteria', body: value.data } };
    }
    return { line, input: { kind: 'criteria', body: value } };
  }
  if (typeof value === 'string') return { line, input: { kind: 'text', text: value } };
  if (!isObject(value)) return { line, error: inputError('UnexpectedValue', ["a JSON object with a 'query' field", describeJson(value)]) };
  const fields = carriedFields(value, 'query');
  if (!Object.hasOwn(value, 'query')) return { line, fields, error: inputError('MissingQuery', ['']) };
  const query = value.query;
  if (typeof query !== 'string') return { line, fields, error: inputError('QueryNotString', [describeJson(query)]) };
  return { line, fields, input: { kind: 'text', text: query } };
}
