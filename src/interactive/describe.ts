/**
 * `describe`: what is under the cursor in a query, on partial and invalid text — a field (kind, JSON type, allowed
 * values, operators, sortable), an operator (what it means on the field), a directive (its effect), a keyword, a
 * value (on a datetime, the date it resolves to), or a full-text word.
 *
 * The token at the cursor is found with the lexer's tokens and roles (cursor.ts); the settings (context, time zone,
 * clock, custom attributes) as for completion (settings.ts). A word in term position that names a field exactly is
 * described as that field, so `describe('conversation_status', 0)` describes the field. Never throws.
 */
import { allows, allowedOperators, kindLabel, matchesWords, naturalMatch } from '../check/operators.js';
import { parseDateValue, resolveTimeZone } from '../dates/index.js';
import type { CompileOptions, FieldKind } from '../options.js';
import { isValidContext, resolveField, sortOnlyFields, type FieldInfo } from '../schema/index.js';
import { checkValue } from '../schema/values.js';
import { displayName, isLookupId, lookupKindOf, lookupNoun, lookupsFor, resolveName, type Lookups } from '../schema/lookups/index.js';
import { unresolvedNameDiagnostic } from '../check/rules/fieldNamesRule.js';
import { valueProblemClause } from '../diagnostics/catalogue.js';
import type { ComparisonOperator, Span } from '../syntax/ast.js';
import * as T from '../syntax/tokens.js';
import { lastTokenBefore, scanQuery, snapOffset, tokenEnd, type FieldTermAt, type ScannedQuery } from './cursor.js';
import { directiveDoc, fieldDocumentation, keywordMeaning, operatorCriterion, operatorMeaning, sortability, valueShape } from './docs.js';
import { dayInWords, instantInWords } from './humanDates.js';
import { querySettings, type QuerySettings } from './settings.js';

/**
 * A field, as {@link describe} reports it.
 * - `kind`: the operator kind (`list`, `datetime`, …) and `kindLabel` its name in words (`exact-string`);
 * - `type`: the JSON type of its values in the schema (`string`, `integer`, …), when the schema gives one;
 * - `values`: the allowed values (enum), when there is a fixed list; `collection`: what an id value refers to;
 * - `operators`: the operators it takes (`:`, `=`, `!=`, `>`, … `a..b`, `[a TO b]`, `:*`); `naturalMatch`: what `:` does;
 * - `sortable`: whether it is a sort key in the query's context (kustomer-search-api.md §6.1).
 */
export interface FieldDescription {
  readonly name: string;
  readonly kind: FieldKind;
  readonly kindLabel: string;
  readonly type?: string;
  readonly context: string | null;
  readonly custom: boolean;
  readonly label?: string;
  readonly values?: readonly (string | number | boolean)[];
  readonly collection?: 'users' | 'teams' | 'queues';
  readonly operators: readonly string[];
  readonly naturalMatch: string;
  readonly sortable: boolean;
}

/**
 * A value, as {@link describe} reports it: the text (escapes resolved), whether the field accepts it (`problem` says
 * why not), and for dates what it resolves to — `day` (`YYYY-MM-DD`, a local day in `timeZone`) or `instant` (UTC
 * ISO-8601) — with `relative` the expression as written when it is a relative date.
 */
export interface ValueDescription {
  readonly text: string;
  readonly valid: boolean;
  readonly problem?: string;
  readonly day?: string;
  readonly instant?: string;
  readonly relative?: string;
}

/**
 * What {@link describe} found:
 * - `kind`: `field`, `operator`, `directive`, `keyword`, `value`, `text` (a full-text word or phrase) or `group`;
 * - `span`: the UTF-16 offsets of the text described;
 * - `title`: one line; `summary`: one or more lines for people;
 * - `field`: the field (for a field, and for an operator or value of a field term, and a `has:`/`no:`/`sort:` key);
 * - `operator` / `directive` / `value`: the operator as written, the directive name, the value.
 */
