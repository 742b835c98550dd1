/**
 * Cold start: a fresh `node` process imports the package and compiles one query. The time measured inside the child
 * runs from just before the dynamic `import()` to just after the first `compile()` returns (`performance.now()`), so
 * it leaves out Node's own start-up; the child's whole wall time, spawn to exit, is reported beside it.
 */
import { spawnSync } from 'node:child_process';
import { ROOT } from './built.js';

/** The query each child compiles. */
const QUERY = 'conversation_status:open AND conversation_priority>=3';

/** The child's program: import, compile, print the two phases' milliseconds as JSON. The module URL is `argv[1]`. */
const CHILD = `
const t0 = performance.now();
const m = await import(process.argv[1]);
const t1 = performance.now();
const r = m.compile(${JSON.stringify(QUERY)}, { now: 0 });
const t2 = performance.now();
if (!r.criteria) { console.error(JSON.stringify(r.diagnostics)); process.exit(3); }
console.log(JSON.stringify({ importMs: t1 - t0, compileMs: t2 - t1 }));
`;

/** The medians of a cold-start series. */
export interface ColdStart {
  /** What was imported, for the report. */
  readonly label: string;
  /** Median of import + first compile, measured inside the child (ms). */
  readonly medianMs: number;
  /** Median of the `import()` alone (ms). */
  readonly medianImportMs: number;
  /** Median of the first `compile()` alone (ms). */
  readonly medianFirstCompileMs: number;
  /** Median wall time of the whole child process, spawn to exit (ms). */
  readonly medianProcessMs: number;
  readonly runs: number;
}

/** The median of `xs` (not empty). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Spawns `runs` children that import `moduleUrl` (with `nodeArgs` before `-e`, e.g. `--import tsx`) and compile one
 * query; returns the medians. Throws when a child fails.
 */
export function measureColdStart(label: string, moduleUrl: string, runs: number, nodeArgs: string[] = []): ColdStart {
  const inside: number[] = [];
  const imports: number[] = [];
  const firsts: number[] = [];
  const whole: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const child = spawnSync(process.execPath, [...nodeArgs, '--input-type=module', '-e', CHILD, moduleUrl], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    whole.push(performance.now() - t0);
    if (child.status !== 0) {
      throw new Error(`cold-start child for ${label} exited ${child.status}:\n${child.stderr}`);
    }
    const { importMs, compileMs } = JSON.parse(child.stdout.trim().split('\n').pop()!) as Record<string, number>;
    imports.push(importMs!);
    firsts.push(compileMs!);
    inside.push(importMs! + compileMs!);
  }
  return {
    label,
    medianMs: median(inside),
    medianImportMs: median(imports),
    medianFirstCompileMs: median(firsts),
    medianProcessMs: median(whole),
    runs,
  };
}

/** One command of a whole-process series: what to run (after `node`) and a label for the report. */
export interface ProcessCommand {
  readonly label: string;
  /** Arguments to `node`, e.g. `['bin/kq.cjs', 'compile', 'q']`; run in the project root. */
  readonly args: readonly string[];
  /** Extra environment variables. */
  readonly env?: Readonly<Record<string, string>>;
}

/** The medians of a whole-process series of one command, and its ratios to the yardstick (the first command). */
export interface ProcessTiming {
  readonly label: string;
  /** Median CPU time (user + system, all threads) of the process, from start to its `exit` event (ms). */
  readonly medianCpuMs: number;
  /** Median wall time, spawn to exit, seen from this process (ms). */
  readonly medianWallMs: number;
  /** Median of the per-round ratios to the yardstick's CPU time and wall time (1 for the yardstick). */
  readonly cpuRatio: number;
  readonly wallRatio: number;
  readonly runs: number;
}

/**
 * Whole processes, paired: each round runs every command once, in turn (A B C A B C …), so a drift in the machine's
 * speed moves them all; ratios are taken within a round, then their median. The first command is the yardstick
 * (`node -e 0`). A child's CPU time is read by a preloaded script at its `exit` event (`process.cpuUsage()`: user +
 * system of the whole process, every thread; Node's `--require`), so every command, the yardstick too, carries the
 * same preload. Throws when a command exits non-zero. One unmeasured warm-up round first (it also writes the code
 * caches of `kq` commands, so the rounds measure the steady state).
 */
export function measureProcesses(commands: readonly ProcessCommand[], rounds: number, reporterPath: string): ProcessTiming[] {
  const cpu: number[][] = commands.map(() => []);
  const wall: number[][] = commands.map(() => []);
  for (let round = -1; round < rounds; round++) {
    commands.forEach((c, i) => {
      const t0 = performance.now();
      const child = spawnSync(process.execPath, ['--require', reporterPath, ...c.args], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, ...c.env },
      });
      const ms = performance.now() - t0;
      if (child.status !== 0) throw new Error(`${c.label} exited ${child.status}:\n${child.stderr}`);
      const used = /kq-bench-cpu-us (\d+)/.exec(child.stderr);
      if (!used) throw new Error(`${c.label}: no CPU report on stderr`);
      if (round < 0) return;
      cpu[i]!.push(Number(used[1]) / 1000);
      wall[i]!.push(ms);
    });
  }
  return commands.map((c, i) => ({
    label: c.label,
    medianCpuMs: median(cpu[i]!),
    medianWallMs: median(wall[i]!),
    cpuRatio: median(cpu[i]!.map((x, r) => x / cpu[0]![r]!)),
    wallRatio: median(wall[i]!.map((x, r) => x / wall[0]![r]!)),
    runs: rounds,
  }));
}

/** The preloaded script of {@link measureProcesses}: prints the process's CPU microseconds on stderr at exit. */
export const CPU_REPORTER = "process.on('exit', () => { const u = process.cpuUsage(); process.stderr.write(`\\nkq-bench-cpu-us ${u.user + u.system}\\n`); });\n";
