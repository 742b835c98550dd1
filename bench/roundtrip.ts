/**
 * The round-trip benchmark (`npm run bench:roundtrip`): `format` and `decompile` beside `compile` on the same
 * queries, in one mitata run, on the built package (see built.ts). Reports medians and each as a ratio of compile's
 * time, and decompile's per-body throughput on 10,000 generated saved-search bodies. Nothing here fails on a number;
 * the run fails only when an input no longer formats, compiles or decompiles.
 */
import { do_not_optimize, bench, group, run, summary } from 'mitata';
import { builtModule, importPackage, type Package } from './built.js';
import { HUNDRED_CLAUSES, OPTS, TYPICAL } from './inputs.js';
import { formatNs, formatRatio, markdownTable } from './report.js';

const log = (line = '') => console.log(line);
const built = await builtModule(log);
process.on('exit', built.cleanup);
const { compile, decompile, format } = await importPackage(built);
log(`timing ${built.label}`);

const typicalCriteria = compile(TYPICAL, OPTS).criteria;
const hundredCriteria = compile(HUNDRED_CLAUSES, OPTS).criteria;
for (const [name, ok] of [
  ['format typical', format(TYPICAL).text !== undefined],
  ['format 100 clauses', format(HUNDRED_CLAUSES).text !== undefined],
  ['decompile typical', typicalCriteria !== undefined && decompile(typicalCriteria, OPTS).text !== undefined],
  ['decompile 100 clauses', hundredCriteria !== undefined && decompile(hundredCriteria, OPTS).text !== undefined],
] as const) {
  if (!ok) throw new Error(`bench input failed: ${name}`);
}

summary(() => {
  group('typical query', () => {
    bench('compile typical', () => do_not_optimize(compile(TYPICAL, OPTS)));
    bench('format typical', () => do_not_optimize(format(TYPICAL)));
    bench('decompile typical', () => do_not_optimize(decompile(typicalCriteria, OPTS)));
  });
  group('100 clauses', () => {
    bench('compile 100 clauses', () => do_not_optimize(compile(HUNDRED_CLAUSES, OPTS)));
    bench('format 100 clauses', () => do_not_optimize(format(HUNDRED_CLAUSES)));
    bench('decompile 100 clauses', () => do_not_optimize(decompile(hundredCriteria, OPTS)));
  });
});

const result = await run({ format: 'mitata' });
const median = (name: string): number => {
  for (const b of result.benchmarks) {
    for (const r of b.runs) if (r.name === name && r.stats) return r.stats.p50;
  }
  throw new Error(`no result for ${name}`);
};

// Throughput on many distinct bodies (as `kq decompile` / `kq translate --to text` see them).
const bodies = Array.from({ length: 10_000 }, (_, i) => ({
  queryContext: 'conversation',
  and: [{ conversation_status: { in: ['open', 'snoozed'] } }, { conversation_priority: { gte: 1 + (i % 5) } }],
  or: [{ conversation_tags: { equals: `tag${i}` } }, { not: [{ conversation_name: { equals: `name ${i}` } }] }],
  sort: { conversation_updated_at: { order: 'desc' } },
}));
const started = performance.now();
let ok = 0;
for (const b of bodies) if (decompile(b, OPTS).text !== undefined) ok++;
const seconds = (performance.now() - started) / 1000;
if (ok !== bodies.length) throw new Error(`only ${ok} of ${bodies.length} bodies decompiled`);

const rows: string[][] = [
  ['format typical', formatNs(median('format typical')), formatRatio(median('format typical') / median('compile typical')) + ' of compile'],
  ['decompile typical', formatNs(median('decompile typical')), formatRatio(median('decompile typical') / median('compile typical')) + ' of compile'],
  ['format 100 clauses', formatNs(median('format 100 clauses')), formatRatio(median('format 100 clauses') / median('compile 100 clauses')) + ' of compile'],
  ['decompile 100 clauses', formatNs(median('decompile 100 clauses')), formatRatio(median('decompile 100 clauses') / median('compile 100 clauses')) + ' of compile'],
  ['decompile 10,000 distinct bodies', `${Math.round(bodies.length / seconds).toLocaleString('en-US')} bodies/s`, ''],
];
log();
log(markdownTable(['Measure', 'Median', 'Ratio'], rows));
