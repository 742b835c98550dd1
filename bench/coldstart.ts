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
