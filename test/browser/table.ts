/**
 * The table of calls that the browser test runs twice: in headless Chromium, from a page bundled out of the packed
 * package (test/browser/csp.test.ts copies this file into that scratch app), and in Node, against src/index.ts.
 * The two lists of results must be equal.
 *
 * This module must stay self-contained: it imports the library only as a type (erased when bundled) and is handed
 * the functions by its caller, so the browser run exercises the package and nothing else. A value import of a
 * relative path would not even resolve from the scratch app, and its build would fail.
 *
 * The rows cover what runs differently in a browser: value schemas checked with ajv (conversation_priority,
 * customer_email, user ids, enums, phone numbers), time zones and relative dates (luxon over the browser's Intl),
 * did-you-mean suggestions, sorts, contexts, custom attributes, parse errors, formatting, completion at a cursor,
 * explanations and decompiling criteria bodies.
 */
import type * as Kq from '../../src/index.js';

/** The functions the table calls: the ones a browser app imports by name from `kustomer-query`. */
export type TableApi = Pick<typeof Kq, 'compile' | 'complete' | 'format' | 'explain' | 'decompile'>;

/** The clock of every row: Monday 24 June 2024, 12:00 UTC (the interactive tests' clock). */
export const now = '2024-06-24T12:00:00Z';

/**
 * One call. `name` is unique and names the test of the row; `run` makes the call and returns its result (which
 * must survive `JSON.stringify`).
 */
export interface Row {
  readonly name: string;
  readonly run: (api: TableApi) => unknown;
}

/**
 * The outcome of one row: `value` is the result after a JSON round trip (so `undefined` members are dropped on
 * both sides alike); `error` is what the call threw, as `Name: message`.
 */
export interface RowResult {
  readonly name: string;
  readonly value?: unknown;
  readonly error?: string;
}

const compileRows: readonly (readonly [query: string, extra?: Kq.CompileOptions])[] = [
  ['conversation_status:(open OR snoozed)'],
  ['conversation_status:open AND conversation_priority>=4'],
  ['refund OR "money back"'],
  // Dates in a time zone: local days become UTC instants through luxon and the browser's Intl time-zone data.
  ['conversation_created_at>=2024-01-01 tz:America/New_York'],
  ['conversation_created_at:2024-03-10 tz:America/Los_Angeles'], // the day US clocks went forward: 23 hours
  ['customer_updated_at>=2016-06-24', { timeZone: 'Asia/Kolkata' }],
  ['conversation_created_at=2024-01-01T10:00:00Z'],
  // Relative dates against the fixed clock.
  ['conversation_created_at>=now-7d/d'],
  ['conversation_created_at:today tz:Europe/Paris'],
  ['customer_last_seen_at<now-1h', { timeZone: 'America/New_York' }],
  ['conversation_updated_at:yesterday tz:Australia/Sydney'],
  ['customer_last_seen_at>now-1M/M tz:Asia/Kolkata'],
  ['conversation_created_at>=2024-03-10T02:30:00 tz:America/Los_Angeles'], // a local time needs an offset
  // Values checked against the standard fields' schemas (ajv): accepted, then refused with the reason.
  ['conversation_priority:3'],
  ['conversation_priority:7'],
  ['conversation_priority:1..3'],
  ['customer_email:"bob@acme.example"'],
  ['customer_email:bob'],
  ['conversation_assigned_users:5f3c1a2b4d5e6f7a8b9c0d1e'],
  ['conversation_assigned_users:xyz'],
  ['customer_phone:+14155550123'],
  ['message_direction:in context:message'],
  // Errors with did-you-mean suggestions.
  ['conversation_status:opne'],
  ['conversation_stauts:open'],
  ['context:conversaton conversation_status:open'],
  ['conversation_status:open OR ('],
  // Sorts, contexts, custom attributes, nesting.
  ['conversation_status:done sort:conversation_updated_at-desc sort:conversation_created_at'],
  ['sort:customer_nmae'],
  ['conversation_status:done AND customer_updated_at>=2016-06-24 sort:customer_name'],
  ['kobject_custom_order_totalNum>5 context:kobject_order'],
  ['customer_custom_tierStr:gold customer_name~bob', { customAttributes: [{ name: 'customer_custom_tierStr', values: ['gold', 'silver'] }] }],
  ['customer_custom_tierStr:gould', { customAttributes: [{ name: 'customer_custom_tierStr', values: ['gold', 'silver'] }] }],
  ['a OR -b', { nested: true }],
];

const explainRows: readonly string[] = [
  'conversation_status:done customer_updated_at>=2016-06-24 tz:America/New_York sort:customer_name context:conversation',
  'conversation_created_at>=now-7d/d conversation_priority>=4 -conversation_tags:abc',
  'customer_last_seen_at<now-1h tz:America/New_York',
  'conversation_priority:9',
];

const formatRows: readonly string[] = ['conversation_status:(open   OR snoozed)   sort:customer_name', 'a  AND (b OR  c'];

/** Completions at a cursor written as `|`. */
const completeRows: readonly string[] = ['conversation_st|', 'conversation_status:|', 'conversation_priority:| context:conversation', 'context:|', 'x sort:customer_|'];

const decompileRows: readonly unknown[] = [
  { queryContext: 'conversation', and: [{ conversation_status: { in: ['open', 'snoozed'] } }, { conversation_priority: { gte: 4 } }] },
  { queryContext: 'customer', or: [{ customer_updated_at: { gte: '2016-06-24T04:00:00.000Z' } }, { customer_email: { equals: 'bob@acme.example' } }], sort: [{ customer_name: 'desc' }] },
  { queryContext: 'conversation', and: [{ conversation_priority: { equals: 'high' } }] },
  { and: 'not an array' },
];

/** Every row of the table, in a fixed order. */
export const rows: readonly Row[] = [
  ...compileRows.map(([query, extra]): Row => ({
    name: extra ? `compile ${query}  ${JSON.stringify(extra)}` : `compile ${query}`,
    run: (api) => api.compile(query, { now, ...extra }),
  })),
  ...explainRows.map((query): Row => ({ name: `explain ${query}`, run: (api) => api.explain(query, { now }) })),
  ...formatRows.map((query): Row => ({ name: `format ${query}`, run: (api) => api.format(query) })),
  ...completeRows.map((marked): Row => {
    const offset = marked.indexOf('|');
    const text = marked.slice(0, offset) + marked.slice(offset + 1);
    return { name: `complete ${marked}`, run: (api) => api.complete(text, offset, { now }) };
  }),
  ...decompileRows.map((body): Row => ({ name: `decompile ${JSON.stringify(body)}`, run: (api) => api.decompile(body) })),
];

/** Runs every row with `api`; a row that throws gives its error and the rest still run. */
export function runTable(api: TableApi): RowResult[] {
  return rows.map((row) => {
    try {
      const value: unknown = row.run(api);
      return { name: row.name, value: value === undefined ? undefined : JSON.parse(JSON.stringify(value)) };
    } catch (error) {
      return { name: row.name, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
    }
  });
}
