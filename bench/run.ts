/**
 * The `kq run` benchmark (`npm run bench:run`, i.e. `node --import tsx bench/run.ts`): whole-process timing of the
 * built CLI over JSON arrays of records, to show that reading records is linear in time and bounded in memory.
 *
 * `kq run --data` used to find each array element's line by scanning from the start of the file (`lineAt`), so a
 * JSON array took quadratic time (20k records 4 s, 40k 15 s, 200k 379 s) and the file was read whole. It now streams
 * (src/node/recordReader.ts): this bench measures that.
 *
 * 1. Writes JSON arrays of 100,000 and 1,000,000 records (`--sizes 100000,1000000` to change), pretty-printed one
 *    element per line as exports are, with a fixed seed, in a temporary directory (never in the repository), and
 *    the 1,000,000 one as NDJSON too.
 * 2. Runs `node bin/kq.js run 'conversation_status:open' --data <file> --count` (bounded memory: only a count is
 *    kept) and the same without `--count`, output to /dev/null (the matches, about a third, are kept to be sorted),
 *    each in a fresh process, and reports wall time (start-up included), records/s, and the process's peak
 *    resident memory (maxRSS from `process.resourceUsage()`, read at exit by a preloaded script).
 * 3. Prints the ratios between sizes: linear time means about 10× the time for 10× the records; bounded memory means
 *    about the same peak RSS for `--count`.
 *
 * Nothing here fails on a number; the run fails when the CLI does (or miscounts).
 */
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './built.js';
import { markdownTable } from './report.js';
import { mulberry32 } from '../scripts/random.mjs';

const log = (line = '') => console.log(line);
const argSizes = process.argv.indexOf('--sizes');
const SIZES = (argSizes > 0 ? process.argv[argSizes + 1]! : '100000,1000000').split(',').map(Number);
const QUERY = 'conversation_status:open';

/** Writes `n` records as a JSON array (one element a line) or NDJSON; returns how many match QUERY. */
async function writeRecords(path: string, n: number, format: 'json' | 'ndjson'): Promise<number> {
  const random = mulberry32(20261207);
  const out = createWriteStream(path);
  const statuses = ['open', 'snoozed', 'done'];
  let open = 0;
  let buffer = format === 'json' ? '[\n' : '';
  for (let i = 0; i < n; i++) {
    const status = statuses[Math.floor(random() * 3)]!;
    if (status === 'open') open++;
    const record = {
      _type: 'conversation',
      id: `${(i + 0x5f000000).toString(16).padStart(24, '0')}`,
      conversation_status: status,
      conversation_priority: 1 + Math.floor(random() * 5),
      conversation_created_at: new Date(Date.UTC(2025, 0, 1) + Math.floor(random() * 3e10)).toISOString(),
      conversation_tags: random() < 0.2 ? ['vip', 'refund'] : [],
      big: 12345678901234567890n.toString(), // written as a string here; the reader keeps any text as written
    };
    const text = JSON.stringify(record);
    buffer += format === 'json' ? `  ${text}${i < n - 1 ? ',' : ''}\n` : `${text}\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  if (format === 'json') buffer += ']\n';
  out.end(buffer);
  await once(out, 'finish');
  return open;
}

interface Measure {
  readonly seconds: number;
  readonly maxRssMb: number;
  readonly stdout: string;
}

/** Runs the built CLI in a fresh process with the maxRSS reporter preloaded. */
function runKq(args: string[], reporter: string, toDevNull: boolean): Measure {
  const started = performance.now();
  const r = spawnSync(process.execPath, ['--require', reporter, 'bin/kq.js', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    stdio: ['ignore', toDevNull ? 'ignore' : 'pipe', 'pipe'],
  });
  const seconds = (performance.now() - started) / 1000;
  if (r.status !== 0) throw new Error(`kq ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const rss = /maxrss-kb (\d+)/.exec(r.stderr);
  return { seconds, maxRssMb: rss ? Number(rss[1]) / 1024 : NaN, stdout: r.stdout ?? '' };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kq-bench-run-'));
  const reporter = join(dir, 'maxrss.cjs');
  writeFileSync(reporter, "process.on('exit', () => process.stderr.write(`\\nmaxrss-kb ${process.resourceUsage().maxRSS}\\n`));\n");
  try {
    log(`# kq run: whole-process timing (node ${process.version}, query ${QUERY})`);
    log();
    const rows: string[][] = [];
    const results: { label: string; n: number; m: Measure }[] = [];
    const inputs: { label: string; n: number; path: string; format: 'json' | 'ndjson' }[] = [];
    for (const n of SIZES) inputs.push({ label: 'JSON array', n, path: join(dir, `records-${n}.json`), format: 'json' });
    const biggest = Math.max(...SIZES);
    inputs.push({ label: 'NDJSON', n: biggest, path: join(dir, `records-${biggest}.ndjson`), format: 'ndjson' });
    for (const input of inputs) {
      const open = await writeRecords(input.path, input.n, input.format);
      const mb = statSync(input.path).size / (1024 * 1024);
      const count = runKq(['run', QUERY, '--data', input.path, '--count'], reporter, false);
      if (Number(count.stdout.trim()) !== open) throw new Error(`--count said ${count.stdout.trim()}, expected ${open}`);
      const list = runKq(['run', QUERY, '--data', input.path], reporter, true);
      for (const [mode, m] of [['--count', count], ['matches → /dev/null', list]] as const) {
        results.push({ label: `${input.label} ${mode}`, n: input.n, m });
        rows.push([
          input.label,
          input.n.toLocaleString('en-US'),
          `${mb.toFixed(0)} MB`,
          mode,
          `${m.seconds.toFixed(2)} s`,
          Math.round(input.n / m.seconds).toLocaleString('en-US'),
          `${m.maxRssMb.toFixed(0)} MB`,
        ]);
      }
      rmSync(input.path);
    }
    log(markdownTable(['input', 'records', 'size', 'mode', 'wall time', 'records/s', 'peak RSS'], rows));
    log();
    // Linearity: the time per record at the largest size against the smallest, per mode.
    const smallest = Math.min(...SIZES);
    if (smallest !== biggest) {
      for (const mode of ['--count', 'matches → /dev/null']) {
        const a = results.find((r) => r.label === `JSON array ${mode}` && r.n === smallest)!.m;
        const b = results.find((r) => r.label === `JSON array ${mode}` && r.n === biggest)!.m;
        log(
          `JSON array ${mode}: ${biggest / smallest}× the records took ${(b.seconds / a.seconds).toFixed(1)}× the time ` +
            `(linear: about ${biggest / smallest}×; quadratic would be ${(biggest / smallest) ** 2}×); peak RSS ${a.maxRssMb.toFixed(0)} → ${b.maxRssMb.toFixed(0)} MB`,
        );
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
