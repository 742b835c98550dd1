/**
 * The diagnostic catalogue: every code the compiler can report, with its severity and message template.
 *
 * Codes are stable and ranged by phase, as in TypeScript's `diagnosticMessages.json`:
 * - `KQ1xxx` lexical and syntax errors, and input limits (reported by `parse`);
 * - `KQ2xxx` names, types and values checked against the schema (reported by `check`);
 * - `KQ3xxx` lowering: what the Kustomer criteria format cannot express (reported by `compile`);
 * - `KQ4xxx` the way back: criteria the query language cannot express (reported by `decompile`, each with a JSON
 *   pointer into the criteria), and ASTs that cannot be printed (reported by `format`);
 * - `KQ5xxx` bulk input records that cannot be read: bad JSON, no `query`, invalid UTF-8, malformed CSV (reported by
 *   `translate`, with an empty span: the place is the record's line);
 * - `KQ9xxx` a bug in the compiler, reported instead of thrown (please file it with the query).
 *
 * Templates use `{0}`, `{1}`, … placeholders, filled by {@link format}. A code is never reused for another meaning.
 */

/** How serious a diagnostic is. Only `error` prevents criteria from being emitted. */
export type Severity = 'error' | 'warning' | 'info';

/** One catalogue entry. */
export interface MessageTemplate {
  readonly code: string;
  readonly severity: Severity;
  /** The message, with `{n}` placeholders. */
  readonly message: string;
}

function entry(code: string, severity: Severity, message: string): MessageTemplate {
  return { code, severity, message };
}

