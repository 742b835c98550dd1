/**
 * The evaluator benchmark: the typical query (inputs.ts `TYPICAL`) run over 100,000 generated conversation records
 * with the reference semantics (src/evaluate), reported as records per second.
 *
 * - `filter`: the prepared criteria's `matches` over every record (no sort): the cost per record of the semantics;
 * - `search`: `search(criteria, records)` as `kq run` and the API do it: prepare the body, filter, sort the matches
 *   by `conversation_updated_at` desc, cut page 1;
 * - `evaluateQuery`: the query's direct meaning (prepared once) over every record, beside the criteria's;
 * - word matching: the tokens of 1 KB and 1 MB of text (`textTokens`, the analysis behind `contains`), linear.
 *
 * Used two ways: `npm run bench` registers the group and adds a row to its summary ({@link registerEvaluateBench});
 * `npm run bench:evaluate` runs it alone on the built package (see built.ts) and prints the same rows.
 */
import { bench, do_not_optimize, group } from 'mitata';
import { pathToFileURL } from 'node:url';
import type { Package } from './built.js';
import { OPTS, TYPICAL } from './inputs.js';
import { formatNs, verdict } from './report.js';
import { mulberry32 } from '../scripts/random.mjs';
import { runStandalone } from './standalone.js';

/** How many records are filtered. */
export const RECORD_COUNT = 100_000;


/** `count` conversation records with the attributes the typical query reads, and a few it does not. */
export function makeRecords(count: number): Record<string, unknown>[] {
  const random = mulberry32(2024);
  const statuses = ['open', 'snoozed', 'done', 'done'];
  const start = Date.UTC(2023, 0, 1);
  const span = Date.UTC(2025, 0, 1) - start;
  return Array.from({ length: count }, (_, i) => {
    const created = start + Math.floor(random() * span);
    return {
      id: i.toString(16).padStart(24, '0'),
      _type: 'conversation',
      conversation_status: statuses[Math.floor(random() * statuses.length)],
      conversation_priority: 1 + Math.floor(random() * 5),
      conversation_created_at: new Date(created).toISOString(),
      conversation_updated_at: new Date(created + Math.floor(random() * 30 * 86_400_000)).toISOString(),
      conversation_tags: random() < 0.3 ? ['billing'] : [],
      conversation_name: `Conversation ${i}`,
    };
  });
}

/** Benchmark names, as they appear in mitata's table. */
export const EVALUATE_NAMES = {
  filter: `filter ${RECORD_COUNT.toLocaleString('en-US')} records (typical criteria)`,
  search: `search ${RECORD_COUNT.toLocaleString('en-US')} records (filter, sort, page 1)`,
  direct: `evaluateQuery ${RECORD_COUNT.toLocaleString('en-US')} records (typical query)`,
  words1k: 'word tokens of 1 KB of text (hello world …)',
  words1m: 'word tokens of 1 MB of text (hello world …)',
  wordsCjk: 'word tokens of 1 MB of text (Chinese, Thai, punctuation)',
} as const;

/** ~1 KB and ~1 MB of text for the word-matching benchmarks (the analysis behind `contains`, any_text, bare words). */
const WORDS_1K = 'Hello world, my order ORD-1234 was double-charged! '.repeat(20);
const WORDS_1M = 'Hello world, my order ORD-1234 was double-charged! '.repeat(20_000);
const WORDS_CJK = '我的订单被重复扣款了。ภาษาไทยง่าย --- 注文が二重に請求されました '.repeat(25_000).slice(0, 1_000_000);

/**
 * Registers the evaluator group with mitata for the module `mod` (the built package or src). Throws when the typical
 * query no longer compiles or evaluates, or when the criteria and the query disagree on how many records match.
 * Returns the number of matches.
 */
