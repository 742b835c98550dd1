/**
 * The benchmark (`npm run bench`, i.e. `node --expose-gc --import tsx bench/index.ts`), in one run:
 *
 * The compiler timed is the built package (`built.ts`: `dist/index.js`, rebuilt when stale, else an esbuild bundle
 * of `src/` made the same way), not `src/` through tsx, whose `keepNames` transform makes compile about 3× slower;
 * one row times the tsx-loaded source for comparison.
 *
 * 1. mitata tables: `compile` of a short, a typical, a ~2 KB and a 100-clause query; the typical query beside its
 *    peers (`lucene.parse`, liqe's `parse`, our own `parse`, and `JSON.parse` of the criteria JSON compile emits, the
 *    floor); and the per-byte pair, one clause repeated to ~1 KB and to ~1 MB.
 *    Then the evaluator (evaluate.ts): the typical query's criteria over 100,000 records, in records per second.
 *    Then interactive use (interactive.ts): `complete` at each kind of cursor position in a 200-character query
 *    (target < 1 ms), `describe` and `explain`.
 * 2. The linear-time check: pathological inputs (spaces, `((((`, `a OR a OR …`, long quoted strings, `\\` escapes,
 *    random unicode) at 10k, 100k and 1M chars, timed with mitata's `measure` and fewer samples for the big ones;
 *    prints WARN when the per-char time at 1M is more than 3× the one at 10k.
 * 3. Cold start: 10 fresh `node` processes import the built package and compile one query (`coldstart.ts`).
 * 4. A markdown summary of medians and ratios against the targets (met / NOT met). The machines have 2 shared cores,
 *    so ratios within the run are the numbers to trust, not absolute times. Nothing here fails on a missed target;
 *    the run fails only when a benchmark input no longer compiles (or a peer cannot parse its string).
 */
import { parse as liqeParse } from 'liqe';
import lucene from 'lucene';
import { bench, do_not_optimize, group, measure, run, summary } from 'mitata';
import * as source from '../src/index.js';
import { builtModule, importPackage, type Package } from './built.js';
import { evaluateRows, registerEvaluateBench } from './evaluate.js';
import { interactiveRows, registerInteractiveBench } from './interactive.js';
import { measureColdStart, type ColdStart } from './coldstart.js';
import { interleaved } from './cputime.js';
import {
  assertCompiles,
  assertPeerParses,
  FORTY_OR,
  MISSPELT,
  HUNDRED_CLAUSES,
  LINEAR_SIZES,
  OPTS,
  PATHOLOGICAL,
  repeatedClause,
  SHORT,
  TWO_KB,
  TYPICAL,
  TYPICAL_LIQE,
  TYPICAL_LUCENE,
  TYPICAL_NO_SORT,
} from './inputs.js';
import { formatNs, formatRatio, markdownTable, verdict } from './report.js';

const log = (line = '') => console.log(line);

// ---------------------------------------------------------------------------------------------------------------
// The build under test, and the inputs, checked before anything is timed.

const built = await builtModule(log);
process.on('exit', built.cleanup);
const builtApi = await importPackage(built);
const { compile, parse } = builtApi;
log(`timing ${built.label}${built.note ? ` (${built.note})` : ''}`);

const ONE_KB = repeatedClause(1024);
const ONE_MB = repeatedClause(1_048_576);

const inputs: Record<string, string> = {
  short: SHORT,
  typical: TYPICAL,
  'typical, no sort': TYPICAL_NO_SORT,
  '2 KB': TWO_KB,
  '40-clause OR': FORTY_OR,
  '100 clauses': HUNDRED_CLAUSES,
  '1 KB per-byte': ONE_KB,
  '1 MB per-byte': ONE_MB,
};
for (const [name, text] of Object.entries(inputs)) assertCompiles(compile, name, text);
assertCompiles(source.compile, 'typical (src via tsx)', TYPICAL);
assertPeerParses('lucene', (s) => lucene.parse(s), TYPICAL_LUCENE);
assertPeerParses('liqe', (s) => liqeParse(s), TYPICAL_LIQE);
const typicalJson = JSON.stringify(compile(TYPICAL, OPTS).criteria);
assertPeerParses('JSON.parse', JSON.parse, typicalJson);

if (typeof globalThis.gc !== 'function') {
  log('note: run with `node --expose-gc` (npm run bench does) so mitata collects garbage between benchmarks.');
}

