/**
 * The diagnostic catalogue: every code the compiler can report, with its severity, its message and its help.
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
 * Each entry is a function of TYPED arguments (as ruff's typed violations are: the arguments are the facts, the
 * wording is here), so every call site is type-checked and no template is filled by a regular expression. Where
 * one code has several wordings by situation, the situation is a discriminant of its arguments (`problem`,
 * `situation`, `at`). Layers below the checker return facts as data (src/schema/values.ts: a {@link ValueProblem});
 * the checker turns them into diagnostics through this catalogue. A code is never reused for another meaning.
 *
 * What is still worded elsewhere and passed in as a clause: date problems (src/dates/: the date sublanguage's own
 * messages and helps), custom attribute name problems (src/schema/custom.ts, KQ2002) and definition problems
 * (src/schema/catalog.ts, KQ2019), the unprintable-AST reason (src/syntax/format.ts, KQ4012), the JSON and CSV
 * parsers' own messages (KQ5001, KQ5007) and the JSON array reader's structural problems (KQ5009).
 */
import type { ValueProblem } from '../schema/values.js';
import type { DirectiveName } from '../syntax/terms.js';

/** How serious a diagnostic is. Only `error` prevents criteria from being emitted. */
export type Severity = 'error' | 'warning' | 'info';

/** What an entry says: one message sentence, and how to fix it when there is something to say. */
export interface MessageText {
  readonly message: string;
  readonly help?: string | undefined;
}

/** One catalogue entry: its code, its severity and its text as a function of its arguments `A`. */
export interface MessageTemplate<A = never> {
  readonly code: string;
  readonly severity: Severity;
  /** The message and help for `args`. Pure, and cheap (template literals only). */
  readonly text: (args: A) => MessageText;
}

function entry<A = void>(code: string, severity: Severity, text: (args: A) => MessageText): MessageTemplate<A> {
  return { code, severity, text };
}

/** A message with no help, for entries that have nothing to add (`help` present but undefined: one object shape). */
const only = (message: string): MessageText => ({ message, help: undefined });

/** `raw` in a message: at most 40 characters, longer ones cut with "…". */
function show(raw: string): string {
  return raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
}

/** Typographic quote characters, which do not quote in a query (only the straight `"` does). */
const typographicQuotes = '“”„‟‘’‚‛«»‹›';

/** How to split a search whose `key` array is over the limit of `max` items (KQ3005). */
function splitHelp(key: 'and' | 'or' | 'not', max: number): string {
  switch (key) {
    case 'and':
      return `Split the search: run it with at most ${max} of these conditions and keep the records that also match the rest (or run two searches and keep the records both return); merge equalities on one field into a list (field:a,b,c), which is one criterion`;
    case 'or':
      return `Split the search: run the alternatives as several searches of at most ${max} each and combine their results; alternatives on one field merge into one criterion when written as a list (field:a,b,c)`;
    case 'not':
      return `Split the search: run it with at most ${max} of the exclusions and drop the records that match the others; excluded values of one field merge into one criterion when written as a list (-field:a,b,c)`;
  }
}

/** Up to `max` names, with "…" and the count of the rest. */
function listSome(names: readonly string[], max = 5): string {
  return names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')}, … (${names.length - max} more)`;
}

/**
 * Where a `*` that is not a value of its own was written, which decides the help of its KQ1011:
 * - `term`: a term starting with `*` (`*`, `*foo`): the user likely meant "is set" or a prefix search;
 * - `word`: a `*` right after word characters, in a term (`jo*`) or a value (`customer_name:jo*`): a wildcard;
 * - `operator`: `*` after an operator other than `:` (`field>*`); `field` is the field name as written.
 */
export type WildcardPlace =
  | { readonly at: 'term' }
  | { readonly at: 'word' }
  | { readonly at: 'operator'; readonly field: string };

/** How each directive is written, for helps. */
const directiveExample: Readonly<Record<DirectiveName, string>> = {
  has: 'has:customer_email',
  no: 'no:conversation_assigned_users',
  sort: 'sort:customer_name-desc',
  context: 'context:conversation',
  in: 'in:conversation',
  tz: 'tz:America/New_York',
};

const nestedHelp = 'or compile with nested groups (the nested option, kq --nested), a shape Kustomer does not document.';

/**
 * The clause saying why `raw` is not a valid value (after "Invalid value 'x' for field 'f': "), e.g. "'opne' is not
 * one of snoozed, open, done" or "expected a 24-character hex user id". Also used by `describe`.
 */
export function valueProblemClause(raw: string, p: ValueProblem): string {
  switch (p.reason) {
    case 'enum': {
      const list = p.allowed.length > 12 ? `${p.allowed.slice(0, 12).join(', ')}, …` : p.allowed.join(', ');
      return `'${show(raw)}' is not one of ${list}`;
    }
    case 'unsafeInteger':
      return 'integers above 9007199254740991 cannot be sent exactly as JSON numbers';
    case 'id':
      return `expected a 24-character hex ${p.collection} id${p.unmixed ? ' (the schema also requires both digits and letters a-f)' : ''}`;
    case 'format':
      return 'expected an email address, e.g. jane@example.com';
    case 'phone':
      return 'expected a phone number in E.164 form: up to 15 digits, optionally after a +, e.g. +14155550123';
    case 'number': {
      const what = p.integer ? 'a whole number' : 'a number';
      if (p.min !== undefined && p.max !== undefined) return `expected ${what} from ${p.min} to ${p.max}`;
      if (p.min !== undefined) return `expected ${what} of at least ${p.min}`;
      if (p.max !== undefined) return `expected ${what} of at most ${p.max}`;
      return `expected ${what}`;
    }
    case 'pattern':
      return `expected a value matching ${p.pattern}`;
    case 'schema':
      return p.detail !== undefined ? `the value ${p.detail}` : 'the value is not allowed';
    case 'notNumber':
      return p.tooLarge ? `'${show(raw)}' is too large` : `'${show(raw)}' is not a number`;
    case 'notBoolean':
      return `'${show(raw)}' is neither true nor false`;
    default:
      return unreachable(p);
  }
}

function unreachable(p: never): never {
  throw new Error(`unknown value problem ${JSON.stringify(p)}`);
}

/** What `decompile` expected where it found another JSON value (KQ4001). */
export type ExpectedShape = 'body' | 'string' | 'items' | 'criterion' | 'operatorObject';
const expectedShape: Readonly<Record<ExpectedShape, string>> = {
  body: 'a criteria body (a JSON object)',
  string: 'a string',
  items: 'an array of criteria or one criterion object',
  criterion: 'a criterion (a JSON object such as {"customer_name": {"equals": "Jane"}})',
  operatorObject: 'an operator object such as {"equals": …}',
};

