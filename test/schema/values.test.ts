import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createCatalog, resolveField, standardFields, type FieldInfo } from '../../src/schema/index.js';
import { checkValue, type ValueCheck } from '../../src/schema/values.js';
import { invalidValueDiagnostic } from '../../src/check/rules/valuesRule.js';
import { valueProblemClause } from '../../src/diagnostics/catalogue.js';

function field(name: string): FieldInfo {
  const info = standardFields.get(name);
  if (info === undefined) throw new Error(`no standard field ${name}`);
  return info;
}

function ok(name: string, raw: string): string | number | boolean {
  const result = checkValue(field(name), raw);
  if (!result.ok) throw new Error(`${name}:${raw} failed: ${result.problem.reason}`);
  return result.value;
}

/** A rejected value as the checker reports it: the code and help of its diagnostic, the catalogue's clause. */
interface Rejected {
  readonly ok: false;
  readonly code: string;
  readonly reason: string;
  readonly suggestions?: string[];
  readonly help?: string;
}

function bad(name: string | FieldInfo, raw: string): Rejected {
  const info = typeof name === 'string' ? field(name) : name;
  const result = checkValue(info, raw);
  if (result.ok) throw new Error(`${JSON.stringify(raw)} was accepted`);
  const d = invalidValueDiagnostic(raw, info.name, { start: 0, end: 0 }, result);
  const reason = valueProblemClause(raw, result.problem);
  return {
    ok: false,
    code: d.code,
    reason,
    ...(result.suggestions ? { suggestions: result.suggestions } : {}),
    ...(d.help !== undefined ? { help: d.help } : {}),
  };
}

/** The rejection of `raw` by `name`, as data (the schema layer's own result). */
function problem(name: string, raw: string): Extract<ValueCheck, { ok: false }> {
  const result = checkValue(field(name), raw);
  if (result.ok) throw new Error(`${JSON.stringify(raw)} was accepted`);
  return result;
}

// --- enums ------------------------------------------------------------------------------------------------------------

test('conversation_status:open', () => {
  assert.is(ok('conversation_status', 'open'), 'open');
});

test('conversation_status:opne', () => {
  assert.equal(bad('conversation_status', 'opne'), {
    ok: false,
    code: 'KQ2005',
    reason: "'opne' is not one of snoozed, open, done",
    suggestions: ['open'],
  });
});

test('conversation_status:Open (enums are case-sensitive, with a suggestion)', () => {
  assert.equal(bad('conversation_status', 'Open').suggestions, ['open']);
});

test('message_channel:twitter-dm conversation_sla_breach_metric:firstResponse', () => {
  assert.is(ok('message_channel', 'twitter-dm'), 'twitter-dm');
  assert.is(ok('conversation_sla_breach_metric', 'firstResponse'), 'firstResponse');
});

test('customer_gender:x (no suggestion for a one-letter guess)', () => {
  const result = bad('customer_gender', 'x');
  assert.is(result.reason, "'x' is not one of m, f");
  assert.is(result.suggestions, undefined);
});

// --- formats and patterns -----------------------------------------------------------------------------------------------

test('customer_email:jane@example.com', () => {
  assert.is(ok('customer_email', 'jane@example.com'), 'jane@example.com');
});

test('customer_email:jane', () => {
  const result = bad('customer_email', 'jane');
  assert.is(result.code, 'KQ2005');
  assert.match(result.reason, 'expected an email address');
});

test('customer_email: 300-character address (rejected before the regex)', () => {
  assert.is(bad('customer_email', `${'a'.repeat(290)}@example.com`).code, 'KQ2005');
});

test('customer_phone:+14155550123 customer_phone:14155550123', () => {
  assert.is(ok('customer_phone', '+14155550123'), '+14155550123');
  assert.is(ok('customer_shared_phone', '14155550123'), '14155550123');
});

test('customer_phone:+1 (415) 555-0123', () => {
  const result = bad('customer_phone', '+1 (415) 555-0123');
  assert.match(result.reason, 'phone number');
  assert.equal(result.suggestions, ['+14155550123']);
});

test('customer_phone:0123 (E.164 has no leading zero)', () => {
  assert.is(bad('customer_phone', '0123').code, 'KQ2005');
});

test('conversation_assigned_users:5822a4a5aa5f92110005d69a', () => {
  assert.is(ok('conversation_assigned_users', '5822a4a5aa5f92110005d69a'), '5822a4a5aa5f92110005d69a');
});

test('conversation_assigned_users:bob', () => {
  assert.equal(bad('conversation_assigned_users', 'bob'), {
    ok: false,
    code: 'KQ2005',
    reason: 'expected a 24-character hex user id',
  });
});

