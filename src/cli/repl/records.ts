/**
 * Reading records for `.load`, line by line: NDJSON (one JSON object per line, blank lines skipped), or one JSON
 * array of objects (a text whose first non-blank character is `[`). Records are plain JSON objects keyed by search
 * attribute names (see src/evaluate/record.ts); they are never used as prototypes or merged, so keys such as
 * `__proto__` stay data (JSON.parse defines them as own keys).
 *
 * Limits (so that `.load /dev/zero` or a huge file cannot exhaust memory): at most {@link maxLoadBytes} bytes are read
 * (the file's reader enforces it, fileLines.ts) and at most {@link maxLoadRecords} records are kept; past either,
 * loading stops with a message saying which limit was reached.
 */
import { isRecord as isObject } from '../../evaluate/index.js';

/** The most bytes `.load` reads from a file: 256 MiB. */
export const maxLoadBytes = 256 * 1024 * 1024;

/** The most records `.load` keeps: one million. */
export const maxLoadRecords = 1_000_000;

/** The result of {@link readRecords}: the records, or a message naming the first lines that are not objects. */
export type RecordsParse = { readonly ok: true; readonly records: unknown[] } | { readonly ok: false; readonly message: string };


/** A count of bytes for messages: `256 MB`, `12 KB`, `300 bytes` (binary units). */
export function byteSize(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round((n / 1024) * 10) / 10} KB`;
  return `${n} bytes`;
}

/**
 * Reads NDJSON or a JSON array of objects from `lines` (the text's lines, without their line breaks), keeping at most
 * `maxRecords` records. An error thrown by `lines` (a file that cannot be read, or is over its size limit) is
 * returned as the message. Never throws.
 */
export async function readRecords(lines: AsyncIterable<string> | Iterable<string>, maxRecords = maxLoadRecords): Promise<RecordsParse> {
  const records: unknown[] = [];
  // The first few problems, and how many lines had one (a binary file has millions: they are counted, not kept).
  const problems: string[] = [];
  let problemLines = 0;
  const problem = (text: string) => {
    problemLines++;
    if (problems.length < 3) problems.push(text);
  };
  let array: string[] | null = null;
  let started = false;
  let n = 0;
  try {
    for await (const raw of lines) {
      n++;
      const line = n === 1 ? raw.replace(/^\uFEFF/, '') : raw;
      if (array !== null) {
        array.push(line);
        continue;
      }
      if (line.trim() === '') continue;
      if (!started && line.trimStart().startsWith('[')) {
        array = [line];
        continue;
      }
      started = true;
      if (records.length >= maxRecords) return { ok: false, message: `more than ${maxRecords} records (.load keeps at most ${maxRecords})` };
      try {
        const value: unknown = JSON.parse(line);
        if (isObject(value)) records.push(value);
        else problem(`line ${n} is not a JSON object`);
      } catch (e) {
        problem(`line ${n}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  if (array !== null) return arrayRecords(array.join('\n'), maxRecords);
  if (problemLines > 0) {
    return { ok: false, message: problemLines > 3 ? `${problems.join('; ')}; … (${problemLines} lines in all)` : problems.join('; ') };
  }
  return { ok: true, records };
}

/** One JSON array of objects. */
function arrayRecords(text: string, maxRecords: number): RecordsParse {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `not a JSON array: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (!Array.isArray(json)) return { ok: false, message: 'not a JSON array' };
  if (json.length > maxRecords) return { ok: false, message: `more than ${maxRecords} records (.load keeps at most ${maxRecords})` };
  const bad = json.findIndex((r) => !isObject(r));
  if (bad >= 0) return { ok: false, message: `item ${bad} is not a JSON object` };
  return { ok: true, records: json };
}
