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
import { jsonTextTooDeep, maxRecordDepth } from './jsonDepth.js';
import { carriedFieldsJson } from './rawFields.js';
import type { CarriedFields, Direction, SourceRecord } from './records.js';
import { isRecord as isObject } from '../evaluate/record.js';


/** The fields of `value` except `omit`, as own properties (`__proto__` included, as an ordinary key). */
export function carriedFields(value: Record<string, unknown>, omit: string): CarriedFields {
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== omit));
}

/**
 * The key of `value` that holds the query: `query`, else the first key that is `query` in any letter case, trimmed
 * (`Query`, `QUERY`) — as a CSV header's column is found (csvSource.ts); undefined when there is none.
 */
export function queryKey(value: Record<string, unknown>): string | undefined {
  if (Object.hasOwn(value, 'query')) return 'query';
  return Object.keys(value).find((k) => k.trim().toLowerCase() === 'query');
}

/**
 * The input record that the JSON text `text` (a JSONL line, a JSON array element), read at 1-based `line`, stands
 * for in `direction`: KQ5010 when it nests deeper than {@link maxRecordDepth} (checked before parsing, see
 * jsonDepth.ts), KQ5001 when it is not valid JSON, else {@link recordFromValue} with the carried fields' source text
 * kept (`fieldsJson`, see rawFields.ts). Never throws.
 */
export function recordFromJsonText(text: string, line: number, direction: Direction): SourceRecord {
  if (jsonTextTooDeep(text)) return { line, error: inputError('RecordTooDeep', { max: maxRecordDepth }) };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { line, error: inputError('InvalidJson', { error: (e as Error).message }) };
  }
  return recordFromValue(value, line, direction, text);
}

/**
 * The input record that `value`, read at 1-based `line`, stands for in `direction` (an error record if none). When
 * `text` (the JSON text `value` was parsed from) is given, the record also keeps its carried fields as written
 * (`fieldsJson`).
 */
export function recordFromValue(value: unknown, line: number, direction: Direction, text?: string): SourceRecord {
  const raw = (omit: string): { fieldsJson?: string } => {
    const json = text === undefined ? undefined : carriedFieldsJson(text, omit);
    return json === undefined ? {} : { fieldsJson: json };
  };
  if (direction === 'text') {
    if (isObject(value) && Object.hasOwn(value, 'data')) {
      return { line, fields: carriedFields(value, 'data'), ...raw('data'), input: { kind: 'criteria', body: value.data } };
    }
    return { line, input: { kind: 'criteria', body: value } };
  }
  if (typeof value === 'string') return { line, input: { kind: 'text', text: value } };
  if (!isObject(value)) return { line, error: inputError('UnexpectedValue', { expected: "a JSON object with a 'query' field", found: describeJson(value) }) };
  const key = queryKey(value);
  const fields = carriedFields(value, key ?? 'query');
  const fieldsJson = raw(key ?? 'query');
  if (key === undefined) return { line, fields, ...fieldsJson, error: inputError('MissingQuery', { csv: false }) };
  const query = value[key];
  if (typeof query !== 'string') return { line, fields, ...fieldsJson, error: inputError('QueryNotString', { found: describeJson(query) }) };
  return { line, fields, ...fieldsJson, input: { kind: 'text', text: query } };
}
