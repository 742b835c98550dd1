/**
 * CSV input (`csv` format), read by csv-parse's streaming parser, record by record, with true line numbers and
 * every record accounted for.
 *
 * The first record is the header; the column named `query` (else the first whose name is `query` in any case,
 * trimmed) holds the query, every other column is carried through under its header name (a repeated name gets
 * `#2`, `#3`, …). Fields are kept as written: quoted fields may hold commas, quotes (`""`) and newlines (`\n` or
 * `\r\n`, kept verbatim); records end at `\n` or `\r\n`. Blank lines are skipped.
 *
 * Line numbers come from the lines fed to the parser (lines.ts), not from csv-parse's own count: a record starts on
 * the line after the previous record and spans one line more per newline inside its fields.
 *
 * Error records, each for the line the record starts on, then reading goes on:
 * - a record over `maxRecordBytes` (csv-parse's `max_record_size`, counted in characters) is one KQ5006, and the
 *   rest of that row is skipped, unparsed and unkept: the row ends at the first line end where the count of `"` from
 *   the row's start is even (RFC 4180 quoting: `""` inside a quoted field counts twice), and the parser restarts on
 *   the next line. A line too long to keep (its text is dropped) still has its quotes counted (lines.ts). A row
 *   whose quote never closes thus runs to the end of the input (as RFC 4180 reads it): one KQ5006, and a KQ5007 on
 *   the last line saying which lines were skipped with it — the lines are not kept, so they cannot be read again
 *   one by one (bounded memory); an unclosed quote under the limit still costs only its own line (below);
 * - any other record csv-parse rejects (a quote in an unquoted field, text after a closing quote, a quote never
 *   closed) is KQ5007, and the parser restarts on the next line — so after a malformed multi-line record, its later
 *   lines are read as records of their own (a quote that is never closed does not swallow the rest of the file);
 * - a row with another number of fields than the header, KQ5008; a line with invalid UTF-8, KQ5005; no `query`
 *   column in the header, KQ5003 on every row.
 */
import { parse, type Parser } from 'csv-parse';
import { finished } from 'node:stream/promises';
import { inputError } from './inputErrors.js';
import type { Line } from './lines.js';
import type { CarriedFields, SourceRecord } from './records.js';

/** The header as read: the column names (duplicates renamed) and which one is the query. */
interface Header {
  readonly names: readonly string[];
  /** Index of the `query` column, or -1. */
  readonly query: number;
  /**
   * With no `query` column: the other delimiter the header is written with (`;`, a tab), if it looks so. Then the
   * header line is one error that says so (KQ5003), and its rows are not reported one by one.
   */
  readonly delimiter?: ';' | '\t';
}

/** Column names with repeats renamed `name#2`, `name#3`, … so that no field is lost to another of the same name. */
export function uniqueColumnNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.map((name) => {
    let unique = name;
    for (let n = 2; seen.has(unique); n++) unique = `${name}#${n}`;
    seen.add(unique);
    return unique;
  });
}

function readHeader(record: readonly string[]): Header {
  const names = uniqueColumnNames(record);
  let query = names.indexOf('query');
  if (query < 0) query = names.findIndex((n) => n.trim().toLowerCase() === 'query');
  return query < 0 ? { names, query, delimiter: otherDelimiter(record) } : { names, query };
}

/**
 * The delimiter a header with no `query` column was most likely written with: `;` (spreadsheets in locales whose
 * decimal separator is a comma save CSV so) or a tab, when splitting a column name on it yields a `query` name;
 * else undefined.
 */
function otherDelimiter(record: readonly string[]): ';' | '\t' | undefined {
  for (const d of [';', '\t'] as const) {
    if (record.some((name) => name.includes(d) && name.split(d).some((n) => n.trim().toLowerCase() === 'query'))) return d;
  }
  return undefined;
}

function countNewlines(fields: readonly string[]): number {
  let n = 0;
  for (const field of fields) for (let i = field.indexOf('\n'); i >= 0; i = field.indexOf('\n', i + 1)) n++;
  return n;
}

/** A csv-parse message without its own (parser-relative) line number, and without a final period. */
function csvMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/,? at line \d+/g, '').replace(/\.$/, '');
}

/**
 * Reads CSV records from `input` lines as text → criteria input records, in order, in batches. `onHeader` receives the
 * carried column names (the header without the query column). Never throws on any input.
 */
