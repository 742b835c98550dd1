/**
 * The interactive benchmark: `complete` on a 200-character query at each kind of cursor position (target: under
 * 1 ms per call), and `describe` and `explain` on the same query.
 *
 * The positions: the start (the name of the first term: every field and directive ranked), a partial field at the
 * end, a value in a value list, a datetime value (the date helpers are resolved with luxon once a minute), a `sort:`
 * value, and a `tz:` value (about 600 zone names ranked). The worst median of them is the number held against the
 * target.
 *
 * Used two ways: `npm run bench` registers the group and adds rows to its summary ({@link registerInteractiveBench},
 * {@link interactiveRows}); `npm run bench:interactive` runs it alone on the built package (see built.ts).
 */
import { bench, do_not_optimize, group } from 'mitata';
import { pathToFileURL } from 'node:url';
import type { Package } from './built.js';
import { OPTS } from './inputs.js';
import { formatNs, verdict } from './report.js';
import { runStandalone } from './standalone.js';

/** The query: 200 characters, with a field term of each kind, directives, and a partial field at the end. */
export const INTERACTIVE_QUERY = (() => {
  const q =
    'conversation_status:(open OR snoozed) AND conversation_priority>=3 AND customer_updated_at>=now-7d/d ' +
    '-conversation_tags:spam sort:customer_name-desc tz:America/New_York ';
  const tail = 'conversation_st';
  if (q.length + tail.length > 200) throw new Error('bench: the interactive query is over 200 characters');
  return q.padEnd(200 - tail.length, ' ') + tail; // white space between terms is free
})();

/** A cursor position, by the text right before it (its last occurrence in the query). */
interface Position {
  readonly name: string;
  readonly offset: number;
}

function after(marker: string, name: string): Position {
  const at = INTERACTIVE_QUERY.lastIndexOf(marker);
  if (at < 0) throw new Error(`bench: '${marker}' is not in the interactive query`);
  return { name, offset: at + marker.length };
}

/** The positions timed, with the mitata name of each. */
export const POSITIONS: readonly Position[] = [
  { name: 'complete @ start (all fields)', offset: 0 },
  { name: 'complete @ end (partial field)', offset: INTERACTIVE_QUERY.length },
  after('(open OR ', 'complete @ value list'),
  after('customer_updated_at>=', 'complete @ datetime value'),
  after('sort:', 'complete @ sort: value'),
  after('tz:', 'complete @ tz: value'),
];

/**
 * An org schema with 5,000 tags (`tag-0000` … `tag-4999`, 24-hex ids) and a few users, for the completion of tag
 * names: the lookups' sorted prefix index (src/schema/lookups/prefix.ts) is built on the first call and cached on
 * the list, so the timed calls are the binary search and the ranking of at most 50 names.
 */
export const TAGS_SCHEMA = {
  version: 1,
  pulledAt: '2026-01-01T00:00:00.000Z',
  objects: {},
  klasses: [],
  lookups: {
    tags: Array.from({ length: 5_000 }, (_, i) => ({ id: `ab${i.toString(16).padStart(22, '0')}`, name: `tag-${String(i).padStart(4, '0')}` })),
    users: [{ id: 'bc0000000000000000000001', name: 'Ada Lovelace', email: 'ada@example.com' }],
  },
  currentUser: { id: 'bc0000000000000000000001', name: 'Ada Lovelace', email: 'ada@example.com' },
} as const;

/** The tag completion timed: a prefix that 1,000 of the 5,000 tags share. */
export const TAG_QUERY = 'conversation_tags:tag-1';

export const INTERACTIVE_NAMES = {
  tags: 'complete @ tag name (5,000 tags)',
  describe: 'describe @ datetime value',
  explain: `explain (${INTERACTIVE_QUERY.length} chars, minus the partial field)`,
} as const;

/** The result of {@link completionSweep}: the slowest cursor position and the median over all of them (CPU ns). */
export interface Sweep {
  readonly worst: { readonly offset: number; readonly ns: number };
  readonly medianNs: number;
  readonly positions: number;
}

/**
 * `complete` at every cursor position of {@link INTERACTIVE_QUERY} (offsets 0 to 200), each timed in CPU time: after
 * 30 warm-up passes over all positions, five batches of 20 calls per position, their median. The target is
 * ≤ 200 µs at every position; the six positions of the mitata group are the kinds, this is all of them.
 */