// ---------------------------------------------------------------------------------------------------------------
// The ratio targets, judged on CPU time in interleaved rounds (cputime.ts): mitata's wall-time medians above move with
// whatever else runs on the 2 shared cores, and its subjects run one after another, so a load change between them
// skews their ratio. Measured first, before the evaluator's and the other groups' data (100,000 records) fill the
// heap: a bigger heap made every subject's collections dearer, compile's most (12 against 8 µs).
log('\ntypical query vs peers: CPU time, interleaved rounds (median of per-round ratios)\n');
const paired = interleaved(
  {
    compile: () => compile(TYPICAL, OPTS),
    lucene: () => lucene.parse(TYPICAL_LUCENE),
    liqe: () => liqeParse(TYPICAL_LIQE),
    json: () => JSON.parse(typicalJson),
    misspelt: () => compile(MISSPELT, OPTS),
    short: () => compile(SHORT, OPTS),
    fortyOr: () => compile(FORTY_OR, OPTS),
  },
  'compile',
);
log(
  markdownTable(
    ['subject', 'CPU per call', '÷ typical compile'],
    Object.keys(paired.ns).map((k) => [k, formatNs(paired.ns[k]!), formatRatio(paired.ratio[k]!)]),
  ),
);

// mitata: compile sizes, peers, per byte.

const N = {
  short: `compile short (${SHORT.length} B)`,
  typical: `compile typical (${TYPICAL.length} B)`,
  twoKb: `compile ~2 KB (${TWO_KB.length} B)`,
  hundred: `compile 100 clauses (${HUNDRED_CLAUSES.length} B)`,
  peerCompile: 'kq compile(typical)',
  peerCompileNoSort: 'kq compile(typical, no sort)',
  peerCompileTsx: 'kq compile(typical) [src via tsx]',
  peerParse: 'kq parse(typical) [syntax only]',
  lucene: 'lucene.parse(typical)',
  liqe: 'liqe parse(typical)',
  json: `JSON.parse(criteria, ${typicalJson.length} B)`,
  oneKb: `compile ~1 KB (${ONE_KB.length} B)`,
  oneMb: `compile ~1 MB (${ONE_MB.length} B)`,
  misspelt: `compile typical, a misspelt field (did-you-mean)`,
  fortyOr: `compile 40-clause OR (${FORTY_OR.length} B)`,
} as const;

group('compile by query size', () => {
  bench(N.short, () => do_not_optimize(compile(SHORT, OPTS)));
  bench(N.typical, () => do_not_optimize(compile(TYPICAL, OPTS)));
  bench(N.twoKb, () => do_not_optimize(compile(TWO_KB, OPTS)));
  bench(N.hundred, () => do_not_optimize(compile(HUNDRED_CLAUSES, OPTS)));
  bench(N.fortyOr, () => do_not_optimize(compile(FORTY_OR, OPTS)));
  bench(N.misspelt, () => do_not_optimize(compile(MISSPELT, OPTS)));
});

summary(() => {
  group('typical query vs peers', () => {
    bench(N.peerCompile, () => do_not_optimize(compile(TYPICAL, OPTS))).baseline(true);
    bench(N.peerCompileNoSort, () => do_not_optimize(compile(TYPICAL_NO_SORT, OPTS)));
    bench(N.peerCompileTsx, () => do_not_optimize(source.compile(TYPICAL, OPTS)));
    bench(N.peerParse, () => do_not_optimize(parse(TYPICAL, OPTS)));
    bench(N.lucene, () => do_not_optimize(lucene.parse(TYPICAL_LUCENE)));
    bench(N.liqe, () => do_not_optimize(liqeParse(TYPICAL_LIQE)));
    bench(N.json, () => do_not_optimize(JSON.parse(typicalJson)));
  });
});

group('per byte: one clause repeated', () => {
  bench(N.oneKb, () => do_not_optimize(compile(ONE_KB, OPTS)));
  bench(N.oneMb, () => do_not_optimize(compile(ONE_MB, OPTS)));
});

// The evaluator: the typical query over 100,000 records (evaluate.ts).
registerEvaluateBench(builtApi);

// Interactive use: complete / describe / explain on a 200-character query (interactive.ts).
registerInteractiveBench(builtApi);