test('conversation_assigned_teams:bob conversation_queue:bob', () => {
  assert.is(bad('conversation_assigned_teams', 'bob').reason, 'expected a 24-character hex team id');
  assert.is(bad('conversation_queue', 'bob').reason, 'expected a 24-character hex queue id');
});

test('customer_created_by:000000000000000000000000 (quirk: the id pattern needs a digit and a letter)', () => {
  const result = bad('customer_created_by', '000000000000000000000000');
  assert.match(result.reason, 'both digits and letters');
});

test('customer_tags:anything conversation_sla_id:x (list without constraints)', () => {
  assert.is(ok('customer_tags', 'anything'), 'anything');
  assert.is(ok('conversation_sla_id', 'x'), 'x');
});

test('customer_name:"" message_body:refund customer_any_text:x', () => {
  assert.is(ok('customer_name', ''), '');
  assert.is(ok('message_body', 'refund'), 'refund');
  assert.is(ok('customer_any_text', 'x'), 'x');
});

// --- numbers ----------------------------------------------------------------------------------------------------------

test('conversation_message_count:-12 1.5 1e3 0', () => {
  assert.is(ok('conversation_message_count', '-12'), -12);
  assert.is(ok('conversation_message_count', '1.5'), 1.5);
  assert.is(ok('conversation_message_count', '1e3'), 1000);
  assert.is(ok('conversation_message_count', '0'), 0);
});

test('conversation_message_count:0x1 abc "" 01 .5 NaN Infinity', () => {
  for (const raw of ['0x1', 'abc', '', '01', '.5', 'NaN', 'Infinity', ' 1', '1 ', '--1']) {
    const result = bad('conversation_message_count', raw);
    assert.is(result.code, 'KQ2006', raw);
    assert.ok(result.help !== undefined, raw);
  }
});

test('conversation_message_count:+5 1,000 .5 (suggested fixes)', () => {
  assert.equal(bad('conversation_message_count', '+5').suggestions, ['5']);
  assert.equal(bad('conversation_message_count', '1,000').suggestions, ['1000']);
  assert.equal(bad('conversation_message_count', '.5').suggestions, ['0.5']);
});

test('conversation_message_count:1e999 (not finite)', () => {
  assert.match(bad('conversation_message_count', '1e999').reason, 'too large');
});

test('conversation_priority:1 5', () => {
  assert.is(ok('conversation_priority', '1'), 1);
  assert.is(ok('conversation_priority', '5'), 5);
});

test('conversation_priority:0 6 2.5', () => {
  for (const raw of ['0', '6', '2.5']) {
    assert.equal(bad('conversation_priority', raw), {
      ok: false,
      code: 'KQ2005',
      reason: 'expected a whole number from 1 to 5',
    });
  }
});

test('conversation_priority:high', () => {
  assert.is(bad('conversation_priority', 'high').code, 'KQ2006');
});

test('note_attachment_count:3 (quirk: schema $ref user, kind number → number)', () => {
  assert.is(ok('note_attachment_count', '3'), 3);
  assert.is(bad('note_attachment_count', '5822a4a5aa5f92110005d69a').code, 'KQ2006');
});

test('tracking_events:4 (quirk: schema type string, kind number → number)', () => {
  assert.is(ok('tracking_events', '4'), 4);
  assert.is(bad('tracking_events', 'x').code, 'KQ2006');
});

// --- booleans ---------------------------------------------------------------------------------------------------------

test('customer_imported:true FALSE', () => {
  assert.is(ok('customer_imported', 'true'), true);
  assert.is(ok('customer_imported', 'FALSE'), false);
});

test('customer_imported:yes', () => {
  assert.equal(bad('customer_imported', 'yes'), {
    ok: false,
    code: 'KQ2007',
    reason: "'yes' is neither true nor false",
    suggestions: ['true'],
    help: 'Write true or false.',
  });
});

test('customer_imported:treu', () => {
  assert.equal(bad('customer_imported', 'treu').suggestions, ['true']);
});

test('message_direction:in (quirk: boolean kind with enum in/out stays a string)', () => {
  assert.is(ok('message_direction', 'in'), 'in');
  assert.is(ok('message_direction', 'out'), 'out');
});

test('message_direction:true', () => {
  const result = bad('message_direction', 'true');
  assert.is(result.code, 'KQ2005');
  assert.is(result.reason, "'true' is not one of in, out");
});

test('note_deleted:true (quirk: schema $ref user, kind boolean → boolean)', () => {
  assert.is(ok('note_deleted', 'true'), true);
});

test('message_redacted:false message_auto:true conversation_time_*:True (quirk: schema type string → boolean)', () => {
  assert.is(ok('message_redacted', 'false'), false);
  assert.is(ok('message_auto', 'true'), true);
  for (const name of [
    'conversation_time_touched',
    'conversation_time_reopened',
    'conversation_time_snoozed',
    'conversation_time_resolved',
  ]) {
    assert.is(ok(name, 'True'), true, name);
  }
});

