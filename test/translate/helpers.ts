/**
 * Helpers for the bulk translation tests: collecting `translate()` results, and feeding an input in chunks of any
 * size (so that every chunk boundary — inside a line, a CRLF, a UTF-8 sequence, a BOM — is exercised).
 */
import { translate } from '../../src/node/translate.js';
import type { TranslateOptions, TranslateResult } from '../../src/node/records.js';
import type { TranslateSource } from '../../src/node/sources.js';

/** A fixed clock, so relative dates never depend on when the tests run. */
export const NOW = '2026-11-30T15:00:00Z';

/** Every result of `translate(source, opts)` (with the fixed clock unless `opts.now` is given). */
export async function collect(source: TranslateSource, opts: TranslateOptions = {}): Promise<TranslateResult[]> {
  const out: TranslateResult[] = [];
  for await (const result of translate(source, { now: NOW, ...opts })) out.push(result);
  return out;
}

/** `input` (text or bytes) as an async iterable of byte chunks of `size` bytes. */
export async function* chunks(input: string | Uint8Array, size = 1 << 16): AsyncGenerator<Uint8Array> {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : Buffer.from(input);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** The results of `input` read in `format`, in chunks of `size` bytes. */
export function read(input: string | Uint8Array, opts: TranslateOptions = {}, size?: number): Promise<TranslateResult[]> {
  return collect(chunks(input, size), opts);
}

/** `[line, ok, first error code or '']` of each result: the shape most tests compare. */
export function summary(results: readonly TranslateResult[]): [number, boolean, string][] {
  return results.map((r) => [r.line, r.ok, r.diagnostics.find((d) => d.severity === 'error')?.code ?? '']);
}

/** The bytes of `text` with `bad` (invalid UTF-8) spliced in where `@` stands. */
export function withBadBytes(text: string, bad: readonly number[] = [0xff, 0xfe]): Buffer {
  const [before, after] = text.split('@') as [string, string];
  return Buffer.concat([Buffer.from(before, 'utf8'), Buffer.from(bad), Buffer.from(after, 'utf8')]);
}