const { benchmarks } = await run();


/** The median (ns) of the mitata benchmark named `name`; throws when it did not run or failed. */
function p50(name: string): number {
  const trial = benchmarks.find((t) => t.alias === name);
  const stats = trial?.runs[0]?.stats;
  if (!stats) throw new Error(`benchmark '${name}' has no result: ${String(trial?.runs[0]?.error ?? 'not run')}`);
  return stats.p50;
}

// ---------------------------------------------------------------------------------------------------------------
// Linear-time check.

log('\nlinear-time check: pathological inputs (median of mitata `measure` samples)\n');

interface LinearRow {
  readonly name: string;
  readonly outcome: string;
  /** ns per UTF-16 code unit at each of {@link LINEAR_SIZES}. */
  readonly perChar: number[];
  readonly growth: number;
  /** Some size gave KQ9001 (an internal error): the timing is of a crash, and the row fails. */
  readonly crashed: boolean;
}

/** Fewer samples for bigger inputs: each 1M-char compile can take a good part of a second. */
const SAMPLES: Record<number, number> = { 10_000: 12, 100_000: 6, 1_000_000: 3 };

const linear: LinearRow[] = [];
for (const shape of PATHOLOGICAL) {
  const perChar: number[] = [];
  let outcome = '';
  let crashed = false;
  for (const n of LINEAR_SIZES) {
    const text = shape.make(n);
    const result = compile(text, OPTS);
    const firstError = result.diagnostics.find((d) => d.severity === 'error');
    outcome = result.criteria ? 'criteria' : `${firstError?.code ?? '?'} (${result.diagnostics.length} diags)`;
    if (firstError?.code === 'KQ9001') {
      crashed = true;
      outcome = `KQ9001 at n=${text.length}: ${firstError.message}`;
      log(`  WARN: '${shape.name}' at n=${text.length} is an internal compiler error — timed a crash: ${firstError.message}`);
    }
    const stats = await measure(() => do_not_optimize(compile(text, OPTS)), {
      min_samples: SAMPLES[n] ?? 3,
      min_cpu_time: 250e6,
    });
    perChar.push(stats.p50 / text.length);
    log(`  ${shape.name.padEnd(22)} n=${String(text.length).padStart(9)}  ${formatNs(stats.p50).padStart(9)}` +
      `  ${(stats.p50 / text.length).toFixed(2).padStart(8)} ns/char  → ${outcome}`);
  }
  const growth = perChar[perChar.length - 1]! / perChar[0]!;
  if (growth > 3) {
    log(`  WARN: '${shape.name}' per-char time at 1M is ${formatRatio(growth)} the one at 10k (limit 3×)`);
  }
  linear.push({ name: shape.name, outcome, perChar, growth, crashed });
}

// ---------------------------------------------------------------------------------------------------------------
// Cold start.