export async function* readCsv(
  input: AsyncIterable<Line[]>,
  maxRecordBytes: number,
  onHeader?: (columns: readonly string[]) => void,
): AsyncGenerator<SourceRecord[]> {
  let header: Header | undefined;
  /** Records the parser gave since they were last collected. */
  let parsed: string[][] = [];
  /**
   * The lines no collected record has covered yet: `lines[start..next)` were written to the current parser (the
   * next record starts at `lines[start]`), `lines[next..]` wait their turn. Indices, not copies, so that recovering
   * from a rejected record costs one line, never the whole backlog.
   */
  let lines: Line[] = [];
  let start = 0;
  let next = 0;
  let out: SourceRecord[] = [];
  /** Skipping the rest of an oversized row: its lines are consumed without the parser until the row ends. */
  let skipping = false;
  /** While skipping: whether the `"` seen since the row's start are odd (the row goes on past this line). */
  let oddQuotes = false;
  /** While skipping: the line the oversized row starts on, and the last line skipped. */
  let skippedFrom = 0;
  let skippedTo = 0;

  const createParser = (): Parser => {
    const parser = parse({
      relax_column_count: true,
      record_delimiter: ['\r\n', '\n'],
      max_record_size: maxRecordBytes,
      on_record: (record: string[]) => {
        parsed.push(record);
        return null; // collected here: nothing is queued on the stream
      },
    });
    parser.on('error', () => {}); // reported through `errored` / `finished`, below
    parser.resume();
    return parser;
  };
  let parser = createParser();

  /** Turns the records the parser gave into input records, each covering its lines from `lines[start]` on. */
  const collect = (): void => {
    for (const fields of parsed) {
      const first = lines[start];
      if (!first || start >= next) break; // cannot happen: a record comes from lines written
      const last = first.number + countNewlines(fields);
      let bad: Line | undefined;
      while (start < next && lines[start]!.number <= last) {
        if (lines[start]!.problem && !bad) bad = lines[start];
        start++;
      }
      const line = first.number;
      if (!bad && fields.length === 1 && fields[0]!.trim() === '') continue; // a blank line
      if (!header) {
        if (bad) out.push({ line, error: lineError(bad) });
        else {
          header = readHeader(fields);
          onHeader?.(header.names.filter((_, i) => i !== header!.query));
          if (header.delimiter !== undefined) out.push({ line, error: inputError('MissingQuery', { csv: true, delimiter: header.delimiter }) });
        }
        continue;
      }
      // Rows under a header written with another delimiter: the header's one error stands for them all.
      if (header.delimiter !== undefined) continue;
      out.push(toRecord(header, fields, line, bad));
    }
    parsed = [];
  };

  const lineError = (line: Line) =>
    line.problem === 'utf8' ? inputError('InvalidUtf8', { line: line.number }) : inputError('RecordTooLong', { max: maxRecordBytes });

  const toRecord = (h: Header, values: readonly string[], line: number, bad: Line | undefined): SourceRecord => {
    const entries: [string, string][] = [];
    values.forEach((value, i) => {
      if (i !== h.query) entries.push([h.names[i] ?? `#${i + 1}`, value]);
    });
    const fields: CarriedFields = Object.fromEntries(entries);
    if (bad) return { line, fields, error: lineError(bad) };
    if (values.length !== h.names.length) return { line, fields, error: inputError('CsvFieldCount', { fields: values.length, header: h.names.length }) };
    if (h.query < 0) return { line, fields, error: inputError('MissingQuery', { csv: true }) };
    return { line, fields, input: { kind: 'text', text: values[h.query]! } };
  };

  /** Counts the row's quotes on `line` (while skipping); true when the row ends with it. */
  const skipLine = (line: Line): boolean => {
    skippedTo = line.number;
    if (line.problem === 'tooLong') oddQuotes = oddQuotes !== ((line.quotes ?? 0) % 2 === 1);
    else for (let i = line.text.indexOf('"'); i >= 0; i = line.text.indexOf('"', i + 1)) oddQuotes = !oddQuotes;
    return !oddQuotes;
  };

  /**
   * The parser rejected the record starting at `lines[start]`: report it, and restart the parser on the next line
   * (or, for an oversized row, on the line after the row's end).
   */
  const recover = (error: unknown): void => {
    const bad = lines[start];
    const tooLong = (error as { code?: unknown } | undefined)?.code === 'CSV_MAX_RECORD_SIZE';
    if (bad) {
      const reason = bad.problem ? lineError(bad) : tooLong ? inputError('RecordTooLong', { max: maxRecordBytes }) : inputError('MalformedCsv', { problem: 'parser', error: csvMessage(error) });
      out.push({ line: bad.number, error: reason });
    }
    if (tooLong) {
      // Skip the rest of the row: through the lines written already, then (in `feed`) through lines still to come.
      oddQuotes = false;
      skipping = true;
      skippedFrom = bad?.number ?? 0;
      while (skipping && start < next) if (skipLine(lines[start++]!)) skipping = false;
    } else start++;
    next = start;
    parsed = [];
    parser.destroy();
    parser = createParser();
  };

  /** Writes the waiting lines to the parser, collecting records and recovering from rejected ones. */
  const feed = (): void => {
    while (next < lines.length) {
      const line = lines[next++]!;
      if (skipping) {
        start = next; // consumed: never written to the parser
        if (skipLine(line)) skipping = false;
        continue;
      }
      // A line too long to keep reaches the parser as a lone `"` when it held an odd number of quotes (else as
      // nothing), so quoting stays in step: a row whose first line was too long still ends where it really ends.
      const text = line.problem === 'tooLong' ? ((line.quotes ?? 0) % 2 === 1 ? '"' : '') : line.text;
      parser.write(text + (line.terminated ? '\n' : ''));
      collect();
      if (parser.errored) recover(parser.errored);
    }
  };

  for await (const batch of input) {
    if (start > 1024 && start * 2 > lines.length) {
      lines = lines.slice(start); // drop the covered lines now and then, at a cost proportional to what is dropped
      next -= start;
      start = 0;
    }
    for (const line of batch) lines.push(line);
    feed();
    if (out.length > 0) {
      yield out;
      out = [];
    }
  }
  // The end of the input: flush the parser; a record it rejects now (a quote never closed) restarts it as above.
  for (;;) {
    parser.end();
    let failure: unknown;
    let flushed = false;
    try {
      await finished(parser);
      flushed = true;
    } catch (error) {
      failure = error;
    }
    collect(); // outside the try: what `onHeader` throws goes to the caller, not to recovery
    if (flushed) break;
    recover(failure);
    feed();
  }
  // An oversized row whose quote never closed ran to the end of the input: say so, rather than end silently.
  if (skipping) {
    out.push({
      line: skippedTo,
      error: inputError('MalformedCsv', { problem: 'oversizedQuote', from: skippedFrom, to: skippedTo }),
    });
  }
  // Lines no record covered (cannot happen once the parser has flushed) are reported rather than lost.
  for (const line of lines.slice(start)) out.push({ line: line.number, error: inputError('MalformedCsv', { problem: 'unread' }) });
  if (out.length > 0) yield out;
}
