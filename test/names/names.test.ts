/**
 * Names ↔ ids with an org schema's lookups (src/schema/lookups/, src/check/rules/lookupNamesRule.ts): tag names,
 * users' e-mails and names, team and queue names compile to ids; unknown and ambiguous names are errors with
 * suggestions; `@me` is the pulling user; 24-hex ids stay as written; decompile writes names back; explain and hover
 * show names; completion offers names from a prefix index whose work does not grow with 5,000 tags.
 */
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compile, complete, createLanguageService, decompile, describe, explain, lookupValueSource, type CompileOptions } from '../../src/index.js';
import { lookupsFor, readableName, resolveName, searchPrefix } from '../../src/schema/lookups/index.js';
import { maxLookupCandidates } from '../../src/interactive/complete.js';
import { fcOptions } from '../helpers/fc.js';
import { generatedTagCount, generatedTags, ids, idOf, schema, schemaWithoutMe } from './fixture.js';

const opts: CompileOptions = { schema, queryContext: 'conversation' };

/** The criteria of the body's `and` (the queries below have no OR or NOT at the top). */
function and(query: string, o: CompileOptions = opts): unknown {
  const r = compile(query, o);
  assert.ok(r.criteria, `${query}: ${JSON.stringify(r.diagnostics)}`);
  return r.criteria!.and;
}

function codes(query: string, o: CompileOptions = opts): string[] {
  return compile(query, o).diagnostics.map((d) => d.code);
}

// --- names → ids -------------------------------------------------------------------------------------------------------

test('conversation_tags:billing → equals the tag id', () => {
  assert.equal(and('conversation_tags:billing'), [{ conversation_tags: { equals: ids.billing } }]);
});

test('conversation_tags:(billing OR vip) and conversation_tags:billing,"Billing Issue" → in of ids', () => {
  assert.equal(and('conversation_tags:(billing OR vip)'), [{ conversation_tags: { in: [ids.billing, ids.vip] } }]);
  assert.equal(and('conversation_tags:billing,"Billing Issue"'), [{ conversation_tags: { in: [ids.billing, ids.billingIssue] } }]);
});

test('customer_tags:vip and company_tags:vip: every tag attribute takes names', () => {
  assert.equal(and('customer_tags:vip', { schema, queryContext: 'customer' }), [{ customer_tags: { equals: ids.vip } }]);
  assert.equal(and('company_tags:vip', { schema, queryContext: 'company' }), [{ company_tags: { equals: ids.vip } }]);
});

test('-conversation_tags:billing and conversation_tags!=vip: negations hold ids too', () => {
  assert.equal(compile('-conversation_tags:billing', opts).criteria!.not, [{ conversation_tags: { equals: ids.billing } }]);
  assert.equal(compile('conversation_tags!=vip', opts).criteria!.not, [{ conversation_tags: { equals: ids.vip } }]);
});

test('conversation_tags:gen-4998: one of 5,000 generated tags', () => {
  assert.equal(and('conversation_tags:gen-4998'), [{ conversation_tags: { equals: generatedTags[4998]!.id } }]);
});

test('conversation_tags:refund: a live tag wins over a deleted one with the same name', () => {
  assert.equal(and('conversation_tags:refund'), [{ conversation_tags: { equals: ids.refund } }]);
});

test('conversation_assigned_users:ada@example.com, "Ada Lovelace", ADA@EXAMPLE.COM, "Amazing Grace" (display name)', () => {
  for (const q of ['conversation_assigned_users:ada@example.com', 'conversation_assigned_users:"Ada Lovelace"', 'conversation_assigned_users:ADA@EXAMPLE.COM']) {
    assert.equal(and(q), [{ conversation_assigned_users: { equals: ids.ada } }], q);
    assert.equal(codes(q).filter((c) => c !== 'KQ2015'), [], q);
  }
  assert.equal(and('conversation_assigned_users:"Amazing Grace"'), [{ conversation_assigned_users: { equals: ids.grace } }]);
});

test('conversation_assigned_teams:"Tier 2", conversation_queue:billing (queue and tag names do not mix)', () => {
  assert.equal(and('conversation_assigned_teams:"Tier 2"'), [{ conversation_assigned_teams: { equals: ids.tier2 } }]);
  assert.equal(and('conversation_queue:billing'), [{ conversation_queue: { equals: ids.billingQueue } }]);
  assert.equal(and('conversation_queue:Billing'), [{ conversation_queue: { equals: ids.billingQueue } }], 'display name');
});