export function registerEvaluateBench(mod: Package): number {
  const records = makeRecords(RECORD_COUNT);
  const compiled = mod.compile(TYPICAL, OPTS);
  if (!compiled.criteria || !compiled.ast) throw new Error('bench: the typical query does not compile');
  const prepared = mod.prepareCriteria(compiled.criteria);
  const direct = mod.prepareQuery(compiled.ast, OPTS);
  if (!prepared.ok || !direct.ok) throw new Error('bench: the typical criteria or query cannot be evaluated');
  const { matches } = prepared.prepared;
  const directMatches = direct.prepared.matches;
  const count = (test: (r: unknown) => boolean) => {
    let n = 0;
    for (const r of records) if (test(r)) n++;
    return n;
  };
  const hits = count(matches);
  if (hits === 0 || hits !== count(directMatches)) throw new Error(`bench: ${hits} matches via criteria, ${count(directMatches)} via the query`);
  group(`evaluate: the typical query over ${RECORD_COUNT.toLocaleString('en-US')} records (${hits} match)`, () => {
    bench(EVALUATE_NAMES.filter, () => do_not_optimize(count(matches)));
    bench(EVALUATE_NAMES.search, () => do_not_optimize(mod.search(compiled.criteria, records)));
    bench(EVALUATE_NAMES.direct, () => do_not_optimize(count(directMatches)));
  });
  // Linear in the text: 1 MB should take about 1,000 times 1 KB (it took 21 s for 240 KB before the white-space split).
  group('evaluate: word matching (tokens of a text value)', () => {
    bench(EVALUATE_NAMES.words1k, () => do_not_optimize(mod.textTokens(WORDS_1K)));
    bench(EVALUATE_NAMES.words1m, () => do_not_optimize(mod.textTokens(WORDS_1M)));
    bench(EVALUATE_NAMES.wordsCjk, () => do_not_optimize(mod.textTokens(WORDS_CJK)));
  });
  return hits;
}

/** Records per second for a median of `ns` nanoseconds over {@link RECORD_COUNT} records, e.g. `4.21 M records/s`. */
export function recordsPerSecond(ns: number): string {
  const perSecond = RECORD_COUNT / (ns / 1e9);
  return perSecond >= 1e6 ? `${(perSecond / 1e6).toPrecision(3)} M records/s` : `${(perSecond / 1e3).toPrecision(3)} k records/s`;
}

/** Summary rows (`[measure, value, target, result]`) from the medians (ns) of the three benchmarks. */
export function evaluateRows(p50: (name: string) => number): string[][] {
  return [
    [`evaluate: filter ${RECORD_COUNT.toLocaleString('en-US')} records, typical criteria`, `${recordsPerSecond(p50(EVALUATE_NAMES.filter))} (${formatNs(p50(EVALUATE_NAMES.filter))})`, '—', '—'],
    [`evaluate: search ${RECORD_COUNT.toLocaleString('en-US')} records (filter + sort + page)`, `${recordsPerSecond(p50(EVALUATE_NAMES.search))} (${formatNs(p50(EVALUATE_NAMES.search))})`, '—', '—'],
    [`evaluate: evaluateQuery ${RECORD_COUNT.toLocaleString('en-US')} records, typical query`, `${recordsPerSecond(p50(EVALUATE_NAMES.direct))} (${formatNs(p50(EVALUATE_NAMES.direct))})`, '—', '—'],
    ['evaluate: word tokens of 1 KB of text', formatNs(p50(EVALUATE_NAMES.words1k)), '—', '—'],
    ['evaluate: word tokens of 1 MB of text (Latin)', formatNs(p50(EVALUATE_NAMES.words1m)), '< 1 s', verdict(p50(EVALUATE_NAMES.words1m) < 1e9)],
    ['evaluate: word tokens of 1 MB of text (CJK, Thai, punctuation)', formatNs(p50(EVALUATE_NAMES.wordsCjk)), '< 1 s', verdict(p50(EVALUATE_NAMES.wordsCjk) < 1e9)],
    ['evaluate: word tokens, 1 MB ÷ 1 KB (linear ≈ 1,000×)', `${(p50(EVALUATE_NAMES.words1m) / p50(EVALUATE_NAMES.words1k)).toFixed(0)}×`, '≤ 2,000×', verdict(p50(EVALUATE_NAMES.words1m) / p50(EVALUATE_NAMES.words1k) <= 2000)],
  ];
}

// Run alone: `npm run bench:evaluate`.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runStandalone(registerEvaluateBench, evaluateRows);
}
