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
 * Matches are printed exactly as written in the file (their NDJSON line, or their array element's text), not
 * re-serialised: `JSON.stringify(JSON.parse(x))` would turn `12345678901234567890` into `12345678901234567000`,
 * `1e400` into `null` and `-0` into `0`. The query is compiled before the records are read, so its errors are shown
 * (exit 1) even when the records are bad; bad records (not UTF-8 — for files; stdin arrives decoded —, not JSON,
 * not objects) are a usage error naming the line (exit 2).
 */
import { readFileSync } from 'node:fs';
import { compile } from '../../index.js';
import { prepareCriteria, checkPage, pageOf, isRecord } from '../../evaluate/index.js';
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
} from '../common.js';

/** One record of a records file, with its source text (printed unchanged when it matches). */
export interface SourceRecord {
  readonly record: object;
  /** The record's JSON exactly as in the file: its NDJSON line (white space around it trimmed) or array element. */
  readonly source: string;
}

/** The 1-based line of UTF-16 offset `offset` in `text`. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * The elements of the JSON array `body` (whose first non-blank character is `[`), each with its source text, in
 * one linear scan that finds where each top-level element starts and ends; each element is then parsed alone, so an
 * error names its element (numbered from 1) and the line it starts on. Throws a UsageError for an element that is
 * not valid JSON or not an object, an array that is not closed, and text after it.
 */
function parseArray(body: string, name: string): SourceRecord[] {
  const out: SourceRecord[] = [];
  const n = body.length;
  let i = body.indexOf('[') + 1;
  const skipBlank = (): void => {
    while (i < n && (body[i] === ' ' || body[i] === '\n' || body[i] === '\r' || body[i] === '\t')) i++;
  };
  skipBlank();
  if (body[i] === ']') i++;
  else {
    for (let element = 1; ; element++) {
      skipBlank();
      const start = i;
      let depth = 0;
      scan: for (; i < n; i++) {
        switch (body.charCodeAt(i)) {
          case 0x22: // a string: skip to its closing quote
            for (i++; i < n && body[i] !== '"'; i++) if (body[i] === '\\') i++;
            break;
          case 0x5b: // [
          case 0x7b: // {
            depth++;
            break;
          case 0x5d: // ]
          case 0x7d: // }
            if (depth === 0) break scan;
            depth--;
            break;
          case 0x2c: // ,
            if (depth === 0) break scan;
            break;
        }
      }
      const where = `${name}:${lineAt(body, start)}: element ${element} (from 1) of the array`;
      const source = body.slice(start, i).trimEnd();
      let json: unknown;
      try {
        if (source === '') throw new Error('expected a value');
        json = JSON.parse(source);
      } catch (e) {
        throw new UsageError(`${where} is not valid JSON: ${(e as Error).message}`);
      }
      if (!isRecord(json)) throw new UsageError(`${where} is not a JSON object (a record)`);
      out.push({ record: json, source });
      if (i >= n) throw new UsageError(`${name}:${lineAt(body, n)}: the array is not closed (expected ']')`);
      if (body[i++] !== ',') {
        if (body[i - 1] !== ']') throw new UsageError(`${name}:${lineAt(body, i - 1)}: unexpected '${body[i - 1]}' in the array`);
        break;
      }
    }
  }
  skipBlank();
  if (i < n) throw new UsageError(`${name}:${lineAt(body, i)}: unexpected text after the array`);
  return out;
}

/**
 * Parses a records file: a JSON array of objects when its first non-blank character is `[`, else NDJSON (one
 * object a line, blank lines skipped). Each record keeps its source text, so that `kq run` prints matches exactly
 * as they were written (big integers, `1e400`, `-0` and key order unchanged — `JSON.stringify(JSON.parse(x))` would
 * change them). Throws a UsageError naming the file and line of the first value that is not valid JSON or not an
 * object (for an array, also the element, numbered from 1).
 */
export function parseRecords(text: string, name: string): SourceRecord[] {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trimStart().startsWith('[')) return parseArray(body, name);
  const records: SourceRecord[] = [];
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
    records.push({ record: json, source: line });
  }
  return records;
}

/**
 * Decodes a records file as UTF-8, strictly: a byte sequence that is not UTF-8 is an error naming its line (never
 * silently U+FFFD). A leading BOM is dropped. Throws a UsageError.
 */
export function decodeRecords(bytes: Uint8Array, name: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Find the line: a newline byte is never inside a UTF-8 sequence, so each line can be checked alone.
    const strict = new TextDecoder('utf-8', { fatal: true });
    let line = 1;
    for (let start = 0; start <= bytes.length; line++) {
      let end = bytes.indexOf(0x0a, start);
      if (end === -1) end = bytes.length;
      try {
        strict.decode(bytes.subarray(start, end));
      } catch {
        break;
      }
      start = end + 1;
    }
    throw new UsageError(`${name}:${line}: not valid UTF-8 (records files are UTF-8 text)`);
  }
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
    const text = await readTextArgument(rest, io);
    const result = compile(text, opts);
    printDiagnostics(text, result.diagnostics, io);
    if (!result.criteria) return 1;
    const prepared = prepareCriteria(result.criteria, { customAttributes: opts.customAttributes });
    if (!prepared.ok) {
      // The compiler's own output always has a meaning; say so plainly if it ever does not.
      io.stderr(`kq: the compiled criteria cannot be evaluated: ${prepared.problems.map((p) => p.message).join('; ')}\n`);
      return 1;
    }

    const source = data === '-' ? 'stdin' : data;
    let raw: string;
    if (data === '-') {
      // stdin arrives already decoded (CliIO.readStdin): invalid UTF-8 there is U+FFFD, not detected.
      raw = await io.readStdin();
    } else {
      let bytes: Uint8Array;
      try {
        bytes = readFileSync(data);
      } catch (e) {
        throw new UsageError(`cannot read records from ${data}: ${(e as Error).message}`);
      }
      raw = decodeRecords(bytes, source);
    }
    const parsed = parseRecords(raw, source);
    const sources = new Map<object, string>();
    for (const r of parsed) sources.set(r.record, r.source);

    const matches = prepared.prepared.select(parsed.map((r) => r.record));
    if (values.count === true) {
      io.stdout(`${matches.length}\n`);
      return 0;
    }
    if (paged) {
      const { data: rows, meta } = pageOf(matches, paged.page, paged.pageSize);
      writeNdjson(rows, sources, io);
      io.stderr(`note: page ${meta.page} of ${meta.totalPages} (${meta.total} matching records, ${meta.pageSize} per page)\n`);
      return 0;
    }
    writeNdjson(matches, sources, io);
    return 0;
  },
};