/** Every diagnostic the compiler reports, by name. */
export const Messages = {
  // --- 1xxx: lexical and syntax -------------------------------------------------------------------------------------
  UnexpectedCharacter: entry('KQ1001', 'error', "Unexpected character '{0}'."),
  UnterminatedString: entry('KQ1002', 'error', 'Unterminated quoted string.'),
  InvalidEscape: entry('KQ1003', 'error', "Unknown escape sequence '{0}' in a quoted string."),
  DanglingBackslash: entry('KQ1004', 'error', 'A backslash at the end of the query escapes nothing.'),
  MissingValue: entry('KQ1005', 'error', "Expected a value after '{0}'."),
  UnexpectedToken: entry('KQ1006', 'error', 'Unexpected {0}.'),
  UnclosedParenthesis: entry('KQ1007', 'error', "This '(' is never closed."),
  UnmatchedParenthesis: entry('KQ1008', 'error', "This ')' has no matching '('."),
  MissingOperand: entry('KQ1009', 'error', "Expected a term after '{0}'."),
  MissingSpace: entry('KQ1010', 'error', 'Expected a space after {0}.'),
  Wildcard: entry('KQ1011', 'error', "Wildcards are not supported: '*' can only stand alone (field:*) or as an open range bound."),
  LowercaseKeyword: entry('KQ1012', 'warning', "'{0}' is searched for as a word; to combine terms, write '{1}' in upper case."),
  InvalidRange: entry('KQ1013', 'error', 'Malformed range: {0}'),
  TooDeep: entry('KQ1014', 'error', 'The query nests deeper than {0} levels.'),
  TooLong: entry('KQ1015', 'error', 'The query is {0} characters long; the limit is {1}.'),
  InvalidList: entry('KQ1016', 'error', 'Malformed value list: {0}'),
  InvalidDirective: entry('KQ1017', 'error', "'{0}:' {1}"),
  TooManyDiagnostics: entry('KQ1018', 'info', 'Stopped after {0} diagnostic(s); there are more.'),
  DanglingOperator: entry('KQ1019', 'error', "Expected a term before '{0}'."),
  NotText: entry('KQ1020', 'error', 'Expected the query as text (a string), got {0}.'),

  // --- 2xxx: names, types, values -------------------------------------------------------------------------------------
  UnknownField: entry('KQ2001', 'error', "Unknown field '{0}'."),
  CustomAttributeSuffix: entry('KQ2002', 'error', "Custom attribute '{0}' {1}."),
  UnknownCustomAttribute: entry('KQ2003', 'error', "Unknown custom attribute '{0}': it is not among the org's custom attributes."),
  OperatorNotAllowed: entry('KQ2004', 'error', "Operator '{0}' cannot be used on {1} field '{2}'."),
  InvalidValue: entry('KQ2005', 'error', "Invalid value '{0}' for field '{1}': {2}."),
  InvalidNumber: entry('KQ2006', 'error', "Field '{1}' takes a number; '{0}' is not one."),
  InvalidBoolean: entry('KQ2007', 'error', "Field '{1}' takes true or false; '{0}' is neither."),
  InvalidDate: entry('KQ2008', 'error', "Invalid date '{0}': {1}."),
  InvalidTimeZone: entry('KQ2009', 'error', "Unknown time zone '{0}': expected an IANA name such as America/New_York."),
  UnknownContext: entry('KQ2010', 'error', "Unknown context '{0}'."),
  NotSortable: entry('KQ2011', 'error', "Cannot sort on '{0}'."),
  MisplacedDirective: entry('KQ2012', 'error', "'{0}:' applies to the whole query, so it cannot appear {1}."),
  ConflictingDirective: entry('KQ2013', 'error', "Conflicting '{0}:' values: '{1}' and '{2}'."),
  DuplicateSort: entry('KQ2014', 'warning', "'{0}' is already a sort key; this one has no effect."),
  ContextChosen: entry('KQ2015', 'info', 'No context given: searching {0} ({1}).'),
  EmptyRange: entry('KQ2016', 'error', 'This range matches nothing: {0}'),
  TimeZoneCase: entry('KQ2018', 'warning', "Time zone '{0}' is spelled '{1}'."),
  InvalidCustomAttributeDefinition: entry('KQ2019', 'error', "Invalid custom attribute definition '{0}': {1}."),
  SortByEvidence: entry('KQ2020', 'warning', "Kustomer's search doc does not list '{0}' as sortable; {1}."),
  EmptyQuery: entry('KQ2030', 'warning', 'The query is empty: it matches every record of the context ({0}).'),

  // --- 3xxx: lowering ---------------------------------------------------------------------------------------------------
  TwoOrGroups: entry('KQ3001', 'error', 'Kustomer criteria hold one OR group; this is a second, independent one.'),
  NotOverAnd: entry('KQ3002', 'error', 'Kustomer criteria cannot negate a group of several conditions.'),
  NegationInOr: entry('KQ3003', 'error', 'Kustomer criteria cannot hold a negated condition inside an OR group.'),
  GroupInOr: entry('KQ3004', 'error', 'Kustomer criteria cannot hold a group of several conditions inside an OR group.'),
  TooManyItems: entry('KQ3005', 'error', "This query puts {0} items in '{1}'; Kustomer's search body allows at most {2}."),

  // --- 4xxx: decompiling criteria back to text (reported by `decompile`, with a JSON pointer) --------------------------
  ExpectedShape: entry('KQ4001', 'error', 'Expected {0} here, found {1}.'),
  UnknownBodyKey: entry('KQ4002', 'error', "'{0}' is not a key of a Kustomer search body."),
  IgnoredBodyKey: entry('KQ4003', 'warning', "'{0}' is not part of the query language; the text leaves it out."),
  CriterionAttributes: entry('KQ4004', 'error', 'A criterion holds exactly one attribute; this one holds {0}.'),
  UnwritableName: entry('KQ4005', 'error', "'{0}' cannot be written as a field name: {1}."),
  UnknownOperator: entry('KQ4006', 'error', "Unknown operator '{0}'."),
  InvalidOperand: entry('KQ4007', 'error', "Invalid value for '{0}': {1}."),
  InexactValue: entry('KQ4008', 'error', "The value {0} of '{1}' cannot be written exactly: as text it would be sent as {2}."),
  EmptyGroup: entry('KQ4009', 'error', 'An empty group {0}, which the query language cannot write.'),
  InvalidSortKey: entry('KQ4010', 'error', 'Invalid sort key: {0}.'),
  CriteriaTooDeep: entry('KQ4011', 'error', 'The criteria nest deeper than {0} levels.'),
  UnprintableNode: entry('KQ4012', 'error', 'This syntax tree cannot be printed as query text: {0}.'),
  OverBodyLimit: entry('KQ4013', 'error', "'{0}' holds {1} items; Kustomer's search body allows at most {2}."),
  InstantSpelling: entry('KQ4014', 'warning', 'The instant {0} is written as {1}: the same instant, spelled as the compiler sends it.'),

  // --- 5xxx: bulk input records that cannot be read (reported by `translate`; the place is the record's line) ---------
  InvalidJson: entry('KQ5001', 'error', 'Not valid JSON: {0}.'),
  UnexpectedValue: entry('KQ5002', 'error', 'Expected {0}, found {1}.'),
  MissingQuery: entry('KQ5003', 'error', "The record has no 'query' field{0}."),
  QueryNotString: entry('KQ5004', 'error', "The 'query' field is {0}, not a string."),
  InvalidUtf8: entry('KQ5005', 'error', 'Line {0} is not valid UTF-8.'),
  RecordTooLong: entry('KQ5006', 'error', 'The record is longer than {0} bytes, the limit.'),
  MalformedCsv: entry('KQ5007', 'error', 'Malformed CSV record: {0}.'),
  CsvFieldCount: entry('KQ5008', 'error', 'The row has {0} field(s); the header has {1}.'),
  MalformedJsonArray: entry('KQ5009', 'error', 'Malformed JSON array: {0}.'),
  RecordTooDeep: entry('KQ5010', 'error', 'The record nests deeper than {0} levels, the limit.'),

  // --- 9xxx: the compiler itself ----------------------------------------------------------------------------------------
  InternalError: entry('KQ9001', 'error', 'Internal compiler error: {0}'),
} as const satisfies Record<string, MessageTemplate>;

/** The name of a catalogue entry. */
export type MessageName = keyof typeof Messages;

/** Fills a template's `{n}` placeholders with `args` (missing ones stay as written). */
export function format(template: string, args: readonly (string | number)[]): string {
  return template.replace(/\{(\d)\}/g, (whole, n: string) => {
    const arg = args[Number(n)];
    return arg === undefined ? whole : String(arg);
  });
}

/**
 * Every catalogue entry, ordered by code. Codes are `KQ` and four digits, so code-unit order is numeric order;
 * comparing code units (not `localeCompare`) keeps ICU's collator from starting at import (about 5–10 ms).
 */
export const allMessages: readonly MessageTemplate[] = Object.values(Messages).sort((a, b) =>
  a.code < b.code ? -1 : a.code > b.code ? 1 : 0,
);
