/**
 * The warnings for queries that compile to a different search than a person most likely meant (KQ2021–KQ2025),
 * the time zone hints (KQ2009 did-you-mean, KQ2026), the klass misspelt in a context (KQ2027) and the note on
 * relative dates (KQ2028): each fires on its input, is silenced by writing the query unambiguously, and its fix
 * appears in the language service and compiles to what was meant. A property checks that generated well-formed
 * queries (test/helpers/queries.ts, whose words are lower case and whose phrases are quoted) raise none of the
 * ambiguity warnings, and that their canonical form (`format`, AND written everywhere) raises none either.
 */
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compile, createLanguageService, diagnosticCodes, format, parse, type ServiceDiagnostic } from '../../src/index.js';
import { applyEdits } from '../../src/service/fixes.js';
import { fcOptions } from '../helpers/fc.js';
import { directives, query } from '../helpers/queries.js';

const now = '2026-12-02T12:00:00Z';
const service = createLanguageService({ now });
const codesOf = (text: string) => compile(text, { now }).diagnostics.map((d) => d.code);
const one = (text: string, code: string): ServiceDiagnostic => {
  const found = service.diagnostics(text).filter((d) => d.code === code);
  assert.is(found.length, 1, `${code} for ${text}: ${JSON.stringify(service.diagnostics(text))}`);
  return found[0]!;
};
const fixedTexts = (text: string, d: ServiceDiagnostic) => d.fixes.map((f) => applyEdits(text, f.edits));
const criteriaOf = (text: string) => compile(text, { now }).criteria;

const ambiguity = [
  diagnosticCodes.SplitValue,
  diagnosticCodes.QuoteCharacters,
  diagnosticCodes.SplitDateTime,
  diagnosticCodes.SortDirectionWord,
  diagnosticCodes.InvisibleCharacters,
];

test('customer_name:Jane Doe: warns, and the fix quotes the whole name', () => {
  const d = one('customer_name:Jane Doe', diagnosticCodes.SplitValue);
  assert.is(d.severity, 'warning');
  assert.equal(fixedTexts('customer_name:Jane Doe', d), ['customer_name:"Jane Doe"']);
  assert.equal(criteriaOf('customer_name:"Jane Doe"'), { queryContext: 'customer', and: [{ customer_name: { equals: 'Jane Doe' } }] });
});

test('customer_name:Mary Jane Watson: one warning spanning both words', () => {
  const d = one('customer_name:Mary Jane Watson', diagnosticCodes.SplitValue);
  assert.equal(d.range, { start: 14, end: 30 });
  assert.equal(fixedTexts('customer_name:Mary Jane Watson', d), ['customer_name:"Mary Jane Watson"']);
});

for (const text of ['customer_name:"Jane Doe"', 'customer_name:Jane AND Doe', 'customer_name:Jane "Doe"', 'customer_name:jane doe', 'customer_name:Jane refund', 'conversation_status:open Refund', 'customer_name:Jane OR Doe']) {
  test(`${text}: no split-value warning (written unambiguously, or not a likely name)`, () => {
    assert.not.ok(codesOf(text).includes(diagnosticCodes.SplitValue));
  });
}

test("customer_name:'Jane Doe': single quotes, fixed with double quotes", () => {
  const d = one("customer_name:'Jane Doe'", diagnosticCodes.QuoteCharacters);
  assert.equal(fixedTexts("customer_name:'Jane Doe'", d), ['customer_name:"Jane Doe"']);
  assert.not.ok(codesOf("customer_name:'Jane Doe'").includes(diagnosticCodes.SplitValue));
});

test('customer_name:“Jane”, customer_name:‘Jane’, customer_name:«Jane», customer_name:„Jane“: typographic quotes', () => {
  for (const text of ['customer_name:“Jane”', 'customer_name:‘Jane’', 'customer_name:«Jane»', 'customer_name:„Jane“', 'customer_name:»Jane«']) {
    const d = one(text, diagnosticCodes.QuoteCharacters);
    assert.equal(fixedTexts(text, d), ['customer_name:Jane'], text);
  }
});

test("customer_name:O'Brien and customer_name:'90s: an apostrophe is not a quote", () => {
  assert.not.ok(codesOf("customer_name:O'Brien").includes(diagnosticCodes.QuoteCharacters));
  assert.not.ok(codesOf("customer_name:'90s").includes(diagnosticCodes.QuoteCharacters));
});

