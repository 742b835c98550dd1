/**
 * `kq search`: compile a query and run it against a Kustomer org (or `kq serve`) through `kustomer-query/client`.
 *
 * The key comes from KUSTOMER_API_KEY only (never a flag, so it stays out of shell history and `ps`), the base URL
 * from --base-url or KUSTOMER_BASE_URL. Records go to stdout exactly as received (NDJSON: one `data` item per line;
 * or a JSON array; or CSV), in batches with backpressure; progress goes to stderr only when stderr is a terminal;
 * a summary (records, requests, windows, retries, elapsed, and with --all the checkpoint to resume from) always
 * ends on stderr. Exit status: 0 done; 1 the query has errors, or the search failed (API, network, windowing);
 * 2 usage (flags, no key, no base URL); 130 interrupted by SIGINT (after the records read so far and the checkpoint
 * are written).
 */
import { readFileSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import { compile } from '../../index.js';
import { createClient, type Checkpoint, type ProgressEvent, type SearchExport, type SearchRecord } from '../../client/index.js';
import { type Command, type FlagValues, UsageError, compileFlags, compileFlagsHelp, compileOptions, printDiagnostics, readTextArgument, stringFlag } from '../common.js';

/** The output formats. */
const formats = ['ndjson', 'json', 'csv'] as const;
type Format = (typeof formats)[number];

/** Records are written to stdout in batches of this many (one write each). */
const batchSize = 500;

/** A whole-number flag, at least `min` (and at most `max`), or undefined when absent. Throws UsageError. */
function intFlag(values: FlagValues, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const text = stringFlag(values, name);
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ''}, got '${text}'`);
  return n;
}

/** Reads --resume: a checkpoint as JSON text, or the path of a file holding it. Throws UsageError. */
function readCheckpoint(arg: string): Checkpoint {
  let text = arg.trim();
  if (!text.startsWith('{')) {
    try {
      text = readFileSync(arg, 'utf8');
    } catch (e) {
      throw new UsageError(`--resume: not a checkpoint ({"since": …, "seenIds": […]}) and not a readable file: ${(e as Error).message}`);
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--resume: the checkpoint is not JSON: ${(e as Error).message}`);
  }
  const c = json as Partial<Checkpoint> | null;
  if (c === null || typeof c !== 'object' || typeof c.since !== 'string' || Number.isNaN(Date.parse(c.since)) || !Array.isArray(c.seenIds) || !c.seenIds.every((id) => typeof id === 'string')) {
    throw new UsageError('--resume: a checkpoint is {"since": "<ISO instant>", "seenIds": ["<id>", …]}, as the summary of an earlier run prints it');
  }
  return { since: c.since, seenIds: c.seenIds };
}

/** A record's CSV cells: `id`, `type`, then each attribute (`custom.x` for custom ones); objects and arrays as JSON. */
function flatten(record: SearchRecord): Map<string, string> {
  const cells = new Map<string, string>([
    ['id', String(record.id)],
    ['type', String(record.type)],
  ]);
  const cell = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  for (const [key, value] of Object.entries(record.attributes ?? {})) {
    if (key === 'custom' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [name, v] of Object.entries(value)) cells.set(`custom.${name}`, cell(v));
    } else cells.set(key, cell(value));
  }
  return cells;
}

/**
 * Writes records in the chosen format. CSV columns are those of the first batch (`id`, `type`, the attributes
 * seen); a column first seen later is left out (counted in `droppedColumns`), since a streamed header cannot grow.
 */
class RecordWriter {
  private lines: string[] = [];
  private count = 0;
  private columns: string[] | null = null;
  private pending: SearchRecord[] = [];
  readonly droppedColumns = new Set<string>();

  constructor(
    private readonly format: Format,
    private readonly idsOnly: boolean,
    private readonly write: (text: string) => void,
  ) {}

  async add(record: SearchRecord): Promise<void> {
    if (this.format === 'csv' && !this.idsOnly) this.pending.push(record);
    else {
      const item = this.idsOnly ? (this.format === 'ndjson' ? String(record.id) : JSON.stringify(String(record.id))) : JSON.stringify(record);
      this.lines.push(this.format === 'json' ? `${this.count === 0 ? '[\n' : ',\n'}  ${item}` : `${item}\n`);
    }
    this.count++;
    if (this.lines.length + this.pending.length >= batchSize) await this.flush();
  }

