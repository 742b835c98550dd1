import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  contextObject,
  contextSortFields,
  contextSuggestions,
  createCatalog,
  customSuffixKinds,
  defaultCatalog,
  isSortable,
  isValidContext,
  listFields,
  parseCustomName,
  queryContexts,
  resolveField,
  sortableFields,
  sortOnlyFields,
  sortSuggestions,
  standardFields,
  standardValueSchema,
  type FieldInfo,
  type ResolveResult,
} from '../../src/schema/index.js';

function field(name: string): FieldInfo {
  const info = standardFields.get(name);
  if (info === undefined) throw new Error(`no standard field ${name}`);
  return info;
}

function failure(result: ResolveResult): Extract<ResolveResult, { ok: false }> {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.field)}`);
  return result;
}

// --- standard fields --------------------------------------------------------------------------------------------------

test('standard-fields.json has 184 attributes', () => {
  assert.is(standardFields.size, 184);
});

test('conversation_status', () => {
  assert.equal(field('conversation_status'), {
    name: 'conversation_status',
    kind: 'list',
    object: 'conversation',
    context: 'conversation',
    custom: false,
    enum: ['snoozed', 'open', 'done'],
    schemaType: 'string',
  });
});

test('conversation_time_handle_time belongs to conversation', () => {
  assert.is(field('conversation_time_handle_time').object, 'conversation');
  assert.is(field('conversation_time_handle_time').context, 'conversation');
});

test('kobject_updated_at belongs to the kobject context', () => {
  assert.is(field('kobject_updated_at').object, 'kobject');
  assert.is(field('kobject_updated_at').context, 'kobject');
});

test('any_text and tracking_events have no object (quirk: no documented object)', () => {
  for (const name of ['any_text', 'tracking_events']) {
    assert.is(field(name).object, null);
    assert.is(field(name).context, null);
  }
});

test('customer_created_by ($ref user): collection users, schemaType string', () => {
  assert.is(field('customer_created_by').collection, 'users');
  assert.is(field('customer_created_by').schemaType, 'string');
  assert.is(standardValueSchema('customer_created_by')?.['pattern'], '^(?=[A-Fa-f\\d]{24}$)(\\d+[A-Fa-f]|[A-Fa-f]+\\d)');
});

test('conversation_queue and conversation_assigned_teams collections', () => {
  assert.is(field('conversation_queue').collection, 'queues');
  assert.is(field('conversation_assigned_teams').collection, 'teams');
});

test('conversation_first_message_in_sent_at has no schema type', () => {
  assert.is(field('conversation_first_message_in_sent_at').schemaType, undefined);
  assert.is(field('conversation_first_message_in_sent_at').kind, 'datetime');
});

test('quirk kinds: note_attachment_count number, note_deleted boolean, message_direction boolean with enum', () => {
  assert.is(field('note_attachment_count').kind, 'number');
  assert.is(field('note_deleted').kind, 'boolean');
  assert.is(field('message_direction').kind, 'boolean');
  assert.equal(field('message_direction').enum, ['in', 'out']);
  assert.is(field('tracking_events').kind, 'number');
  assert.is(field('tracking_events').schemaType, 'string');
});

test('standard field infos are frozen', () => {
  assert.ok(Object.isFrozen(field('customer_name')));
});

// --- custom attribute names ---------------------------------------------------------------------------------------------

test('customer_custom_tierStr', () => {
  assert.equal(parseCustomName('customer_custom_tierStr'), {
    ok: true,
    object: 'customer',
    base: 'tier',
    suffix: 'Str',
    kind: 'string',
  });
});

test('every suffix: Str Txt Num At Bool Url Id', () => {
  const expected = {
    Str: 'string',
    Txt: 'text',
    Num: 'number',
    At: 'datetime',
    Bool: 'boolean',
    Url: 'string',
    Id: 'string_notanalyzed',
  };
  for (const [suffix, kind] of Object.entries(expected)) {
    const parsed = parseCustomName(`message_custom_x${suffix}`);
    assert.ok(parsed.ok, suffix);
    if (parsed.ok) assert.is(parsed.kind, kind);
    assert.is(customSuffixKinds.get(suffix as 'Str'), kind);
  }
});

test('kobject_custom_ecomm-order_totalNum', () => {
  assert.equal(parseCustomName('kobject_custom_ecomm-order_totalNum'), {
    ok: true,
    object: 'kobject',
    klass: 'ecomm-order',
    base: 'total',
    suffix: 'Num',
    kind: 'number',
  });
});

test('kobject_custom_acme_orders-order_totalNum (klass with _ ends at the last _)', () => {
  const parsed = parseCustomName('kobject_custom_acme_orders-order_totalNum');
  assert.ok(parsed.ok);
  if (parsed.ok) assert.is(parsed.klass, 'acme_orders-order');
});

test('customer_custom_tier (missing suffix)', () => {
  const parsed = parseCustomName('customer_custom_tier');
  assert.equal(parsed, {
    ok: false,
    reason: 'suffix',
    message: 'has no type suffix; end it with one of Str, Txt, Num, At, Bool, Url, Id',
    suggestions: [],
  });
});

test('customer_custom_tierString (unknown suffix)', () => {
  const parsed = parseCustomName('customer_custom_tierString');
  assert.is(parsed.ok, false);
  if (!parsed.ok) {
    assert.is(parsed.reason, 'suffix');
    assert.match(parsed.message, "ends in 'String'");
    assert.equal(parsed.suggestions, ['customer_custom_tierStr']);
  }
});

test('customer_custom_tierstr customer_custom_ownerID conversation_custom_orderDate', () => {
  const fixes = (name: string): string[] => {
    const parsed = parseCustomName(name);
    return parsed.ok ? [] : parsed.suggestions;
  };
  assert.equal(fixes('customer_custom_tierstr'), ['customer_custom_tierStr']);
  assert.equal(fixes('customer_custom_ownerID'), ['customer_custom_ownerId']);
  assert.equal(fixes('conversation_custom_orderDate'), ['conversation_custom_orderDateAt']);
});

const shapeErrors = [
  'customer_custom_',
  'kobject_custom_totalNum',
  'customer_custom_Str',
  'kobject_custom_a.b_xStr',
  'kobject_custom__xStr',
];

test(`shape errors: ${shapeErrors.join(' ')} customer_custom_my_fieldStr`, () => {
  for (const name of shapeErrors) {
    const parsed = parseCustomName(name);
    assert.is(parsed.ok, false, name);
    if (!parsed.ok) assert.is(parsed.reason, 'shape', name);
  }
  const parsed = parseCustomName('customer_custom_my_fieldStr');
  assert.is(parsed.ok, false);
  if (!parsed.ok) assert.equal(parsed.suggestions, ['customer_custom_myFieldStr']);
});

test('not custom: conversation_status user_custom_xStr Customer_Custom_tierStr', () => {
  for (const name of ['conversation_status', 'user_custom_xStr']) {
    const parsed = parseCustomName(name);
    assert.is(parsed.ok, false);
    if (!parsed.ok) assert.is(parsed.reason, 'shape');
  }
  const parsed = parseCustomName('Customer_Custom_tierStr');
  assert.is(parsed.ok, false);
  if (!parsed.ok) assert.equal(parsed.suggestions, ['customer_custom_tierStr']);
});

// --- resolveField ------------------------------------------------------------------------------------------------------

test('resolve conversation_status', () => {
  const result = resolveField(defaultCatalog, 'conversation_status');
  assert.ok(result.ok);
  if (result.ok) assert.is(result.field, field('conversation_status'));
});

test('resolve customer_custom_tierStr without a list', () => {
  assert.equal(resolveField(defaultCatalog, 'customer_custom_tierStr'), {
    ok: true,
    field: { name: 'customer_custom_tierStr', kind: 'string', object: 'customer', context: 'customer', custom: true },
  });
});

test('resolve kobject_custom_ecomm-order_totalNum without a list', () => {
  const result = resolveField(defaultCatalog, 'kobject_custom_ecomm-order_totalNum');
  assert.ok(result.ok);
  if (result.ok) {
    assert.is(result.field.kind, 'number');
    assert.is(result.field.klass, 'ecomm-order');
    assert.is(result.field.context, 'kobject_ecomm-order');
  }
});

test('resolve customer_custom_tier (KQ2002)', () => {
  const result = failure(resolveField(defaultCatalog, 'customer_custom_tier'));
  assert.is(result.problem, 'customSuffix');
  assert.match(result.problem === 'customSuffix' ? result.detail : '', 'Str, Txt, Num, At, Bool, Url, Id');
});

test('resolve customer_custom_tierBlob (KQ2002, unknown suffix)', () => {
  const result = failure(resolveField(defaultCatalog, 'customer_custom_tierBlob'));
  assert.is(result.problem, 'customSuffix');
  assert.match(result.problem === 'customSuffix' ? result.detail : '', "'Blob'");
});

test('resolve kobject_custom_totalNum (KQ2002, no klass)', () => {
  assert.is(failure(resolveField(defaultCatalog, 'kobject_custom_totalNum')).problem, 'customSuffix');
});

test('resolve conversation_statu', () => {
  const result = failure(resolveField(defaultCatalog, 'conversation_statu'));
  assert.equal(result.problem === 'unknownField' && result.sortOnly, false);
  assert.equal(result.suggestions, ['conversation_status']);
});

test('resolve status', () => {
  assert.equal(failure(resolveField(defaultCatalog, 'status')).suggestions, [
    'conversation_status',
    'customer_status',
    'message_status',
  ]);
});

test('resolve createdAt', () => {
  assert.equal(failure(resolveField(defaultCatalog, 'createdAt')).suggestions, [
    'conversation_created_at',
    'customer_created_at',
    'message_created_at',
  ]);
});

test('resolve customerExternalId Conversation_Status priority', () => {
  assert.equal(failure(resolveField(defaultCatalog, 'customerExternalId')).suggestions, ['customer_externalId']);
  assert.equal(failure(resolveField(defaultCatalog, 'Conversation_Status')).suggestions, ['conversation_status']);
  assert.equal(failure(resolveField(defaultCatalog, 'priority')).suggestions, ['conversation_priority']);
});

test('resolve __proto__ constructor toString hasOwnProperty', () => {
  for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
    const result = failure(resolveField(defaultCatalog, name));
    assert.is(result.problem, 'unknownField', name);
    assert.equal(result.suggestions, [], name);
  }
});

test('resolve customer_done (sort-only name)', () => {
  const result = failure(resolveField(defaultCatalog, 'customer_done'));
  assert.equal(result.problem === 'unknownField' && result.sortOnly, true);
  assert.not.ok(result.suggestions.includes('customer_done'));
});

test('resolve customer_opn never suggests sort-only customer_open', () => {
  assert.not.ok(failure(resolveField(defaultCatalog, 'customer_opn')).suggestions.includes('customer_open'));
});

test('resolve a 1 MB name', () => {
  const name = 'conversation_'.repeat(80_000);
  const result = failure(resolveField(defaultCatalog, name));
  assert.is(result.problem, 'unknownField');
  assert.equal(result.suggestions, []);
});

// --- catalogs with a custom attribute list -----------------------------------------------------------------------------

const org = createCatalog([
  { name: 'customer_custom_tierStr', type: 'list', values: ['gold', 'silver'], label: 'Tier' },
  { name: 'kobject_custom_ecomm-order_totalNum' },
  { name: 'conversation_custom_vipBool' },
]);

test('createCatalog with a valid list has no problems', () => {
  assert.equal(org.problems, []);
  assert.equal(org.catalog.fields.get('customer_custom_tierStr'), {
    name: 'customer_custom_tierStr',
    kind: 'list',
    object: 'customer',
    context: 'customer',
    custom: true,
    enum: ['gold', 'silver'],
    label: 'Tier',
  });
});

test('createCatalog() is the cached default catalog', () => {
  assert.is(createCatalog().catalog, defaultCatalog);
  assert.is(createCatalog(undefined).catalog, createCatalog().catalog);
  assert.is(defaultCatalog.custom, null);
});

test('with list: customer_custom_tierStr resolves, customer_custom_teirStr is KQ2003', () => {
  assert.ok(resolveField(org.catalog, 'customer_custom_tierStr').ok);
  const result = failure(resolveField(org.catalog, 'customer_custom_teirStr'));
  assert.is(result.problem, 'unknownCustom');
  assert.equal(result.suggestions, ['customer_custom_tierStr']);
  assert.ok(result.problem === 'unknownCustom' && result.scope === 'customer' && result.siblings.includes('customer_custom_tierStr'));
});

test('with list: kobject_custom_ecomm-order_totlNum is KQ2003', () => {
  const result = failure(resolveField(org.catalog, 'kobject_custom_ecomm-order_totlNum'));
  assert.is(result.problem, 'unknownCustom');
  assert.equal(result.suggestions, ['kobject_custom_ecomm-order_totalNum']);
});

test('with list: message_custom_otherStr is KQ2003 without suggestions', () => {
  const result = failure(resolveField(org.catalog, 'message_custom_otherStr'));
  assert.is(result.problem, 'unknownCustom');
  assert.equal(result.suggestions, []);
});

test('with list: customer_custom_tierstr is KQ2002 suggesting the listed name', () => {
  const result = failure(resolveField(org.catalog, 'customer_custom_tierstr'));
  assert.is(result.problem, 'customSuffix');
  assert.equal(result.suggestions, ['customer_custom_tierStr']);
});

test('with list: tier suggests customer_custom_tierStr', () => {
  assert.equal(failure(resolveField(org.catalog, 'tierStr')).suggestions, ['customer_custom_tierStr']);
});

test('with an empty list every custom name is KQ2003', () => {
  const { catalog, problems } = createCatalog([]);
  assert.equal(problems, []);
  assert.is(failure(resolveField(catalog, 'customer_custom_tierStr')).problem, 'unknownCustom');
});

test('createCatalog problems: bad name, conflicting type, duplicate, bad values, bad label', () => {
  const { catalog, problems } = createCatalog([
    { name: 'conversation_status' },
    { name: 'customer_custom_tier' },
    { name: 'customer_custom_ageNum', type: 'string' },
    { name: 'customer_custom_ageNum' },
    { name: 'customer_custom_levelNum', values: ['a'] },
    { name: 'customer_custom_noteStr', label: 3 as unknown as string },
    { name: 'customer_custom_kindStr', type: 'banana' as unknown as 'string' },
    null as unknown as { name: string },
    { name: 42 as unknown as string },
  ]);
  assert.equal(
    problems.map((p) => p.name),
    [
      'conversation_status',
      'customer_custom_tier',
      'customer_custom_ageNum',
      'customer_custom_ageNum',
      'customer_custom_levelNum',
      'customer_custom_noteStr',
      'customer_custom_kindStr',
      'null',
      '42',
    ],
  );
  assert.match(problems[1]!.message, 'has no type suffix');
  assert.match(problems[2]!.message, 'conflicts with its Num suffix');
  // Decision: the suffix wins over a conflicting declared type; the definition is kept.
  assert.is(catalog.fields.get('customer_custom_ageNum')?.kind, 'number');
  assert.is(catalog.fields.get('customer_custom_levelNum')?.enum, undefined);
  assert.is(catalog.fields.get('customer_custom_noteStr')?.label, undefined);
  assert.is(catalog.fields.get('customer_custom_kindStr')?.kind, 'string');
  assert.not.ok(catalog.fields.has('customer_custom_tier'));
});

test('createCatalog: a compatible declared type wins (Str declared string_notanalyzed)', () => {
  const { catalog, problems } = createCatalog([{ name: 'customer_custom_skuStr', type: 'string_notanalyzed' }]);
  assert.equal(problems, []);
  assert.is(catalog.fields.get('customer_custom_skuStr')?.kind, 'string_notanalyzed');
});

test('createCatalog: a custom attribute named __proto__ is simply invalid', () => {
  const { catalog, problems } = createCatalog([{ name: '__proto__' }, { name: 'customer_custom___proto__Str' }]);
  assert.is(problems.length, 2);
  assert.is(catalog.custom?.size, 0);
  assert.is(failure(resolveField(catalog, '__proto__')).problem, 'unknownField');
});

// --- listFields --------------------------------------------------------------------------------------------------------

test('listFields status', () => {
  assert.equal(
    listFields(defaultCatalog, 'STATUS').map((f) => f.name),
    [
      'conversation_satisfaction_status',
      'conversation_sla_status',
      'conversation_status',
      'conversation_sub_status',
      'customer_progressive_status',
      'customer_status',
      'message_status',
    ],
  );
});

test('listFields kobject_*', () => {
  assert.equal(
    listFields(defaultCatalog, 'kobject_*').map((f) => f.name),
    ['kobject_any_text', 'kobject_created_at', 'kobject_imported', 'kobject_imported_at', 'kobject_updated_at'],
  );
});

test('listFields customer_?ame and a label', () => {
  assert.equal(listFields(defaultCatalog, 'customer_?ame').map((f) => f.name), ['customer_name']);
  assert.equal(listFields(org.catalog, 'tier').map((f) => f.name), ['customer_custom_tierStr']);
});

test('listFields with no pattern lists everything, sorted', () => {
  const names = listFields(org.catalog).map((f) => f.name);
  assert.is(names.length, 187);
  assert.equal(names, [...names].sort());
});

// A glob matcher that backtracks would not finish on this input; timing belongs in bench/ (never in a test).
test("listFields with a 1 MB glob ('*a' × 500,000 + 'zzz')", () => {
  assert.equal(listFields(defaultCatalog, '*a'.repeat(500_000) + 'zzz'), []);
});

// --- sorting -----------------------------------------------------------------------------------------------------------

test('sortableFields has the 18 documented names', () => {
  assert.is(sortableFields.size, 18);
  assert.equal([...sortOnlyFields], ['customer_lastmessage_preview', 'customer_done', 'customer_open', 'customer_snoozed']);
});

test('isSortable customer_name in any context', () => {
  assert.ok(isSortable('customer_name', 'customer'));
  assert.ok(isSortable('customer_name', 'conversation'));
  assert.ok(isSortable('customer_done', 'customer'));
});

test('isSortable conversation_updated_at in conversation, not in customer', () => {
  assert.ok(isSortable('conversation_updated_at', 'conversation'));
  assert.ok(isSortable('conversation_created_at', 'conversation'));
  assert.not.ok(isSortable('conversation_updated_at', 'customer'));
  assert.not.ok(isSortable('conversation_status', 'conversation'));
});

test('isSortable company_updated_at in company (not a filter field)', () => {
  assert.ok(isSortable('company_updated_at', 'company'));
});

test('isSortable kobject_updated_at in kobject and kobject_ecomm-order', () => {
  assert.ok(isSortable('kobject_updated_at', 'kobject'));
  assert.ok(isSortable('kobject_created_at', 'kobject_ecomm-order'));
  assert.not.ok(isSortable('kobject_ecomm-order_updated_at', 'kobject_ecomm-order'));
});

test('isSortable __proto__ in an invalid context', () => {
  assert.not.ok(isSortable('__proto__', 'customer'));
  assert.equal(contextSortFields('nope'), []);
  assert.not.ok(isSortable('nope_updated_at', 'nope'));
});

test('sortSuggestions customer_nme updated_at', () => {
  assert.equal(sortSuggestions('customer_nme', 'customer'), ['customer_name']);
  assert.equal(sortSuggestions('updated_at', 'conversation'), ['conversation_updated_at', 'customer_updated_at']);
  assert.equal(sortSuggestions('conversation_updatd_at', 'conversation'), ['conversation_updated_at']);
});

// --- contexts ----------------------------------------------------------------------------------------------------------

test('isValidContext customer conversation message company note kobject kobject_ecomm-order', () => {
  for (const c of [...queryContexts, 'kobject_ecomm-order', 'kobject_acme_orders-order']) assert.ok(isValidContext(c), c);
});

test('isValidContext conversations kobject_ Customer __proto__ kobject_a.b', () => {
  for (const c of ['conversations', 'kobject_', 'Customer', '__proto__', 'kobject_a.b', '', 'user']) {
    assert.not.ok(isValidContext(c), c);
  }
});

test('contextObject conversation kobject_order nope', () => {
  assert.is(contextObject('conversation'), 'conversation');
  assert.is(contextObject('kobject_order'), 'kobject');
  assert.is(contextObject('nope'), null);
});

test('contextSuggestions conversations Customer kobject-order', () => {
  assert.equal(contextSuggestions('conversations'), ['conversation']);
  assert.equal(contextSuggestions('Customer'), ['customer']);
  assert.equal(contextSuggestions('kobject-order'), ['kobject_order']);
});

test('contextSuggestions kobject_ecom-order with the catalog klass', () => {
  const { catalog } = createCatalog([{ name: 'kobject_custom_ecomm-order_totalNum' }]);
  assert.equal(contextSuggestions('kobject_ecom-order', catalog), ['kobject_ecomm-order']);
});

test.run();