log('\ncold start: fresh node processes, import + first compile\n');
const cold: ColdStart[] = [measureColdStart(built.label, built.url, 10)];
const srcUrl = new URL('../src/index.ts', import.meta.url).href;
cold.push(measureColdStart('src/index.ts via tsx (dev only)', srcUrl, 5, ['--import', 'tsx']));
for (const c of cold) {
  log(
    `  ${c.label}: median ${c.medianMs.toFixed(1)} ms (import ${c.medianImportMs.toFixed(1)} ms + first compile ` +
      `${c.medianFirstCompileMs.toFixed(1)} ms), ${c.medianProcessMs.toFixed(0)} ms whole process (${c.runs} runs)`,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Summary.

const t = {
  short: p50(N.short),
  typical: p50(N.peerCompile),
  typicalTsx: p50(N.peerCompileTsx),
  noSort: p50(N.peerCompileNoSort),
  parse: p50(N.peerParse),
  lucene: p50(N.lucene),
  liqe: p50(N.liqe),
  json: p50(N.json),
  twoKb: p50(N.twoKb),
  hundred: p50(N.hundred),
  oneKb: p50(N.oneKb),
  oneMb: p50(N.oneMb),
  misspelt: p50(N.misspelt),
  fortyOr: p50(N.fortyOr),
};
const perByteKb = t.oneKb / ONE_KB.length;
const perByteMb = t.oneMb / ONE_MB.length;

const vsLucene = paired.ratio.lucene!;
const vsLiqe = paired.ratio.liqe!;
const vsJson = 1 / paired.ratio.json!;
const misspeltRatio = paired.ratio.misspelt!;
const byteGrowth = perByteMb / perByteKb;

const rows: string[][] = [
  [`compile short (${SHORT.length} chars)`, formatNs(t.short), '—', verdict(undefined)],
  [`compile typical (${TYPICAL.length} chars)`, formatNs(t.typical), '—', verdict(undefined)],
  [`compile ~2 KB (${TWO_KB.length} chars)`, formatNs(t.twoKb), '—', verdict(undefined)],
  [`compile 100 AND-ed clauses (${HUNDRED_CLAUSES.length} chars)`, formatNs(t.hundred), '—', verdict(undefined)],
  [`compile typical, CPU time (interleaved)`, formatNs(paired.ns.compile!), '—', verdict(undefined)],
  ['typical: lucene.parse ÷ compile (× faster; CPU, paired)', formatRatio(vsLucene), '≥ 10×', verdict(vsLucene >= 10)],
  ['typical: compile, src via tsx ÷ built (tsx keepNames cost)', formatRatio(t.typicalTsx / t.typical), '—', verdict(undefined)],
  ['typical: liqe parse ÷ compile (× faster; CPU, paired)', formatRatio(vsLiqe), '≥ 100×', verdict(vsLiqe >= 100)],
  ['typical: lucene.parse ÷ kq parse (syntax only)', formatRatio(t.lucene / t.parse), '—', verdict(undefined)],
  ['typical: compile ÷ JSON.parse(criteria) (CPU, paired)', formatRatio(vsJson), '≤ 5×', verdict(vsJson <= 5)],
  ['misspelt field: compile ÷ valid typical compile (CPU, paired)', formatRatio(misspeltRatio), '≤ 5×', verdict(misspeltRatio <= 5)],
  ['1 clause, CPU time (interleaved)', formatNs(paired.ns.short!), '—', verdict(undefined)],
  ['40-clause OR, CPU time (interleaved)', formatNs(paired.ns.fortyOr!), '—', verdict(undefined)],
  [`compile 40-clause OR (${FORTY_OR.length} chars)`, formatNs(t.fortyOr), '—', verdict(undefined)],
  [`per byte, ~1 KB (${ONE_KB.length} B)`, `${perByteKb.toFixed(1)} ns/B`, '—', verdict(undefined)],
  [`per byte, ~1 MB (${ONE_MB.length} B)`, `${perByteMb.toFixed(1)} ns/B`, '—', verdict(undefined)],
  ['per byte: 1 MB ÷ 1 KB', formatRatio(byteGrowth), '≤ 1.5×', verdict(byteGrowth <= 1.5)],
  ...cold.map((c, i) => [
    `cold start, ${c.label}, import + 1st compile (median of ${c.runs})`,
    `${c.medianMs.toFixed(0)} ms (${c.medianImportMs.toFixed(0)} + ${c.medianFirstCompileMs.toFixed(0)})`,
    i === 0 ? '≤ 40 ms' : '—',
    verdict(i === 0 ? c.medianMs <= 40 : undefined),
  ]),
  ...evaluateRows(p50),
  ...interactiveRows(p50),
  ...linear.map((l) => [
    `linear: ${l.name}, ns/char 1M ÷ 10k${l.crashed ? ' (KQ9001 crash)' : ''}`,
    formatRatio(l.growth),
    '≤ 3×, no crash',
    verdict(l.growth <= 3 && !l.crashed),
  ]),
];

log('\n## Summary (medians; ratios measured in the same run)\n');
log(markdownTable(['Measure', 'Value', 'Target', 'Result'], rows));

log('\n### Linear-time check: ns per char\n');
log(
  markdownTable(
    ['Input', ...LINEAR_SIZES.map((n) => `n = ${n.toLocaleString('en-US')}`), '1M ÷ 10k', 'Outcome'],
    linear.map((l) => [l.name, ...l.perChar.map((x) => x.toFixed(2)), formatRatio(l.growth), l.outcome]),
  ),
);

const missed = rows.filter((r) => r[3] === verdict(false)).length;
log(`\n${missed === 0 ? 'All targets met.' : `${missed} target(s) NOT met.`}`);
if (built.note) log(`note: timed a fallback bundle of src/, not dist/ — ${built.note}`);
