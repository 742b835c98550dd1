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
 * - a record csv-parse rejects (a quote in an unquoted field, text after a closing quote, a quote never closed, a
 *   record over `maxRecordBytes`) is KQ5007, and the parser restarts on the next line — so after a malformed
 *   multi-line record, its later lines are read as records of their own (a quote that is never closed does not
 *   swallow the rest of the file);
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
  return { names, query };
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
        }
        continue;
      }
      out.push(toRecord(header, fields, line, bad));
    }
    parsed = [];
  };

  const lineError = (line: Line) =>
    line.problem === 'utf8' ? inputError('InvalidUtf8', [line.number]) : inputError('RecordTooLong', [maxRecordBytes]);

  const toRecord = (h: Header, values: readonly string[], line: number, bad: Line | undefined): SourceRecord => {
    const entries: [string, string][] = [];
    values.forEach((value, i) => {
      if (i !== h.query) entries.push([h.names[i] ?? `#${i + 1}`, value]);
    });
    const fields: CarriedFields = Object.fromEntries(entries);
    if (bad) return { line, fields, error: lineError(bad) };
    if (values.length !== h.names.length) return { line, fields, error: inputError('CsvFieldCount', [values.length, h.names.length]) };
    if (h.query < 0) return { line, fields, error: inputError('MissingQuery', [" (the CSV header has no 'query' column)"]) };
    return { line, fields, input: { kind: 'text', text: values[h.query]! } };
  };

  /** The parser rejected the record starting at `lines[start]`: report it, and restart the parser on the next line. */
  const recover = (error: unknown): void => {
    const bad = lines[start];
    if (bad) out.push({ line: bad.number, error: bad.problem ? lineError(bad) : inputError('MalformedCsv', [csvMessage(error)]) });
    start++;
    next = start;
    parsed = [];
    parser.destroy();
    parser = createParser();
  };

  /** Writes the waiting lines to the parser, collecting records and recovering from rejected ones. */
  const feed = (): void => {
    while (next < lines.length) {
      const line = lines[next++]!;
      parser.write(line.text + (line.terminated ? '\n' : ''));
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
    try {
      await finished(parser);
      collect();
      break;
    } catch (error) {
      collect();
      recover(error);
      feed();
    }
  }
  // Lines no record covered (cannot happen once the parser has flushed) are reported rather than lost.
  for (const line of lines.slice(start)) out.push({ line: line.number, error: inputError('MalformedCsv', ['the record was not read']) });
  if (out.length > 0) yield out;
}
