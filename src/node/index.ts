/**
 * `kustomer-query/node`: what needs Node.js — bulk translation of many queries (or criteria bodies) from files and
 * streams, on worker threads, with the CLI's output writers. Nothing here runs in a browser; the isomorphic core is
 * the root entry (`kustomer-query`).
 *
 * - `translate(source, opts)`: an async iterable of {@link TranslateResult}s, one per input record, in input order;
 *   sources are byte streams, `Uint8Array`s, or iterables of strings/bodies; input formats text (one query per line,
 *   `#` comments), JSONL, JSON arrays (streamed) and CSV; `jobs` worker threads. See src/node/translate.ts.
 * - `translateOutput(source, opts, {format})`: the same translation yielding the output text itself in pieces (what
 *   `kq translate` writes), each batch written out where it was translated, in a worker with `jobs` > 1.
 * - Output: `jsonlWriter`, `jsonWriter`, `csvWriter` (what `kq translate --format` writes), `resultJson`.
 * - `checkLines`: the `file:line:column: code severity: message` lines of one result (`kq translate --check`).
 * - `TranslateTally`: the counts behind `kq translate`'s summary.
 * - Records to search (`kq run --data`, the REPL's `.load`): `readRecords` (NDJSON or a JSON array, streamed, each
 *   record with its source text and line), `openRecordFile`, the limits `recordLimits`, `recordProblemText`.
 * - Text inputs: `decodeUtf8` / `readTextFile` (strict UTF-8, errors name the byte offset and line), and the `.kq`
 *   format (`parseKq`, `kqLines`, `kqQuery`: one query per line, `#` comments and blank lines skipped).
 * - `startPlayground`: the playground's web server (`kq playground`), 127.0.0.1 only, strict CSP (src/node/playground.ts).
 * - `startLanguageServer`: the Language Server Protocol server for `.kq` files (`kq lsp --stdio`); see src/lsp/.
 */
export { translate, translateOutput, type OutputOptions, type OutputPiece } from './translate.js';
export type { TranslateSource } from './sources.js';
export { inputFormatFor, formatsFor } from './sources.js';
export {
  inputFormats,
  defaultMaxRecordBytes,
  defaultMaxTotalBytes,
  defaultBatchSize,
  type TranslateOptions,
  type TranslateResult,
  type Direction as TranslateDirection,
  type InputFormat as TranslateInputFormat,
  type CarriedFields,
} from './records.js';
export { resultJson, jsonlWriter, jsonWriter, csvWriter, outputFormats, type OutputFormat, type ResultWriter } from './output.js';
export { checkLines } from './checkLines.js';
export { TranslateTally, type TallyCounts } from './summary.js';
export {
  readRecords,
  openRecordFile,
  recordLimits,
  recordProblemText,
  isProblem as isRecordProblem,
  type JsonRecord,
  type RecordProblem,
  type RecordItem,
  type ReadRecordsOptions,
  type OpenRecordFileOptions,
} from './recordReader.js';
export { byteSize, InputTooLargeError, type Chunk } from './lines.js';
export { decodeUtf8, readTextFile, maxTextBytes, Utf8Error } from './text.js';
export { parseKq, kqLines, kqQuery, type KqQuery } from '../syntax/kqFormat.js';
export * from '../serve/index.js'; // the local search server (`kq serve`, `startServer`): src/serve/
export { startLanguageServer, type LanguageServerOptions, type KqSettings } from '../lsp/index.js';
export { startPlayground, playgroundPolicy, playgroundDir, defaultPlaygroundPort, type PlaygroundOptions, type Playground } from './playground.js';