test('customer_name:“Jane Doe”: a closing typographic quote in a full-text word is an error whose help says to retype it', () => {
  const d = compile('customer_name:“Jane Doe”', { now }).diagnostics.find((x) => x.code === diagnosticCodes.UnexpectedCharacter)!;
  assert.match(d.help!, /retype them as straight double quotes/);
});

test('conversation_created_at>=2026-06-01 10:00: the joined date-time, in UTC without a zone', () => {
  const text = 'conversation_created_at>=2026-06-01 10:00';
  const d = one(text, diagnosticCodes.SplitDateTime);
  assert.equal(fixedTexts(text, d), ['conversation_created_at>=2026-06-01T10:00Z']);
  assert.match(d.help!, /Z is UTC: no tz: is set/);
  assert.ok(criteriaOf(fixedTexts(text, d)[0]!));
});

test('conversation_created_at>=2026-06-01 10:00 tz:America/New_York: the offset New York has that day', () => {
  const text = 'conversation_created_at>=2026-06-01 10:00 tz:America/New_York';
  const d = one(text, diagnosticCodes.SplitDateTime);
  assert.equal(fixedTexts(text, d), ['conversation_created_at>=2026-06-01T10:00-04:00 tz:America/New_York']);
  const winter = 'conversation_created_at<2026-01-15 9:30 tz:America/New_York';
  assert.equal(fixedTexts(winter, one(winter, diagnosticCodes.SplitDateTime)), ['conversation_created_at<2026-01-15T09:30-05:00 tz:America/New_York']);
});

for (const text of ['conversation_created_at>=2026-06-01 AND 10:00', 'conversation_created_at>=2026-06-01 "10:00"', 'customer_name:2026-06-01 10:00']) {
  test(`${text}: no split date-time warning`, () => {
    assert.not.ok(codesOf(text).includes(diagnosticCodes.SplitDateTime));
  });
}

test('sort:customer_name desc and sort:customer_name DESC: the direction joined with a dash', () => {
  for (const [text, fix] of [
    ['sort:customer_name desc', 'sort:customer_name-desc'],
    ['sort:customer_name DESC', 'sort:customer_name-desc'],
    ['refund sort:customer_name asc', 'refund sort:customer_name-asc'],
  ] as const) {
    const d = one(text, diagnosticCodes.SortDirectionWord);
    assert.equal(fixedTexts(text, d), [fix], text);
  }
});

for (const text of ['sort:customer_name-desc', 'sort:customer_name AND desc', 'sort:customer_name "desc"', 'sort:customer_name-asc desc']) {
  test(`${text}: no sort direction warning`, () => {
    assert.not.ok(codesOf(text).includes(diagnosticCodes.SortDirectionWord));
  });
}

test('customer_name:Ja\\u200bne (a zero-width space pasted in): warns, the fix removes it', () => {
  const text = 'customer_name:Ja\u200bne';
  const d = one(text, diagnosticCodes.InvisibleCharacters);
  assert.equal(fixedTexts(text, d), ['customer_name:Jane']);
  const bom = 'refund\ufeff';
  assert.equal(compile(`"${bom}"`, { now }).diagnostics.filter((x) => x.code === diagnosticCodes.InvisibleCharacters).length, 1);
});

test('"\\u200b" written as an escape, and a ZWJ emoji sequence: no invisible-character warning', () => {
  assert.not.ok(codesOf('customer_name:"a\\u200bb"').includes(diagnosticCodes.InvisibleCharacters));
  assert.not.ok(codesOf('"👩‍👩‍👧"').includes(diagnosticCodes.InvisibleCharacters));
});

test('tz:PST, tz:pdt, tz:PT: an abbreviation, with America/Los_Angeles as the fix', () => {
  for (const text of ['tz:PST', 'tz:pdt', 'tz:PT']) {
    const d = one(text, diagnosticCodes.InvalidTimeZone);
    assert.equal(fixedTexts(text, d), ['tz:America/Los_Angeles'], text);
  }
  assert.equal(fixedTexts('tz:IST', one('tz:IST', diagnosticCodes.InvalidTimeZone)), ['tz:Asia/Kolkata', 'tz:Europe/Dublin', 'tz:Asia/Jerusalem']);
});

