/**
 * The worker thread entry of bulk translation (bundled as dist/translate-worker.js; run from source under tsx in
 * development). It receives `ConvertOptions` as `workerData`, then batches `{seq, inputs}` and answers each with
 * `{seq, outcomes}`, one outcome per input, in order. See pool.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { convert, type ConvertOptions, type Outcome } from './convert.js';
import type { RecordInput } from './records.js';

/** A batch sent to a worker. */
export interface BatchRequest {
  readonly seq: number;
  readonly inputs: readonly RecordInput[];
}

/** A worker's answer to a {@link BatchRequest}. */
export interface BatchResponse {
  readonly seq: number;
  readonly outcomes: readonly Outcome[];
}

if (parentPort) {
  const port = parentPort;
  const opts = workerData as ConvertOptions;
  port.on('message', (request: BatchRequest) => {
    const response: BatchResponse = { seq: request.seq, outcomes: request.inputs.map((input) => convert(input, opts)) };
    port.postMessage(response);
  });
}
