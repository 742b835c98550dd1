/**
 * The errors of bulk input records that cannot be read (as opposed to queries that do not compile, which get the
 * compiler's own KQ1xxx–KQ3xxx diagnostics, or bodies that do not decompile, KQ4xxx). Each one turns its record
 * into an error record; reading goes on with the next record.
 *
 * Codes `KQ5xxx`, stable, in the shape of the diagnostic catalogue (`diagnostics/catalogue.ts`). Their span is
 * empty (`{start: 0, end: 0}`): the place is the record's `line`.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { format, type MessageTemplate } from '../diagnostics/catalogue.js';

function entry(code: string, message: string): MessageTemplate {
  return { code, severity: 'error', message };
}

/** Every input-record error, by name. */
export const InputErrors = {
  InvalidJson: entry('KQ5001', 'Not valid JSON: {0}.'),
  UnexpectedValue: entry('KQ5002', 'Expected {0}, found {1}.'),
  MissingQuery: entry('KQ5003', "The record has no 'query' field{0}."),
  QueryNotString: entry('KQ5004', "The 'query' field is {0}, not a string."),
  InvalidUtf8: entry('KQ5005', 'Line {0} is not valid UTF-8.'),
  RecordTooLong: entry('KQ5006', 'The record is longer than {0} bytes, the limit.'),
  MalformedCsv: entry('KQ5007', 'Malformed CSV record: {0}.'),
  CsvFieldCount: entry('KQ5008', 'The row has {0} field(s); the header has {1}.'),
  MalformedJsonArray: entry('KQ5009', 'Malformed JSON array: {0}.'),
} as const satisfies Record<string, MessageTemplate>;

/** The name of an input-record error. */
export type InputErrorName = keyof typeof InputErrors;

/** Builds the diagnostic of an input-record error from its template and arguments (`{n}` placeholders). */
export function inputError(name: InputErrorName, args: readonly (string | number)[] = [], help?: string): Diagnostic {
  const template = InputErrors[name];
  const d: Diagnostic = { code: template.code, severity: template.severity, message: format(template.message, args), span: { start: 0, end: 0 } };
  return help === undefined ? d : { ...d, help };
}

/** How a JSON value is named in messages: `a string`, `a number`, `null`, `an array`, `an object`, … */
export function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
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
