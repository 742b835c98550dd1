/**
 * The operator × kind table of the reference semantics (src/evaluate/atoms.ts), one test per row, each named by its
 * input: the criterion, the time zone when there is one, and the record. A last test checks that every cell of the
 * table — each operator on each of the 8 kinds — has a row, and that the defined cells are the ones the compiler's
 * checker allows (src/check/operators.ts).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isDefined, atomKinds, atomOperators, type AtomOperator } from '../../src/evaluate/atoms.js';
import { allows } from '../../src/check/operators.js';
import { resolveField, createCatalog, type FieldKind } from '../../src/index.js';
import { evaluate, prepareCriteria } from '../../src/evaluate/index.js';

type Criterion = Record<string, Record<string, unknown>>;

/** A row: the criterion, the record, and the answer (or, for a criterion without meaning, a piece of the error). */
type Row = readonly [criterion: Criterion, record: Record<string, unknown>, expected: boolean, timeZone?: string];
type Refusal = readonly [criterion: Criterion, messagePart: string];

const ny = 'America/New_York';

const rows: Row[] = [
  // --- any (full text: any_text, <object>_any_text) -----------------------------------------------------------
  [{ any_text: { contains: 'refund' } }, { message_body: 'Please REFUND me' }, true],
  [{ any_text: { contains: 'refund' } }, { message_body: 'refunded twice' }, false],
  [{ any_text: { contains: 'double charged' } }, { conversation_name: 'Double-Charged' }, true],
  [{ any_text: { contains: 'charged double' } }, { message_body: 'double charged' }, false],
  [{ any_text: { contains: 'refund' } }, { any_text: 'refund', message_body: 'nothing here' }, true],
  [{ any_text: { contains: 'refund' } }, { any_text: 'nothing', message_body: 'refund' }, false],
  [{ any_text: { contains: 'refund' } }, { conversation_status: 'refund', id: 'refund' }, false],
  [{ any_text: { contains: '@acme.example' } }, { customer_email: 'jane@acme.example' }, true],
  [{ any_text: { contains: '-' } }, { message_body: '-' }, false],
  [{ customer_any_text: { contains: 'gold' } }, { customer_custom_tierStr: 'Gold', message_body: 'x' }, true],
  [{ customer_any_text: { contains: 'refund' } }, { message_body: 'refund' }, false],
  [{ any_text: { not_set: '' } }, {}, true],
  [{ any_text: { not_set: '' } }, { message_body: 'x' }, false],
  [{ customer_any_text: { not_set: true } }, { message_body: 'x' }, true],

  // --- string (analysed: customer_name, customer_email) ----------------------------------------------------------
  [{ customer_name: { equals: 'Jane Doe' } }, { customer_name: 'jane doe' }, true],
  [{ customer_name: { equals: 'Jane' } }, { customer_name: 'Jane Doe' }, false],
  [{ customer_name: { equals: 'Jane' } }, { customer_name: ['Ann', 'JANE'] }, true],
  [{ customer_name: { equals: 'Jane' } }, { customer_name: null }, false],
  [{ customer_name: { equals: 'Jane' } }, {}, false],
  [{ customer_name: { in: ['ann', 'jane'] } }, { customer_name: 'Jane' }, true],
  [{ customer_name: { in: ['ann', 'jane'] } }, { customer_name: 'Bob' }, false],
  [{ customer_name: { contains: 'doe' } }, { customer_name: 'Jane Doe' }, true],
  [{ customer_name: { contains: 'do' } }, { customer_name: 'Jane Doe' }, false],
  [{ customer_name: { contains: 'jane doe' } }, { customer_name: 'Doe, Jane' }, false],
  [{ customer_email: { contains: '@acme.example' } }, { customer_email: 'jane@acme.example' }, true],
  [{ customer_email: { contains: 'jane' } }, { customer_email: 'jane.doe@acme.example' }, false],
  [{ customer_name: { not_set: '' } }, { customer_name: '' }, false],
  [{ customer_name: { not_set: '' } }, { customer_name: [] }, true],
  [{ customer_name: { not_set: '' } }, { customer_name: null }, true],

  // --- text (analysed, long: message_body) -------------------------------------------------------------------------
  [{ message_body: { contains: 'refund' } }, { message_body: 'Refund please' }, true],
  [{ message_body: { contains: 'refund' } }, { message_body: 'refunds please' }, false],
  [{ message_body: { contains: 'ORD-1234' } }, { message_body: 'order ord-1234 is late' }, true],
  [{ message_body: { contains: '' } }, { message_body: 'anything' }, false],
  [{ message_body: { contains: 'refund' } }, { message_body: ['no', 'REFUND'] }, true],
  [{ message_body: { contains: 'double charged' } }, { message_body: ['double', 'charged'] }, false],
  [{ message_body: { contains: 'été' } }, { message_body: "C'est l'ÉTÉ" }, false],
  [{ message_body: { contains: "l'été" } }, { message_body: "C'est l'ÉTÉ" }, true],
  [{ message_body: { not_set: '' } }, { message_body: '' }, false],
  [{ message_body: { not_set: '' } }, {}, true],

  // --- list (customer_tags, conversation_status) -----------------------------------------------------------------
  [{ customer_tags: { equals: 'vip' } }, { customer_tags: ['gold', 'vip'] }, true],
  [{ customer_tags: { equals: 'vip' } }, { customer_tags: 'vip' }, true],
  [{ customer_tags: { equals: 'vip' } }, { customer_tags: 'VIP' }, false],
  [{ customer_tags: { equals: 'vip' } }, { customer_tags: [] }, false],
  [{ customer_tags: { equals: 'vip' } }, { customer_tags: [null] }, false],
  [{ customer_tags: { equals: 'vip' } }, { customer_tags: [['vip']] }, true],
  [{ customer_tags: { equals: '5' } }, { customer_tags: [5] }, true],
  [{ conversation_status: { in: ['open', 'snoozed'] } }, { conversation_status: 'snoozed' }, true],
  [{ conversation_status: { in: ['open', 'snoozed'] } }, { conversation_status: 'done' }, false],
  [{ customer_tags: { not_set: '' } }, { customer_tags: [] }, true],
  [{ customer_tags: { not_set: '' } }, { customer_tags: [null] }, true],
  [{ customer_tags: { not_set: '' } }, { customer_tags: { name: 'vip' } }, true],
  [{ customer_tags: { not_set: '' } }, { customer_tags: ['x'] }, false],

  // --- string_notanalyzed (customer_externalId) -------------------------------------------------------------------
  [{ customer_externalId: { equals: 'ORD-1234' } }, { customer_externalId: 'ORD-1234' }, true],
  [{ customer_externalId: { equals: 'ORD-1234' } }, { customer_externalId: 'ord-1234' }, false],
  [{ customer_externalId: { equals: '1234' } }, { customer_externalId: 1234 }, true],
  [{ customer_externalId: { in: ['A1', 'B2'] } }, { customer_externalId: 'B2' }, true],
  [{ customer_externalId: { in: ['A1', 'B2'] } }, { customer_externalId: 'b2' }, false],
  [{ customer_externalId: { not_set: '' } }, {}, true],
  [{ customer_externalId: { not_set: '' } }, { customer_externalId: 'A1' }, false],

  // --- datetime (conversation_created_at) ----------------------------------------------------------------------
  // 2024-03-10 in New York: 23 hours, 05:00Z to 04:00Z the next day.
  [{ conversation_created_at: { equals: '2024-03-10' } }, { conversation_created_at: '2024-03-10T05:00:00.000Z' }, true, ny],
  [{ conversation_created_at: { equals: '2024-03-10' } }, { conversation_created_at: '2024-03-10T04:59:59.999Z' }, false, ny],
  [{ conversation_created_at: { equals: '2024-03-10' } }, { conversation_created_at: '2024-03-11T03:59:59.999Z' }, true, ny],
  [{ conversation_created_at: { equals: '2024-03-10' } }, { conversation_created_at: '2024-03-11T04:00:00.000Z' }, false, ny],
  [{ conversation_created_at: { equals: '2024-01-01' } }, { conversation_created_at: '2024-01-01T23:59:59.999Z' }, true],
  [{ conversation_created_at: { equals: '2024-01-01' } }, { conversation_created_at: '2024-01-01' }, true],
  [{ conversation_created_at: { equals: '2024-01-01' } }, { conversation_created_at: 1704067200000 }, true],
  [{ conversation_created_at: { equals: '2024-01-01T10:00:00.000Z' } }, { conversation_created_at: '2024-01-01T11:00:00+01:00' }, true],
  [{ conversation_created_at: { equals: '2024-01-01T10:00:00.000Z' } }, { conversation_created_at: '2024-01-01T10:00:00.001Z' }, false],
  [{ conversation_created_at: { gte: '2024-03-10' } }, { conversation_created_at: '2024-03-10T05:00:00.000Z' }, true, ny],
  [{ conversation_created_at: { gte: '2024-03-10' } }, { conversation_created_at: '2024-03-10T04:59:59.999Z' }, false, ny],
  [{ conversation_created_at: { gt: '2024-03-10' } }, { conversation_created_at: '2024-03-11T03:59:59.999Z' }, false, ny],
  [{ conversation_created_at: { gt: '2024-03-10' } }, { conversation_created_at: '2024-03-11T04:00:00.000Z' }, true, ny],
  [{ conversation_created_at: { lte: '2024-03-10' } }, { conversation_created_at: '2024-03-11T03:59:59.999Z' }, true, ny],
  [{ conversation_created_at: { lte: '2024-03-10' } }, { conversation_created_at: '2024-03-11T04:00:00.000Z' }, false, ny],
  [{ conversation_created_at: { lt: '2024-03-10' } }, { conversation_created_at: '2024-03-10T04:59:59.999Z' }, true, ny],
  [{ conversation_created_at: { lt: '2024-03-10' } }, { conversation_created_at: '2024-03-10T05:00:00.000Z' }, false, ny],
  [{ conversation_created_at: { gt: '2024-01-01T10:00:00.000Z' } }, { conversation_created_at: '2024-01-01T10:00:00.000Z' }, false],
  [{ conversation_created_at: { gte: '2024-01-01T10:00:00.000Z' } }, { conversation_created_at: '2024-01-01T10:00:00.000Z' }, true],
  [{ conversation_created_at: { lt: '2024-01-01T10:00:00.000Z' } }, { conversation_created_at: '2024-01-01T09:59:59.999Z' }, true],
  [{ conversation_created_at: { lte: '2024-01-01T10:00:00.000Z' } }, { conversation_created_at: '2024-01-01T10:00:00.001Z' }, false],
  [{ conversation_created_at: { gte: '2024-01-01' } }, { conversation_created_at: ['2023-06-01', '2024-06-01'] }, true],
  [{ conversation_created_at: { gte: '2024-01-01' } }, { conversation_created_at: 'soon' }, false],
  [{ conversation_created_at: { lt: '2024-01-01' } }, { conversation_created_at: '2023-02-30T00:00:00Z' }, false],
  [{ conversation_created_at: { lt: '9999-12-31' } }, { conversation_created_at: '+010000-01-01T00:00:00Z' }, false],
  [{ conversation_created_at: { not_set: '' } }, { conversation_created_at: 'soon' }, true],
  [{ conversation_created_at: { not_set: '' } }, { conversation_created_at: '2024-01-01T00:00:00Z' }, false],

  // --- number (conversation_priority, customer_custom_scoreNum) ----------------------------------------------------
  [{ conversation_priority: { equals: 3 } }, { conversation_priority: 3 }, true],
  [{ conversation_priority: { equals: 3 } }, { conversation_priority: '3' }, true],
  [{ conversation_priority: { equals: 3 } }, { conversation_priority: 3.5 }, false],
  [{ conversation_priority: { equals: 3 } }, { conversation_priority: 'three' }, false],
  [{ conversation_priority: { in: [4, 5] } }, { conversation_priority: [1, 5] }, true],
  [{ conversation_priority: { in: [4, 5] } }, { conversation_priority: [1, 3] }, false],
  [{ conversation_priority: { gt: 3 } }, { conversation_priority: 3 }, false],
  [{ conversation_priority: { gt: 3 } }, { conversation_priority: [1, 4] }, true],
  [{ conversation_priority: { gte: 3 } }, { conversation_priority: 3 }, true],
  [{ customer_custom_scoreNum: { lt: 3 } }, { customer_custom_scoreNum: 2.5 }, true],
  [{ customer_custom_scoreNum: { lt: 3 } }, { customer_custom_scoreNum: 3 }, false],
  [{ customer_custom_scoreNum: { lte: -1 } }, { customer_custom_scoreNum: '-1' }, true],
  [{ customer_custom_scoreNum: { gte: 0 } }, { customer_custom_scoreNum: null }, false],
  [{ conversation_priority: { not_set: '' } }, { conversation_priority: 'abc' }, true],
  [{ conversation_priority: { not_set: '' } }, { conversation_priority: 0 }, false],

  // --- boolean (conversation_sla_breached; message_direction holds in/out) ------------------------------------------
  [{ conversation_sla_breached: { equals: true } }, { conversation_sla_breached: true }, true],
  [{ conversation_sla_breached: { equals: true } }, { conversation_sla_breached: 'true' }, true],
  [{ conversation_sla_breached: { equals: true } }, { conversation_sla_breached: false }, false],
  [{ conversation_sla_breached: { equals: true } }, { conversation_sla_breached: 1 }, false],
  [{ conversation_sla_breached: { equals: false } }, { conversation_sla_breached: 'false' }, true],
  [{ message_direction: { equals: 'in' } }, { message_direction: 'in' }, true],
  [{ message_direction: { equals: 'in' } }, { message_direction: 'IN' }, false],
  [{ message_direction: { in: ['in', 'out'] } }, { message_direction: 'out' }, true],
  [{ conversation_sla_breached: { in: [true] } }, { conversation_sla_breached: false }, false],
  [{ conversation_sla_breached: { not_set: '' } }, {}, true],
  [{ conversation_sla_breached: { not_set: '' } }, { conversation_sla_breached: false }, false],
];