export interface Description {
  readonly kind: 'field' | 'operator' | 'directive' | 'keyword' | 'value' | 'text' | 'group';
  readonly span: Span;
  readonly title: string;
  readonly summary: string;
  readonly field?: FieldDescription;
  readonly operator?: string;
  readonly directive?: string;
  readonly value?: ValueDescription;
}

/**
 * Describes what is at `offset` in `text` (the character after the cursor, or the word the cursor ends; an operator
 * character after the cursor wins over the word it ends — see `tokenIndexAt`): see {@link Description}. An offset
 * inside a surrogate pair moves to the start of its code point. Returns `null` in white space or where there is
 * nothing to say. Never throws.
 */
export function describe(text: string, offset: number, opts: CompileOptions = {}): Description | null {
  opts ??= {};
  try {
    const scan = scanQuery(typeof text === 'string' ? text : String(text), opts);
    const settings = querySettings(scan, opts);
    return describeAt(scan, settings, snapOffset(scan.text, typeof offset === 'number' ? offset : Number(offset)), lookupsFor(opts));
  } catch {
    return null;
  }
}

/** The field description of a resolved field. */
export function fieldDescription(field: FieldInfo, queryContext: string | null): FieldDescription {
  return {
    name: field.name,
    kind: field.kind,
    kindLabel: kindLabel(field.kind),
    ...(field.schemaType !== undefined ? { type: field.schemaType } : {}),
    context: field.context,
    custom: field.custom,
    ...(field.label !== undefined ? { label: field.label } : {}),
    ...(field.enum !== undefined ? { values: field.enum } : {}),
    ...(field.collection !== undefined ? { collection: field.collection } : {}),
    operators: allowedOperators(field.kind),
    naturalMatch: naturalMatch(field.kind),
    sortable: sortability(field.name, queryContext).sortable,
  };
}

/**
 * The index of the token to describe: the token holding the character after the cursor (`offset`), when it is a
 * word or a field's operator; else a word (name, value, word, keyword) the cursor is at the end of; else the token
 * holding the character at `offset` (a parenthesis); else the one ending there. So the cursor on the `>` of
 * `conversation_priority>4` (offset 21) describes the operator, as on either character of `>=`. The `:` right after
 * a directive's name (`sort:`) is part of the directive and describes it.
 */
function tokenIndexAt(scan: ScannedQuery, offset: number): number {
  let ending = -1;
  let holding = -1;
  for (let i = lastTokenBefore(scan.tokens, offset - 1) + 1; i < scan.tokens.length; i++) {
    const t = scan.tokens[i]!;
    if (t.startOffset > offset) break;
    if (offset < tokenEnd(t)) holding = i;
    else if (offset === tokenEnd(t)) ending = i;
  }
  const wordy = (i: number) => i >= 0 && scan.roles[i] !== 'operator' && scan.roles[i] !== 'punct' && !(scan.roles[i] === 'value-syntax' && scan.tokens[i]!.image.length === 1);
  const fieldOperator = (i: number) => i >= 0 && scan.roles[i] === 'operator' && !(scan.terms[scan.termOf[i]!]?.directive && scan.tokens[i]!.image === ':');
  if (ending >= 0 && wordy(ending) && !wordy(holding) && !fieldOperator(holding)) return ending;
  return holding >= 0 ? holding : ending;
}

function spanOf(scan: ScannedQuery, index: number): Span {
  const t = scan.tokens[index]!;
  return { start: t.startOffset, end: tokenEnd(t) };
}