// --- datetime ---------------------------------------------------------------------------------------------------------

test('customer_updated_at:2016-06-24 and :whatever (datetime is not checked here)', () => {
  assert.is(ok('customer_updated_at', '2016-06-24'), '2016-06-24');
  assert.is(ok('customer_updated_at', 'whatever'), 'whatever');
});

// --- custom attributes ------------------------------------------------------------------------------------------------

const org = createCatalog([
  { name: 'customer_custom_tierStr', values: ['gold', 'silver'] },
  { name: 'customer_custom_levelNum', values: [1, 2, 3] },
  { name: 'customer_custom_vipBool' },
  { name: 'customer_custom_noteTxt' },
]).catalog;

function custom(name: string, catalog = org): FieldInfo {
  const result = resolveField(catalog, name);
  if (!result.ok) throw new Error(`${name} did not resolve`);
  return result.field;
}

test('customer_custom_tierStr:gold customer_custom_tierStr:gld', () => {
  assert.equal(checkValue(custom('customer_custom_tierStr'), 'gold'), { ok: true, value: 'gold' });
  assert.equal(bad(custom('customer_custom_tierStr'), 'gld'), {
    ok: false,
    code: 'KQ2005',
    reason: "'gld' is not one of gold, silver",
    suggestions: ['gold'],
  });
});

test('customer_custom_levelNum:2 customer_custom_levelNum:4', () => {
  assert.equal(checkValue(custom('customer_custom_levelNum'), '2'), { ok: true, value: 2 });
  assert.is(bad(custom('customer_custom_levelNum'), '4').code, 'KQ2005');
  assert.is(bad(custom('customer_custom_levelNum'), 'two').code, 'KQ2006');
});

test('customer_custom_vipBool:true customer_custom_vipBool:maybe', () => {
  assert.equal(checkValue(custom('customer_custom_vipBool'), 'TRUE'), { ok: true, value: true });
  assert.is(bad(custom('customer_custom_vipBool'), 'maybe').code, 'KQ2007');
});

test('customer_custom_noteTxt:anything message_custom_amountNum:12.5 (no list)', () => {
  assert.equal(checkValue(custom('customer_custom_noteTxt'), 'anything'), { ok: true, value: 'anything' });
  const [catalog] = [createCatalog().catalog];
  assert.equal(checkValue(custom('message_custom_amountNum', catalog), '12.5'), { ok: true, value: 12.5 });
  assert.equal(checkValue(custom('message_custom_refId', catalog), 'abc'), { ok: true, value: 'abc' });
});

test('every standard field accepts a check of x, 1 and true without throwing', () => {
  for (const info of standardFields.values()) {
    for (const raw of ['x', '1', 'true', '', '5822a4a5aa5f92110005d69a']) checkValue(info, raw);
  }
});

test('customer_email and customer_phone with 1 MB values', () => {
  bad('customer_email', `a@${'a.'.repeat(500_000)}!`);
  bad('customer_phone', '1'.repeat(1_000_000));
  bad('conversation_assigned_users', 'a'.repeat(1_000_000));
  assert.is(bad('conversation_priority', '1'.repeat(1_000_000)).code, 'KQ2006');
  const long = bad('conversation_status', 'x'.repeat(1_000_000));
  assert.ok(long.reason.length < 200);
});

// --- the problem as data (the wording is the catalogue's) ----------------------------------------------------------

test('conversation_status:opne (problem data: enum, with the allowed values)', () => {
  const r = problem('conversation_status', 'opne');
  assert.equal(r.problem, { reason: 'enum', allowed: ['snoozed', 'open', 'done'] });
  assert.equal(r.suggestions, ['open']);
});

test('customer_email:jane conversation_assigned_users:5822a4a5aa5f92110005d690 (problem data: format, id)', () => {
  assert.equal(problem('customer_email', 'jane').problem, { reason: 'format', format: 'email' });
  assert.equal(problem('conversation_assigned_users', 'bob').problem, { reason: 'id', collection: 'user', unmixed: false });
  assert.equal(problem('conversation_assigned_users', '582222222222222222222222').problem, { reason: 'id', collection: 'user', unmixed: true });
});

test('conversation_priority:high conversation_priority:9 customer_imported:yes (problem data: notNumber, number, notBoolean)', () => {
  assert.equal(problem('conversation_priority', 'high').problem, { reason: 'notNumber', tooLarge: false });
  assert.equal(problem('conversation_priority', '9').problem, { reason: 'number', integer: true, min: 1, max: 5 });
  assert.equal(problem('customer_imported', 'yes').problem, { reason: 'notBoolean' });
});

test.run();
