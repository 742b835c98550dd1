/**
 * The errors of bulk input records that cannot be read (as opposed to queries that do not compile, which get the
 * compiler's own KQ1xxx–KQ3xxx diagnostics, or bodies that do not decompile, KQ4xxx). Each one turns its record
 * into an error record; reading goes on with the next record.
 *
 * Codes `KQ5xxx`, stable, in the diagnostic catalogue (`diagnostics/catalogue.ts`). Their span is empty
 * (`{start: 0, end: 0}`): the place is the record's `line`.
 */
import type { MessageArgs } from '../diagnostics/catalogue.js';
import { diagnosticOf, type Diagnostic } from '../diagnostics/diagnostic.js';

/** The catalogue names of the input-record errors (KQ5001–KQ5010, in `diagnostics/catalogue.ts`). */
export type InputErrorName =
  | 'InvalidJson'
  | 'UnexpectedValue'
  | 'MissingQuery'
  | 'QueryNotString'
  | 'InvalidUtf8'
  | 'RecordTooLong'
  | 'MalformedCsv'
  | 'CsvFieldCount'
  | 'MalformedJsonArray'
  | 'RecordTooDeep';

/** The diagnostic of an input-record error, from its catalogue entry and typed arguments, with an empty span. */
export function inputError<N extends InputErrorName>(name: N, args: MessageArgs<N>): Diagnostic {
  return diagnosticOf(name, { start: 0, end: 0 }, args);
}

/**
 * How an input record's value is named in messages: `a string`, `a number`, `null`, `an array`, `an object`, …
 * (src/criteria/json.ts, where the package names JSON values; the criteria messages use `describeJson` there, which
 * also shows the value).
 */
export { describeJsonType as describeJson } from '../criteria/json.js';
