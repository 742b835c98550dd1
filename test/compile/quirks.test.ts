/**
 * The standard-fields schema's oddities (kustomer-search-api.md §2.3 "Schema oddities") and the decision taken for
 * each (src/schema/values.ts): the operator kind decides the JSON type; the field's own schema then constrains the
 * value where it applies. One test per query.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { c, expectBody, expectProblems, run } from './helpers.js';

const note = (and: object[]) => ({ queryContext: 'note', and });
const message = (and: object[]) => ({ queryContext: 'message', and });
const conv = (and: object[]) => ({ queryContext: 'conversation', and });
const cust = (and: object[]) => ({ queryContext: 'customer', and });

/** The message of the only error of `text`. */
function errorMessage(text: string): string {
  const errors = run(text).diagnostics.filter((d) => d.severity === 'error');
  assert.is(errors.length, 1, `expected one error for ${text}`);
  return errors[0]!.message;
}

// --- note_deleted: operator boolean, but `$ref: user` (a 24-hex id) in the schema → a JSON boolean -----------------------

test('note_deleted:true', () => expectBody('note_deleted:true', note([c('note_deleted', 'equals', true)])));
test('note_deleted:false', () => expectBody('note_deleted:false', note([c('note_deleted', 'equals', false)])));
test('-note_deleted:true', () => expectBody('-note_deleted:true', { queryContext: 'note', not: [c('note_deleted', 'equals', true)] }));
test('note_deleted:5822a4a5aa5f92110005d69a', () => expectProblems('note_deleted:5822a4a5aa5f92110005d69a', [['KQ2007', 13, 37]]));

// --- note_attachment_count: operator number, `$ref: user` in the schema → a JSON number ------------------------------------

test('note_attachment_count>2', () => expectBody('note_attachment_count>2', note([c('note_attachment_count', 'gt', 2)])));
test('note_attachment_count:0', () => expectBody('note_attachment_count:0', note([c('note_attachment_count', 'equals', 0)])));
test('note_attachment_count:1..3', () =>
  expectBody('note_attachment_count:1..3', note([c('note_attachment_count', 'gte', 1), c('note_attachment_count', 'lte', 3)])));
test('note_attachment_count:abc', () => expectProblems('note_attachment_count:abc', [['KQ2006', 22, 25]]));

// --- message_direction: operator boolean with enum in/out → the enum string, as the docs' recipes send it ----------------

test('message_direction:in', () => expectBody('message_direction:in', message([c('message_direction', 'equals', 'in')])));
test('message_direction:out', () => expectBody('message_direction:out', message([c('message_direction', 'equals', 'out')])));
test('message_direction:in,out', () =>
  expectBody('message_direction:in,out', message([c('message_direction', 'in', ['in', 'out'])])));
test('message_direction:true', () => {
  expectProblems('message_direction:true', [['KQ2005', 18, 22]]);
  assert.is(errorMessage('message_direction:true'), "Invalid value 'true' for field 'message_direction': 'true' is not one of in, out.");
});
test('message_direction:IN', () => expectProblems('message_direction:IN', [['KQ2005', 18, 20]]));
test('message_direction>in', () => expectProblems('message_direction>in', [['KQ2004', 17, 18]]));
// the list attributes with the same enum are plain lists
test('conversation_direction:out', () =>
  expectBody('conversation_direction:out', conv([c('conversation_direction', 'equals', 'out')])));

// --- boolean kind, JSON type string in the schema → a JSON boolean -----------------------------------------------------

test('message_redacted:true', () => expectBody('message_redacted:true', message([c('message_redacted', 'equals', true)])));
test('message_auto:False', () => expectBody('message_auto:False', message([c('message_auto', 'equals', false)])));
test('conversation_time_touched:true', () =>
  expectBody('conversation_time_touched:true', conv([c('conversation_time_touched', 'equals', true)])));
test('message_redacted:"true"', () => expectBody('message_redacted:"true"', message([c('message_redacted', 'equals', true)])));
test('message_redacted:yes', () => {
  expectProblems('message_redacted:yes', [['KQ2007', 17, 20]]);
  assert.equal(run('message_redacted:yes').diagnostics[0]!.suggestions, ['true']);
});

// --- tracking_events: operator number, JSON type string → a JSON number; no object prefix → the default context -----------

test('tracking_events:5', () => expectBody('tracking_events:5', cust([c('tracking_events', 'equals', 5)])));
test('tracking_events>=10', () => expectBody('tracking_events>=10', cust([c('tracking_events', 'gte', 10)])));
test('tracking_events:abc', () => expectProblems('tracking_events:abc', [['KQ2006', 16, 19]]));

// --- conversation_priority: integer 1..5 -----------------------------------------------------------------------------------

test('conversation_priority:5', () => expectBody('conversation_priority:5', conv([c('conversation_priority', 'equals', 5)])));
test('conversation_priority:6', () => {
  expectProblems('conversation_priority:6', [['KQ2005', 22, 23]]);
  assert.is(errorMessage('conversation_priority:6'), "Invalid value '6' for field 'conversation_priority': expected a whole number from 1 to 5.");
});
test('conversation_priority:2.5', () => expectProblems('conversation_priority:2.5', [['KQ2005', 22, 25]]));
test('conversation_priority>=0', () => expectProblems('conversation_priority>=0', [['KQ2005', 23, 24]]));
test('conversation_priority:1..6', () => expectProblems('conversation_priority:1..6', [['KQ2005', 25, 26]]));

