/**
 * `kq run [query|-] --data <records>`: compiles a query and runs the criteria over a file of records with the
 * reference semantics (src/evaluate), printing the matching records as NDJSON in the query's `sort` order — a way to
 * try queries offline on an export of one's own records.
 *
 * Records are JSON objects keyed by search attribute names, in an NDJSON file (one object a line, blank lines
 * skipped) or a JSON file holding one array of objects; `-` reads them from stdin. A record's `_type` key names its
 * object type, and only records of the query's context (or without `_type`) are searched (src/evaluate/record.ts).
 * Without `--page`/`--page-size` every match is printed; with either, one page as the search endpoint would serve it
 * (pageSize ≤ 500, pages 1–100), and a note on stderr gives the response's `meta`; `--count` counts every match and
 * takes neither (a usage error).
 *
 * Records are streamed (node/recordReader.ts, the reader `.load` and `translate` use): a JSON array is read element
 * by element, so time is linear in the input and memory holds one record plus the matches (`--count` keeps none).
 * Limits: one record at most 16 MiB, the input at most 1 GiB (`recordLimits`); `--data` names a regular file or a
 * pipe (a folder or a device such as `/dev/zero` is refused). Matches are printed exactly as written in the file
 * (their NDJSON line, or their array element's text), not re-serialised: `JSON.stringify(JSON.parse(x))` would turn
 * `12345678901234567890` into `12345678901234567000`, `1e400` into `null` and `-0` into `0`. The query is compiled
 * before the records are read, so its errors are shown (exit 1) even when the records are bad; bad records (not
 * UTF-8, not JSON, not objects, too long) and an input over the limit are a usage error naming the line (exit 2).
 * The query argument `-` reads the query from stdin (the `.kq` format, which must then hold exactly one query).
 */
import { compile } from '../../index.js';
import { prepareCriteria, checkPage, pageOf } from '../../evaluate/index.js';
import { InputTooLargeError, isRecordProblem, openRecordFile, readRecords, recordProblemText, type RecordItem } from '../../node/index.js';
import {
  type CliIO,
  type Command,
  type FlagValues,
  UsageError,
  compileFlags,
  compileOptions,
  printDiagnostics,
  readOneQuery,
  refuseEmpty,
  stringFlag,
} from '../common.js';

/**
 * The records of `--data` as batches of items (records and problems): a file (regular or a pipe), or stdin — its
 * stream when the CLI has one, else `readStdin`'s bytes (or text, in tests).
 */
function recordItems(data: string, io: CliIO): AsyncIterable<RecordItem[]> {
  if (data !== '-') return readRecords(openRecordFile(data));
  if (io.stdin) return readRecords(io.stdin as AsyncIterable<Uint8Array>);
  return readRecords(
    (async function* () {
      yield await io.readStdin();
    })(),
  );
}

/**
 * The page note: `page 2 of 4 (33 matching records, 10 per page)`; a page past the last one says so rather than
 * `page 100 of 1`: `page 100 is past the last page, 1 (33 matching records, 100 per page): no records`.
 */
export function pageNote(meta: { page: number; pageSize: number; total: number; totalPages: number }): string {
  const counts = `${meta.total} matching record${meta.total === 1 ? '' : 's'}, ${meta.pageSize} per page`;
  if (meta.page > meta.totalPages) {
    const last = meta.totalPages === 0 ? 'there are no pages' : `past the last page, ${meta.totalPages}`;
    return meta.totalPages === 0 ? `page ${meta.page}: ${last} (${counts}): no records` : `page ${meta.page} is ${last} (${counts}): no records`;
  }
  return `page ${meta.page} of ${meta.totalPages} (${counts})`;
}

/** A whole-number flag (`--page 3`), or undefined when absent. */
function integerFlag(values: FlagValues, name: string): number | undefined {
  const v = stringFlag(values, name);
  if (v === undefined) return undefined;
  if (!/^\d{1,9}$/.test(v)) throw new UsageError(`--${name}: expected a whole number, got '${v}'`);
  return Number(v);
}