/** Every diagnostic the compiler reports, by name. */
export const Messages = {
  // --- 1xxx: lexical and syntax -------------------------------------------------------------------------------------
  /**
   * `invisible`: the code point of a control, zero-width or bidi character (pasted text brings them), for which the
   * help says to delete it.
   */
  UnexpectedCharacter: entry('KQ1001', 'error', (a: { char: string; invisible?: number }) => ({
    message: `Unexpected character '${a.char}'.`,
    help: a.invisible !== undefined
      ? `An invisible character (U+${a.invisible.toString(16).toUpperCase().padStart(4, '0')}) is in the query, most likely pasted with it: delete it.`
      : typographicQuotes.includes(a.char)
        ? `Typographic quotes (${a.char}) do not quote text: retype them as straight double quotes, "like this". They come with text pasted from a document or a chat.`
        : 'Put text with punctuation in double quotes: "like this!", or escape the character with a backslash.',
  })),
  UnterminatedString: entry('KQ1002', 'error', () => ({
    message: 'Unterminated quoted string.',
    help: 'Add the closing double quote (").',
  })),
  InvalidEscape: entry('KQ1003', 'error', (a: { escape: string; problem: 'unicode' | 'unknown' }) => ({
    message: `Unknown escape sequence '${a.escape}' in a quoted string.`,
    help:
      a.problem === 'unicode'
        ? '\\u takes exactly four hex digits, e.g. \\u00e9.'
        : 'Quoted strings take \\" \\\\ \\n \\r \\t and \\uXXXX; write \\\\ for a backslash.',
  })),
  DanglingBackslash: entry('KQ1004', 'error', () => ({
    message: 'A backslash at the end of the query escapes nothing.',
    help: 'Write \\\\ for a backslash, or remove it.',
  })),
  MissingValue: entry(
    'KQ1005',
    'error',
    (a: { at: 'directive'; directive: DirectiveName } | { at: 'field'; field: string; operator: string }) =>
      a.at === 'directive'
        ? {
            message: `Expected a value after '${a.directive}:'.`,
            help: `Write it as ${directiveExample[a.directive]}, with no space after ':'.`,
          }
        : {
            message: `Expected a value after '${a.field}${a.operator}'.`,
            help: `Put the value right after '${a.operator}' with no space (${a.field}${a.operator}value); write "" for an empty value.`,
          },
  ),
  UnexpectedToken: entry('KQ1006', 'error', (a: { token: string; kind: 'to' | 'punctuation' | 'other' }) => ({
    message: `Unexpected ${a.token}.`,
    help:
      a.kind === 'to'
        ? 'TO belongs inside a range: field:[low TO high].'
        : a.kind === 'punctuation'
          ? 'Commas, .. and * belong in a value after a field: field:a,b, field:1..5, field:*.'
          : 'Quote text that contains punctuation: "like this".',
  })),
  UnclosedParenthesis: entry('KQ1007', 'error', () => ({
    message: "This '(' is never closed.",
    help: "Add a ')' where the group ends.",
  })),
  UnmatchedParenthesis: entry('KQ1008', 'error', () => ({
    message: "This ')' has no matching '('.",
    help: "Remove it, or add a '(' before it.",
  })),
  MissingOperand: entry('KQ1009', 'error', (a: { after: string; situation: 'emptyGroup' | 'operator' | 'dash' }) => ({
    message: `Expected a term after '${a.after}'.`,
    help:
      a.situation === 'emptyGroup'
        ? "Remove an empty group '()', or put a term inside it."
        : a.situation === 'dash'
          ? 'To negate a term, write the dash right before it: -urgent. To search for a dash, quote it: "-".'
          : `Add a term after '${a.after}', or remove it.`,
  })),
  MissingSpace: entry('KQ1010', 'error', (a: { after: string }) => ({
    message: `Expected a space after ${a.after}.`,
    help: 'Separate terms with a space, or put the whole value in double quotes.',
  })),
  Wildcard: entry('KQ1011', 'error', (a: WildcardPlace) => ({
    message: "Wildcards are not supported: '*' can only stand alone (field:*) or as an open range bound.",
    help:
      a.at === 'term'
        ? 'To require a field to be set write field:* or has:field; to search text write the word itself.'
        : a.at === 'word'
          ? 'Kustomer search has no wildcards. Use field~word to match a whole word in a text field, or escape the star as \\*.'
          : `Write ${a.field}:* for "is set" and -${a.field}:* for "is not set".`,
  })),
  LowercaseKeyword: entry('KQ1012', 'warning', (a: { word: string; keyword: string }) => ({
    message: `'${a.word}' is searched for as a word; to combine terms, write '${a.keyword}' in upper case.`,
    help: `Operators are upper case only. To search for the word itself without this warning, quote it: "${a.word}".`,
  })),
  InvalidRange: entry(
    'KQ1013',
    'error',
    (
      a:
        | { problem: 'noUpperBound' }
        | { problem: 'unexpected'; token: string }
        | { problem: 'unclosedBracket' }
        | { problem: 'operator'; field: string; operator: string }
        | { problem: 'bothOpen'; field: string },
    ) => {
      switch (a.problem) {
        case 'noUpperBound':
          return { message: "Malformed range: '..' needs a bound after it.", help: 'Write low..high, or low..* for no upper bound.' };
        case 'unexpected':
          return {
            message: `Malformed range: unexpected ${a.token}.`,
            help: 'Write a range as [low TO high] (inclusive), {low TO high} (exclusive), or low..high.',
          };
        case 'unclosedBracket':
          return {
            message: 'Malformed range: this bracket is never closed.',
            help: "Close the range with ']' (inclusive) or '}' (exclusive), as in [1 TO 5].",
          };
        case 'operator':
          return {
            message: `Malformed range: a range takes ':', not '${a.operator}'.`,
            help: `Write ${a.field}:low..high, or ${a.field}${a.operator}value for one bound.`,
          };
        case 'bothOpen':
          return { message: 'Malformed range: both bounds are open.', help: `To require the field to be set, write ${a.field}:*.` };
      }
    },
  ),
  TooDeep: entry('KQ1014', 'error', (a: { max: number; situation: 'negations' | 'stack' | 'parentheses' | 'tree' }) => ({
    message: `The query nests deeper than ${a.max} levels.`,
    help:
      a.situation === 'negations'
        ? 'Remove repeated negations and parentheses that are not needed.'
        : a.situation === 'stack'
          ? 'The query nests too deeply for this machine; lower maxDepth or flatten the query.'
          : a.situation === 'parentheses'
            ? 'Flatten the query: parentheses around terms joined by the same operator are not needed.'
            : 'A hand-built syntax tree is deeper than any query the parser reads; flatten it.',
  })),
  TooLong: entry('KQ1015', 'error', (a: { length: number; max: number; of: 'query' | 'canonical' | 'criteria' }) => ({
    message: `The ${a.of === 'canonical' ? 'canonical text of the query' : 'query'} is ${a.length} characters long; the limit is ${a.max}.`,
    help:
      a.of === 'query'
        ? 'Split the query, or raise the maxLength option.'
        : a.of === 'canonical'
          ? 'The canonical text is longer than the limit: raise the maxLength option.'
          : 'Split the criteria, or raise the maxLength option.',
  })),
  InvalidList: entry(
    'KQ1016',
    'error',
    (a: { problem: 'onlyOr' } | { problem: 'unexpected'; token: string } | { problem: 'operator'; field: string; operator: string }) => {
      switch (a.problem) {
        case 'onlyOr':
          return {
            message: 'Malformed value list: only OR can join the values inside ( … ).',
            help: 'For all of several values, repeat the field: field:a AND field:b.',
          };
        case 'unexpected':
          return {
            message: `Malformed value list: unexpected ${a.token}.`,
            help: 'Separate the values with OR inside parentheses, field:(a OR b), or with commas, field:a,b.',
          };
        case 'operator':
          return {
            message: `Malformed value list: '${a.operator}' compares with one value.`,
            help: `Lists take ':', '=', '~' or '!='; write ${a.field}${a.operator}a OR ${a.field}${a.operator}b.`,
          };
      }
    },
  ),
  InvalidDirective: entry(
    'KQ1017',
    'error',
    (a: { directive: DirectiveName; problem: 'operator'; operator: string } | { directive: DirectiveName; problem: 'oneValue' }) =>
      a.problem === 'operator'
        ? { message: `'${a.directive}:' takes ':' and one value, not '${a.operator}'.`, help: `Write it as ${directiveExample[a.directive]}.` }
        : {
            message: `'${a.directive}:' takes exactly one value.`,
            help:
              a.directive === 'sort'
                ? 'Repeat it for several keys: sort:customer_name sort:customer_created_at-desc.'
                : `Write it as ${directiveExample[a.directive]}.`,
          },
  ),
  TooManyDiagnostics: entry('KQ1018', 'info', (a: { max: number }) => only(`Stopped after ${a.max} diagnostic(s); there are more.`)),
  DanglingOperator: entry('KQ1019', 'error', (a: { operator: string; situation: 'keyword' | 'comparison' }) => ({
    message: `Expected a term before '${a.operator}'.`,
    help:
      a.situation === 'keyword'
        ? `Remove '${a.operator}', or add a term before it. To search for the word, quote it: "${a.operator}".`
        : 'Write the field name right before the operator, with no space: field:value. To search for the text, quote it.',
  })),
  NotText: entry('KQ1020', 'error', (a: { got: string }) => ({
    message: `Expected the query as text (a string), got ${a.got}.`,
    help: 'Pass the query string.',
  })),

  // --- 2xxx: names, types, values -------------------------------------------------------------------------------------
  UnknownField: entry('KQ2001', 'error', (a: { name: string; sortOnly: boolean }) => ({
    message: `Unknown field '${a.name}'.`,
    help: a.sortOnly
      ? `'${a.name}' can only be used to sort (sort:${a.name}), not to filter.`
      : "It is not a standard Kustomer attribute; 'kq fields' lists them.",
  })),
  /** `problem` is the clause of src/schema/custom.ts ("has no type suffix; end it with one of …"). */
  CustomAttributeSuffix: entry('KQ2002', 'error', (a: { name: string; problem: string }) => only(`Custom attribute '${a.name}' ${a.problem}.`)),
  /** `unknownKlass`/`klasses`: the name's custom object class is not one of the org's `klasses`. */
  UnknownCustomAttribute: entry('KQ2003', 'error', (a: { name: string; scope: string; siblings: readonly string[]; unknownKlass?: string; klasses?: readonly string[] }) => ({
    message: `Unknown custom attribute '${a.name}': it is not among the org's custom attributes.`,
    help:
      a.unknownKlass !== undefined
        ? `'${a.unknownKlass}' is not one of the org's custom object classes${a.klasses?.length ? `: ${listSome(a.klasses)}` : ' (it has none)'}.`
        : a.siblings.length === 0
        ? `There are no ${a.scope} custom attributes in the list.`
        : `Known ${a.scope} custom attributes: ${listSome(a.siblings)}.`,
  })),
  OperatorNotAllowed: entry(
    'KQ2004',
    'error',
    (a: { operator: string; kind: string; field: string; allowed: readonly string[] }) => ({
      message: `Operator '${a.operator}' cannot be used on ${a.kind} field '${a.field}'.`,
      help: `'${a.field}' takes ${a.allowed.join(' ')}.`,
    }),
  ),
  InvalidValue: entry('KQ2005', 'error', (a: { value: string; field: string; problem: ValueProblem }) =>
    only(`Invalid value '${a.value}' for field '${a.field}': ${valueProblemClause(a.value, a.problem)}.`),
  ),
  InvalidNumber: entry('KQ2006', 'error', (a: { value: string; field: string }) => ({
    message: `Field '${a.field}' takes a number; '${a.value}' is not one.`,
    help: 'Write a number such as 12, -3.5 or 1e3.',
  })),
  InvalidBoolean: entry('KQ2007', 'error', (a: { value: string; field: string }) => ({
    message: `Field '${a.field}' takes true or false; '${a.value}' is neither.`,
    help: 'Write true or false.',
  })),
  /**
   * `problem` is a date error of src/dates/ (its `message` reads after "Invalid date 'x': ", its `help` is a
   * sentence), or `clock` for an invalid `now` option.
   */
  InvalidDate: entry(
    'KQ2008',
    'error',
    (a: { value: string; problem: { readonly message: string; readonly help?: string }; clock?: boolean }) => {
      const message = `Invalid date '${a.value}': ${a.problem.message}.`;
      if (a.clock) return { message, help: "The 'now' option takes a Date, epoch milliseconds or an ISO-8601 instant." };
      return a.problem.help !== undefined ? { message, help: a.problem.help } : { message };
    },
  ),
  /**
   * `abbreviation`: what `zone` stands for when it is a common abbreviation (src/dates/timeZone.ts
   * `zoneAbbreviations`); `zones`: the IANA names suggested (the abbreviation's zones, or the close spellings).
   */
  InvalidTimeZone: entry('KQ2009', 'error', (a: { zone: string; abbreviation?: string; zones?: readonly string[] }) =>
    a.abbreviation !== undefined && a.zones !== undefined && a.zones.length > 0
      ? {
          message: `'${show(a.zone)}' is a time zone abbreviation (${a.abbreviation}), not an IANA name.`,
          help: `Write the region's IANA zone, which also keeps its daylight saving time: tz:${a.zones[0]}${a.zones.length > 1 ? ` (or ${a.zones.slice(1).join(', ')})` : ''}.`,
        }
      : {
          message: `Unknown time zone '${show(a.zone)}': expected an IANA name such as America/New_York.`,
          help: 'Time zones are IANA names: America/New_York, Europe/Paris, UTC.',
        },
  ),
  /** `klasses`: the org's custom object classes, when the context is `kobject_<klass>` with a klass not among them. */
  UnknownContext: entry('KQ2010', 'error', (a: { context: string; klasses?: readonly string[] }) => ({
    message: `Unknown context '${a.context}'.`,
    help:
      a.klasses !== undefined
        ? `'${a.context.slice(8)}' is not one of the org's custom object classes${a.klasses.length ? `: ${listSome(a.klasses)}` : ' (it has none)'}.`
        : 'Contexts: customer, conversation, message, company, note, kobject, kobject_<klass>.',
  })),
  /** `contextKeys`: the sort keys of the query's context; `customerKeys`: some sortable customer attributes. */
  NotSortable: entry(
    'KQ2011',
    'error',
    (a: { key: string; contextKeys: readonly string[]; customerKeys: readonly string[] }) => ({
      message: `Cannot sort on '${a.key}'.`,
      help: `Kustomer sorts on ${a.contextKeys.join(', ')} (this context) and the customer attributes ${a.customerKeys.join(', ')}, … ('kq fields --sortable' lists them).`,
    }),
  ),
  /** `parent`: the node the directive is under (`And`: a group whose AND binds tighter than an OR around it). */
  MisplacedDirective: entry('KQ2012', 'error', (a: { directive: 'sort' | 'context' | 'tz'; parent: 'Or' | 'Not' | 'And' | 'other' }) => ({
    message: `'${a.directive}:' applies to the whole query, so it cannot appear ${
      a.parent === 'Or' ? 'inside an OR' : a.parent === 'Not' ? 'under a negation' : 'inside a group that is combined with OR or negated'
    }.`,
    help:
      a.parent === 'And'
        ? `AND binds tighter than OR, so here it belongs to the terms next to it. Put the OR in parentheses and the directive after it: (a OR b) ${a.directive}:…`
        : 'Move it out of the group, to the top level of the query, e.g. at the end.',
  })),
  ConflictingDirective: entry('KQ2013', 'error', (a: { directive: string; first: string; second: string }) => ({
    message: `Conflicting '${a.directive}:' values: '${a.first}' and '${a.second}'.`,
    help: `Keep one ${a.directive}: directive.`,
  })),
  DuplicateSort: entry('KQ2014', 'warning', (a: { key: string }) => ({
    message: `'${a.key}' is already a sort key; this one has no effect.`,
    help: 'Remove the repeated sort: key.',
  })),
  /**
   * `inferred`: every field is an attribute of `context`; `default`: customer, the default, and `fieldContexts` are
   * the contexts the fields belong to (sorted; empty when there are no field terms).
   */
  ContextChosen: entry(
    'KQ2015',
    'info',
    (a: { reason: 'inferred'; context: string } | { reason: 'default'; fieldContexts: readonly string[] }) =>
      a.reason === 'inferred'
        ? {
            message: `No context given: searching ${a.context} (every field is a ${a.context} attribute).`,
            help: `Add context:${a.context} to say so, or context:<type> to search another type.`,
          }
        : {
            message: `No context given: searching customer (the default${
              a.fieldContexts.length > 0 ? `; the fields belong to ${a.fieldContexts.join(', ')}` : ''
            }).`,
            help: 'Add context:<type> to choose: customer, conversation, message, company, note, kobject.',
          },
  ),
  /**
   * `reversed`: the lower bound is above the upper one; `exclusiveEqual`: equal bounds, at least one exclusive;
   * `noDayBetween`: local days with exclusive bounds and no whole day strictly between them (`{D TO D+1}`).
   */
  EmptyRange: entry(
    'KQ2016',
    'error',
    (a: { problem: 'reversed' | 'noDayBetween'; lower: string; upper: string } | { problem: 'exclusiveEqual' }) => {
      switch (a.problem) {
        case 'reversed':
          return {
            message: `This range matches nothing: the lower bound '${a.lower}' is above the upper bound '${a.upper}'.`,
            help: 'Swap the bounds, or make them inclusive with [ ].',
          };
        case 'exclusiveEqual':
          return {
            message: 'This range matches nothing: an exclusive range with equal bounds holds no value.',
            help: 'Make the bounds inclusive with [ ], or write the value itself (field:value).',
          };
        case 'noDayBetween':
          return {
            message: `This range matches nothing: no whole day lies after ${a.lower} and before ${a.upper}.`,
            help: `A day means the whole local day, so an exclusive bound leaves it out. Write field:${a.lower} for that day, or include the bounds with [ ]: [${a.lower} TO ${a.upper}].`,
          };
      }
    },
  ),
  TimeZoneCase: entry('KQ2018', 'warning', (a: { zone: string; canonical: string }) => only(`Time zone '${a.zone}' is spelled '${a.canonical}'.`)),
  /** `problem` is the clause of src/schema/catalog.ts ("the label must be a string; ignoring it"). */
  InvalidCustomAttributeDefinition: entry('KQ2019', 'error', (a: { name: string; problem: string }) =>
    only(`Invalid custom attribute definition '${a.name}': ${a.problem}.`),
  ),

  /**
   * A sort key Kustomer's search doc does not list, accepted on evidence (src/schema/sorting.ts `sortEvidence`):
   * `evidence` is the clause naming it ("it is on the archive endpoint's sortable list (…)").
   */
  SortByEvidence: entry('KQ2020', 'warning', (a: { key: string; evidence: string }) => ({
    message: `Kustomer's search doc does not list '${a.key}' as sortable; ${a.evidence}.`,
    help: "Kustomer's search doc lists customer sort attributes only ('kq fields --sortable'); keep this sort if the results come back in the order wanted.",
  })),
  /**
   * A bare word right after a string or text field's bare value, with no AND between them, that reads as the rest of
   * the value (`customer_name:Jane Doe`): `words` are searched as full text instead (check/rules/splitValueRule.ts).
   */
  SplitValue: entry('KQ2021', 'warning', (a: { field: string; value: string; words: readonly string[]; joined: string }) => ({
    message: `${a.words.map((w) => `'${show(w)}'`).join(', ')} ${a.words.length === 1 ? 'is' : 'are'} searched for as full text, not as part of the value of '${a.field}' (${a.field} is compared with '${show(a.value)}' only).`,
    help: `To compare ${a.field} with the whole text, quote it: ${a.field}:${JSON.stringify(a.joined)}. To search for ${a.words.length === 1 ? 'the word' : 'the words'} on ${a.words.length === 1 ? 'its' : 'their'} own, write AND before ${a.words.length === 1 ? 'it' : 'them'}: … AND ${a.words[0]}.`,
  })),
  /**
   * A value between single quotes or typographic quotes (`customer_name:'Jane Doe'`, `customer_name:“Jane”`): only the
   * straight double quote quotes, so the quote characters are part of the value and a space splits it
   * (check/rules/quoteCharactersRule.ts). `inner`: the text between the quotes; `split`: it spans several words.
   */
  QuoteCharacters: entry('KQ2022', 'warning', (a: { quotes: 'single' | 'typographic'; open: string; close: string; field: string; inner: string; split: boolean }) => ({
    message: `${a.quotes === 'single' ? 'Single quotes' : `Typographic quotes (${a.open} ${a.close})`} do not quote a value: ${a.field} is compared with text that includes the ${a.open} character${
      a.split ? ', and the words after the space are searched for as full text' : ''
    }.`,
    help: `Quote with straight double quotes: ${a.field}:${JSON.stringify(a.inner)}.${a.quotes === 'typographic' ? ' Typographic quotes come with text pasted from a document or a chat.' : ''}`,
  })),
  /**
   * A time written after a day with a space (`conversation_created_at>=2026-06-01 10:00`): the field is compared with
   * the day, and the time is searched as full text (check/rules/splitDateTimeRule.ts). `suggestion`: the joined
   * date-time with the zone's offset on that day (or Z); `zone`: the query's time zone, null when none is set.
   */
  SplitDateTime: entry('KQ2023', 'warning', (a: { field: string; operator: string; day: string; time: string; suggestion: string; zone: string | null }) => ({
    message: `The time '${show(a.time)}' is searched for as full text; ${a.field} is compared with the day ${a.day} only.`,
    help: `Join the date and the time with T and give the offset: ${a.field}${a.operator}${a.suggestion}${
      a.zone === null
        ? ' (Z is UTC: no tz: is set; for another zone write its offset, e.g. -04:00 for New York in summer).'
        : ` (${a.time} in ${a.zone} on that day).`
    } A date-time needs Z or an offset; a day alone is read in the query's time zone (tz:, GMT when none is set).`,
  })),
  /** `sort:key desc`: the direction is a separate word, searched as full text; the key sorts ascending (check/rules/sortDirectionWordRule.ts). */
  SortDirectionWord: entry('KQ2024', 'warning', (a: { key: string; word: string; direction: 'asc' | 'desc' }) => ({
    message: `'${a.word}' is searched for as full text; sort:${a.key} sorts ascending${a.direction === 'desc' ? ', not descending' : ''}.`,
    help: `Write the direction after the key with a dash: sort:${a.key}-${a.direction}.`,
  })),
  /**
   * Control characters or invisible format characters (zero-width space, byte order mark, bidirectional marks) in a
   * value or a word, usually pasted along with it (check/rules/invisibleCharactersRule.ts). `characters`: their code
   * points, `U+200B` form, each once.
   */
  InvisibleCharacters: entry('KQ2025', 'warning', (a: { characters: readonly string[]; where: 'value' | 'word' }) => ({
    message: `This ${a.where} holds ${a.characters.length === 1 ? 'an invisible character' : 'invisible characters'} (${listSome(a.characters)}), which Kustomer compares like any other: it likely matches nothing.`,
    help: `Remove ${a.characters.length === 1 ? 'it' : 'them'}: such characters usually come with text pasted from a document, a chat or a web page.`,
  })),
  /**
   * A time zone abbreviation that names a fixed offset (EST, MST, HST: no daylight saving time) where the user likely
   * meant a region's local time (check/rules/fixedOffsetZoneRule.ts; the table is src/dates/timeZone.ts).
   */
  FixedOffsetZone: entry('KQ2026', 'warning', (a: { zone: string; offset: string; region: string; instead: string; sameAs?: string }) => ({
    message: `Time zone '${a.zone}' is the fixed offset UTC${a.offset}, with no daylight saving time.`,
    help: `For ${a.region} local time, summer included, write tz:${a.instead}.${
      a.sameAs === undefined ? '' : ` Where the clocks stay at UTC${a.offset} all year (${a.sameAs}), ${a.zone} is right.`
    }`,
  })),
  /**
   * A custom object attribute of a klass spelled differently from the `kobject_<klass>` context only in letter case or
   * `-`/`_` (check/rules/fieldContextRule.ts): the context most likely means the field's klass.
   */
  FieldOutsideContext: entry('KQ2027', 'warning', (a: { field: string; fieldContext: string; context: string }) => ({
    message: `'${a.field}' is an attribute of ${a.fieldContext}, but the query searches ${a.context}: klass names are compared exactly.`,
    help: `If the same klass is meant, write context:${a.fieldContext}.`,
  })),
  /**
   * A relative date resolved at compile time (check/rules/relativeDateRule.ts): Kustomer has no relative date syntax
   * (kustomer-search-api.md §4), so the criteria hold `resolved`. `zone`: the zone days are read in, for a day.
   */
  RelativeDateResolved: entry('KQ2028', 'info', (a: { expression: string; resolved: string; zone: string | null }) => ({
    message: `${show(a.expression)} is resolved to ${a.resolved}${a.zone === null ? '' : ` (${a.zone})`}; Kustomer receives that date, so a saved search does not move with time.`,
    help: 'Kustomer search has no relative dates (kustomer-search-api.md §4): compile the query again each time it runs rather than saving its criteria.',
  })),
  /**
   * Bounds on one attribute, ANDed as separate terms, that no value can meet (check/rules/contradictoryBoundsRule.ts):
   * `f>=4 f<=2`. A warning, not an error as for the range `f:4..2` (KQ2016): separate terms may be on purpose (a
   * generated query), and decompile writes such a body back this way.
   */
  ContradictoryBounds: entry(
    'KQ2029',
    'warning',
    (a: {
      field: string;
      lower: string;
      upper: string;
      lowerOperator: string;
      upperOperator: string;
      problem: 'reversed' | 'exclusiveEqual' | 'noDayBetween';
    }) => ({
      message:
        a.problem === 'noDayBetween'
          ? `These terms match nothing: no whole day of '${a.field}' lies after ${a.lower} and before ${a.upper}.`
          : `These terms match nothing: no value of '${a.field}' is both ${a.lowerOperator}${a.lower} and ${a.upperOperator}${a.upper}.`,
      help: 'Swap the bounds, join the terms with OR if either is meant, or write one range (field:a..b).',
    }),
  ),
  /** An empty (or blank) query: it compiles to a search for every record of `context`. */
  EmptyQuery: entry('KQ2030', 'warning', (a: { context: string }) => ({
    message: `The query is empty: it matches every record of the context (${a.context}).`,
    help: 'Write the conditions to search for; a query of only context:<type> searches every record of that type on purpose.',
  })),

  /**
   * A name where the attribute holds ids of tags, users, teams or queues (src/schema/lookups/), which the org's
   * schema does not list: `noun` is `tag`, `user`, `team` or `queue`.
   */
  UnknownName: entry('KQ2040', 'error', (a: { value: string; noun: string; field: string }) => ({
    message: `Unknown ${a.noun} '${show(a.value)}' for field '${a.field}': the org's schema lists no ${a.noun} by that name.`,
    help: `'${a.field}' holds ${a.noun} ids; write a ${a.noun}'s ${a.noun === 'user' ? 'e-mail, name' : 'name'} or its 24-hex id (names come from the schema file, kq schema pull).`,
  })),
  /** A name several tags, users, teams or queues have: `candidates` their ids (and users' e-mails), at most a few. */
  AmbiguousName: entry(
    'KQ2041',
    'error',
    (a: { value: string; noun: string; field: string; candidates: readonly { readonly id: string; readonly email?: string }[] }) => ({
      message: `'${show(a.value)}' names ${a.candidates.length} ${a.noun}s: ${listSome(a.candidates.map((c) => (c.email !== undefined ? `${c.id} (${c.email})` : c.id)), 3)}.`,
      help: a.candidates.every((c) => c.email !== undefined)
        ? `Write the e-mail of the ${a.noun} you mean.`
        : `Write the exact name (names match exactly before they match ignoring case) or the id of the ${a.noun} you mean.`,
    }),
  ),
  /** `@me` without a known current user: `schema` false when no schema was given at all. */
  NoCurrentUser: entry('KQ2042', 'error', (a: { field: string; schema: boolean }) => ({
    message: `'@me' in '${a.field}' means the user the schema was pulled as, and ${a.schema ? 'this schema does not say who that is' : 'no schema was given'}.`,
    help: "Pull the schema with 'kq schema pull' (it records the current user), or write the user's e-mail or id.",
  })),
  /** A name that matches only ignoring case (exact matches are tried first; Kustomer's own rule is not documented). */
  NameCase: entry('KQ2043', 'warning', (a: { value: string; noun: string; name: string }) => ({
    message: `No ${a.noun} is named '${show(a.value)}' exactly; using '${show(a.name)}', the one whose name matches ignoring case.`,
    help: `Write '${show(a.name)}' to say so.`,
  })),

  // --- 3xxx: lowering ---------------------------------------------------------------------------------------------------
  TwoOrGroups: entry('KQ3001', 'error', () => ({
    message: 'Kustomer criteria hold one OR group; this is a second, independent one.',
    help: `Keep one OR group: combine the lists on one field with field:(a OR b), or split the query in two, ${nestedHelp}`,
  })),
  /**
   * `bounds`: the negated group is one term's two bounds — a whole `day` on a date field or a `range` — and
   * `complement` is the same condition written as an OR of single comparisons (`f<low OR f>high`); `group`: terms
   * joined by AND (check its help against `NOT (a AND b)`, `-conversation_created_at:2024-01-01`, `-f:1..5`).
   */
  NotOverAnd: entry('KQ3002', 'error', (a: { situation: 'group' } | { situation: 'day' | 'range'; field: string; complement: string }) =>
    a.situation === 'group'
      ? {
          message: 'Kustomer criteria cannot negate a group of several conditions.',
          help: `Negate single conditions instead: NOT a AND NOT b is fine, but NOT (a AND b) would need an OR of negations, ${nestedHelp}`,
        }
      : {
          message: `Kustomer criteria cannot negate ${a.situation === 'day' ? 'a whole day' : 'a range'}: on '${a.field}' it is two conditions (${a.situation === 'day' ? 'from its start to the start of the next day' : 'a lower and an upper bound'}).`,
          help: `Write what lies outside it as an OR of single comparisons: ${a.complement} (if it is the query's only OR), ${nestedHelp}`,
        },
  ),
  /**
   * `isSet`: the negated item is `f:*` / `has:f`, which is sent as a negated `not_set` (Kustomer documents no is-set
   * operator), so the user wrote no negation; `negation`: a negation as written (`a OR -b`).
   */
  NegationInOr: entry('KQ3003', 'error', (a: { situation: 'negation' } | { situation: 'isSet'; field: string }) =>
    a.situation === 'isSet'
      ? {
          message: `'${a.field}:*' (is set) cannot be an alternative of an OR in Kustomer criteria: with no is-set operator, it is sent as the negation of not_set, and an OR group holds plain conditions only.`,
          help: `Run the alternatives as separate searches (${a.field}:* on its own) and combine their results, ${nestedHelp}`,
        }
      : {
          message: 'Kustomer criteria cannot hold a negated condition inside an OR group.',
          help: `Kustomer's OR group holds plain conditions only. Move the negated condition out of the OR, ${nestedHelp}`,
        },
  ),
  /**
   * `day` / `range`: the group is one term's two bounds (a whole day on a date field is from its start until the next
   * day's; a range, its lower and upper bound); `group`: terms joined by AND inside the OR.
   */
  GroupInOr: entry('KQ3004', 'error', (a: { situation: 'group' } | { situation: 'day' | 'range'; field: string }) =>
    a.situation === 'group'
      ? {
          message: 'Kustomer criteria cannot hold a group of several conditions inside an OR group.',
          help: `Kustomer's OR group holds single conditions only: run the alternatives as separate searches and combine their results, or write the AND outside the OR if it applies to every alternative, ${nestedHelp}`,
        }
      : {
          message: `Kustomer criteria cannot hold ${a.situation === 'day' ? 'a whole day' : 'a range'} inside an OR group: on '${a.field}' it is two conditions (${a.situation === 'day' ? 'from its start to the start of the next day' : 'a lower and an upper bound'}).`,
          help: `Kustomer's OR group holds single conditions only. Keep one bound if the other is not needed (${a.field}>=…, one condition), or run the alternatives as separate searches and combine their results, ${nestedHelp}`,
        },
  ),

  /**
   * More items in `key` than Kustomer's search body allows (`max`: 20 for and/or/not, 5 sort keys; the OpenAPI schema,
   * kustomer-api-live.md §1c). The help says how to split the search (and that `nested` regroups and/or/not overflow).
   */
  TooManyItems: entry('KQ3005', 'error', (a: { count: number; key: 'and' | 'or' | 'not' | 'sort'; max: number }) => ({
    message: `This query puts ${a.count} items in '${a.key}'; Kustomer's search body allows at most ${a.max}.`,
    help:
      a.key === 'sort'
        ? `Kustomer's search body takes at most ${a.max} sort keys (its OpenAPI schema, kustomer-api-live.md §1c): keep the first ${a.max} sort: keys, the ones that decide the order most.`
        : `${splitHelp(a.key, a.max)}. Or compile with nested groups (the nested option, kq --nested), which groups the overflow into nested ${a.key === 'and' ? 'and' : 'or'} groups of at most ${a.max}, a shape Kustomer does not document.`,
  })),

  // --- 4xxx: decompiling criteria back to text (reported by `decompile`, with a JSON pointer) --------------------------
  /** `found` names the JSON value found (src/criteria/json.ts `describeJson`). */
  ExpectedShape: entry('KQ4001', 'error', (a: { expected: ExpectedShape; found: string }) =>
    only(`Expected ${expectedShape[a.expected]} here, found ${a.found}.`),
  ),
  UnknownBodyKey: entry('KQ4002', 'error', (a: { key: string }) => ({
    message: `'${a.key}' is not a key of a Kustomer search body.`,
    help: 'A search body takes queryContext, and, or, not, sort and timeZone.',
  })),
  IgnoredBodyKey: entry('KQ4003', 'warning', (a: { key: string }) => ({
    message: `'${a.key}' is not part of the query language; the text leaves it out.`,
    help: 'Only the criteria, sort, queryContext and timeZone have a text form.',
  })),
  CriterionAttributes: entry('KQ4004', 'error', (a: { attributes: readonly string[] }) =>
    a.attributes.length === 0
      ? only('A criterion holds exactly one attribute; this one holds none.')
      : {
          message: `A criterion holds exactly one attribute; this one holds ${a.attributes.map((k) => `'${k}'`).join(', ')}.`,
          help: 'Put each attribute in its own criterion in the and array.',
        },
  ),
  UnwritableName: entry('KQ4005', 'error', (a: { name: string; problem: 'empty' | 'directive' | 'characters' }) =>
    only(
      `'${a.name}' cannot be written as a field name: ${
        a.problem === 'empty'
          ? 'it is empty'
          : a.problem === 'directive'
            ? 'it is a directive name'
            : 'a field name starts with a letter or _ and holds letters, digits, _ - . $'
      }.`,
    ),
  ),
  UnknownOperator: entry('KQ4006', 'error', (a: { operator: string; known: readonly string[] }) => ({
    message: `Unknown operator '${a.operator}'.`,
    help: `Operators are ${a.known.join(', ')}.`,
  })),
  /** `expects`: what the operator takes (`list` for `in`, `notSet` for `not_set`, else one scalar). */
  InvalidOperand: entry('KQ4007', 'error', (a: { operator: string; expects: 'list' | 'notSet' | 'scalar'; found: string }) =>
    a.expects === 'list'
      ? only(`Invalid value for '${a.operator}': expected a non-empty array of strings, numbers or booleans, found ${a.found}.`)
      : a.expects === 'notSet'
        ? {
            message: `Invalid value for '${a.operator}': expected "" or true, found ${a.found}.`,
            help: 'Kustomer documents {"not_set": ""}; true also occurs. To require the field to be set, negate it: {"not": [{"f": {"not_set": ""}}]}.',
          }
        : only(`Invalid value for '${a.operator}': expected a string, number or boolean, found ${a.found}.`),
  ),
  /** `relative`: the value is a relative date expression (`"now-7d"`), which Kustomer does not read as a date. */
  InexactValue: entry('KQ4008', 'error', (a: { value: string; field: string; sent: string; relative: boolean }) => ({
    message: `The value ${a.value} of '${a.field}' cannot be written exactly: as text it would be sent as ${a.sent}.`,
    help: a.relative
      ? `Kustomer receives literal dates (kustomer-search-api.md §4: no relative date syntax is documented for the API), so ${a.value} is not a date to it; in the query language it is a relative date, resolved against the clock when compiled. Put a literal day or instant in the criteria.`
      : 'The query language types each value by its field; correct the value in the criteria.',
  })),
  EmptyGroup: entry('KQ4009', 'error', (a: { group: 'or' | 'not' }) =>
    a.group === 'or'
      ? {
          message: 'An empty group inside an OR makes the whole OR match everything, which the query language cannot write.',
          help: 'Remove the OR, or the empty group if that is what is meant.',
        }
      : {
          message: 'An empty group under NOT matches nothing, which the query language cannot write.',
          help: 'Remove the empty group, or the whole search if it is meant to match nothing.',
        },
  ),
  InvalidSortKey: entry('KQ4010', 'error', (a: { problem: 'notObject' | 'direction'; found: string }) =>
    only(
      a.problem === 'notObject'
        ? `Invalid sort key: expected an object such as {"customer_name": "asc"}, found ${a.found}.`
        : `Invalid sort key: the direction must be "asc" or "desc", found ${a.found}.`,
    ),
  ),
  CriteriaTooDeep: entry('KQ4011', 'error', (a: { max: number }) => ({
    message: `The criteria nest deeper than ${a.max} levels.`,
    help: 'Flatten the criteria.',
  })),
  /** `reason`: why the tree cannot be printed (src/syntax/format.ts). */
  UnprintableNode: entry('KQ4012', 'error', (a: { reason: string }) => only(`This syntax tree cannot be printed as query text: ${a.reason}.`)),

  /** A body over Kustomer's limits (`max` items in `key`; kustomer-api-live.md §1c), which no query text compiles back to. */
  OverBodyLimit: entry('KQ4013', 'error', (a: { key: string; count: number; max: number; groupMax: number; sortMax: number }) => ({
    message: `'${a.key}' holds ${a.count} items; Kustomer's search body allows at most ${a.max}.`,
    help: `Kustomer's OpenAPI schema caps and, or and not at ${a.groupMax} items each and sort at ${a.sortMax} keys (kustomer-api-live.md §1c), so it does not allow this body, and no query text compiles back to it: ${
      a.key === 'sort'
        ? `keep the first ${a.max} sort keys`
        : a.key === 'or'
          ? `run the alternatives as several searches of at most ${a.max} each and combine their results`
          : `run the search with at most ${a.max} of these and filter its results by the rest`
    }.`,
  })),
  /** Another spelling of the very instant the compiler sends (`"2023-01-01 00:00:00+00:00"` → its UTC form). */
  InstantSpelling: entry('KQ4014', 'warning', (a: { written: string; sent: string }) => ({
    message: `The instant ${a.written} is written as ${a.sent}: the same instant, spelled as the compiler sends it.`,
    help: 'The text holds the instant in UTC with milliseconds; compiled, it sends that spelling instead of the original one.',
  })),

  // --- 5xxx: bulk input records that cannot be read (reported by `translate`; the place is the record's line) ---------
  /** `error`: the JSON parser's message. */
  InvalidJson: entry('KQ5001', 'error', (a: { error: string }) => only(`Not valid JSON: ${a.error}.`)),
  UnexpectedValue: entry('KQ5002', 'error', (a: { expected: string; found: string }) => only(`Expected ${a.expected}, found ${a.found}.`)),
  /**
   * `csv`: the record is a CSV row and the header has no `query` column; `delimiter`: the header is written with this
   * other delimiter (reported once, on the header line, for the whole file).
   */
  MissingQuery: entry('KQ5003', 'error', (a: { csv: boolean; delimiter?: ';' | '\t' }) =>
    a.delimiter !== undefined
      ? {
          message: `The CSV header has no 'query' column: its columns are separated by ${a.delimiter === ';' ? 'semicolons' : 'tabs'}, and CSV is read with commas, so no row is read.`,
          help: `Save the file with commas as the delimiter (in a spreadsheet: CSV, comma-delimited), or convert it: the header must name a 'query' column.`,
        }
      : only(`The record has no 'query' field${a.csv ? " (the CSV header has no 'query' column)" : ''}.`),
  ),
  QueryNotString: entry('KQ5004', 'error', (a: { found: string }) => only(`The 'query' field is ${a.found}, not a string.`)),
  InvalidUtf8: entry('KQ5005', 'error', (a: { line: number }) => only(`Line ${a.line} is not valid UTF-8.`)),
  RecordTooLong: entry('KQ5006', 'error', (a: { max: number }) => only(`The record is longer than ${a.max} bytes, the limit.`)),
  /** `parser`: csv-parse's message; `oversizedQuote`: an oversized row's quote never closed, lines `from`+1..`to` skipped. */
  MalformedCsv: entry(
    'KQ5007',
    'error',
    (a: { problem: 'parser'; error: string } | { problem: 'oversizedQuote'; from: number; to: number } | { problem: 'unread' }) =>
      only(
        `Malformed CSV record: ${
          a.problem === 'parser'
            ? a.error
            : a.problem === 'oversizedQuote'
              ? `the quoted field of the oversized row on line ${a.from} is never closed, so lines ${a.from + 1}–${a.to} were skipped with it`
              : 'the record was not read'
        }.`,
      ),
  ),
  CsvFieldCount: entry('KQ5008', 'error', (a: { fields: number; header: number }) =>
    only(`The row has ${a.fields} field(s); the header has ${a.header}.`),
  ),
  /** `problem`: what is wrong with the array's structure (src/node/jsonArraySource.ts). */
  MalformedJsonArray: entry('KQ5009', 'error', (a: { problem: string }) => only(`Malformed JSON array: ${a.problem}.`)),
  RecordTooDeep: entry('KQ5010', 'error', (a: { max: number }) => only(`The record nests deeper than ${a.max} levels, the limit.`)),

  // --- 9xxx: the compiler itself ----------------------------------------------------------------------------------------
  /** `report`: what to file (the query, the criteria), or `none` where the caller has nothing to add. */
  InternalError: entry('KQ9001', 'error', (a: { error: string; report: 'query' | 'criteria' | 'none' }) => {
    const message = `Internal compiler error: ${a.error}`;
    return a.report === 'none'
      ? { message }
      : { message, help: a.report === 'query' ? 'Please report this query.' : 'Please report these criteria.' };
  }),
} as const satisfies Record<string, MessageTemplate<never>>;

/** The name of a catalogue entry. */
export type MessageName = keyof typeof Messages;

/** The arguments of catalogue entry `N` (`void` for an entry without arguments). */
export type MessageArgs<N extends MessageName> = (typeof Messages)[N] extends MessageTemplate<infer A> ? A : never;

/**
 * Every catalogue entry, ordered by code. Codes are `KQ` and four digits, so code-unit order is numeric order;
 * comparing code units (not `localeCompare`) keeps ICU's collator from starting at import (about 5–10 ms).
 * For the catalogue's own tests; the map is not exported from the package's public entries.
 */
export function allMessages(): readonly MessageTemplate<never>[] {
  return (Object.values(Messages) as MessageTemplate<never>[]).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/**
 * Every diagnostic's stable code by its name (`diagnosticCodes.UnknownField` is `'KQ2001'`): for code that must
 * recognise a diagnostic — a host hiding infos, an editor mapping severities — without writing codes as strings.
 * Codes never change meaning (see the module comment); the names are as stable as the API.
 */
export const diagnosticCodes: { readonly [N in MessageName]: string } = /* @__PURE__ */ Object.freeze(
  Object.fromEntries(Object.entries(Messages).map(([name, entry]) => [name, entry.code])) as { [N in MessageName]: string },
);
