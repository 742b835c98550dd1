#!/usr/bin/env node
/**
 * Generates the sample data set in examples/data/support.ndjson (`npm run examples:data`): customers, their
 * conversations and the conversations' messages of an invented online shop, as records keyed by Kustomer search
 * attribute names, one JSON object a line, for `kq run`.
 *
 *   node scripts/generate-examples.mjs [out.ndjson]     default examples/data/support.ndjson
 *
 * Deterministic: a seeded PRNG (mulberry32) and fixed dates, so the file only changes when this script does. No real
 * people: names are drawn from invented lists, emails use `.example` domains (RFC 2606), phone numbers the
 * fictional 555-01xx range.
 *
 * Each record has `id` and `_type` (`customer`, `conversation`, `message`: the key `kq run` uses to search only the
 * query's context). Conversations carry their customer's `customer_*` attributes and messages their conversation's
 * and customer's, as Kustomer lets a search filter on related objects (kustomer-search-api.md §1.2).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from './random.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = resolve(process.argv[2] ?? `${root}/examples/data/support.ndjson`);


const random = mulberry32(20261130);
const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
const pick = (list) => list[Math.floor(random() * list.length)];
const chance = (p) => random() < p;
const some = (list, max) => list.filter(() => chance(max / list.length));
const hex24 = () => Array.from({ length: 24 }, () => '0123456789abcdef'[int(0, 15)]).join('');

const DAY = 86_400_000;
/** The data set's "now": relative dates in the README's session resolve against it (--now). */
const NOW = Date.UTC(2026, 10, 30, 15, 0, 0);
const iso = (ms) => new Date(ms).toISOString();

const firstNames = ['Avery', 'Bo', 'Cass', 'Dara', 'Elio', 'Fenna', 'Gus', 'Hollis', 'Ines', 'Jory', 'Kit', 'Lumi', 'Milo', 'Nell', 'Odile', 'Pim', 'Quin', 'Rosa', 'Sami', 'Tove', 'Ulla', 'Vero', 'Wim', 'Yara', 'Zeno'];
const lastNames = ['Ashdown', 'Brightwater', 'Copperfield', 'Dunmore', 'Elderberry', 'Fairweather', 'Glenrock', 'Hollowell', 'Ironwood', 'Juniper', 'Kestrel', 'Larkspur', 'Marchbank', 'Nettlefold', 'Oakhurst', 'Pennywhistle'];
const domains = ['mail.example', 'post.example', 'acme.example', 'inbox.example'];
const locales = ['en-US', 'en-GB', 'fr-FR', 'de-DE', 'es-ES'];
const customerTags = ['vip', 'gold', 'churn-risk', 'b2b', 'beta'];
const conversationTags = ['billing', 'shipping', 'refund', 'bug', 'upgrade', 'urgent'];
const channels = ['email', 'chat', 'sms'];
const tiers = ['gold', 'silver', 'bronze'];

/** Conversation topics: a subject, the customer's opening message, and an agent's reply ({order} is an order number). */
const topics = [
  {
    subject: 'Double charged for order {order}',
    tags: ['billing', 'refund'],
    inbound: ['Hi, I was double charged for order {order}. Can you refund the second charge?', 'Still seeing two charges for {order} on my card statement.'],
    outbound: ["Sorry about that! I've refunded the duplicate charge for {order}; it should show in 3-5 days."],
  },
  {
    subject: 'Where is my package?',
    tags: ['shipping'],
    inbound: ["My order {order} hasn't arrived yet and tracking hasn't moved in a week.", 'Any update on {order}? It was supposed to arrive Friday.'],
    outbound: ['I checked with the carrier: {order} is at the local depot and should arrive tomorrow.'],
  },
  {
    subject: 'Refund request for {order}',
    tags: ['refund'],
    inbound: ['The blender from order {order} arrived damaged. I would like a refund, please.'],
    outbound: ["I've started a refund for {order}. No need to send the damaged item back."],
  },
  {
    subject: 'Password reset not working',
    tags: ['bug'],
    inbound: ['The password reset email never arrives. I tried three times.', 'Password reset link says it expired immediately.'],
    outbound: ['Thanks for flagging this. I sent a new reset link that is valid for 24 hours.'],
  },
  {
    subject: 'Upgrade to the annual plan',
    tags: ['upgrade', 'billing'],
    inbound: ['Can I switch to the annual plan and keep my current discount?'],
    outbound: ['Yes! I moved your account to the annual plan and kept the discount.'],
  },
  {
    subject: 'Cancel my subscription',
    tags: ['billing', 'urgent'],
    inbound: ['Please cancel my subscription before the next renewal on the 1st.'],
    outbound: ['Your subscription is cancelled; you will not be charged again.'],
  },
];