test('conversation_assigned_teams:"tier 2" → the one case-insensitive match, with a KQ2043 warning naming it', () => {
  const r = compile('conversation_assigned_teams:"tier 2"', opts);
  assert.equal(r.criteria!.and, [{ conversation_assigned_teams: { equals: ids.tier2 } }]);
  const d = r.diagnostics.find((x) => x.code === 'KQ2043')!;
  assert.is(d.severity, 'warning');
  assert.equal(d.suggestions, ['Tier 2']);
  assert.equal(d.span, { start: 28, end: 36 });
});

test('conversation_assigned_users:@me → the current user; without one KQ2042', () => {
  assert.equal(and('conversation_assigned_users:@me'), [{ conversation_assigned_users: { equals: ids.ada } }]);
  assert.equal(and('conversation_assigned_users:(@me OR grace@example.com)'), [{ conversation_assigned_users: { in: [ids.ada, ids.grace] } }]);
  const without = compile('conversation_assigned_users:@me', { schema: schemaWithoutMe });
  assert.equal(without.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code), ['KQ2042']);
  assert.match(without.diagnostics[0]!.message, /this schema does not say who that is/);
  const noSchema = compile('conversation_assigned_users:@me');
  assert.equal(noSchema.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code), ['KQ2042']);
  assert.match(noSchema.diagnostics[0]!.message, /no schema was given/);
});

test('conversation_tags:@me: @me means a user only (on tags it is a name, here unknown)', () => {
  assert.equal(codes('conversation_tags:@me'), ['KQ2040']);
});

// --- ids unchanged -----------------------------------------------------------------------------------------------------

test('24-hex ids compile unchanged, known or not, with or without a schema', () => {
  const unknown = idOf('fe0009', 77);
  for (const o of [opts, { queryContext: 'conversation' }]) {
    assert.equal(and(`conversation_tags:${ids.billing}`, o), [{ conversation_tags: { equals: ids.billing } }]);
    assert.equal(and(`conversation_tags:${unknown}`, o), [{ conversation_tags: { equals: unknown } }]);
    assert.equal(and(`conversation_assigned_users:${ids.samA}`, o), [{ conversation_assigned_users: { equals: ids.samA } }]);
  }
  // All digits: still the schema's id check (it wants both digits and letters), as before.
  assert.equal(codes('conversation_assigned_users:123456789012345678901234'), ['KQ2005']);
});

test('without lookups of a kind: tag names pass as before, user names need ids (KQ2005)', () => {
  const noTags = { ...schema, lookups: { users: schema.lookups.users } };
  assert.equal(and('conversation_tags:whatever', { schema: noTags }), [{ conversation_tags: { equals: 'whatever' } }]);
  assert.equal(codes('conversation_assigned_teams:"Tier 2"', { schema: noTags }), ['KQ2005']);
  assert.equal(and('conversation_tags:whatever', { queryContext: 'conversation' }), [{ conversation_tags: { equals: 'whatever' } }]);
});

test('conversation_tags~billing: contains on a tag attribute is not taken (names are for whole values)', () => {
  assert.equal(codes('conversation_tags~billing'), ['KQ2004']);
});

test('lookups given directly (opts.lookups, no schema) resolve names too', () => {
  assert.equal(and('conversation_tags:vip', { lookups: schema.lookups, queryContext: 'conversation' }), [{ conversation_tags: { equals: ids.vip } }]);
});

// --- unknown and ambiguous ---------------------------------------------------------------------------------------------

test('conversation_tags:bililng → KQ2040 with did-you-mean billing', () => {
  const d = compile('conversation_tags:bililng', opts).diagnostics.find((x) => x.code === 'KQ2040')!;
  assert.is(d.message, "Unknown tag 'bililng' for field 'conversation_tags': the org's schema lists no tag by that name.");
  assert.equal(d.suggestions, ['billing']);
  assert.equal(d.span, { start: 18, end: 25 });
});

test('conversation_tags:gen-49999 → KQ2040, suggestions from 5,000 tags by edit distance', () => {
  const d = compile('conversation_tags:gen-49999', opts).diagnostics.find((x) => x.code === 'KQ2040')!;
  assert.ok(d.suggestions!.includes('gen-4999'), JSON.stringify(d.suggestions));
  assert.ok(d.suggestions!.length <= 3);
});

