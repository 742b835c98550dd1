/**
 * The worker thread entry of bulk translation (bundled as dist/translate-worker.js; run from source under tsx in
 * development). It receives `ConvertOptions` as `workerData`, then batches, each answered with the same `seq`:
 * `{seq, inputs}` with `{seq, outcomes}` (one outcome per input, in order: `translate`), or `{seq, packed, format,
 * columns}` with `{seq, bytes, lastLine, counts}` (the batch's output as UTF-8, its buffer transferred: `kq
 * translate`, see serialize.ts). See pool.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { convert, type ConvertOptions, type Outcome } from './convert.js';
import type { RecordInput } from './records.js';
import { serializeBatch, unpackBatch, type PackedBatch, type RecordFormat } from './serialize.js';
import type { TallyCounts } from './summary.js';

/** A batch sent to a worker: inputs to translate into outcomes, or packed records to translate into output. */
export type BatchRequest =
  | { readonly seq: number; readonly inputs: readonly RecordInput[] }
  | { readonly seq: number; readonly packed: PackedBatch; readonly format: RecordFormat; readonly columns: readonly string[] };

/** A worker's answer to a {@link BatchRequest}, with its `seq`. */
export type BatchResponse =
  | { readonly seq: number; readonly outcomes: readonly Outcome[] }
  | { readonly seq: number; readonly bytes: Uint8Array; readonly lastLine: number; readonly counts: TallyCounts };

if (parentPort) {
  const port = parentPort;
  const opts = workerData as ConvertOptions;
  port.on('message', (request: BatchRequest) => {
    if ('inputs' in request) {
      const response: BatchResponse = { seq: request.seq, outcomes: request.inputs.map((input) => convert(input, opts)) };
      port.postMessage(response);
      return;
    }
    const { text, lastLine, counts } = serializeBatch(unpackBatch(request.packed), request.format, request.columns, opts);
    // Encoded here, off the calling thread, into a buffer of its own, which is moved (not copied) to it.
    const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
    bytes.write(text);
    const response: BatchResponse = { seq: request.seq, bytes, lastLine, counts };
    port.postMessage(response, [bytes.buffer]);
  });
}
