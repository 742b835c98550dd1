/**
 * The bulk translation benchmark (`npm run bench:translate`, i.e. `node --expose-gc --import tsx bench/translate.ts`;
 * separate from `npm run bench` because the big run takes minutes).
 *
 * 1. Generates a file of saved queries in a temporary directory (never in the repository): 1,000,000 lines by
 *    default (`--lines N`), a realistic mix from a fixed seed — about 80 % valid queries of every kind (the bundled
 *    examples' shapes, with varied values), 12 % invalid ones (unknown fields, bad values, syntax errors, shapes the
 *    criteria cannot hold), 8 % comments and blank lines.
 * 2. Runs the built CLI, `kq translate <file> --jobs N --out /dev/null`, for `--jobs 1` and `--jobs 2`, each in a
 *    fresh process, and reports records/second (records ÷ wall time of the whole process, start-up included) and
 *    peak resident memory (the process's maxRSS, worker threads included). The same runs on a tenth of the file show
 *    whether memory grows with the input (it must not: reading streams, and at most 2 × jobs batches are in flight).
 * 3. mitata: `translate()` of 10,000 lines in this process (the built module), per record.
 *
 * The machines have 2 shared cores: `--jobs 2` runs two workers beside the main thread, which reads, parses and
 * writes. Nothing here fails on a number; the run fails when the CLI does.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { measure } from 'mitata';
import { builtModule, ROOT, importPackage, type Package } from './built.js';
import { markdownTable } from './report.js';
import { mulberry32 } from '../scripts/random.mjs';

const log = (line = '') => console.log(line);
const argLines = process.argv.indexOf('--lines');
const LINES = argLines > 0 ? Number(process.argv[argLines + 1]) : 1_000_000;
const NOW = '2025-01-15T12:00:00Z';

// ---------------------------------------------------------------------------------------------------------------
// The input: a deterministic mix of queries.


const random = mulberry32(20250115);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
const day = () => `20${int(20, 26)}-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`;
const word = () => pick(['refund', 'invoice', 'shipping', 'vip', 'urgent', 'billing', 'delay', 'password', 'order', 'cancel']);

const valid: (() => string)[] = [
  () => `conversation_status:${pick(['open', 'snoozed', 'done'])}`,
  () => `context:conversation conversation_status:open conversation_priority>=${int(1, 5)} conversation_created_at>=${day()} tz:America/New_York`,
  () => `customer_email~@${word()}.example sort:customer_updated_at-desc`,
  () => `context:message message_body:${word()}`,
  () => `context:conversation conversation_status:(open OR snoozed) no:conversation_assigned_users`,
  () => `customer_tags:vip conversation_last_message_at>=now-${int(1, 30)}d/d tz:Europe/Paris`,
  () => `conversation_channels:email,chat -conversation_status:done context:conversation sort:conversation_updated_at-desc`,
  () => `"${word()} ${word()}" ORD-${int(1000, 9999)}`,
  () => `conversation_created_at:${day()}..${day()} context:conversation`,
  () => `conversation_priority:[${int(1, 3)} TO 5] conversation_sla_breached:true`,
  () => `conversation_status:done AND customer_updated_at>=${day()} sort:customer_name`,
  () => `(conversation_status:open OR conversation_priority>=4) customer_tags:${word()}`,
];
const invalid: (() => string)[] = [
  () => `conversation_statu:${pick(['open', 'opne'])}`,
  () => `conversation_priority>=${int(6, 99)}`,
  () => `conversation_status:(open OR snoozed`,
  () => `(a OR b) (c OR ${word()})`,
  () => `customer_custom_tier:${word()}`,
  () => `conversation_created_at>=${day()}T25:00`,
];

/** Writes `lines` lines of the mix to `path`; returns the number of query lines (records). */
async function generate(path: string, lines: number): Promise<number> {
  const out = createWriteStream(path);
  let records = 0;
  let chunk: string[] = [];
  for (let i = 0; i < lines; i++) {
    const r = random();
    if (r < 0.04) chunk.push(`# saved search ${i}`);
    else if (r < 0.08) chunk.push('');
    else {
      records++;
      chunk.push(r < 0.2 ? pick(invalid)() : pick(valid)());
    }
    if (chunk.length === 10_000) {
      if (!out.write(`${chunk.join('\n')}\n`)) await once(out, 'drain');
      chunk = [];
    }
  }
  out.end(chunk.length > 0 ? `${chunk.join('\n')}\n` : '');
  await once(out, 'finish');
  return records;
}