test('conversation_tags:bill → KQ2040, names starting with it as suggestions', () => {
  const d = compile('conversation_tags:bill', opts).diagnostics.find((x) => x.code === 'KQ2040')!;
  assert.ok(d.suggestions!.includes('billing'), JSON.stringify(d.suggestions));
});

test('conversation_assigned_users:"Sam Lee" → KQ2041 naming both ids and e-mails, the e-mails as suggestions', () => {
  const d = compile('conversation_assigned_users:"Sam Lee"', opts).diagnostics.find((x) => x.code === 'KQ2041')!;
  assert.is(d.message, `'Sam Lee' names 2 users: ${ids.samA} (sam.lee@example.com), ${ids.samB} (slee@example.com).`);
  assert.is(d.help, 'Write the e-mail of the user you mean.');
  assert.equal(d.suggestions, ['sam.lee@example.com', 'slee@example.com']);
  assert.equal(and('conversation_assigned_users:slee@example.com'), [{ conversation_assigned_users: { equals: ids.samB } }]);
});

test('conversation_tags:URGENT → KQ2041 (Urgent and urgent match ignoring case), the exact names as suggestions', () => {
  const d = compile('conversation_tags:URGENT', opts).diagnostics.find((x) => x.code === 'KQ2041')!;
  assert.equal(d.suggestions, ['Urgent', 'urgent']);
  assert.equal(and('conversation_tags:urgent'), [{ conversation_tags: { equals: ids.lowerUrgent } }]);
  assert.equal(and('conversation_tags:Urgent'), [{ conversation_tags: { equals: ids.upperUrgent } }]);
});

test('the language service turns KQ2041 suggestions into fixes that compile', () => {
  const service = createLanguageService(opts);
  const text = 'conversation_assigned_users:"Sam Lee"';
  const d = service.diagnostics(text).find((x) => x.code === 'KQ2041')!;
  assert.equal(
    d.fixes.map((f) => f.edits[0]!.newText),
    ['"sam.lee@example.com"', '"slee@example.com"'],
  );
});

// --- decompile: names back ---------------------------------------------------------------------------------------------

/** compile → decompile → text, and compile(text) gives the same criteria. */
function roundTrip(query: string, o: CompileOptions = opts): string {
  const first = compile(query, o);
  assert.ok(first.criteria, JSON.stringify(first.diagnostics));
  const back = decompile(first.criteria, o);
  assert.ok(back.text !== undefined, JSON.stringify(back.diagnostics));
  assert.equal(compile(back.text!, o).criteria, first.criteria, back.text);
  return back.text!;
}

test('decompile writes tag, user, team and queue names back', () => {
  assert.is(roundTrip('conversation_tags:billing'), 'conversation_tags:billing context:conversation');
  assert.is(
    roundTrip('conversation_assigned_users:(@me OR "Amazing Grace") conversation_assigned_teams:"Tier 2" conversation_queue:billing'),
    'conversation_assigned_users:ada@example.com,grace@example.com AND conversation_assigned_teams:"Tier 2" AND conversation_queue:billing context:conversation',
  );
});

test('decompile quotes names that are not bare words (OR, quotes, parentheses)', () => {
  assert.is(roundTrip(`conversation_tags:${ids.orWord}`), 'conversation_tags:"OR" context:conversation');
  assert.is(roundTrip(`conversation_tags:${ids.weird}`), 'conversation_tags:"a \\"quoted\\" (tag)" context:conversation');
});

test('decompile keeps ids whose name would not read back: the deleted refund, unknown ids; Urgent/urgent by exact name', () => {
  const unknown = idOf('fe0009', 5);
  assert.is(roundTrip(`conversation_tags:${ids.refundOld}`), `conversation_tags:${ids.refundOld} context:conversation`);
  assert.is(roundTrip(`conversation_tags:${unknown}`), `conversation_tags:${unknown} context:conversation`);
  assert.is(roundTrip(`conversation_tags:(${ids.upperUrgent} OR ${ids.lowerUrgent})`), 'conversation_tags:Urgent,urgent context:conversation');
});

test('decompile writes users named like another by e-mail (Sam Lee twice)', () => {
  assert.is(roundTrip(`conversation_assigned_users:${ids.samA}`), 'conversation_assigned_users:sam.lee@example.com context:conversation');
});

test('decompile without a schema writes ids, as before', () => {
  const body = { queryContext: 'conversation', and: [{ conversation_tags: { equals: ids.billing } }] };
  assert.is(decompile(body).text, `conversation_tags:${ids.billing} context:conversation`);
});

