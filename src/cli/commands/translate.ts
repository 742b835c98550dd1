/**
 * `kq translate <file|->`: bulk translation of saved queries — a file (or stdin) of query texts to criteria, or of
 * criteria bodies to query texts (`--to text`) — over `translateOutput()` (src/node/translate.ts: each batch is
 * written out where it is translated, in a worker thread with `--jobs`). Output goes to stdout or
 * `--out`, as JSONL, a JSON array or CSV; a summary line and, on a terminal, a progress bar (cli-progress) go to
 * stderr. `--check` only prints `file:line:col: code severity: message` lines, for CI.
 *
 * Exit status: 0 when every record translated (or `--allow-errors`), 1 when any record failed, 2 for usage errors
 * (unknown flag values, an unreadable input file, an input format the direction cannot read).
 */
import { createReadStream, createWriteStream, fstatSync, statSync, type Stats, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { availableParallelism } from 'node:os';
import { SingleBar } from 'cli-progress';
import { outputFormats, type OutputFormat, inputFormats, type TranslateDirection as Direction, type TranslateInputFormat as InputFormat, formatsFor, inputFormatFor, TranslateTally, translateOutput } from '../../node/index.js';
import { type CliIO, type Command, type FlagValues, UsageError, compileFlags, compileOptions, stringFlag } from '../common.js';

/** Output is written in pieces of about this many characters (one write per piece, not per record). */
const FLUSH_AT = 1 << 16;
/** The progress bar is updated every this many records. */
const PROGRESS_EVERY = 1024;
/**
 * The most worker threads `--jobs` takes: the cores the process may use (`os.availableParallelism()`, Node ≥ 18.14).
 * More workers than cores only contend for them: `--jobs 100` on 2 cores took 2 GB and ran 3.4× slower than
 * `--jobs 2` (issue "Fidelity with what Kustomer accepts…", item 5).
 */
export function maxJobs(): number {
  return Math.max(1, availableParallelism());
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string, fallback: T | undefined): T | undefined {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag}: expected ${allowed.join(', ')}; got '${value}'`);
  return value as T;
}

/** `--jobs`: a whole number ≥ 1, capped at {@link maxJobs} with a note on stderr when it is over. */
export function jobsFlag(values: FlagValues, io: CliIO, cores = maxJobs()): number {
  const text = stringFlag(values, 'jobs');
  if (text === undefined) return 1;
  const jobs = Number(text);
  if (!/^\d+$/.test(text) || jobs < 1) throw new UsageError(`--jobs: expected a whole number ≥ 1; got '${text}'`);
  if (jobs > cores) {
    io.stderr(`kq translate: --jobs ${text} is more than the ${cores} core(s) available; using ${cores}\n`);
    return cores;
  }
  return jobs;
}

/**
 * Where the output goes: stdout (through `io`), or a file with backpressure. Pieces (text, or UTF-8 bytes from a
 * worker) are gathered and written about {@link FLUSH_AT} at a time.
 */
class Output {
  private buffered: (string | Uint8Array)[] = [];
  private size = 0;
  private constructor(
    private readonly io: CliIO,
    private readonly file: WriteStream | undefined,
  ) {}

  static async open(path: string | undefined, io: CliIO): Promise<Output> {
    if (path === undefined) return new Output(io, undefined);
    const file = createWriteStream(path);
    try {
      await once(file, 'open');
    } catch (e) {
      throw new UsageError(`--out: cannot write ${path}: ${(e as Error).message}`);
    }
    return new Output(io, file);
  }

  async write(piece: string | Uint8Array): Promise<void> {
    if (piece.length === 0) return;
    this.buffered.push(piece);
    this.size += piece.length;
    if (this.size >= FLUSH_AT) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.buffered.length === 0) return;
    const pieces = this.buffered;
    this.buffered = [];
    this.size = 0;
    const data =
      pieces.length === 1
        ? pieces[0]!
        : pieces.every((p) => typeof p === 'string')
          ? pieces.join('')
          : Buffer.concat(pieces.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p)));
    if (this.file) {
      if (!this.file.write(data)) await once(this.file, 'drain');
    } else if (typeof data !== 'string' && this.io.stdin === process.stdin) {
      // The process's own stdout takes the bytes as they are (io.stdout is process.stdout.write then).
      if (!process.stdout.write(data)) await once(process.stdout, 'drain');
    } else {
      this.io.stdout(typeof data === 'string' ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8'));
      // The real stdout is asynchronous on some platforms (pipes on macOS): wait rather than queue without bound.
      if (this.io.stdin === process.stdin && process.stdout.writableNeedDrain) await once(process.stdout, 'drain');
    }
  }

  async close(): Promise<void> {
    await this.flush();
    if (this.file) {
      this.file.end();
      await once(this.file, 'finish');
    }
  }
}

/**
 * Refuses `--out` when it names the input itself (the same device and inode, so also through a symbolic or hard
 * link, or stdin redirected from it): opening the output truncates it before a byte is read, so the input would be
 * lost. A usage error (exit 2), checked before the output is opened. `input` is the input's stats, when known.
 */
function refuseSameFile(out: string | undefined, input: Stats | undefined): void {
  if (out === undefined || input === undefined || !input.isFile()) return;
  let target: Stats;
  try {
    target = statSync(out);
  } catch {
    return; // no such file yet: it cannot be the input
  }
  if (target.dev === input.dev && target.ino === input.ino) {
    throw new UsageError(`--out: ${out} is the input file; writing it would destroy the input (write elsewhere, then rename)`);
  }
}

/**
 * How far the results have come through the input, in bytes, for the progress bar: the bytes of the lines before
 * the record whose result was written last. Reading runs ahead of the work (up to 2 × jobs + 1 batches), so the
 * bytes read would show 100 % too early. Each chunk read leaves a checkpoint (lines ended so far, bytes so far); a
 * result for a record starting on line L passes every checkpoint whose bytes all lie before line L. A JSON array on
 * one line thus shows 0 % until its end.
 */
export class ProgressBytes {
  private readonly checkpoints: { lines: number; bytes: number }[] = [];
  private lines = 0;
  private bytes = 0;
  done = 0;

  /** Notes a chunk read. */
  read(chunk: Uint8Array | string): void {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, i + 1)) this.lines++;
    this.bytes += bytes.length;
    this.checkpoints.push({ lines: this.lines, bytes: this.bytes });
  }

  /** Notes that the result of the record starting on (1-based) `line` was written. */
  written(line: number): void {
    // The checkpoint's bytes end inside line `lines + 1`: done when that line is before `line`.
    while (this.checkpoints.length > 0 && this.checkpoints[0]!.lines + 1 < line) this.done = this.checkpoints.shift()!.bytes;
  }
}

/** A progress bar on stderr (bytes of a file, or a record count on stdin), when stderr is the process's terminal. */
function progressBar(io: CliIO, values: FlagValues, totalBytes: number | undefined): SingleBar | undefined {
  if (values['no-progress'] === true || io.stdin !== process.stdin || process.stderr.isTTY !== true) return undefined;
  const format =
    totalBytes !== undefined
      ? 'translate [{bar}] {percentage}% | {records} records | ETA {eta_formatted}'
      : 'translate | {records} records';
  const bar = new SingleBar({ stream: process.stderr, format, hideCursor: true, clearOnComplete: true, fps: 5, etaBuffer: 100 });
  bar.start(totalBytes ?? 1, 0, { records: '0' });
  return bar;
}

/** `kq translate`. */
export const translateCommand: Command = {
  names: ['translate'],
  usage: `  kq translate <file|->    translate saved queries in bulk: queries to criteria, or criteria to text (--to text)`,
  optionsHelp: `Options for translate (and the compile options above):
  --to criteria|text       compile each query (default), or decompile each criteria body to query text
  --input-format <f>       text (.kq .txt: one query per line), jsonl (.jsonl .ndjson), json (an array), csv (.csv,
                           a 'query' column); default from the extension, else text (jsonl with --to text)
  --format jsonl|json|csv  the output: one JSON record per line (default), a JSON array, or CSV
  --out <file>             write the output to a file instead of stdout
  --jobs <n>               translate on n worker threads (output order stays the input order); default 1, at
                           most the number of cores (os.availableParallelism())
  --check                  only check: print file:line:col: code severity: message per error and warning
  --allow-errors           exit 0 even when records fail
  --no-progress            no progress bar (it is shown only when stderr is a terminal)`,
  options: {
    ...compileFlags,
    to: { type: 'string' },
    'input-format': { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    jobs: { type: 'string' },
    check: { type: 'boolean' },
    'allow-errors': { type: 'boolean' },
    'no-progress': { type: 'boolean' },
  },
  async run(_name, positionals, values, io) {
    if (positionals.length > 1) throw new UsageError(`expected one input file (or - for stdin), got ${positionals.length} arguments`);
    const path = positionals[0] ?? '-';
    if (path === '-' && io.stdinIsTTY) throw new UsageError('no input: give a file, or pipe the records to stdin');
    const to = oneOf<Direction>(stringFlag(values, 'to'), ['criteria', 'text'], '--to', 'criteria')!;
    const fromFlag = oneOf<InputFormat>(stringFlag(values, 'input-format'), inputFormats, '--input-format', undefined);
    const inputFormat = fromFlag ?? (path === '-' ? undefined : inputFormatFor(path)) ?? (to === 'criteria' ? 'text' : 'jsonl');
    if (!formatsFor[to].includes(inputFormat)) {
      throw new UsageError(`--to ${to} reads ${formatsFor[to].join(' or ')} input, not ${inputFormat}${fromFlag ? '' : ` (from the name ${path}; use --input-format)`}`);
    }
    const format = oneOf<OutputFormat>(stringFlag(values, 'format'), outputFormats, '--format', 'jsonl')!;
    const jobs = jobsFlag(values, io);
    const opts = compileOptions(values, io);

    let totalBytes: number | undefined;
    let inputStats: Stats | undefined;
    let input: AsyncIterable<Uint8Array | string>;
    if (path === '-') {
      input = io.stdin ?? (async function* () { yield await io.readStdin(); })();
      if (io.stdin === process.stdin) {
        try {
          inputStats = fstatSync(0); // stdin redirected from a file: that file must not be --out either
        } catch {
          // no stdin descriptor to compare
        }
      }
    } else {
      try {
        const stat = statSync(path);
        if (stat.isDirectory()) throw new UsageError(`${path} is a folder; give a file`);
        totalBytes = stat.size;
        inputStats = stat;
      } catch (e) {
        if (e instanceof UsageError) throw e;
        throw new UsageError(`cannot read ${path}: ${(e as Error).message}`);
      }
      input = createReadStream(path, { highWaterMark: 1 << 16 });
    }

    refuseSameFile(stringFlag(values, 'out'), inputStats);

    let progress: ProgressBytes | undefined; // set with the bar, below, before the first chunk is read
    const counted = (async function* () {
      for await (const chunk of input) {
        progress?.read(chunk);
        yield chunk;
      }
    })();

    const output = await Output.open(stringFlag(values, 'out'), io);
    const fileName = path === '-' ? 'stdin' : path;
    const tally = new TranslateTally();
    const bar = progressBar(io, values, totalBytes);
    if (bar && totalBytes !== undefined) progress = new ProgressBytes();
    const started = performance.now();
    try {
      // The output comes as pieces already written (one per batch, from the worker threads with --jobs): see
      // translateOutput in src/node/translate.ts.
      const pieces = translateOutput(counted, { ...opts, to, inputFormat, jobs }, values.check === true ? { format: 'check', checkFileName: fileName } : { format });
      for await (const piece of pieces) {
        const before = tally.records;
        tally.addCounts(piece.counts);
        await output.write(piece.output);
        progress?.written(piece.lastLine);
        if (bar && Math.floor(tally.records / PROGRESS_EVERY) > Math.floor(before / PROGRESS_EVERY)) {
          bar.update(progress?.done ?? 0, { records: tally.records.toLocaleString('en-US') });
        }
      }
    } finally {
      bar?.stop();
      await output.close();
    }
    io.stderr(`kq translate: ${tally.text(performance.now() - started)}\n`);
    const relative = tally.relativeNote();
    if (relative !== null) io.stderr(`kq translate: note: ${relative}\n`);
    return tally.failed > 0 && values['allow-errors'] !== true ? 1 : 0;
  },
};
