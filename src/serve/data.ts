/**
 * The records a local search server serves: read from a file (NDJSON, or one JSON array), or given in memory, then
 * put in a seeded pseudo-random order — the order ties come back in.
 *
 * Why the order: the reference sort (src/evaluate/sort.ts) is stable, so records equal on every sort key would come
 * back in file order. Elasticsearch, which Kustomer's search runs on, breaks ties by internal document order, which
 * has nothing to do with `id` or insertion order (and `sort` on `updatedAt` alone is what the documented windowing
 * recipe uses, kustomer-api-live.md §1f). Serving the records in a seeded shuffle makes ties come back in an order a
 * client cannot predict from the data, yet the same for every request (so pages of one query do not overlap) and for
 * every run with the same seed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** A record: a JSON object keyed by search attribute names (src/evaluate/record.ts). */
export type FlatRecord = Record<string, unknown>;

/** The bundled sample data set, relative to the package root (scripts/generate-examples.mjs makes it). */
export const bundledDataFile = 'examples/data/support.ndjson';

/** The URL of this module: import.meta.url in ESM; in the CommonJS bundle, the bundle's own file (as src/node/pool.ts). */
function moduleUrl(): string {
  return typeof __filename === 'string' ? pathToFileURL(__filename).href : import.meta.url;
}

/**
 * The path of the bundled sample data (`examples/data/support.ndjson`): looked for in the folders above this module
 * — the package root is one level above `dist/` (the built package) and two above `src/serve/` (running from
 * source under tsx) — in the first folder whose package.json names `kustomer-query`. Throws when it is not there
 * (an installed package ships it only when package.json `files` lists it), saying to pass the data instead.
 */
export function bundledDataPath(): string {
  let dir = dirname(fileURLToPath(moduleUrl()));
  for (let i = 0; i < 6; i++) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      let name: unknown;
      try {
        name = (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: unknown }).name;
      } catch {
        name = undefined;
      }
      if (name === 'kustomer-query') {
        const file = join(dir, bundledDataFile);
        if (existsSync(file)) return file;
        break;
      }
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  throw new Error(`the bundled sample data (${bundledDataFile}) is not in this installation; give the records to serve (--data <file>)`);
}

/**
 * Parses a data file's text: one JSON array of records, or NDJSON (one record a line; blank lines skipped). Every
 * record must be a JSON object. Throws an Error naming `name` and the 1-based line (or array index) of the first
 * bad record.
 */
export function parseRecords(text: string, name: string): FlatRecord[] {
  const body = text.replace(/^\uFEFF/, '');
  if (/^\s*\[/.test(body)) {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch (e) {
      throw new Error(`${name}: not a JSON array of records: ${(e as Error).message}`);
    }
    const list = json as unknown[];
    list.forEach((r, i) => {
      if (!isObject(r)) throw new Error(`${name}: item ${i} is not a JSON object`);
    });
    return list as FlatRecord[];
  }
  const out: FlatRecord[] = [];
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    let r: unknown;
    try {
      r = JSON.parse(line);
    } catch (e) {
      throw new Error(`${name}:${i + 1}: not JSON: ${(e as Error).message}`);
    }
    if (!isObject(r)) throw new Error(`${name}:${i + 1}: not a JSON object`);
    out.push(r);
  }
  return out;
}

function isObject(v: unknown): v is FlatRecord {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads and parses a data file (see {@link parseRecords}). Throws an Error naming the file when it cannot. */
export function readRecords(path: string): FlatRecord[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`cannot read records from ${path}: ${(e as Error).message}`);
  }
  return parseRecords(text, path);
}

/** A 32-bit hash of a string under a seed (FNV-1a, then murmur3's finalizer to spread the bits). */
function hash32(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

/** The records in the order they are served, and each record's fallback id. */
export interface ServedRecords {
  /** The records in the seeded order (see the module comment). */
  readonly records: readonly FlatRecord[];
  /** A synthetic 24-hex id for each record without a string or numeric `id` (from its position in the input). */
  readonly fallbackIds: ReadonlyMap<object, string>;
}

/**
 * `records` in a seeded order: sorted by a hash of (`seed`, the record's `id`, or its input position when it has
 * none), input position breaking equal hashes — a permutation that does not depend on the file's order for records
 * with ids, and is the same for the same seed. O(n log n); the records themselves are not copied or changed.
 */
export function seededOrder(records: readonly FlatRecord[], seed: number): ServedRecords {
  const fallbackIds = new Map<object, string>();
  const keyed = records.map((record, index) => {
    const id = Object.hasOwn(record, 'id') ? record.id : undefined;
    let idText: string;
    if (typeof id === 'string' || typeof id === 'number') idText = String(id);
    else {
      idText = `#${index}`;
      fallbackIds.set(record, `${hash32(idText, 0x5eed).toString(16).padStart(8, '0')}${index.toString(16).padStart(16, '0')}`);
    }
    return { record, index, key: hash32(idText, seed | 0) };
  });
  keyed.sort((a, b) => a.key - b.key || a.index - b.index);
  return { records: keyed.map((k) => k.record), fallbackIds };
}