test('readableName: a tag named like a 24-hex id is left as the id', () => {
  const lookups = lookupsFor({ lookups: { tags: [{ id: ids.billing, name: ids.vip }] } })!;
  assert.is(readableName(lookups, 'tags', ids.billing), undefined);
});

// --- explain and hover -------------------------------------------------------------------------------------------------

test('explain shows names: "whose tags include billing", users by name', () => {
  assert.is(
    explain('conversation_tags:billing,"Billing Issue" conversation_assigned_users:@me -conversation_assigned_teams:"Tier 2"', opts),
    'conversations whose tags include billing or "Billing Issue", whose assigned users include "Ada Lovelace", whose assigned teams do not include "Tier 2"',
  );
  assert.is(explain(`conversation_assigned_users:${ids.samB}`, opts), 'conversations whose assigned users include "Sam Lee <slee@example.com>"');
});

test('hover over a tag name, @me, an id and an ambiguous name', () => {
  const tag = describe('conversation_tags:billing', 20, opts)!;
  assert.is(tag.title, 'billing — tag billing');
  assert.match(tag.summary, ids.billing);
  assert.match(describe('conversation_assigned_users:@me', 30, opts)!.summary, /Ada Lovelace, the user the schema was pulled as/);
  assert.is(describe(`conversation_tags:${ids.vip}`, 20, opts)!.title, `${ids.vip} — tag vip`);
  const sam = describe('conversation_assigned_users:"Sam Lee"', 31, opts)!;
  assert.is(sam.value!.valid, false);
  assert.match(sam.summary, 'sam.lee@example.com, slee@example.com');
  const service = createLanguageService(opts);
  assert.match(service.hover('conversation_tags:billing', 20)!.contents, 'tag billing');
});

// --- completion --------------------------------------------------------------------------------------------------------

test('complete conversation_tags:bil → billing, "Billing Issue" (quoted insert)', () => {
  const c = complete('conversation_tags:bil', 21, opts);
  assert.equal(c.items.map((i) => i.label), ['billing', 'Billing Issue']);
  assert.is(c.items[1]!.insertText, '"Billing Issue"');
});

test('complete conversation_assigned_users: → @me first, then e-mails; sam finds both Sam Lees by name', () => {
  const all = complete('conversation_assigned_users:', 28, opts).items.map((i) => i.label);
  assert.equal(all.slice(0, 5), ['@me', 'ada@example.com', 'grace@example.com', 'sam.lee@example.com', 'slee@example.com']);
  const sam = complete('conversation_assigned_users:sam', 31, opts).items;
  assert.equal(sam.map((i) => i.label).sort(), ['sam.lee@example.com', 'slee@example.com']);
  assert.ok(sam.every((i) => i.detail === 'user: Sam Lee'));
});

test('complete conversation_tags:gen-4 with 5,000 tags: capped, and the index work is bounded by the cap, not the org', () => {
  const c = complete('conversation_tags:gen-4', 23, opts);
  assert.is(c.items.filter((i) => i.kind === 'value').length, maxLookupCandidates);
  assert.ok(c.items.every((i) => i.label.startsWith('gen-4')));
  const table = lookupsFor(opts)!.table('tags')!;
  assert.is(table.prefix.keys.length >= generatedTagCount, true);
  const hits = searchPrefix(table.prefix, 'gen-4', maxLookupCandidates, (e) => !e.deleted);
  // Binary search (log2 of the keys) plus the keys visited up to the cap.
  const bound = Math.ceil(Math.log2(table.prefix.keys.length)) + 1 + maxLookupCandidates;
  assert.ok(hits.examined <= bound, `examined ${hits.examined} > ${bound}`);
  // A prefix matching nothing costs the binary search only.
  assert.ok(searchPrefix(table.prefix, 'zzz', 50).examined <= Math.ceil(Math.log2(table.prefix.keys.length)) + 2);
});

test('the lookups and their prefix index are built once per schema list (cached by identity)', () => {
  const a = lookupsFor(opts)!;
  const index = a.table('tags')!.prefix;
  complete('conversation_tags:x', 19, opts);
  complete('conversation_tags:y', 19, { ...opts, queryContext: 'conversation' });
  assert.is(lookupsFor({ ...opts })!, a);
  assert.is(lookupsFor(opts)!.table('tags')!.prefix, index);
  assert.is(lookupsFor({ lookups: schema.lookups })!.table('tags'), a.table('tags'));
});

