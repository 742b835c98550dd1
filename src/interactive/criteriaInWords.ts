/**
 * A Kustomer search body (criteria JSON) read back in plain English, so a person can check that a query means what
 * they think: "conversations that are done, whose customer was updated on or after 24 June 2016
 * (America/New_York); sorted by customer name, A→Z".
 *
 * How the body reads (kustomer-search-api.md §1.3): every `and` item must match, at least one `or` item must match
 * (when there are any), no `not` item may match. Each criterion `{attribute: {operator: value}}` becomes a clause
 * about the attribute, phrased from its name and kind:
 * - own attributes of the searched object read "whose status is …" or, for its status, "that are done";
 *   another object's attributes name it: "whose customer email is …";
 * - datetime attributes named by a participle read as events: "that were created on 24 June 2016",
 *   "whose customer was updated on or after …";
 * - `equals` "is" (list attributes with a plural name "include"), `in` "is a or b", `contains` "contains "x"" (full
 *   text: "that mention "x""), `gt`/`gte`/`lt`/`lte` "more than", "at least", … and on dates "after", "on or after",
 *   "before", "on or before" (a local day `gte D` with `lt D+1` on the same attribute is "on D"), `not_set` "is not set";
 * - every criterion of the body is said exactly once (a `gte D` / `lt D+1` pair once, as "on D"); clauses on one
 *   attribute with the same verb are joined with "and" ("whose priority is at least 1 and at most 3") only when that
 *   cannot be misread: a clause with a choice (`in`: "is 1 or 2") or without its own preposition ("today (…)") stays
 *   a clause of its own, so `tags:a tags:(b OR c)` reads "whose tags include "a", whose tags include "b" or "c"";
 * - local days say the time zone they are read in (the body's `timeZone`, else GMT, Kustomer's default, §4);
 *   instants are shown in UTC; relative dates, when the caller says which values came from them, show the expression
 *   and the resolved date: "on or after today (24 June 2016, America/New_York)".
 * Nested groups (the `nested` option) read as parenthesised clauses. Sort keys read "sorted by customer name, A→Z".
 *
 * Attribute names are only looked up in Maps (the field catalogue); unknown attributes read by their name.
 * The body is read by the package's criteria reader (src/criteria); what it cannot read is said as it is ("matching
 * {…}"), and a criterion with several operators in one object too. Never throws on any JSON value: what is not a
 * criteria body is said to be so.
 */
import { jsonPreview, readCriteria, type ReadGroup, type ReadItem, type ReadSort } from '../criteria/index.js';
import { addDays } from '../dates/index.js';
import { defaultCatalog, resolveField, standardFields, type FieldCatalog, type FieldInfo } from '../schema/index.js';
import { displayName, lookupKindOf, type Lookups } from '../schema/lookups/index.js';
import { dayInWords, instantInWords } from './humanDates.js';

/**
 * What the reading needs besides the body:
 * - `catalog`: to know custom attributes (kinds and labels); the standard fields are always known;
 * - `relative`: the relative date expression a criterion's value came from, keyed by the criterion object itself
 *   (the `{attribute: {operator: value}}` item of the body's `and`/`or`/`not` arrays, or of a nested group), so an
 *   expression labels exactly the criterion it produced — a literal date with the same value is not labelled;
 * - `lookups`: the org's tags, users, teams and queues (src/schema/lookups `lookupsFor`): ids they know read as
 *   names ("whose tags include billing", "whose assigned users include Ada Lovelace"); other ids read as ids.
 */
export interface CriteriaWordsOptions {
  readonly catalog?: FieldCatalog;
  readonly relative?: ReadonlyMap<object, string>;
  readonly lookups?: Lookups | null;
}

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

const contextNouns: Record<string, string> = {
  customer: 'customers',
  conversation: 'conversations',
  message: 'messages',
  company: 'companies',
  note: 'notes',
  kobject: 'custom objects',
};

