/**
 * The per-stage breakdown (`npm run bench:stages`): lex, parse, check, lower (lower + normalize + shape) and emit,
 * each timed alone on its own precomputed input, for each query class — 1 clause, the typical query, 40 OR-ed
 * clauses, a misspelt field (check runs the did-you-mean search) — beside the whole `compile` and the bytes one
 * compile allocates, and what each stage allocates alone. A regression then shows in the stage where it happened.
 *
 * The stages come from a bundle made like the Node library build (internals.ts). Times are medians of CPU time per
 * call (cputime.ts `cpuMedian`, after a warm-up), which other load on the 2 shared cores moves far less than wall time.
 *
 * Allocation: after a full GC, `compile` runs {@link ALLOC_RUNS} times and the growth of `heapUsed` is divided by the
 * runs. New-space allocation is a bump of a pointer that `heapUsed` counts, so this is the bytes allocated as long as
 * no scavenge ran in between; the npm script fixes V8's semi-space at 64 MiB (`--min-semi-space-size=64 --max-semi-space-size=64`) so none does,
 * and a `gc` performance entry during the loop marks the row `(GC ran: a lower bound)`.
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { do_not_optimize } from 'mitata';
import { cpuMedian } from './cputime.js';
import { importInternals, type Internals } from './internals.js';
import { FORTY_OR, MISSPELT, OPTS, SHORT, TYPICAL } from './inputs.js';
import { formatNs, markdownTable } from './report.js';

/** Compiles per allocation sample. */
const ALLOC_RUNS = 200;

const log = (line = '') => console.log(line);

/** The query classes of the breakdown. */
export const STAGE_CLASSES: Readonly<Record<string, string>> = {
  '1 clause': SHORT,
  typical: TYPICAL,
  '40-clause OR': FORTY_OR,
  'misspelt field': MISSPELT,
};


async function median(fn: () => unknown): Promise<number> {
  return cpuMedian(fn);
}

/** Bytes allocated by one `run()`, averaged over {@link ALLOC_RUNS}; `gcRan` when a collection spoiled the count. */
export async function allocationPerRun(run: () => unknown): Promise<{ bytes: number; gcRan: boolean }> {
  const gc = globalThis.gc;
  if (typeof gc !== 'function') throw new Error('bench: run with --expose-gc (npm run bench:stages does)');
  for (let i = 0; i < 50; i++) run(); // warm: no lazy compilation or first-use caches in the count
  const gcStarts: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcStarts.push(e.startTime);
  });
  observer.observe({ entryTypes: ['gc'] });
  gc();
  const sink: unknown[] = new Array(ALLOC_RUNS);
  const t0 = performance.now();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < ALLOC_RUNS; i++) sink[i] = run();
  const after = process.memoryUsage().heapUsed;
  const t1 = performance.now();
  await new Promise((r) => setTimeout(r, 20)); // gc entries are delivered asynchronously
  observer.disconnect();
  const collections = gcStarts.filter((t) => t >= t0 && t <= t1).length;
  do_not_optimize(sink);
  // The sink array itself (8 bytes a slot) is allocated before `before`.
  return { bytes: (after - before) / ALLOC_RUNS, gcRan: collections > 0 };
}

/** One class's stage medians (ns) and allocation. */
export interface StageRow {
  readonly name: string;
  readonly chars: number;
  readonly lex: number;
  readonly parse: number;
  readonly check: number;
  readonly lower: number;
  readonly emit: number;
  readonly compile: number;
  readonly allocBytes: number;
  readonly allocGc: boolean;
  /** Bytes each stage allocates alone (NaN where the stage does not run), and whether a collection spoiled any. */
  readonly stageAlloc: { readonly lex: number; readonly parse: number; readonly check: number; readonly lower: number; readonly emit: number };
  readonly stageAllocGc: boolean;
}

