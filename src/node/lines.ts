/**
 * A byte stream split into numbered lines, with bounded memory: the reading layer under every bulk input format.
 *
 * Lines end at `\n` (a `\r` before it stays in the text, for the formats to strip or keep). Each line is checked
 * and decoded as UTF-8 on its own, so an invalid byte sequence spoils only its own line (flagged `utf8`, never
 * silently turned into U+FFFD for a caller that looks at the flag). A UTF-8 byte order mark at the start of the
 * stream is dropped. A line longer than the limit is not kept in memory: it is flagged `tooLong` with empty text,
 * and its bytes are counted and skipped up to its newline. In `segments` mode (for formats whose records are not
 * lines, such as a JSON array written on one line) there is no limit: a line that goes on past the end of a chunk
 * is delivered in pieces (`partial`, cut between UTF-8 sequences), so memory stays bounded by the chunk size.
 */
import { isUtf8 } from 'node:buffer';

/** One line of the input. */
export interface Line {
  /** 1-based line number: blank and skipped lines count too. */
  readonly number: number;
  /** The decoded line without its `\n` (a `\r` before it is kept). Lossy (U+FFFD) when `problem` is `utf8`; empty when `tooLong`. */
  readonly text: string;
  /** True when a `\n` ended the line; false only for a last line without one. */
  readonly terminated: boolean;
  /** Set when the line could not be read: invalid UTF-8, or longer than the limit (its length in bytes is `bytes`). */
  readonly problem?: 'utf8' | 'tooLong';
  /**
   * Only when `tooLong`: how many `"` bytes the dropped line held, so that the CSV reader can still follow quoting
   * (where a quoted field that spans lines ends) through a line whose text is gone.
   */
  readonly quotes?: number;
  /** The line's length in bytes, without the `\n` (of this piece, when `partial`). */
  readonly bytes: number;
  /** Only in `segments` mode: this is a piece of the line, which goes on in the next `Line` (same `number`). */
  readonly partial?: boolean;
}

/** Options of {@link readLines}. */
export interface ReadLinesOptions {
  /** The most bytes kept for one line; a longer one is flagged `tooLong`. Default: no limit. Ignored with `segments`. */
  readonly maxLineBytes?: number;
  /** Deliver a line that spans chunks in pieces, instead of whole. */
  readonly segments?: boolean;
  /**
   * The most bytes read from the whole input; past it, iterating throws an {@link InputTooLargeError} (so that an
   * endless source, `/dev/zero` on stdin, stops). Default: no limit.
   */
  readonly maxTotalBytes?: number;
}

/** A count of bytes for messages: `1 GB`, `256 MB`, `12 KB`, `300 bytes` (binary units: 1 KB = 1,024 bytes). */
export function byteSize(n: number): string {
  if (n >= 1024 * 1024 * 1024) return `${Math.round((n / (1024 * 1024 * 1024)) * 10) / 10} GB`;
  if (n >= 1024 * 1024) return `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round((n / 1024) * 10) / 10} KB`;
  return `${n} bytes`;
}

/** Thrown while reading an input that goes on past its total byte limit (`maxTotalBytes`). */
export class InputTooLargeError extends Error {
  /** `limit`: the limit, in bytes; `what`: how the message names the input (`the input`, a file name). */
  constructor(
    readonly limit: number,
    what = 'the input',
  ) {
    super(`${what} is longer than ${byteSize(limit)}, the limit for one input`);
    this.name = 'InputTooLargeError';
  }
}

/** The length of the longest prefix of `bytes` that does not end inside a (well-formed) UTF-8 sequence. */
function utf8Boundary(bytes: Buffer): number {
  let i = bytes.length - 1;
  while (i >= 0 && i > bytes.length - 4 && (bytes[i]! & 0xc0) === 0x80) i--;
  if (i < 0) return bytes.length;
  const lead = bytes[i]!;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return i + need > bytes.length ? i : bytes.length;
}

/** A chunk of input: bytes, or text (encoded to UTF-8 again, so a string source behaves like its bytes). */
export type Chunk = Uint8Array | string;

const BOM = [0xef, 0xbb, 0xbf] as const;