function describeAt(scan: ScannedQuery, settings: QuerySettings, offset: number, lookups: Lookups | null): Description | null {
  if (scan.openQuote >= 0 && offset > scan.openQuote) {
    const span = { start: scan.openQuote, end: scan.text.length };
    const raw = scan.text.slice(scan.openQuote + 1);
    if (scan.openQuoteTerm >= 0) return describeValue(scan.terms[scan.openQuoteTerm]!, raw, span, settings, false, lookups);
    return textDescription(raw, span, true);
  }
  const index = tokenIndexAt(scan, offset);
  if (index < 0) return null;
  const token = scan.tokens[index]!;
  const role = scan.roles[index]!;
  const span = spanOf(scan, index);
  const term = scan.termOf[index]! >= 0 ? scan.terms[scan.termOf[index]!] : undefined;
  switch (role) {
    case 'name':
      return term!.directive ? directiveDescription(term!.name, span) : fieldNameDescription(token.payload, span, settings);
    case 'operator':
      return operatorDescription(term!, span, settings);
    case 'value':
      return describeValue(term!, token.payload, span, settings, token.tokenType === T.Star, lookups);
    case 'value-syntax':
      return valueSyntaxDescription(token.tokenType, token.image, span);
    case 'keyword': {
      const meaning = keywordMeaning(token.image)!;
      return { kind: 'keyword', span, title: `${token.image} — ${token.image === '-' ? 'negation' : 'operator'}`, summary: meaning };
    }
    case 'text': {
      if (token.tokenType === T.Word) {
        const known = resolveField(settings.catalog, token.payload);
        if (known.ok || sortOnlyFields.has(token.payload)) return fieldNameDescription(token.payload, span, settings);
        const directive = directiveDoc(token.payload.replace(/:$/, ''));
        if (directive) return directiveDescription(directive.name, span);
      }
      return textDescription(token.payload, span, token.tokenType === T.Quoted);
    }
    default:
      if (token.tokenType === T.LParen || token.tokenType === T.RParen) {
        return { kind: 'group', span, title: `${token.image} — a group`, summary: 'Parentheses group terms: (a OR b) AND c.' };
      }
      return null;
  }
}

/**
 * What is wrong with an unresolved field name, in the checker's words: a malformed custom attribute name's message
 * (KQ2002), else the help of its KQ2001/KQ2003 (why the name is unknown, or which custom attributes are listed).
 */
function unresolvedText(name: string, span: Span, r: Parameters<typeof unresolvedNameDiagnostic>[2]): string {
  const d = unresolvedNameDiagnostic(name, span, r);
  return r.problem === 'customSuffix' ? d.message : d.help ?? d.message;
}

function fieldNameDescription(name: string, span: Span, settings: QuerySettings): Description {
  const r = resolveField(settings.catalog, name);
  if (!r.ok) {
    const sortOnly = sortOnlyFields.has(name);
    const hint = r.suggestions.length ? ` Did you mean ${r.suggestions.join(', ')}?` : '';
    return {
      kind: 'field',
      span,
      title: sortOnly ? `${name} — a sort key only` : `${name} — unknown field`,
      summary: `${unresolvedText(name, span, r)}${hint}`,
    };
  }
  const field = fieldDescription(r.field, settings.queryContext);
  return {
    kind: 'field',
    span,
    title: `${name} — ${r.field.custom ? 'custom ' : ''}${field.kindLabel} field${r.field.object ? ` of ${r.field.klass ? `custom object ${r.field.klass}` : r.field.object}` : ''}`,
    summary: fieldDocumentation(r.field, settings.queryContext),
    field,
  };
}

function directiveDescription(name: string, span: Span): Description {
  const doc = directiveDoc(name)!;
  return { kind: 'directive', span, title: `${name}: — directive`, summary: `${name}: ${doc.effect}\nExample: ${doc.example}`, directive: name };
}