/** The plural noun for what a `queryContext` returns: `conversations`, `order objects` for `kobject_order`. */
export function contextNoun(queryContext: string): string {
  if (Object.hasOwn(contextNouns, queryContext)) return contextNouns[queryContext]!;
  if (queryContext.startsWith('kobject_')) return `${queryContext.slice(8)} objects`;
  return `${queryContext} records`;
}

/**
 * A clause: `lead` (`whose status`, `that`), the verb when true and when negated, and the rest; `joinable` is false
 * when the rest cannot take another rest after "and" without being misread (a choice "1 or 2", or a day with no
 * preposition "today (…)").
 */
interface Clause {
  readonly lead: string;
  readonly pos: string;
  readonly neg: string;
  readonly rest: string;
  readonly joinable?: boolean;
}

function say(c: Clause, negated: boolean): string {
  return [c.lead, negated ? c.neg : c.pos, c.rest].filter((s) => s.length > 0).join(' ');
}

/** Participles that make a datetime attribute read as an event ("was last seen"). */
const irregularParticiples: ReadonlySet<string> = new Set(['seen', 'sent', 'done', 'begun', 'made', 'read', 'won', 'lost']);

/** `externalId` → `external id`; `last_seen` → `last seen`. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[_\s]+/)
    .filter((w) => w.length > 0);
}

/** How an attribute reads relative to the searched object. */
interface AttributeWords {
  /** `status`, `customer email`: the attribute as a noun phrase. */
  readonly noun: string;
  /** For `<x>_<participle>_at` datetimes: the owner (`''` for the searched object) and the participle phrase. */
  readonly event?: { readonly owner: string; readonly phrase: string };
  /** True for the searched object's own `status`. */
  readonly ownStatus: boolean;
  /** True when the noun is plural (tags, channels): `equals` reads "include". */
  readonly plural: boolean;
  readonly field?: FieldInfo;
}

/** The object an attribute name belongs to, its prefix. */
function ownerOf(field: FieldInfo | undefined, attribute: string): string | null {
  if (field) return field.klass ?? field.object;
  const m = /^(customer|company|conversation|message|note|kobject)_/.exec(attribute);
  return m ? m[1]! : null;
}

function attributeWords(attribute: string, queryContext: string, catalog: FieldCatalog | undefined): AttributeWords {
  const known = catalog?.fields.get(attribute) ?? standardFields.get(attribute);
  const resolved = known === undefined && attribute.includes('_custom_') ? resolveField(catalog ?? defaultCatalog, attribute) : undefined;
  const field = known ?? (resolved?.ok ? resolved.field : undefined);
  const owner = ownerOf(field, attribute);
  const own = owner === null || owner === queryContext || (queryContext.startsWith('kobject') && owner === 'kobject') || (field?.klass !== undefined && `kobject_${field.klass}` === queryContext);
  let rest: string[];
  if (field?.custom) {
    rest = field.label ? [field.label] : words(/_custom_(?:.*_)?([A-Za-z0-9]+?)(?:Str|Txt|Num|At|Bool|Url|Id)$/.exec(attribute)?.[1] ?? attribute);
  } else if (owner !== null && attribute.startsWith(`${owner}_`)) {
    rest = words(attribute.slice(owner.length + 1));
  } else if (field?.klass && attribute.startsWith('kobject_')) {
    rest = words(attribute.slice(8));
  } else {
    rest = words(attribute);
  }
  const ownerWords = owner === null ? [] : words(owner === 'kobject' ? 'custom object' : owner);
  const prefix = own ? [] : ownerWords;
  // A datetime `…_at` reads as a time: `created at` → `created time`.
  const nounWords = field?.kind === 'datetime' && rest.length > 1 && rest[rest.length - 1] === 'at' ? [...rest.slice(0, -1), 'time'] : rest;
  const noun = [...prefix, ...nounWords].join(' ') || attribute;
  const last = rest[rest.length - 1] ?? '';
  const plural = field?.kind === 'list' && /[^su]s$/.test(last);
  let event: AttributeWords['event'];
  if (field?.kind === 'datetime' && !field.custom && rest.length >= 2 && rest.length <= 3 && last === 'at') {
    const phrase = rest.slice(0, -1);
    if (phrase.some((w) => /[a-z]ed$/.test(w) || irregularParticiples.has(w))) {
      event = { owner: own ? '' : ownerWords.join(' '), phrase: phrase.join(' ') };
    }
  }
  const ownStatus = own && rest.length === 1 && rest[0] === 'status' && field?.kind === 'list';
  return { noun, ...(event ? { event } : {}), ownStatus, plural, ...(field ? { field } : {}) };
}

