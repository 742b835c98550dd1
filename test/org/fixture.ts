/**
 * A fixture org for the org schema tests: customer dropdowns (a value list and an option tree), a conversation
 * attribute, two klasses (one with a hyphen), 150 tags (two pages of 100 from the stand-in), users, teams, queues
 * and the current user. Returned as the schema file's JSON value (src/schema/org/types.ts).
 */
export function fixtureOrg(): Record<string, unknown> {
  const hex = (n: number, kind: number) => `${kind.toString(16).padStart(4, 'a')}${n.toString(16).padStart(20, '0')}`;
  return {
    version: 1,
    pulledAt: '2025-06-01T12:00:00.000Z',
    objects: {
      customer: {
        customAttributes: [
          { name: 'customer_custom_tierStr', kind: 'string', type: 'string', displayName: 'Tier', values: ['gold', 'silver', 'bronze'] },
          {
            name: 'customer_custom_regionStr',
            kind: 'string',
            type: 'string',
            displayName: 'Region',
            tree: [
              { id: 'emea', displayName: 'EMEA', children: [{ id: 'emea_fr', displayName: 'France' }, { id: 'emea_de', displayName: 'Germany' }] },
              { id: 'amer', displayName: 'Americas' },
            ],
          },
          { name: 'customer_custom_lifetimeValueNum', kind: 'number', type: 'number', displayName: 'Lifetime value' },
        ],
      },
      conversation: { customAttributes: [{ name: 'conversation_custom_escalatedBool', kind: 'boolean', type: 'boolean', displayName: 'Escalated' }] },
    },
    klasses: [
      { name: 'order', displayName: 'Order', customAttributes: [{ name: 'kobject_custom_order_totalNum', kind: 'number', type: 'number', displayName: 'Total' }] },
      { name: 'ecomm-order', displayName: 'E-commerce order', customAttributes: [{ name: 'kobject_custom_ecomm-order_statusStr', kind: 'string', type: 'string', displayName: 'Status', values: ['paid', 'refunded'] }] },
    ],
    lookups: {
      tags: Array.from({ length: 150 }, (_, i) => ({ id: hex(i, 1), name: `tag-${i}` })),
      users: [
        { id: hex(1, 2), name: 'Ada Lovelace', email: 'ada@example.com' },
        { id: hex(2, 2), name: 'Alan Turing', email: 'alan@example.com' },
      ],
      teams: [{ id: hex(1, 3), name: 'Tier 2' }],
      queues: [{ id: hex(1, 4), name: 'billing', displayName: 'Billing' }],
    },
    currentUser: { id: hex(1, 2), name: 'Ada Lovelace', email: 'ada@example.com' },
  };
}
