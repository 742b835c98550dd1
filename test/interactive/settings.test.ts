/**
 * The settings completion reads a query in (interactive/settings.ts) are the checker's (check/settings.ts): named by
 * the query; then a property that on generated complete queries the context and zone completion uses are the ones
 * compile puts in the criteria (fast-check; a failure prints its seed, replay with FC_SEED=<seed>).
 */
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { scanQuery } from '../../src/interactive/cursor.js';
import { querySettings } from '../../src/interactive/settings.js';
import { compile, complete, type CompileOptions } from '../../src/index.js';
import { fcOptions } from '../helpers/fc.js';
import { directives, query } from '../helpers/queries.js';
import { opts } from './helpers.js';

const orderAttributes: CompileOptions['customAttributes'] = [
  { name: 'kobject_custom_order_totalNum', type: 'number' },
  { name: 'kobject_custom_order_statusStr' },
];

/** The context and zone completion reads `text` in, and the ones compile emits for it. */
function both(text: string, extra: CompileOptions = {}) {
  const o = opts(extra);
  const settings = querySettings(scanQuery(text), o);
  const criteria = compile(text, o).criteria;
  return { settings, criteria };
}

test('kobject_created_at>2024-01-01 kobject_custom_order_totalNum>5 (one kobject_<klass> field: completion and compile both search kobject_order)', () => {
  const text = 'kobject_created_at>2024-01-01 kobject_custom_order_totalNum>5';
  for (const extra of [{}, { customAttributes: orderAttributes }]) {
    const { settings, criteria } = both(text, extra);
    assert.is(criteria?.queryContext, 'kobject_order');
    assert.is(settings.queryContext, 'kobject_order');
    assert.is(settings.contextGiven, false);
  }
});

test('kobject_created_at>2024-01-01 kobject_custom_order_totalNum>5 kobject_| (the kobject_order fields are offered first)', () => {
  const text = 'kobject_created_at>2024-01-01 kobject_custom_order_totalNum>5 kobject_';
  const r = complete(text, text.length, opts({ customAttributes: orderAttributes }));
  const fields = r.items.filter((i) => i.kind === 'field').map((i) => i.label);
  assert.equal(fields.slice(0, 2).sort(), ['kobject_custom_order_statusStr', 'kobject_custom_order_totalNum']);
  assert.ok(fields.includes('kobject_created_at'));
});

test('has:conversation_status refund (a has: field sets the context, as in compile)', () => {
  const { settings, criteria } = both('has:conversation_status refund');
  assert.is(criteria?.queryContext, 'conversation');
  assert.is(settings.queryContext, 'conversation');
});

test('customer_name:bob conversation_status:open (two contexts: compile searches customer, completion prefers none)', () => {
  const { settings, criteria } = both('customer_name:bob conversation_status:open');
  assert.is(criteria?.queryContext, 'customer');
  assert.is(settings.queryContext, null);
});

test('context:nope conversation_status:open tz:Mars/Base (unknown context and zone: no context, no zone, as compile fails)', () => {
  const { settings, criteria } = both('context:nope conversation_status:open tz:Mars/Base');
  assert.is(criteria, undefined);
  assert.is(settings.queryContext, null);
  assert.is(settings.contextGiven, true);
  assert.is(settings.timeZone, null);
});

test('tz:america/new_york (zone in the wrong case: completion and compile both use America/New_York)', () => {
  const { settings, criteria } = both('conversation_status:open tz:america/new_york');
  assert.is(criteria?.timeZone, 'America/New_York');
  assert.is(settings.timeZone, 'America/New_York');
});

const customTerm = fc.constantFrom('', 'kobject_custom_order_totalNum>5', 'kobject_custom_ecomm-order_nameStr:x', 'conversation_custom_tierStr:gold', 'has:kobject_created_at');

test('on generated complete queries, completion reads the context and zone compile puts in the criteria', () => {
  fc.assert(
    fc.property(
      query,
      customTerm,
      directives,
      fc.record({ queryContext: fc.constantFrom('conversation', 'kobject_order'), timeZone: fc.constantFrom('Europe/Paris', 'utc') }, { requiredKeys: [] }),
      (q, custom, dirs, extra) => {
        const text = `(${q}) ${custom} ${dirs}`;
        const { settings, criteria } = both(text, extra);
        if (!criteria) return; // only queries that compile say which context and zone they use
        assert.is(settings.queryContext ?? 'customer', criteria.queryContext, text);
        assert.is(settings.timeZone, criteria.timeZone ?? null, text);
      },
    ),
    fcOptions(300),
  );
});

test.run();