test('resolveName bounds "did you mean" over 5,000 tags (an index by length)', () => {
  const r = resolveName(lookupsFor(opts), 'tags', 'gen-0x00');
  assert.ok(r && !r.ok && r.problem === 'unknown');
});

// --- the async value source --------------------------------------------------------------------------------------------

test('lookupValueSource: reads every page once, answers prefixes from the index, deleted left out', async () => {
  const pages = [
    { data: [{ id: ids.billing, attributes: { name: 'billing' } }, { id: ids.vip, attributes: { name: 'vip' } }], links: { next: '/v1/tags?page=2' } },
    { data: [{ id: ids.refundOld, attributes: { name: 'billable', deleted: true } }, { id: ids.refund, attributes: { name: 'bills' } }], links: { next: null } },
  ];
  const paths: string[] = [];
  const client = {
    async request(method: string, path: string) {
      paths.push(`${method} ${path}`);
      const page = Number(/page=(\d+)/.exec(path)![1]);
      return pages[page - 1] ?? { data: [], links: { next: null } };
    },
  };
  const source = lookupValueSource(client, 'tags', { pageSize: 2 });
  assert.equal(await source({ field: 'conversation_tags', prefix: 'bil' }), ['billing', 'bills']);
  assert.equal(await source({ field: 'conversation_tags', prefix: 'v' }), ['vip']);
  assert.equal(paths, ['GET /v1/tags?deleted=false&page=1&pageSize=2', 'GET /v1/tags?deleted=false&page=2&pageSize=2']);
  const service = createLanguageService({ queryContext: 'conversation', valueSources: { conversation_tags: source } });
  const c = await service.completeAsync('conversation_tags:bil', 21);
  assert.equal(c.items.filter((i) => i.kind === 'value').map((i) => i.label), ['billing', 'bills']);
});

test('lookupValueSource: a failed load is not kept; the next request loads again', async () => {
  let calls = 0;
  const client = {
    async request() {
      calls++;
      if (calls === 1) throw new Error('503');
      return { data: [{ id: ids.ada, attributes: { name: 'Ada Lovelace', email: 'ada@example.com' } }] };
    },
  };
  const source = lookupValueSource(client, 'users');
  let failed = false;
  await source({ field: 'conversation_assigned_users', prefix: 'ada' }).catch(() => (failed = true));
  assert.ok(failed);
  assert.equal(await source({ field: 'conversation_assigned_users', prefix: 'Ada L' }), ['ada@example.com']);
});

// --- property ----------------------------------------------------------------------------------------------------------

const tagName = fc.constantFrom('billing', 'vip', 'Billing Issue', 'refund', 'Urgent', 'urgent', 'a "quoted" (tag)', 'OR', ...generatedTags.slice(0, 50).map((t) => t.name));
const userName = fc.constantFrom('@me', 'ada@example.com', 'Ada Lovelace', 'Amazing Grace', 'sam.lee@example.com', 'SLEE@example.com', ids.samB);
const quoted = (v: string) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const term = fc.oneof(
  fc.array(tagName, { minLength: 1, maxLength: 3 }).map((v) => `conversation_tags:(${v.map(quoted).join(' OR ')})`),
  fc.array(userName, { minLength: 1, maxLength: 3 }).map((v) => `conversation_assigned_users:(${v.map(quoted).join(' OR ')})`),
  fc.constantFrom('conversation_assigned_teams:"Tier 2"', 'conversation_queue:billing', 'conversation_queue:DEFAULT_QUEUE', 'conversation_status:open'),
  tagName.map((v) => `-conversation_tags:${quoted(v)}`),
);

test('compile → decompile → compile gives the same criteria, for random queries over tag and user names (prints its seed)', () => {
  fc.assert(
    fc.property(fc.array(term, { minLength: 1, maxLength: 4 }), (terms) => {
      const q = terms.join(' ');
      const first = compile(q, opts);
      assert.ok(first.criteria, `${q}: ${JSON.stringify(first.diagnostics.map((d) => d.code))}`);
      const back = decompile(first.criteria, opts);
      assert.ok(back.text !== undefined, `${q}: ${JSON.stringify(back.diagnostics)}`);
      assert.equal(compile(back.text!, opts).criteria, first.criteria, `${q} → ${back.text}`);
    }),
    fcOptions(300),
  );
});

test.run();