const refusals: Refusal[] = [
  ...(['equals', 'in', 'gt', 'gte', 'lt', 'lte'] as const).map((op): Refusal => [{ any_text: { [op]: op === 'in' ? ['x'] : 'x' } }, `'${op}' is not defined on any attributes`]),
  ...(['gt', 'gte', 'lt', 'lte'] as const).map((op): Refusal => [{ customer_name: { [op]: 'x' } }, `'${op}' is not defined on string attributes`]),
  ...(['equals', 'in', 'gt', 'gte', 'lt', 'lte'] as const).map((op): Refusal => [{ message_body: { [op]: op === 'in' ? ['x'] : 'x' } }, `'${op}' is not defined on text attributes`]),
  ...(['contains', 'gt', 'gte', 'lt', 'lte'] as const).map((op): Refusal => [{ customer_tags: { [op]: 'x' } }, `'${op}' is not defined on list attributes`]),
  ...(['contains', 'gt', 'gte', 'lt', 'lte'] as const).map((op): Refusal => [{ customer_externalId: { [op]: 'x' } }, `'${op}' is not defined on string_notanalyzed attributes`]),
  [{ conversation_created_at: { contains: '2024' } }, "'contains' is not defined on datetime attributes"],
  [{ conversation_created_at: { in: ['2024-01-01'] } }, "'in' is not defined on datetime attributes"],
  [{ conversation_priority: { contains: '3' } }, "'contains' is not defined on number attributes"],
  ...(['contains', 'gt', 'gte', 'lt', 'lte'] as const).map((op): Refusal => [{ conversation_sla_breached: { [op]: 'true' } }, `'${op}' is not defined on boolean attributes`]),
  // Operands the kind cannot read.
  [{ conversation_created_at: { gte: '2024-02-30' } }, "'2024-02-30' is not a calendar day"],
  [{ conversation_created_at: { gte: 'yesterday' } }, 'neither a local day YYYY-MM-DD nor an ISO-8601 instant'],
  [{ conversation_created_at: { equals: 1704067200000 } }, 'expected a local day YYYY-MM-DD or an ISO-8601 instant'],
  [{ conversation_priority: { gt: 'high' } }, 'expected a number, got high'],
  [{ conversation_priority: { in: [1, 'two'] } }, 'expected a number, got two'],
  [{ conversation_sla_breached: { equals: 1 } }, 'expected true, false or a string, got 1'],
];

