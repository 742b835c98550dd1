/**
 * Loading records for `.load`: NDJSON (one JSON object per line, blank lines skipped) or one JSON array of objects
 * (a text whose first non-blank character is `[`), read by the package's one streaming record reader
 * (`readRecords`, node/recordReader.ts — the same as `kq run --data` and `kq translate`'s JSON inputs, with the same
 * limits: one record at most 16 MiB, the file at most 1 GiB). Records are plain JSON objects keyed by search
 * attribute names (see src/evaluate/record.ts); they are never used as prototypes or merged, so keys such as
 * `__proto__` stay data.
 *
 * `.load` keeps every record (each query then counts its matches), so it also keeps at most
 * {@link maxLoadRecords} of them; past that, loading stops with a message saying so. Files are read only when
 * regular (`openRecordFile` with `regularOnly`: a device such as `/dev/zero`, a FIFO or a folder is refused before
 * anything is read).
 */
import { byteSize, isRecordProblem, readRecords, recordLimits, type Chunk } from '../../node/index.js';

export { byteSize };

/** The most bytes `.load` reads from a file: the record readers' total limit (1 GiB). */
export const maxLoadBytes = recordLimits.maxTotalBytes;

/** The most records `.load` keeps: one million. */
export const maxLoadRecords = 1_000_000;

/** The result of {@link loadRecords}: the records, or a message naming the first records that are not objects. */
export type RecordsParse = { readonly ok: true; readonly records: unknown[] } | { readonly ok: false; readonly message: string };

/**
 * Reads NDJSON or a JSON array of objects from `chunks` (a file's bytes, or text), keeping at most `maxRecords`
 * records and reading at most `maxBytes` bytes. The first three records that cannot be read are named in the
 * message (`line 2 is not valid JSON: …; line 3 is not a JSON object (a record)`), with the count of them all. An
 * error thrown by `chunks` (a file that cannot be read, or is over its size limit) is returned as the message.
 * Never throws.
 */
export async function loadRecords(chunks: AsyncIterable<Chunk> | Iterable<Chunk>, maxRecords = maxLoadRecords, maxBytes = maxLoadBytes): Promise<RecordsParse> {
  const records: unknown[] = [];
  // The first few problems, and how many records had one (a binary file has millions: they are counted, not kept).
  const problems: string[] = [];
  let problemCount = 0;
  try {
    for await (const batch of readRecords(chunks, { maxTotalBytes: maxBytes })) {
      for (const item of batch) {
        if (isRecordProblem(item)) {
          problemCount++;
          if (problems.length < 3) {
            const where = `line ${item.line}${item.element !== undefined ? ` (element ${item.element} of the array)` : ''}`;
            problems.push(item.structural ? `${where}: ${item.problem}` : `${where} is ${item.problem}`);
          }
          continue;
        }
        if (records.length >= maxRecords) return { ok: false, message: `more than ${maxRecords} records (.load keeps at most ${maxRecords})` };
        records.push(item.record);
      }
    }
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  if (problemCount > 0) {
    return { ok: false, message: problemCount > 3 ? `${problems.join('; ')}; … (${problemCount} records in all)` : problems.join('; ') };
  }
  return { ok: true, records };
}