function operatorDescription(term: FieldTermAt, span: Span, settings: QuerySettings): Description {
  const op = term.operator;
  if (term.directive) {
    return {
      kind: 'operator',
      span,
      title: `${op} — after the directive ${term.name}`,
      summary: op === ':' ? `Directives take ':' and one value: ${directiveDoc(term.name)!.example}.` : `Directives take ':' only, not '${op}': ${directiveDoc(term.name)!.example}.`,
      operator: op,
      directive: term.name,
    };
  }
  const r = resolveField(settings.catalog, term.name);
  if (!r.ok) {
    return { kind: 'operator', span, title: `${op} — ${operatorMeaning(op)}`, summary: `${op} means ${operatorMeaning(op)}; Kustomer ${operatorCriterion(op)}.`, operator: op };
  }
  const kind = r.field.kind;
  const ok = allows(kind, op as ComparisonOperator, term.checkShape);
  if (!ok) {
    return {
      kind: 'operator',
      span,
      title: `${op} — ${notTaken(kind, op, term.checkShape)}`,
      summary: [
        `A ${kindLabel(kind)} field does not take it${term.checkShape === 'single' ? '' : ` with a ${term.checkShape === 'list' ? 'value list' : 'range'}`}; ${term.name} takes ${allowedOperators(kind).join(' ')} (compile reports KQ2004).`,
        `On fields that take it, ${op} means ${operatorMeaning(op)}.`,
      ].join('\n'),
      field: fieldDescription(r.field, settings.queryContext),
      operator: op,
    };
  }
  const lines = [`${term.name}${op}… means ${operatorMeaning(op, kind)} (Kustomer ${operatorCriterion(op, kind)}).`, `A ${kindLabel(kind)} field takes it.`];
  return {
    kind: 'operator',
    span,
    title: `${op} — ${operatorMeaning(op, kind)}`,
    summary: lines.join('\n'),
    field: fieldDescription(r.field, settings.queryContext),
    operator: op,
  };
}

/** "not taken by a list field" (with a value list / a range): what an operator is on a kind that does not take it. */
function notTaken(kind: FieldKind, op: string, shape: FieldTermAt['checkShape']): string {
  const what = shape === 'list' ? `${op} with a value list` : shape === 'range' ? 'a range' : op;
  return `${what} is not taken by a ${kindLabel(kind)} field`;
}

function valueSyntaxDescription(type: unknown, image: string, span: Span): Description {
  if (type === T.Or) return { kind: 'keyword', span, title: 'OR — any of the values', summary: 'In a value list, the field matches when it matches any of the values.' };
  if (type === T.To) return { kind: 'keyword', span, title: 'TO — range bounds', summary: keywordMeaning('TO')! };
  if (type === T.DotDot) return { kind: 'keyword', span, title: '.. — a range', summary: 'low..high includes both bounds; * leaves one side open (low..*).' };
  if (type === T.Comma) return { kind: 'keyword', span, title: ', — a value list', summary: 'field:a,b means field:(a OR b): any of the values.' };
  if (type === T.LBracket || type === T.RBracket || type === T.LBrace || type === T.RBrace) {
    return { kind: 'keyword', span, title: `${image} — a range bound`, summary: '[ and ] include their bound, { and } exclude it: [1 TO 5}, {2024-01-01 TO *].' };
  }
  return { kind: 'group', span, title: `${image} — a value list`, summary: 'field:(a OR b OR c): the field matches any of the values.' };
}

function textDescription(value: string, span: Span, quoted: boolean): Description {
  const lower = /^(and|or|not)$/.test(value) && !quoted;
  return {
    kind: 'text',
    span,
    title: quoted ? `"${value}" — a phrase` : `${value} — a full-text word`,
    summary:
      `Full-text search: records whose text contains ${quoted ? 'the phrase' : 'the word'} "${value}" (Kustomer any_text contains; whole words).` +
      (lower ? ` Operators are upper case: write ${value.toUpperCase()} to combine terms.` : ''),
    value: { text: value, valid: true },
  };
}