/** Writes the records' source texts as NDJSON lines, a thousand lines per write. */
function writeNdjson(records: readonly object[], sources: ReadonlyMap<object, string>, io: CliIO): void {
  for (let i = 0; i < records.length; i += 1000) {
    io.stdout(`${records.slice(i, i + 1000).map((r) => sources.get(r)).join('\n')}\n`);
  }
}

/** `kq run`. */
export const runCommand: Command = {
  names: ['run'],
  usage: `  kq run [query|-]         run a query over records (--data <f>: NDJSON, a JSON array, or - for stdin) and print
                           the matches as NDJSON in the query's sort order (--count, --page, --page-size)`,
  optionsHelp: `Options for run (and the compile options above):
  --data <file|->          the records: one JSON object a line, or a JSON array (keys: attribute names; _type: object type)
  --count                  print only the number of matching records (all of them: not with --page/--page-size)
  --page <n>               print page n (1-100) as the search endpoint serves it; the response's meta goes to stderr
  --page-size <n>          records per page (1-500, default 100)`,
  options: { ...compileFlags, data: { type: 'string' }, count: { type: 'boolean' }, page: { type: 'string' }, 'page-size': { type: 'string' } },
  async run(_name, rest, values, io) {
    const data = stringFlag(values, 'data');
    if (data === undefined) throw new UsageError('kq run needs --data <file> (the records to search; - for stdin)');
    if (data === '-' && (rest.length === 0 || rest[0] === '-')) {
      throw new UsageError('the query and the records cannot both come from stdin: give the query as an argument');
    }
    const opts = compileOptions(values);
    const page = integerFlag(values, 'page');
    const pageSize = integerFlag(values, 'page-size');
    if (values.count === true && (page !== undefined || pageSize !== undefined)) {
      throw new UsageError('--count counts every match; it takes no --page or --page-size (the page note gives the total)');
    }
    const paged = page !== undefined || pageSize !== undefined ? checkPage({ page, pageSize }) : undefined;
    if (paged && !paged.ok) throw new UsageError(paged.problems.map((p) => `--${p.parameter === 'pageSize' ? 'page-size' : 'page'}: ${p.message}`).join('; '));

    // The query first: its errors are shown (exit 1) whatever the records are.
    const { text, place } = await readOneQuery(rest, values, io, 'run');
    const result = compile(text, opts);
    printDiagnostics(text, refuseEmpty(result.diagnostics, values, 'run'), io, values, place);
    if (!result.criteria) return 1;
    const prepared = prepareCriteria(result.criteria, { customAttributes: opts.customAttributes });
    if (!prepared.ok) {
      // The compiler's own output always has a meaning; say so plainly if it ever does not.
      io.stderr(`kq: the compiled criteria cannot be evaluated: ${prepared.problems.map((p) => p.message).join('; ')}\n`);
      return 1;
    }

    // One pass over the records, in bounded memory: only the matches are kept (none for --count), each with its
    // source text; the first record that cannot be read stops the run (exit 2), naming its line.
    const source = data === '-' ? 'stdin' : data;
    const sources = new Map<object, string>();
    const matched: object[] = [];
    let count = 0;
    try {
      for await (const batch of recordItems(data, io)) {
        for (const item of batch) {
          if (isRecordProblem(item)) throw new UsageError(recordProblemText(item, source));
          if (!prepared.prepared.matches(item.record)) continue;
          count++;
          if (values.count === true) continue;
          matched.push(item.record);
          sources.set(item.record, item.source);
        }
      }
    } catch (e) {
      if (e instanceof UsageError) throw e;
      if (e instanceof InputTooLargeError) throw new UsageError(`${source}: ${e.message}`);
      throw new UsageError(`cannot read records from ${source}: ${(e as Error).message}`);
    }
    // The matches in the query's sort order (select keeps every match, sorted).
    const matches = values.count === true ? [] : prepared.prepared.select(matched);
    if (values.count === true) {
      io.stdout(`${count}\n`);
      return 0;
    }
    if (paged) {
      const { data: rows, meta } = pageOf(matches, paged.page, paged.pageSize);
      writeNdjson(rows, sources, io);
      io.stderr(`note: ${pageNote(meta)}\n`);
      return 0;
    }
    writeNdjson(matches, sources, io);
    return 0;
  },
};