const label = (criterion: Criterion, record: Record<string, unknown>, tz?: string) =>
  `${JSON.stringify(criterion)}${tz ? ` tz:${tz}` : ''} on ${JSON.stringify(record)}`;

for (const [criterion, record, expected, tz] of rows) {
  test(`${label(criterion, record, tz)} → ${expected}`, () => {
    const body = { queryContext: 'customer', and: [criterion], ...(tz ? { timeZone: tz } : {}) };
    assert.is(evaluate(body, record), expected);
  });
}

for (const [criterion, part] of refusals) {
  test(`${JSON.stringify(criterion)} is refused: ${part}`, () => {
    const p = prepareCriteria({ queryContext: 'customer', and: [criterion] });
    assert.is(p.ok, false);
    if (!p.ok) {
      assert.is(p.problems.length, 1);
      assert.match(p.problems[0]!.message, part);
      assert.match(p.problems[0]!.pointer ?? '', /^\/and\/0\/[a-z_A-Z]+\/[a-z_]+$/);
    }
  });
}

/** The kind of the attribute a criterion names. */
function kindOf(criterion: Criterion): FieldKind {
  const name = Object.keys(criterion)[0]!;
  const r = resolveField(createCatalog().catalog, name);
  if (!r.ok) throw new Error(`unknown attribute ${name}`);
  return r.field.kind;
}