function describeValue(term: FieldTermAt, text: string, span: Span, settings: QuerySettings, star = false, lookups: Lookups | null = null): Description {
  if (term.directive) return directiveValueDescription(term, text, span, settings);
  if (star) {
    return { kind: 'value', span, title: '* — any value', summary: `${term.name}:* matches records where ${term.name} is set; * in a range leaves that side open.`, value: { text, valid: true } };
  }
  const r = resolveField(settings.catalog, term.name);
  if (!r.ok) return { kind: 'value', span, title: `${text} — a value`, summary: `A value of '${term.name}', which is not a known field.`, value: { text, valid: false, problem: 'unknown field' } };
  const field = r.field;
  const fd = fieldDescription(field, settings.queryContext);
  const op = term.operator as ComparisonOperator;
  if (!allows(field.kind, op, term.checkShape)) {
    // The term does not compile (KQ2004): no meaning is given for an operator the field does not take.
    const problem = notTaken(field.kind, op, term.checkShape);
    return {
      kind: 'value',
      span,
      title: `${text} — ${problem}`,
      summary: `${term.name}${op}${text} does not compile: ${problem} (KQ2004). ${term.name} takes ${allowedOperators(field.kind).join(' ')}.`,
      field: fd,
      value: { text, valid: false, problem },
    };
  }
  if (matchesWords(field, op)) {
    return { kind: 'value', span, title: `${text} — words to find`, summary: `${term.name}${op}${text} matches when ${term.name} contains the word(s) "${text}" (whole words).`, field: fd, value: { text, valid: true } };
  }
  if (field.kind === 'datetime') {
    const zone = settings.timeZone ?? 'UTC';
    const date = parseDateValue(text, { nowMs: settings.nowMs, timeZone: zone });
    if (date.kind === 'error') {
      return { kind: 'value', span, title: `${text} — not a date`, summary: `Invalid date '${text}': ${date.message}.${date.help ? ` ${date.help}` : ''}`, field: fd, value: { text, valid: false, problem: date.message } };
    }
    const relative = date.relative !== undefined ? { relative: date.relative } : {};
    if (date.kind === 'day') {
      const where = settings.timeZone ?? 'GMT, as Kustomer reads days without tz:';
      return {
        kind: 'value',
        span,
        title: `${text} — ${date.relative ? `${dayInWords(date.day)} (${date.day})` : dayInWords(date.day)}`,
        summary: `A local day${date.relative ? `, resolved from ${date.relative} at compile time` : ''}: ${dayInWords(date.day)} (${where}).`,
        field: fd,
        value: { text, valid: true, day: date.day, ...relative },
      };
    }
    return {
      kind: 'value',
      span,
      title: `${text} — ${instantInWords(date.iso)}`,
      summary: `An instant${date.relative ? `, resolved from ${date.relative} at compile time` : ''}: ${instantInWords(date.iso, settings.timeZone)} (${date.iso}).`,
      field: fd,
      value: { text, valid: true, instant: date.iso, ...relative },
    };
  }
  const named = lookupValueDescription(term, text, span, field, fd, lookups);
  if (named) return named;
  const check = checkValue(field, text);
  if (!check.ok) {
    const problem = valueProblemClause(text, check.problem);
    return { kind: 'value', span, title: `${text} — not a valid ${term.name} value`, summary: `${problem}. ${term.name} takes ${valueShape(field)}.`, field: fd, value: { text, valid: false, problem } };
  }
  return {
    kind: 'value',
    span,
    title: `${text} — a ${term.name} value`,
    summary: `${term.name}${op}${text}: ${term.name} ${operatorMeaning(op, field.kind)} ${JSON.stringify(check.value)}.`,
    field: fd,
    value: { text, valid: true },
  };
}

/**
 * A value of an attribute holding tag, user, team or queue ids, through the lookups: a name shows what it names and
 * the id it compiles to; a known id shows its name; an unknown or ambiguous name says so, as the checker does
 * (KQ2040–KQ2043). Null when the lookups do not apply (no list of that kind), for the usual value description.
 */
