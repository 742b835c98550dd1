/**
 * `kq run [query|-] --data <records>`: compiles a query and runs the criteria over a file of records with the
 * reference semantics (src/evaluate), printing the matching records as NDJSON in the query's `sort` order — a way to
 * try queries offline on an export of one's own records.
 *
 * Records are JSON objects keyed by search attribute names, in an NDJSON file (one object a line, blank lines
 * skipped) or a JSON file holding one array of objects; `-` reads them from stdin. A record's `_type` key names its
 * object type, and only records of the query's context (or without `_type`) are searched (src/evaluate/record.ts).
 * Without `--page`/`--page-size` every match is printed; with either, one page as the search endpoint would serve it
 * (pageSize ≤ 500, pages 1–100), and a note on stderr gives the response's `meta`.
 */
import { readFileSync } from 'node:fs';
import { compile } from '../../compile.js';
import { prepareCriteria } from '../../evaluate/criteria.js';
import { checkPage, pageOf } from '../../evaluate/page.js';
import { isRecord } from '../../evaluate/record.js';
import {
  type CliIO,
  type Command,
  type FlagValues,
  UsageError,
  compileFlags,
  compileFlagsHelp,
  compileOptions,
  printDiagnostics,
  readTextArgument,
  stringFlag,
} from '../shared.js';

/**
 * Parses a records file: a JSON array of objects when its first non-blank character is `[`, else NDJSON. Throws a
 * UsageError naming the file (and line, for NDJSON) of the first value that is not valid JSON or not an object.
 */
export function parseRecords(text: string, name: string): object[] {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trimStart().startsWith('[')) {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch (e) {
      throw new UsageError(`${name}: not valid JSON: ${(e as Error).message}`);
    }
    const list = json as unknown[];
    const bad = list.findIndex((r) => !isRecord(r));
    if (bad >= 0) throw new UsageError(`${name}: item ${bad} of the array is not a JSON object (a record)`);
    return list as object[];
  }
  const records: object[] = [];
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (e) {
      throw new UsageError(`${name}:${i + 1}: not valid JSON: ${(e as Error).message}`);
    }
    if (!isRecord(json)) throw new UsageError(`${name}:${i + 1}: a record must be a JSON object`);
    records.push(json);
  }
  return records;
}

/** A whole-number flag (`--page 3`), or undefined when absent. */
function integerFlag(values: FlagValues, name: string): number | undefined {
  const v = stringFlag(values, name);
  if (v === undefined) return undefined;
  if (!/^\d{1,9}$/.test(v)) throw new UsageError(`--${name}: expected a whole number, got '${v}'`);
  return Number(v);
}

/** Writes records as NDJSON, a thousand lines per write. */
function writeNdjson(records: readonly unknown[], io: CliIO): void {
  for (let i = 0; i < records.length; i += 1000) {
    io.stdout(`${records.slice(i, i + 1000).map((r) => JSON.stringify(r)).join('\n')}\n`);
  }
}

/** `kq run`. */
export const runCommand: Command = {
  names: ['run'],
  usage: `  kq run [query|-]         run a query over records (--data <f>: NDJSON, a JSON array, or - for stdin) and print
                           the matches as NDJSON in the query's sort order (--count, --page, --page-size)`,
  optionsHelp: `Options for run (and the compile options above):
  --data <file|->          the records: one JSON object a line, or a JSON array (keys: attribute names; _type: object type)
  --count                  print only the number of matching records
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
    const paged = page !== undefined || pageSize !== undefined ? checkPage({ page, pageSize }) : undefined;
    if (paged && !paged.ok) throw new UsageError(paged.problems.map((p) => `--${p.parameter === 'pageSize' ? 'page-size' : 'page'}: ${p.message}`).join('; '));

    const text = await readTextArgument(rest, io);
    let raw: string;
    try {
      raw = data === '-' ? await io.readStdin() : readFileSync(data, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read records from ${data}: ${(e as Error).message}`);
    }
    const records = parseRecords(raw, data === '-' ? 'stdin' : data);

    const result = compile(text, opts);
    printDiagnostics(text, result.diagnostics, io);
    if (!result.criteria) return 1;
    const prepared = prepareCriteria(result.criteria, { customAttributes: opts.customAttributes });
    if (!prepared.ok) {
      // The compiler's own output always has a meaning; say so plainly if it ever does not.
      io.stderr(`kq: the compiled criteria cannot be evaluated: ${prepared.problems.map((p) => p.message).join('; ')}\n`);
      return 1;
    }
    const matches = prepared.prepared.select(records);
    if (values.count === true) {
      io.stdout(`${matches.length}\n`);
      return 0;
    }
    if (paged) {
      const { data: rows, meta } = pageOf(matches, paged.page, paged.pageSize);
      writeNdjson(rows, io);
      io.stderr(`note: page ${meta.page} of ${meta.totalPages} (${meta.total} matching records, ${meta.pageSize} per page)\n`);
      return 0;
    }
    writeNdjson(matches, io);
    return 0;
  },
};