test('every operator × kind cell has a row: defined cells answer, the others are refused', () => {
  const answered = new Set(rows.map(([c]) => `${kindOf(c)} ${Object.keys(Object.values(c)[0]!)[0]}`));
  const refused = new Set(
    refusals.filter(([, part]) => part.includes('is not defined')).map(([c]) => `${kindOf(c)} ${Object.keys(Object.values(c)[0]!)[0]}`),
  );
  for (const kind of atomKinds) {
    for (const op of atomOperators) {
      const cell = `${kind} ${op}`;
      if (isDefined(kind, op)) assert.ok(answered.has(cell), `no row answers ${cell}`);
      else assert.ok(refused.has(cell), `no row refuses ${cell}`);
    }
  }
});

test('the defined cells are those the checker allows (src/check/operators.ts)', () => {
  const takes: Record<AtomOperator, (kind: FieldKind) => boolean> = {
    equals: (k) => allows(k, '=', 'single'),
    in: (k) => allows(k, '=', 'list'),
    contains: (k) => allows(k, '~', 'single'),
    gt: (k) => allows(k, '>', 'single'),
    gte: (k) => allows(k, '>=', 'single'),
    lt: (k) => allows(k, '<', 'single'),
    lte: (k) => allows(k, '<=', 'single'),
    not_set: (k) => allows(k, ':', 'exists'),
  };
  for (const kind of atomKinds) {
    for (const op of atomOperators) assert.is(isDefined(kind, op), takes[op](kind), `${kind} ${op}`);
  }
});

test.run();