function lookupValueDescription(term: FieldTermAt, text: string, span: Span, field: FieldInfo, fd: FieldDescription, lookups: Lookups | null): Description | null {
  const kind = lookupKindOf(field);
  if (kind === null) return null;
  const noun = lookupNoun(kind);
  if (isLookupId(text)) {
    const entry = lookups?.entryOf(kind, text);
    if (entry === undefined || lookups === null) return null;
    const name = displayName(lookups, entry);
    return { kind: 'value', span, title: `${text} — ${noun} ${name}`, summary: `The ${noun} ${name} (id ${text}).`, field: fd, value: { text, valid: true } };
  }
  const r = resolveName(lookups, kind, text);
  if (r === null) return null;
  if (r.ok) {
    const name = displayName(lookups!, r.entry);
    const how = r.match === 'me' ? ', the user the schema was pulled as' : r.match === 'case' ? ` (matched ignoring case: '${r.entry.name}')` : '';
    return {
      kind: 'value',
      span,
      title: `${text} — ${noun} ${name}`,
      summary: `The ${noun} ${name}${how}: ${term.name} ${operatorMeaning(term.operator, field.kind)} its id ${r.entry.id}.`,
      field: fd,
      value: { text, valid: true },
    };
  }
  const problem =
    r.problem === 'noCurrentUser'
      ? "the schema does not say who pulled it, so '@me' is unknown"
      : r.problem === 'ambiguous'
        ? `${r.candidates.length} ${noun}s have that name`
        : `no ${noun} has that name`;
  const hint =
    r.problem === 'noCurrentUser' || r.suggestions.length === 0
      ? ''
      : r.problem === 'ambiguous'
        ? ` Write one of ${r.suggestions.join(', ')}.`
        : ` Did you mean ${r.suggestions.join(', ')}?`;
  return { kind: 'value', span, title: `${text} — not a known ${noun}`, summary: `${text}: ${problem}.${hint}`, field: fd, value: { text, valid: false, problem } };
}

function directiveValueDescription(term: FieldTermAt, text: string, span: Span, settings: QuerySettings): Description {
  switch (term.name) {
    case 'has':
    case 'no':
      return fieldNameDescription(text, span, settings);
    case 'sort': {
      const m = /-(asc|desc)$/.exec(text);
      const name = m ? text.slice(0, m.index) : text;
      const direction = m?.[1] === 'desc' ? 'descending' : 'ascending';
      const { sortable, note } = sortability(name, settings.queryContext);
      const r = resolveField(settings.catalog, name);
      const ok = sortable || sortOnlyFields.has(name);
      return {
        kind: 'value',
        span,
        title: `${text} — sort by ${name}, ${direction}`,
        summary: ok ? `Sorts the results by ${name}, ${direction}.` : `${name} is ${note}${settings.queryContext ? ` in context ${settings.queryContext}` : ''}.`,
        ...(r.ok ? { field: fieldDescription(r.field, settings.queryContext) } : {}),
        value: ok ? { text, valid: true } : { text, valid: false, problem: note },
      };
    }
    case 'context':
    case 'in': {
      const ok = isValidContext(text);
      return {
        kind: 'value',
        span,
        title: ok ? `${text} — search ${text === 'kobject' ? 'custom objects' : text.startsWith('kobject_') ? `${text.slice(8)} custom objects` : `${text} records`}` : `${text} — not a context`,
        summary: ok ? `The search returns ${text} records (queryContext "${text}").` : 'Contexts: customer, conversation, message, company, note, kobject, kobject_<klass>.',
        value: ok ? { text, valid: true } : { text, valid: false, problem: 'not a query context' },
      };
    }
    default: {
      const zone = resolveTimeZone(text);
      return {
        kind: 'value',
        span,
        title: zone.ok ? `${text} — time zone ${zone.zone}` : `${text} — not a time zone`,
        summary: zone.ok ? `Local days (YYYY-MM-DD, today) are read in ${zone.zone}; now it is ${instantInWords(settings.nowMs, zone.zone)}.` : 'Time zones are IANA names: America/New_York, Europe/Paris, UTC.',
        value: zone.ok ? { text, valid: true } : { text, valid: false, problem: 'not an IANA time zone' },
      };
    }
  }
}