const records = [];

// Customers.
const customers = [];
for (let i = 0; i < 40; i++) {
  const first = firstNames[i % firstNames.length];
  const last = lastNames[(i * 7) % lastNames.length];
  const created = NOW - int(120, 700) * DAY - int(0, DAY - 1);
  const customer = {
    id: hex24(),
    _type: 'customer',
    customer_name: `${first} ${last}`,
    customer_email: `${first}.${last}@${pick(domains)}`.toLowerCase(),
    customer_phone: `+1555${String(int(100, 199)).padStart(3, '0')}${String(int(0, 9999)).padStart(4, '0')}`,
    customer_locale: pick(locales),
    customer_tags: some(customerTags, 1.2),
    customer_created_at: iso(created),
    customer_updated_at: iso(NOW - int(0, 90) * DAY - int(0, DAY - 1)),
    customer_last_seen_at: chance(0.85) ? iso(NOW - int(0, 60) * DAY - int(0, DAY - 1)) : null,
    customer_conversations_count: 0,
    customer_custom_tierStr: pick(tiers),
    customer_custom_lifetimeValueNum: Math.round(random() * 500000) / 100,
  };
  customers.push(customer);
  records.push(customer);
}

// Conversations and their messages.
for (let i = 0; i < 90; i++) {
  const customer = customers[int(0, customers.length - 1)];
  customer.customer_conversations_count++;
  const topic = pick(topics);
  const order = `ORD-${int(1000, 9999)}`;
  const fill = (text) => text.replaceAll('{order}', order);
  const created = NOW - int(0, 150) * DAY - int(0, DAY - 1);
  const status = pick(['open', 'open', 'snoozed', 'done', 'done', 'done']);
  const channel = pick(channels);
  const messageCount = int(1, 5);
  let at = created;
  const conversationId = hex24();
  const messages = [];
  for (let m = 0; m < messageCount; m++) {
    const inbound = m % 2 === 0;
    at += int(5, 600) * 60_000;
    const body = fill(pick(inbound ? topic.inbound : topic.outbound));
    messages.push({
      id: hex24(),
      _type: 'message',
      message_customer_id: customer.id,
      message_body: body,
      message_subject: fill(topic.subject),
      message_direction: inbound ? 'in' : 'out',
      message_channel: channel,
      message_created_at: iso(at),
      message_sent_at: iso(at),
      message_size: body.length,
      conversation_status: status,
      customer_name: customer.customer_name,
      customer_email: customer.customer_email,
    });
  }
  const conversation = {
    id: conversationId,
    _type: 'conversation',
    conversation_customer_id: customer.id,
    conversation_name: fill(topic.subject),
    conversation_status: status,
    conversation_priority: int(1, 5),
    conversation_channels: [channel],
    conversation_tags: [...new Set([...topic.tags, ...some(conversationTags, 0.4)])],
    conversation_created_at: iso(created),
    conversation_updated_at: iso(at),
    conversation_message_count: messageCount,
    conversation_sla_breached: status !== 'done' && chance(0.3),
    conversation_satisfaction_score: status === 'done' && chance(0.6) ? int(1, 5) : null,
    conversation_custom_orderNumberStr: topic.subject.includes('{order}') || topic.inbound.some((t) => t.includes('{order}')) ? order : null,
    customer_name: customer.customer_name,
    customer_email: customer.customer_email,
    customer_tags: customer.customer_tags,
    customer_custom_tierStr: customer.customer_custom_tierStr,
  };
  records.push(conversation, ...messages);
}

mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
console.log(`wrote ${records.length} records to ${out}`);