export function completionSweep(mod: Package): Sweep {
  const q = INTERACTIVE_QUERY;
  for (let pass = 0; pass < 30; pass++) for (let o = 0; o <= q.length; o++) mod.complete(q, o, OPTS);
  const times: { offset: number; ns: number }[] = [];
  for (let o = 0; o <= q.length; o++) {
    const batches: number[] = [];
    for (let b = 0; b < 5; b++) {
      const start = process.cpuUsage();
      for (let i = 0; i < 20; i++) do_not_optimize(mod.complete(q, o, OPTS));
      const c = process.cpuUsage(start);
      batches.push(((c.user + c.system) * 1000) / 20);
    }
    batches.sort((a, b) => a - b);
    times.push({ offset: o, ns: batches[2]! });
  }
  const worst = times.reduce((a, b) => (b.ns > a.ns ? b : a));
  const sorted = times.map((t) => t.ns).sort((a, b) => a - b);
  return { worst, medianNs: sorted[sorted.length >> 1]!, positions: times.length };
}

let sweep: Sweep | null = null;

/** Registers the group for the module `mod` (the built package or src); throws when a position offers nothing. */
export function registerInteractiveBench(mod: Package): void {
  sweep = completionSweep(mod);
  if (INTERACTIVE_QUERY.length !== 200) throw new Error(`bench: the interactive query has ${INTERACTIVE_QUERY.length} chars`);
  const explained = INTERACTIVE_QUERY.slice(0, INTERACTIVE_QUERY.lastIndexOf(' '));
  if (mod.explainQuery(explained, OPTS).text === undefined) throw new Error('bench: the interactive query does not compile');
  for (const p of POSITIONS) {
    if (mod.complete(INTERACTIVE_QUERY, p.offset, OPTS).items.length === 0) throw new Error(`bench: nothing to complete at ${p.name}`);
  }
  const tagOpts = { ...OPTS, schema: TAGS_SCHEMA } as unknown as typeof OPTS;
  if (mod.complete(TAG_QUERY, TAG_QUERY.length, tagOpts).items.length < 10) throw new Error('bench: tag names are not completed');
  const dateAt = POSITIONS[3]!.offset + 2;
  group(`interactive: a ${INTERACTIVE_QUERY.length}-character query`, () => {
    for (const p of POSITIONS) bench(p.name, () => do_not_optimize(mod.complete(INTERACTIVE_QUERY, p.offset, OPTS)));
    bench(INTERACTIVE_NAMES.tags, () => do_not_optimize(mod.complete(TAG_QUERY, TAG_QUERY.length, tagOpts)));
    bench(INTERACTIVE_NAMES.describe, () => do_not_optimize(mod.describe(INTERACTIVE_QUERY, dateAt, OPTS)));
    bench(INTERACTIVE_NAMES.explain, () => do_not_optimize(mod.explain(explained, OPTS)));
  });
}

/** Summary rows (`[measure, value, target, result]`) from the medians (ns). */
export function interactiveRows(p50: (name: string) => number): string[][] {
  const times = POSITIONS.map((p) => ({ name: p.name, ns: p50(p.name) }));
  const worst = times.reduce((a, b) => (b.ns > a.ns ? b : a));
  return [
    ...times.map((t) => [`${t.name} (200-char query)`, formatNs(t.ns), '—', verdict(undefined)]),
    [`complete, worst position (${worst.name.replace('complete @ ', '')})`, formatNs(worst.ns), '< 1 ms', verdict(worst.ns < 1e6)],
    ...(sweep === null
      ? []
      : [
          [
            `complete at every position (${sweep.positions}), worst (offset ${sweep.worst.offset}; CPU)`,
            formatNs(sweep.worst.ns),
            '≤ 200 µs',
            verdict(sweep.worst.ns <= 200_000),
          ],
          [`complete at every position, median (CPU)`, formatNs(sweep.medianNs), '—', verdict(undefined)],
        ]),
    [INTERACTIVE_NAMES.tags, formatNs(p50(INTERACTIVE_NAMES.tags)), '< 1 ms', verdict(p50(INTERACTIVE_NAMES.tags) < 1e6)],
    [INTERACTIVE_NAMES.describe, formatNs(p50(INTERACTIVE_NAMES.describe)), '—', verdict(undefined)],
    [INTERACTIVE_NAMES.explain, formatNs(p50(INTERACTIVE_NAMES.explain)), '—', verdict(undefined)],
  ];
}

// Run alone: `npm run bench:interactive`.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runStandalone(registerInteractiveBench, interactiveRows);
}
