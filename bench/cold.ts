/**
 * The cold-start rows alone (`npm run bench:cold`, i.e. `node --import tsx bench/cold.ts`), the goals of the
 * performance issue:
 *
 * 1. The library: fresh `node` processes import the built package (`dist/index.js`) and compile one query; the median
 *    of import + first compile, measured inside the child (`coldstart.ts`). Target ≤ 40 ms.
 * 2. The CLI, whole processes: `node bin/kq.cjs compile '<query>'` and `node bin/kq.cjs --version` against
 *    `node -e 0`, in paired rounds (`measureProcesses`), CPU time and wall time. Targets: compile ≤ 1.6× `node -e 0`,
 *    `--version` at bare Node speed. The code cache lives in a temporary XDG_CACHE_HOME written by the warm-up round;
 *    a row without it (`KQ_NO_CODE_CACHE=1`) shows a first run.
 *
 * `--runs N` sets the rounds of part 2 (default 30; part 1 takes 20). The machines have 2 shared cores: trust the
 * CPU-time ratios, which pairing keeps meaningful, over absolute times. Nothing here fails on a missed target.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtModule } from './built.js';
import { CPU_REPORTER, measureColdStart, measureProcesses } from './coldstart.js';
import { markdownTable, verdict } from './report.js';

const log = (line = '') => console.log(line);
const runsFlag = process.argv.indexOf('--runs');
const ROUNDS = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : 30;
const QUERY = 'conversation_status:open AND conversation_priority>=3';

const built = await builtModule(log);
process.on('exit', built.cleanup);
if (built.label !== 'dist/index.js') throw new Error(`bench:cold needs a working \`npm run build\` (dist/); got ${built.label}`);

log('cold start: fresh node processes, import + first compile of dist/index.js\n');
const lib = measureColdStart(built.label, built.url, 20);
log(`  median ${lib.medianMs.toFixed(1)} ms (import ${lib.medianImportMs.toFixed(1)} + first compile ${lib.medianFirstCompileMs.toFixed(1)}), ${lib.medianProcessMs.toFixed(0)} ms whole process\n`);

const dir = mkdtempSync(join(tmpdir(), 'kq-bench-cold-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const reporter = join(dir, 'cpu.cjs');
writeFileSync(reporter, CPU_REPORTER);
const cache = { XDG_CACHE_HOME: join(dir, 'cache') };

log(`whole processes, ${ROUNDS} paired rounds (node ${process.version})\n`);
const timings = measureProcesses(
  [
    { label: 'node -e 0', args: ['-e', '0'] },
    { label: `kq compile '${QUERY}'`, args: ['bin/kq.cjs', 'compile', QUERY], env: cache },
    { label: 'kq compile, no code cache (a first run)', args: ['bin/kq.cjs', 'compile', QUERY], env: { ...cache, KQ_NO_CODE_CACHE: '1' } },
    { label: 'kq --version', args: ['bin/kq.cjs', '--version'], env: cache },
  ],
  ROUNDS,
  reporter,
);
const target: Record<string, number> = { [`kq compile '${QUERY}'`]: 1.6 };
log(
  markdownTable(
    ['what', 'CPU (median)', 'wall (median)', '÷ node -e 0, CPU', '÷ node -e 0, wall', 'target', 'met?'],
    [
      ['import + 1st compile of dist/index.js (in process)', `${lib.medianMs.toFixed(1)} ms`, '—', '—', '—', '≤ 40 ms', verdict(lib.medianMs <= 40)],
      ...timings.map((t) => [
        t.label,
        `${t.medianCpuMs.toFixed(1)} ms`,
        `${t.medianWallMs.toFixed(1)} ms`,
        `${t.cpuRatio.toFixed(2)}×`,
        `${t.wallRatio.toFixed(2)}×`,
        target[t.label] !== undefined ? `≤ ${target[t.label]}×` : '—',
        verdict(target[t.label] !== undefined ? t.cpuRatio <= target[t.label]! : undefined),
      ]),
    ],
  ),
);