  /** Writes what is buffered; waits for stdout to drain when it is the real one and is full. */
  async flush(): Promise<void> {
    if (this.pending.length) {
      const rows = this.pending.map(flatten);
      this.pending = [];
      if (this.columns === null) {
        const seen = new Set<string>();
        for (const row of rows) for (const key of row.keys()) seen.add(key);
        this.columns = [...seen];
        this.lines.push(stringify([this.columns]));
      }
      for (const row of rows) for (const key of row.keys()) if (!this.columns.includes(key)) this.droppedColumns.add(key);
      this.lines.push(stringify(rows.map((row) => this.columns!.map((c) => row.get(c) ?? ''))));
    }
    if (this.format === 'csv' && this.idsOnly && this.columns === null && this.lines.length) {
      this.columns = ['id'];
      this.lines.unshift('id\n');
    }
    if (this.lines.length === 0) return;
    this.write(this.lines.join(''));
    this.lines = [];
    if (process.stdout.writableNeedDrain) await new Promise((resolve) => process.stdout.once('drain', resolve));
  }

  /** Flushes and closes the output (the JSON array's bracket, a CSV header for no rows). */
  async end(): Promise<void> {
    await this.flush();
    if (this.format === 'json') this.write(this.count === 0 ? '[]\n' : '\n]\n');
    if (this.format === 'csv' && this.count === 0) this.write(this.idsOnly ? 'id\n' : 'id,type\n');
  }
}