type Scalar = string | number | boolean;

function isScalar(v: unknown): v is Scalar {
  return typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean';
}

/** Settings for one reading. */
interface Reading {
  readonly queryContext: string;
  readonly timeZone: string | null;
  readonly catalog: FieldCatalog | undefined;
  readonly relative: ReadonlyMap<object, string> | undefined;
  readonly lookups: Lookups | null | undefined;
  /** How many times each criterion object was said (see {@link criteriaReading}). */
  readonly uses: Map<object, number>;
}

/**
 * A value in words: enum values and numbers bare, other strings quoted; an id of a tag, user, team or queue the
 * lookups know by its display name (bare when it is one plain word, else quoted).
 */
function valueWords(v: Scalar, attr: AttributeWords, lookups?: Lookups | null): string {
  if (typeof v !== 'string') return String(v);
  if (attr.field?.enum?.includes(v)) return v;
  const kind = lookups ? lookupKindOf(attr.field) : null;
  const entry = kind !== null ? lookups!.entryOf(kind, v) : undefined;
  if (entry !== undefined) {
    const name = displayName(lookups!, entry);
    return /^[\p{L}\p{N}_.@-]+$/u.test(name) ? name : JSON.stringify(name);
  }
  return JSON.stringify(v);
}

/** A date value in words, with its zone (days) and the relative expression it came from, if any. */
function dateWords(v: Scalar, expression: string | undefined, r: Reading): string {
  const text = String(v);
  if (typeof v === 'string' && dayPattern.test(v)) {
    const zone = r.timeZone ?? 'GMT';
    return expression ? `${expression} (${dayInWords(v)}, ${zone})` : `${dayInWords(v)} (${zone})`;
  }
  if (typeof v === 'string' && !Number.isNaN(Date.parse(v))) {
    const when = instantInWords(v, r.timeZone);
    return expression ? `${expression} (${when})` : when;
  }
  return JSON.stringify(text);
}

const orderWords = { gt: 'more than', gte: 'at least', lt: 'less than', lte: 'at most' } as const;

/** Counts a use of criterion `item` (see {@link criteriaReading}). */
function use(item: object, r: Reading): void {
  r.uses.set(item, (r.uses.get(item) ?? 0) + 1);
}

/**
 * One criterion object `item` ({attribute: {operator: value}}) as a clause; `dayPair` is the `lt D+1` criterion
 * folded into a `gte D` one ("on D"), said with it.
 */