// --- conversation_first_message_in_sent_at: datetime with no JSON type in the schema → a date as usual ---------------------

test('conversation_first_message_in_sent_at>=2024-01-01', () =>
  expectBody(
    'conversation_first_message_in_sent_at>=2024-01-01',
    conv([c('conversation_first_message_in_sent_at', 'gte', '2024-01-01')]),
  ));
test('conversation_first_message_out_sent_at:2024-01-01', () =>
  expectBody(
    'conversation_first_message_out_sent_at:2024-01-01',
    conv([
      c('conversation_first_message_out_sent_at', 'gte', '2024-01-01'),
      c('conversation_first_message_out_sent_at', 'lt', '2024-01-02'),
    ]),
  ));
test('conversation_first_message_in_sent_at:soon', () =>
  expectProblems('conversation_first_message_in_sent_at:soon', [['KQ2008', 38, 42]]));

// --- customer_email: format email, checked where the whole value is compared; contains takes any fragment ------------------

test('customer_email:jane@example.com', () =>
  expectBody('customer_email:jane@example.com', cust([c('customer_email', 'equals', 'jane@example.com')])));
test('customer_email:not-an-email', () => {
  expectProblems('customer_email:not-an-email', [['KQ2005', 15, 27]]);
  assert.is(
    errorMessage('customer_email:not-an-email'),
    "Invalid value 'not-an-email' for field 'customer_email': expected an email address, e.g. jane@example.com.",
  );
});
test('customer_email~@acme.example', () =>
  expectBody('customer_email~@acme.example', cust([c('customer_email', 'contains', '@acme.example')])));
test('customer_email:a@x.example,bad', () => expectProblems('customer_email:a@x.example,bad', [['KQ2005', 27, 30]]));
test('customer_shared_email:ok@x.example', () =>
  expectBody('customer_shared_email:ok@x.example', cust([c('customer_shared_email', 'equals', 'ok@x.example')])));

// --- customer_phone: E.164 pattern ---------------------------------------------------------------------------------------

test('customer_phone:+15551234567', () =>
  expectBody('customer_phone:+15551234567', cust([c('customer_phone', 'equals', '+15551234567')])));
test('customer_phone:15551234567', () =>
  expectBody('customer_phone:15551234567', cust([c('customer_phone', 'equals', '15551234567')])));
test('customer_phone:+05551234567', () => expectProblems('customer_phone:+05551234567', [['KQ2005', 15, 27]]));
test('customer_phone:"+1 (555) 123-4567"', () => {
  expectProblems('customer_phone:"+1 (555) 123-4567"', [['KQ2005', 15, 34]]);
  assert.equal(run('customer_phone:"+1 (555) 123-4567"').diagnostics[0]!.suggestions, ['+15551234567']);
});

// --- user, team and queue references: 24-hex ids ---------------------------------------------------------------------------

test('conversation_assigned_users:5822a4a5aa5f92110005d69a', () =>
  expectBody(
    'conversation_assigned_users:5822a4a5aa5f92110005d69a',
    conv([c('conversation_assigned_users', 'equals', '5822a4a5aa5f92110005d69a')]),
  ));
test('conversation_assigned_users:bob', () => {
  expectProblems('conversation_assigned_users:bob', [['KQ2005', 28, 31]]);
  assert.is(
    errorMessage('conversation_assigned_users:bob'),
    "Invalid value 'bob' for field 'conversation_assigned_users': expected a 24-character hex user id.",
  );
});
test('conversation_assigned_users:123456789012345678901234', () => {
  // 24 hex digits, but the schema's pattern also wants a letter a-f
  expectProblems('conversation_assigned_users:123456789012345678901234', [['KQ2005', 28, 52]]);
  assert.match(errorMessage('conversation_assigned_users:123456789012345678901234'), 'both digits and letters a-f');
});
test('no:conversation_assigned_users', () =>
  expectBody('no:conversation_assigned_users', conv([c('conversation_assigned_users', 'not_set', '')])));
test('conversation_queue:5822a4a5aa5f92110005d69a', () =>
  expectBody('conversation_queue:5822a4a5aa5f92110005d69a', conv([c('conversation_queue', 'equals', '5822a4a5aa5f92110005d69a')])));
test('conversation_queue:support', () => {
  expectProblems('conversation_queue:support', [['KQ2005', 19, 26]]);
  assert.is(errorMessage('conversation_queue:support'), "Invalid value 'support' for field 'conversation_queue': expected a 24-character hex queue id.");
});
test('conversation_assigned_teams:support', () => {
  expectProblems('conversation_assigned_teams:support', [['KQ2005', 28, 35]]);
  assert.match(errorMessage('conversation_assigned_teams:support'), 'expected a 24-character hex team id');
});

// --- enums: did-you-mean -------------------------------------------------------------------------------------------------

test('conversation_status:opne', () => {
  expectProblems('conversation_status:opne', [['KQ2005', 20, 24]]);
  assert.equal(run('conversation_status:opne').diagnostics[0]!.suggestions, ['open']);
});
test('customer_gender:x', () => expectProblems('customer_gender:x', [['KQ2005', 16, 17]]));
test('conversation_channels:email', () =>
  expectBody('conversation_channels:email', conv([c('conversation_channels', 'equals', 'email')])));

test.run();