/** Seconds with one decimal. */
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** `kq search`. */
export const searchCommand: Command = {
  names: ['search'],
  usage: `  kq search <query|->       run a query against Kustomer (KUSTOMER_API_KEY; --base-url or KUSTOMER_BASE_URL) and print the records`,
  optionsHelp: `Options for search (and the compile options above):
  --base-url <url>         the API's base URL, e.g. https://<org>.api.kustomerapp.com (default: $KUSTOMER_BASE_URL)
  --all                    every matching record, past the 100-page cap (windows on <object>_updated_at)
  --limit <n>              at most n records (without --all: at most 500, one page)
  --page-size <n>          records per request, 1–500 (default: 500 with --all, else 100)
  --format <f>             ndjson (default: one record per line, as received), json (an array) or csv
  --ids-only               print only the records' ids
  --since <instant>        only records updated at or after this ISO-8601 instant (implies --all)
  --resume <checkpoint>    continue an export from the checkpoint a summary printed (JSON, or a file; implies --all)
  --archive                search the archive (objects last updated over two years ago)
  --rpm <n>                the client's request budget per minute (default 100, the search limit of API keys; 0: none)`,
  options: {
    ...compileFlags,
    'base-url': { type: 'string' },
    all: { type: 'boolean' },
    limit: { type: 'string' },
    'page-size': { type: 'string' },
    format: { type: 'string' },
    'ids-only': { type: 'boolean' },
    since: { type: 'string' },
    resume: { type: 'string' },
    archive: { type: 'boolean' },
    rpm: { type: 'string' },
  },
  async run(_name, rest, values, io) {
    const format = (stringFlag(values, 'format') ?? 'ndjson') as Format;
    if (!formats.includes(format)) throw new UsageError(`--format must be one of ${formats.join(', ')}, got '${format}'`);
    const limit = intFlag(values, 'limit', 1);
    const pageSizeFlag = intFlag(values, 'page-size', 1, 500);
    const rpm = intFlag(values, 'rpm', 0);
    const since = stringFlag(values, 'since');
    if (since !== undefined && (!/^\d{4}-\d\d-\d\dT[\d:.]+(Z|[+-]\d\d:?\d\d)$/i.test(since) || Number.isNaN(Date.parse(since)))) {
      throw new UsageError(`--since must be an ISO-8601 instant with a time and a zone, e.g. 2024-05-01T00:00:00Z; got '${since}'`);
    }
    const resumeFlag = stringFlag(values, 'resume');
    const checkpoint = resumeFlag !== undefined ? readCheckpoint(resumeFlag) : undefined;
    const all = values.all === true || since !== undefined || checkpoint !== undefined;
    if (!all && limit !== undefined && limit > 500) throw new UsageError('--limit over 500 needs --all (one page holds at most 500 records)');
    const opts = compileOptions(values);
    const apiKey = process.env.KUSTOMER_API_KEY?.trim();
    const baseUrl = stringFlag(values, 'base-url') ?? process.env.KUSTOMER_BASE_URL;
    const text = await readTextArgument(rest, io);
    if (!apiKey) throw new UsageError('set KUSTOMER_API_KEY to a Kustomer API key (it is never read from a flag)');
    if (!baseUrl) throw new UsageError('give --base-url or set KUSTOMER_BASE_URL (e.g. https://<org>.api.kustomerapp.com)');

    const result = compile(text, opts);
    printDiagnostics(text, result.diagnostics, io);
    if (!result.criteria) return 1;

    const tty = process.stderr.isTTY === true;
    let progressLine = '';
    const showProgress = (line: string) => {
      if (!tty) return;
      progressLine = line;
      io.stderr(`\r\x1b[2K${line}`);
    };
    const clearProgress = () => {
      if (tty && progressLine) io.stderr('\r\x1b[2K');
      progressLine = '';
    };
    const controller = new AbortController();
    const onSigint = () => controller.abort(new Error('interrupted'));
    process.once('SIGINT', onSigint);
    let exported: SearchExport | undefined;
    let written = 0;
    const onProgress = (e: ProgressEvent) => {
      if (e.type === 'page') showProgress(`kq search: window ${e.window} page ${e.page} · ${(exported?.stats.records ?? written) + e.records} of ${e.total} record(s)`);
      else if (e.type === 'wait' && e.delayMs >= 1000) showProgress(`kq search: waiting ${seconds(e.delayMs)} (${e.reason === 'budget' ? 'request budget' : "Kustomer's rate limit"})`);
      else if (e.type === 'retry') showProgress(`kq search: retrying in ${seconds(e.delayMs)} (${e.status ?? 'network'}: ${e.message.slice(0, 60)})`);
    };
    let client;
    try {
      client = createClient({
        apiKey,
        baseUrl,
        keySource: 'KUSTOMER_API_KEY',
        signal: controller.signal,
        onProgress,
        ...(rpm !== undefined ? { budget: rpm === 0 ? false : { requestsPerMinute: rpm } } : {}),
      });
    } catch (e) {
      process.removeListener('SIGINT', onSigint);
      throw new UsageError((e as Error).message);
    }
    const writer = new RecordWriter(format, values['ids-only'] === true, io.stdout);
    const started = Date.now();
    let failure: unknown;
    try {
      if (all) {
        exported = client.searchAll(result.criteria, {
          ...(pageSizeFlag !== undefined ? { pageSize: pageSizeFlag } : {}),
          ...(limit !== undefined ? { limit } : {}),
          ...(checkpoint ? { checkpoint } : since !== undefined ? { since } : {}),
          ...(values.archive ? { archive: true } : {}),
        });
        for await (const record of exported) {
          await writer.add(record);
          written++;
        }
      } else {
        const page = await client.search(result.criteria, { pageSize: Math.min(limit ?? pageSizeFlag ?? 100, pageSizeFlag ?? 500), ...(values.archive ? { archive: true } : {}) });
        for (const record of page.data.slice(0, limit ?? page.data.length)) {
          await writer.add(record);
          written++;
        }
        if (page.meta.total > written) io.stderr(`kq search: ${page.meta.total} record(s) match; showing ${written} (--all for every one)\n`);
      }
    } catch (e) {
      failure = e;
    } finally {
      process.removeListener('SIGINT', onSigint);
      clearProgress();
      await writer.end();
    }

    const interrupted = controller.signal.aborted;
    const s = exported?.stats;
    const parts = [
      `${written} record(s)`,
      `${client.stats.requests} request(s)`,
      ...(s ? [`${s.windows} window(s)`] : []),
      `${client.stats.retries} retr${client.stats.retries === 1 ? 'y' : 'ies'}`,
      ...(s?.duplicates ? [`${s.duplicates} boundary duplicate(s) skipped`] : []),
      ...(client.stats.waitedMs >= 1000 ? [`${seconds(client.stats.waitedMs)} waiting`] : []),
      seconds(Date.now() - started),
    ];
    io.stderr(`kq search: ${interrupted ? 'interrupted after ' : failure ? 'stopped after ' : ''}${parts.join(', ')}\n`);
    if (writer.droppedColumns.size) io.stderr(`kq search: CSV columns first seen after the header were left out: ${[...writer.droppedColumns].join(', ')}\n`);
    const cp = exported?.checkpoint();
    if (cp) {
      const quoted = `'${JSON.stringify(cp).replace(/'/g, "'\\''")}'`;
      io.stderr(`kq search: ${interrupted || failure ? 'to resume' : 'later, for the records updated since'}: --resume ${quoted}\n`);
    }
    else if ((interrupted || failure) && exported?.order === 'query') io.stderr("kq search: read in the query's own sort order, which cannot be resumed (drop sort: to get a checkpoint)\n");
    if (interrupted) return 130;
    if (failure) {
      io.stderr(`kq: ${failure instanceof Error ? failure.message : String(failure)}\n`);
      return 1;
    }
    return 0;
  },
};