function criterionClause(item: object, attribute: string, operator: string, value: unknown, r: Reading, dayPair?: object): Clause {
  use(item, r);
  if (dayPair) use(dayPair, r);
  const attr = attributeWords(attribute, r.queryContext, r.catalog);
  const kind = attr.field?.kind;
  const whose = `whose ${attr.noun}`;
  const is: Clause = { lead: whose, pos: 'is', neg: 'is not', rest: '' };
  const isDate = kind === 'datetime' || (kind === undefined && typeof value === 'string' && (dayPattern.test(value) || /^\d{4}-\d{2}-\d{2}T/.test(value)));
  const fullText = kind === 'any';

  // A plural noun agrees: "whose assigned users are not set".
  if (operator === 'not_set') return attr.plural ? { lead: whose, pos: 'are not set', neg: 'are set', rest: '' } : { lead: whose, pos: 'is not set', neg: 'is set', rest: '' };

  if (isDate && isScalar(value)) {
    const isDay = typeof value === 'string' && dayPattern.test(value);
    const expression = r.relative?.get(item);
    const when = dateWords(value, expression, r);
    const preposition = dayPair
      ? expression !== undefined && /^(today|yesterday|tomorrow)$/i.test(expression)
        ? ''
        : 'on'
      : ({
          gt: 'after',
          gte: isDay ? 'on or after' : 'at or after',
          lt: 'before',
          lte: isDay ? 'on or before' : 'at or before',
          equals: isDay ? 'on exactly' : 'at exactly',
        } as Record<string, string>)[operator];
    if (preposition === undefined) return { lead: whose, pos: `${operator}`, neg: `not ${operator}`, rest: when, joinable: false };
    const rest = `${preposition} ${when}`.trim();
    const joinable = preposition !== '';
    if (attr.event) {
      return attr.event.owner
        ? { lead: `whose ${attr.event.owner}`, pos: `was ${attr.event.phrase}`, neg: `was not ${attr.event.phrase}`, rest, joinable }
        : { lead: 'that', pos: `were ${attr.event.phrase}`, neg: `were not ${attr.event.phrase}`, rest, joinable };
    }
    return { lead: whose, pos: 'is', neg: 'is not', rest, joinable };
  }

  switch (operator) {
    case 'equals':
    case 'in': {
      const values = Array.isArray(value) ? value.filter(isScalar) : isScalar(value) ? [value] : [];
      const list = values.map((v) => valueWords(v, attr, r.lookups));
      const joined = list.length <= 1 ? (list[0] ?? '""') : `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}`;
      const joinable = list.length <= 1;
      if (attr.ownStatus) return { lead: 'that', pos: 'are', neg: 'are not', rest: joined, joinable };
      if (attr.plural) return { lead: whose, pos: 'include', neg: 'do not include', rest: joined, joinable };
      return { ...is, rest: joined, joinable };
    }
    case 'contains': {
      const text = isScalar(value) ? JSON.stringify(String(value)) : '""';
      if (fullText && (attr.noun === 'any text' || attr.noun === 'text')) return { lead: 'that', pos: 'mention', neg: 'do not mention', rest: text };
      if (fullText) return { lead: `whose ${attr.noun.replace(/ ?any text$/, '') || 'text'}`, pos: 'mentions', neg: 'does not mention', rest: text };
      return { lead: whose, pos: 'contains', neg: 'does not contain', rest: text };
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return { ...is, rest: `${orderWords[operator]} ${isScalar(value) ? valueWords(value, attr) : jsonPreview(value)}` };
    default:
      return { lead: whose, pos: `${operator}`, neg: `not ${operator}`, rest: jsonPreview(value), joinable: false };
  }
}

/** The parts of a criterion a clause is made of: the criterion object, its attribute, operator and operand. */
interface CriterionParts {
  readonly item: object;
  readonly attribute: string;
  readonly operator: string;
  readonly value: unknown;
}

/**
 * A criterion with exactly one operator (valid or not: an unknown operator or a bad operand still reads as a
 * clause), or null for anything else — a criterion with several operators reads "matching {…}".
 */
function criterionParts(item: ReadItem): CriterionParts | null {
  if (item.kind !== 'criterion' || item.conditions.length !== 1) return null;
  const c = item.conditions[0]!;
  return { item: item.json, attribute: item.attribute, operator: c.operator, value: c.operand };
}

/**
 * The items of a group as read; a group whose value is neither an array nor an object reads that value as its one
 * (unreadable) item, except that a top-level `null` or missing value reads as no items.
 */
function groupItems(group: ReadGroup | undefined, topLevel: boolean): readonly ReadItem[] {
  if (!group) return [];
  if (!group.problem) return group.items;
  if (topLevel && (group.json === null || group.json === undefined)) return [];
  return [{ kind: 'invalid', pointer: group.pointer, json: group.json, problem: group.problem }];
}

/**
 * Clauses for an AND list. A local day `gte D` and an `lt D+1` on the same attribute read together as "on D" (or
 * "today (…)" when the `gte` came from `today`), in the place of the first of the two; every other criterion reads
 * alone. Clauses on one attribute with the same lead and verb are joined — "whose priority is at least 1 and at most
 * 3" — when both are joinable (see {@link Clause}). Each criterion is said exactly once.
 */
function andClauses(items: readonly ReadItem[], r: Reading, depth: number): string[] {
  const parts = items.map(criterionParts);
  // The `lt` criteria by attribute and value, to find the `lt D+1` of each `gte D` in linear time.
  const lts = new Map<string, number[]>();
  parts.forEach((p, k) => {
    if (p && p.operator === 'lt' && typeof p.value === 'string' && dayPattern.test(p.value)) {
      const key = `${p.attribute}\u0000${p.value}`;
      const list = lts.get(key);
      if (list) list.push(k);
      else lts.set(key, [k]);
    }
  });
  // Pairs first, so that an `lt` said as part of "on D" is not also said alone (in either order).
  const partnerOf = new Map<number, number>();
  parts.forEach((p, i) => {
    if (!p || p.operator !== 'gte' || typeof p.value !== 'string' || !dayPattern.test(p.value)) return;
    const partners = lts.get(`${p.attribute}\u0000${addDays(p.value, 1)}`);
    const j = partners?.find((k) => !partnerOf.has(k));
    if (j === undefined) return;
    partnerOf.set(i, j);
    partnerOf.set(j, i);
  });
  const out: ({ clause: Clause } | string)[] = [];
  // Joinable clauses by attribute, lead and verb, to join the criteria of one attribute.
  const byVerb = new Map<string, { clause: Clause }>();
  const add = (attribute: string, clause: Clause) => {
    const key = `${attribute}\u0000${clause.lead}\u0000${clause.pos}`;
    const joinable = clause.joinable !== false;
    const same = joinable ? byVerb.get(key) : undefined;
    if (same) same.clause = { ...same.clause, rest: `${same.clause.rest} and ${clause.rest}` };
    else {
      const entry = { clause };
      if (joinable) byVerb.set(key, entry);
      out.push(entry);
    }
  };
  items.forEach((item, i) => {
    const p = parts[i];
    const partner = partnerOf.get(i);
    if (p && partner !== undefined) {
      if (partner < i) return; // said with its partner, at the partner's place
      const gte = p.operator === 'gte' ? p : parts[partner]!;
      const lt = p.operator === 'gte' ? parts[partner]! : p;
      add(gte.attribute, criterionClause(gte.item, gte.attribute, 'gte', gte.value, r, lt.item));
      return;
    }
    if (p) add(p.attribute, criterionClause(p.item, p.attribute, p.operator, p.value, r));
    else out.push(itemWords(item, r, false, depth));
  });
  return out.map((o) => (typeof o === 'string' ? o : say(o.clause, false)));
}

/** Nested groups deeper than this read "matching {…}". */
const maxWordsDepth = 50;

/** One item of an `and`/`or`/`not` array, in words; negated for `not` items. */
function itemWords(item: ReadItem, r: Reading, negated: boolean, depth: number): string {
  const parts = criterionParts(item);
  if (parts) return say(criterionClause(parts.item, parts.attribute, parts.operator, parts.value, r), negated);
  if (item.kind === 'group' && depth < maxWordsDepth) {
    const group = item.group;
    const items = groupItems(group, false);
    let inner: string;
    if (group.kind === 'and') {
      const pair = andClauses(items, r, depth + 1);
      inner = pair.length === 1 ? pair[0]! : `all of: ${pair.join('; ')}`;
    } else if (group.kind === 'or') inner = `either ${items.map((x) => itemWords(x, r, false, depth + 1)).join(', or ')}`;
    else inner = `none of: ${items.map((x) => itemWords(x, r, false, depth + 1)).join('; ')}`;
    return negated ? `not (${inner})` : `(${inner})`;
  }
  return `${negated ? 'not ' : ''}matching ${jsonPreview(item.json)}`;
}

/**
 * The sort keys in words: "customer name, A→Z, then created, newest first". A key whose direction is not "asc" or
 * "desc" reads as ascending; an entry that is not an object is left out.
 */
function sortWords(sort: ReadSort | undefined, r: Reading): string {
  const keys: string[] = [];
  for (const key of sort?.keys ?? []) {
    if (key.attribute === undefined) continue;
    const attr = attributeWords(key.attribute, r.queryContext, r.catalog);
    const kind = attr.field?.kind;
    const desc = key.kind === 'sortKey' && key.direction === 'desc';
    const order =
      kind === 'datetime'
        ? desc ? 'newest first' : 'oldest first'
        : kind === 'number'
          ? desc ? 'highest first' : 'lowest first'
          : kind === 'string' || kind === 'string_notanalyzed' || kind === 'text' || kind === 'list'
            ? desc ? 'Z→A' : 'A→Z'
            : desc ? 'descending' : 'ascending';
    keys.push(`${attr.noun}, ${order}`);
  }
  return keys.join(', then by ');
}

/**
 * A reading of a criteria body: the English `text` of {@link criteriaInWords}, and `uses`, how many times each
 * criterion object of the body (`{attribute: {operator: value}}`) was said — exactly once for every criterion of a
 * valid body (tests hold the reading to that).
 */
export interface CriteriaReading {
  readonly text: string;
  readonly uses: ReadonlyMap<object, number>;
}

/** Reads a criteria body (see {@link criteriaInWords}), counting the uses of each criterion. Never throws. */
export function criteriaReading(criteria: unknown, opts: CriteriaWordsOptions = {}): CriteriaReading {
  const uses = new Map<object, number>();
  // Groups deeper than maxWordsDepth are not read into (the body's items are at the reader's depth 1).
  const body = readCriteria(criteria, { maxDepth: maxWordsDepth + 1 }).body;
  if (!body) return { text: 'Not a search body: expected a JSON object.', uses };
  const queryContext = body.queryContext ?? 'customer';
  const r: Reading = {
    queryContext,
    timeZone: body.timeZone ?? null,
    catalog: opts?.catalog,
    relative: opts?.relative,
    lookups: opts?.lookups,
    uses,
  };
  const clauses = [...andClauses(groupItems(body.and, true), r, 0), ...groupItems(body.not, true).map((x) => itemWords(x, r, true, 0))];
  const ors = groupItems(body.or, true).map((x) => itemWords(x, r, false, 0));
  let sentence = contextNoun(queryContext);
  if (clauses.length === 0 && ors.length === 0) sentence = `all ${sentence}`;
  const parts = [...clauses];
  if (ors.length === 1) parts.push(ors[0]!);
  else if (ors.length > 1) parts.push(clauses.length > 0 ? `and either ${ors.join(', or ')}` : ors.join(', or '));
  if (parts.length > 0) sentence += ` ${parts.join(', ')}`;
  const sort = sortWords(body.sort, r);
  if (sort) sentence += `; sorted by ${sort}`;
  return { text: sentence, uses };
}

/**
 * Reads a criteria body in English (see the module comment). `criteria` is any JSON value; a body is an object with
 * a `queryContext` string and optional `and`, `or`, `not` (arrays or single items), `sort` and `timeZone`.
 */
export function criteriaInWords(criteria: unknown, opts: CriteriaWordsOptions = {}): string {
  return criteriaReading(criteria, opts).text;
}
