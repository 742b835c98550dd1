/**
 * Reading records for `.load`: NDJSON (one JSON object per line, blank lines skipped), or one JSON array of
 * objects. Records are plain JSON objects keyed by search attribute names (see src/evaluate/record.ts); they are
 * never used as prototypes or merged, so keys such as `__proto__` stay data (JSON.parse defines them as own keys).
 */

/** The result of {@link parseRecords}: the records, or a message naming the first lines that are not objects. */
export type RecordsParse = { readonly ok: true; readonly records: unknown[] } | { readonly ok: false; readonly message: string };

function isObject(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parses NDJSON or a JSON array of objects. Never throws. */
export function parseRecords(content: string): RecordsParse {
  const text = content.replace(/^\uFEFF/, '');
  if (text.trimStart().startsWith('[')) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      return { ok: false, message: `not a JSON array: ${e instanceof Error ? e.message : String(e)}` };
    }
    if (!Array.isArray(json)) return { ok: false, message: 'not a JSON array' };
    const bad = json.findIndex((r) => !isObject(r));
    if (bad >= 0) return { ok: false, message: `item ${bad} is not a JSON object` };
    return { ok: true, records: json };
  }
  const records: unknown[] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      const value: unknown = JSON.parse(line);
      if (isObject(value)) records.push(value);
      else problems.push(`line ${i + 1} is not a JSON object`);
    } catch (e) {
      problems.push(`line ${i + 1}: ${e instanceof Error ? e.message : String(e)}`);
    }
  });
  if (problems.length) {
    return { ok: false, message: problems.length > 3 ? `${problems.slice(0, 3).join('; ')}; … (${problems.length} lines in all)` : problems.join('; ') };
  }
  return { ok: true, records };
}
