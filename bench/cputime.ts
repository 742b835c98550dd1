/**
 * CPU-time measurement for ratios that must hold up on a loaded 2-core machine: `process.cpuUsage()` (user + system
 * µs of this process) instead of wall time, which other processes stretch by whole multiples, and subjects measured
 * in interleaved rounds, so that load or clock changes during the run touch every subject alike. mitata (the other
 * tables) reports wall time; the targets that are ratios are judged on these figures.
 */
import { do_not_optimize } from 'mitata';
import { median } from './coldstart.js';

/** CPU time (ns) of this process since `start` (a `process.cpuUsage()` reading). */
function cpuNsSince(start: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(start);
  return (c.user + c.system) * 1000;
}

/** CPU time one timed batch aims at (ns). */
const BATCH_NS = 10e6;
/** The warm-up's bounds (ns of CPU time). */
const WARM_MIN_NS = 300e6;
const WARM_MAX_NS = 4e9;

/**
 * Runs `fn` until its speed settles — batches of ~10 ms until three in a row are no more than 3 % faster than the
 * best before them, after at least 300 ms and at most 4 s of CPU time — and returns how many calls take about 10 ms.
 * A fixed short warm-up was not enough: V8 optimizes on a background thread, which a loaded 2-core machine starves,
 * and a typical compile measured 29 µs after 150 ms of calls against 8.5 µs once settled.
 */
export function warmUp(fn: () => unknown): number {
  const start = process.cpuUsage();
  let n = 1;
  // Size a batch: double until one takes ~10 ms.
  for (;;) {
    const t = batch(fn, n, false) * n;
    if (t >= BATCH_NS || n >= 1 << 24) break;
    n = t <= 0 ? n * 2 : Math.min(n * 2, Math.max(n + 1, Math.ceil((n * BATCH_NS) / t)));
  }
  let best = Infinity;
  let calm = 0;
  while (cpuNsSince(start) < WARM_MAX_NS) {
    const t = batch(fn, n, false);
    if (t < best * 0.97) {
      best = t;
      calm = 0;
    } else calm++;
    if (calm >= 3 && cpuNsSince(start) >= WARM_MIN_NS) break;
  }
  return Math.max(1, Math.round(BATCH_NS / best));
}

/**
 * CPU ns per call of one batch of `n` calls. With `--expose-gc` (the npm scripts pass it) a young-generation
 * collection (a scavenge; a full one flushed compiled code and made the batch after it several times slower) runs
 * first, untimed: each batch then pays for collecting its own garbage only, not for what the subject timed before it
 * left behind (liqe's parse allocates far more than a compile).
 */
function batch(fn: () => unknown, n: number, collect = true): number {
  if (collect) (globalThis.gc as ((o?: { type: 'minor' | 'major' }) => void) | undefined)?.({ type: 'minor' });
  const start = process.cpuUsage();
  for (let i = 0; i < n; i++) do_not_optimize(fn());
  return cpuNsSince(start) / n;
}

/** Median CPU ns per call of `fn`: warmed up, then {@link BATCHES} batches of about 10 ms each. */
export function cpuMedian(fn: () => unknown): number {
  const n = warmUp(fn);
  const perCall: number[] = [];
  for (let b = 0; b < BATCHES; b++) perCall.push(batch(fn, n));
  return median(perCall);
}

/** Timed batches per {@link cpuMedian}. */
const BATCHES = 15;

/** The result of {@link interleaved}: per subject, the median CPU ns per call and the median ratio to the baseline. */
export interface Interleaved {
  readonly ns: Readonly<Record<string, number>>;
  /** Per subject: the median over rounds of (subject's ns ÷ baseline's ns in the same round). */
  readonly ratio: Readonly<Record<string, number>>;
}

/**
 * Times every subject in `rounds` interleaved rounds (each round: one ~10 ms batch of each subject, in order) after
 * warming each up, and returns medians per subject and, per subject, the median of its per-round ratio to
 * `baseline`'s time in the same round — a paired comparison that load changes between rounds leave unbiased.
 */
export function interleaved(subjects: Readonly<Record<string, () => unknown>>, baseline: string, rounds = 15): Interleaved {
  const names = Object.keys(subjects);
  if (!names.includes(baseline)) throw new Error(`bench: no subject '${baseline}'`);
  const sizes: Record<string, number> = {};
  for (const name of names) sizes[name] = warmUp(subjects[name]!);
  const times: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, [] as number[]]));
  for (let r = 0; r < rounds; r++) for (const name of names) times[name]!.push(batch(subjects[name]!, sizes[name]!));
  const ns: Record<string, number> = {};
  const ratio: Record<string, number> = {};
  for (const name of names) {
    ns[name] = median(times[name]!);
    ratio[name] = median(times[name]!.map((t, r) => t / times[baseline]![r]!));
  }
  return { ns, ratio };
}