test('tz:America/NewYork, tz:america-new-york, tz:Europe/Pari: did you mean', () => {
  assert.equal(fixedTexts('tz:America/NewYork', one('tz:America/NewYork', diagnosticCodes.InvalidTimeZone)), ['tz:America/New_York']);
  assert.equal(compile('tz:Europe/Pari', { now }).diagnostics[0]!.suggestions, ['Europe/Paris']);
  assert.equal(compile('tz:Mars/Base', { now }).diagnostics[0]!.suggestions, undefined);
});

test('tz:EST, tz:MST, tz:HST: fixed offsets, with the daylight-saving zone to use instead', () => {
  const est = compile('tz:EST', { now }).diagnostics.find((d) => d.code === diagnosticCodes.FixedOffsetZone)!;
  assert.match(est.help!, /tz:America\/New_York/);
  const mst = compile('tz:MST', { now }).diagnostics.find((d) => d.code === diagnosticCodes.FixedOffsetZone)!;
  assert.match(mst.help!, /tz:America\/Denver.*America\/Phoenix/);
  assert.not.ok(codesOf('tz:America/New_York').includes(diagnosticCodes.FixedOffsetZone));
});

test('context:kobject_Order kobject_custom_order_totalNum:5 warns; context:message conversation_status:open does not', () => {
  assert.ok(codesOf('context:kobject_Order kobject_custom_order_totalNum:5').includes(diagnosticCodes.FieldOutsideContext));
  assert.not.ok(codesOf('context:kobject_order kobject_custom_order_totalNum:5').includes(diagnosticCodes.FieldOutsideContext));
  // A message search on conversation attributes is documented (kustomer-search-api.md §1.2): no warning.
  assert.not.ok(codesOf('context:message conversation_status:open').includes(diagnosticCodes.FieldOutsideContext));
  assert.not.ok(codesOf('context:kobject_invoice kobject_custom_order_totalNum:5').includes(diagnosticCodes.FieldOutsideContext));
});

test('conversation_updated_at>=now-7d: an info naming the instant; a literal day has none', () => {
  const d = compile('conversation_updated_at>=now-7d', { now }).diagnostics.find((x) => x.code === diagnosticCodes.RelativeDateResolved)!;
  assert.is(d.severity, 'info');
  assert.is(d.message, 'now-7d is resolved to 2026-11-25T12:00:00.000Z; Kustomer receives that date, so a saved search does not move with time.');
  assert.match(compile('conversation_updated_at>=today', { now }).diagnostics.find((x) => x.code === diagnosticCodes.RelativeDateResolved)!.message, /2026-12-02 \(GMT\)/);
  assert.not.ok(codesOf('conversation_updated_at>=2026-11-25').includes(diagnosticCodes.RelativeDateResolved));
});

test('parse keeps which ANDs were written: customer_name:Jane Doe AND x (y z)', () => {
  const body = parse('customer_name:Jane Doe AND x (y z)').ast!.body as { implicitJoins?: number[] };
  assert.equal(body.implicitJoins, [1, 3, 4]);
  assert.is((parse('a AND b').ast!.body as { implicitJoins?: number[] }).implicitJoins, undefined);
});

test('generated well-formed queries raise no ambiguity warning, nor does their canonical form', () => {
  fc.assert(
    fc.property(query, directives, (q, d) => {
      const text = d ? `(${q}) ${d}` : q;
      const found = compile(text, { now }).diagnostics.filter((x) => ambiguity.includes(x.code));
      assert.equal(found, [], text);
      const canonical = format(text).text;
      if (canonical !== undefined) assert.equal(compile(canonical, { now }).diagnostics.filter((x) => ambiguity.includes(x.code)), [], canonical);
    }),
    fcOptions(500),
  );
});

test('format(customer_name:Jane Doe) writes the AND out, which silences the warning (the canonical form is unambiguous)', () => {
  const canonical = format('customer_name:Jane Doe').text!;
  assert.is(canonical, 'customer_name:Jane AND Doe');
  assert.not.ok(codesOf(canonical).includes(diagnosticCodes.SplitValue));
});

test.run();