// ---------------------------------------------------------------------------------------------------------------
// The runs.

const built = await builtModule(log);
process.on('exit', built.cleanup);
if (built.label !== 'dist/index.js') throw new Error(`bench:translate needs a working \`npm run build\` (dist/kq.cjs, dist/cli.cjs); got ${built.label}`);

const dir = mkdtempSync(join(tmpdir(), 'kq-translate-bench-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const big = join(dir, 'saved.kq');
const small = join(dir, 'saved-tenth.kq');
const bigRecords = await generate(big, LINES);
const smallRecords = await generate(small, Math.round(LINES / 10));
log(`input: ${LINES.toLocaleString('en-US')} lines, ${bigRecords.toLocaleString('en-US')} queries, ${(statSync(big).size / 1e6).toFixed(1)} MB (${big})`);

// Runs the built CLI in a fresh process and reports its peak RSS (worker threads share the process).
const runner = join(dir, 'run.mjs');
writeFileSync(
  runner,
  `import { run } from ${JSON.stringify(pathToFileURL(join(ROOT, 'dist', 'kq.cjs')).href)};
process.on('exit', () => process.stderr.write(\`\\nmaxRSS \${process.resourceUsage().maxRSS}\\n\`));
await run();
`,
);

interface Run {
  readonly seconds: number;
  readonly records: number;
  readonly maxRssMB: number;
}

function runCli(file: string, jobs: number): Run {
  const started = performance.now();
  const r = spawnSync(process.execPath, [runner, 'translate', file, '--jobs', String(jobs), '--out', '/dev/null', '--now', NOW, '--allow-errors'], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const seconds = (performance.now() - started) / 1000;
  if (r.status !== 0) throw new Error(`kq translate --jobs ${jobs} exited ${r.status}: ${r.stderr}`);
  const records = Number(/kq translate: ([\d,]+) records/.exec(r.stderr)?.[1]?.replace(/,/g, ''));
  const maxRss = Number(/maxRSS (\d+)/.exec(r.stderr)?.[1]);
  log(`  --jobs ${jobs}, ${file === big ? 'full' : 'tenth'}: ${r.stderr.trim().split('\n').filter((l) => l.startsWith('kq translate'))[0]}`);
  return { seconds, records, maxRssMB: maxRss / 1024 };
}

const rows: string[][] = [];
for (const jobs of [1, 2]) {
  const full = runCli(big, jobs);
  const tenth = runCli(small, jobs);
  if (full.records !== bigRecords || tenth.records !== smallRecords) throw new Error(`record count mismatch: ${full.records} / ${bigRecords}`);
  rows.push([
    `kq translate, --jobs ${jobs}`,
    `${Math.round(full.records / full.seconds).toLocaleString('en-US')} records/s (${full.seconds.toFixed(1)} s)`,
    `${full.maxRssMB.toFixed(0)} MB`,
    `${tenth.maxRssMB.toFixed(0)} MB`,
  ]);
}

// ---------------------------------------------------------------------------------------------------------------
// mitata: translate() in this process, 10,000 lines of the mix, per record.

const { translate } = await importPackage(built);
const tenThousand = Buffer.from(
  Array.from({ length: 10_000 }, () => (random() < 0.15 ? pick(invalid)() : pick(valid)())).join('\n'),
  'utf8',
);
async function drain(): Promise<number> {
  let n = 0;
  for await (const _ of translate(tenThousand, { now: NOW })) n++;
  return n;
}
if ((await drain()) !== 10_000) throw new Error('translate() did not give one result per line');
const stats = await measure(drain, { min_samples: 5, max_samples: 12 });
rows.push(['translate() in process, 10,000 lines (mitata median)', `${Math.round(10_000 / (stats.p50 / 1e9)).toLocaleString('en-US')} records/s`, '—', '—']);

log();
log(markdownTable(['Measure', `Throughput (${LINES.toLocaleString('en-US')} lines)`, 'Peak RSS', `Peak RSS (${Math.round(LINES / 10).toLocaleString('en-US')} lines)`], rows));