/** Times every stage of `text` with the bundled stages `m`. Throws when the query does not parse. */
export async function measureStages(m: Internals, name: string, text: string): Promise<StageRow> {
  const limits = { maxDepth: 64, maxDiagnostics: 100 };
  const lexed = m.lex(text, limits);
  const sink: never[] = [];
  const builders = m.termBuilders(sink);
  const parsed = m.parseTokens(lexed.tokens, builders.fieldTerm, builders.text);
  if (parsed.error) throw new Error(`bench: '${name}' does not parse: ${parsed.error.message}`);
  const ast = { kind: 'Query' as const, span: { start: 0, end: text.length }, body: parsed.body };
  const checked = m.analyze(ast, OPTS);
  const failed = checked.diagnostics.some((d) => d.severity === 'error');
  const lowerAll = () => {
    const lowered = m.lower(checked);
    return m.shape(lowered ? m.normalize(lowered) : null, false);
  };
  const shaped = failed ? null : lowerAll().shaped;
  const lex = await median(() => m.lex(text, limits));
  const parse = await median(() => m.parseTokens(lexed.tokens, builders.fieldTerm, builders.text));
  sink.length = 0;
  const check = await median(() => m.analyze(ast, OPTS));
  const lower = failed ? Number.NaN : await median(lowerAll);
  const emit = shaped ? await median(() => m.emit(shaped, checked.queryContext, checked.sort, checked.timeZone)) : Number.NaN;
  const compile = await median(() => m.compile(text, OPTS));
  const alloc = await allocationPerRun(() => m.compile(text, OPTS));
  // Where the allocation is: each stage alone, as above.
  const a = {
    lex: await allocationPerRun(() => m.lex(text, limits)),
    parse: await allocationPerRun(() => m.parseTokens(lexed.tokens, builders.fieldTerm, builders.text)),
    check: await allocationPerRun(() => m.analyze(ast, OPTS)),
    lower: failed ? null : await allocationPerRun(lowerAll),
    emit: shaped ? await allocationPerRun(() => m.emit(shaped, checked.queryContext, checked.sort, checked.timeZone)) : null,
  };
  sink.length = 0;
  const bytes = (x: { bytes: number } | null) => (x === null ? Number.NaN : x.bytes);
  return {
    name,
    chars: text.length,
    lex,
    parse,
    check,
    lower,
    emit,
    compile,
    allocBytes: alloc.bytes,
    allocGc: alloc.gcRan,
    stageAlloc: { lex: bytes(a.lex), parse: bytes(a.parse), check: bytes(a.check), lower: bytes(a.lower), emit: bytes(a.emit) },
    stageAllocGc: Object.values(a).some((x) => x !== null && x.gcRan),
  };
}

/** The breakdown as markdown: per class, each stage's median and share of the stage sum, compile, allocation. */
export function stagesTable(rows: readonly StageRow[]): string {
  const cell = (ns: number, sum: number) => (Number.isNaN(ns) ? '—' : `${formatNs(ns)} (${Math.round((100 * ns) / sum)} %)`);
  return markdownTable(
    ['class', 'lex', 'parse', 'check', 'lower+normalize+shape', 'emit', 'compile', 'alloc / compile'],
    rows.map((r) => {
      const sum = [r.lex, r.parse, r.check, r.lower, r.emit].filter((x) => !Number.isNaN(x)).reduce((a, b) => a + b, 0);
      return [
        `${r.name} (${r.chars} chars)`,
        cell(r.lex, sum),
        cell(r.parse, sum),
        cell(r.check, sum),
        cell(r.lower, sum),
        cell(r.emit, sum),
        formatNs(r.compile),
        `${(r.allocBytes / 1024).toFixed(1)} KiB${r.allocGc ? ' (GC ran: a lower bound)' : ''}`,
      ];
    }),
  );
}

/** The allocation of each stage, per class (KiB; the stages run alone, so their sum can differ from a compile's). */
export function stageAllocationTable(rows: readonly StageRow[]): string {
  const kib = (b: number) => (Number.isNaN(b) ? '—' : `${(b / 1024).toFixed(2)} KiB`);
  return markdownTable(
    ['class', 'lex', 'parse', 'check', 'lower+normalize+shape', 'emit', 'compile'],
    rows.map((r) => [
      `${r.name}${r.stageAllocGc ? ' (GC ran: a lower bound)' : ''}`,
      kib(r.stageAlloc.lex),
      kib(r.stageAlloc.parse),
      kib(r.stageAlloc.check),
      kib(r.stageAlloc.lower),
      kib(r.stageAlloc.emit),
      kib(r.allocBytes),
    ]),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { mod, cleanup } = await importInternals();
  process.on('exit', cleanup);
  log('stages of the bundled pipeline (medians; share of the stage sum)\n');
  const rows: StageRow[] = [];
  for (const [name, text] of Object.entries(STAGE_CLASSES)) rows.push(await measureStages(mod, name, text));
  log(stagesTable(rows));
  log('\nallocation per call, each stage alone (heapUsed growth over 200 calls)\n');
  log(stageAllocationTable(rows));
}