function toBuffer(chunk: Chunk): Buffer {
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/**
 * Splits `chunks` into lines, yielding them in batches (one batch per input chunk that ends at least one line, or,
 * in `segments` mode, per chunk). Memory is at most one chunk plus one line (`maxLineBytes`), or two chunks in
 * `segments` mode. Throws what iterating `chunks` throws (an I/O error), an {@link InputTooLargeError} past
 * `maxTotalBytes`, and a TypeError for a chunk that is neither bytes nor text.
 */
export async function* readLines(chunks: AsyncIterable<Chunk> | Iterable<Chunk>, opts: ReadLinesOptions = {}): AsyncGenerator<Line[]> {
  const segments = opts.segments === true;
  const maxLineBytes = segments ? Infinity : (opts.maxLineBytes ?? Infinity);
  const maxTotalBytes = opts.maxTotalBytes ?? Infinity;
  let total = 0;
  let number = 0;
  /** Whether the current line has had a piece delivered already (`segments` mode): the BOM check is done then. */
  let begun = false;
  /** Pieces of the current line (only when it spans chunks); `size` counts its bytes, kept or not. */
  let pieces: Buffer[] = [];
  let size = 0;
  let tooLong = false;
  /** `"` bytes of the current line, counted once it is too long (the dropped pieces included). */
  let quotes = 0;
  const countQuotes = (bytes: Buffer): void => {
    for (let i = bytes.indexOf(0x22); i >= 0; i = bytes.indexOf(0x22, i + 1)) quotes++;
  };

  const finish = (last: Buffer | undefined, terminated: boolean): Line => {
    number++;
    if (tooLong) {
      const line: Line = { number, text: '', terminated, problem: 'tooLong', quotes, bytes: size };
      pieces = [];
      size = 0;
      tooLong = false;
      quotes = 0;
      return line;
    }
    const bytes = pieces.length === 0 ? (last ?? Buffer.alloc(0)) : Buffer.concat(last ? [...pieces, last] : pieces);
    pieces = [];
    size = 0;
    const line = decode(number, bytes, terminated, false);
    begun = false;
    return line;
  };

  const decode = (at: number, raw: Buffer, terminated: boolean, partial: boolean): Line => {
    let bytes = raw;
    if (at === 1 && !begun && bytes.length >= 3 && bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2]) bytes = bytes.subarray(3);
    const text = bytes.toString('utf8');
    const line: Line = isUtf8(bytes) ? { number: at, text, terminated, bytes: bytes.length } : { number: at, text, terminated, problem: 'utf8', bytes: bytes.length };
    return partial ? { ...line, partial } : line;
  };

  /** `segments` mode: delivers the current line so far (but an unfinished UTF-8 sequence) as a piece. */
  const segment = (piece: Buffer, out: Line[]): void => {
    const all = pieces.length === 0 ? piece : Buffer.concat([...pieces, piece]);
    const cut = all.length >= 3 || begun || number > 0 ? utf8Boundary(all) : 0; // hold back a possible BOM start
    if (cut === 0) {
      pieces = [Buffer.from(all)];
      size = all.length;
      return;
    }
    out.push(decode(number + 1, all.subarray(0, cut), false, true));
    begun = true;
    pieces = cut < all.length ? [Buffer.from(all.subarray(cut))] : [];
    size = all.length - cut;
  };

  /** Adds `piece` to the current line; returns false when the line is (now) too long and the piece was dropped. */
  const keep = (piece: Buffer): boolean => {
    size += piece.length;
    if (tooLong) {
      countQuotes(piece);
      return false;
    }
    if (size > maxLineBytes) {
      tooLong = true;
      for (const kept of pieces) countQuotes(kept);
      countQuotes(piece);
      pieces = [];
      return false;
    }
    return true;
  };

  for await (const raw of chunks) {
    if (typeof raw !== 'string' && !(raw instanceof Uint8Array)) throw new TypeError('translate: a stream chunk must be a Uint8Array or a string');
    const chunk = toBuffer(raw);
    total += chunk.length;
    if (total > maxTotalBytes) throw new InputTooLargeError(maxTotalBytes);
    const out: Line[] = [];
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      const piece = chunk.subarray(start, nl < 0 ? chunk.length : nl);
      if (nl < 0) {
        // The line goes on in the next chunk: copy the piece, since the chunk's memory may be reused.
        if (segments) {
          if (piece.length > 0) segment(piece, out);
        } else if (piece.length > 0 && keep(piece)) pieces.push(Buffer.from(piece));
        break;
      }
      out.push(finish(keep(piece) ? piece : undefined, true));
      start = nl + 1;
    }
    if (out.length > 0) yield out;
  }
  if (size > 0 || tooLong) yield [finish(undefined, false)];
}
