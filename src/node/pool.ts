/**
 * Worker threads for `translate({jobs: N})`, with results in input order and bounded memory.
 *
 * Batches go to the worker with the fewest batches in hand; at most `window` batches are in flight at once (sent and
 * not yet yielded), so a fast reader never runs ahead of the workers, and a slow consumer stops the reading
 * (backpressure). Results are yielded strictly in the order the batches were read, whichever worker finishes first.
 *
 * The worker script is `translate-worker.js` beside the bundle (dist/), or, when this module runs from source
 * (`.ts` under tsx, in tests), `worker.ts` loaded through tsx's ESM API from a small bootstrap: a worker started
 * with `execArgv: ['--import', 'tsx']` cannot load a `.ts` entry on Node 20.
 */
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { ConvertOptions, Outcome } from './convert.js';
import type { RecordInput } from './records.js';
import type { PackedBatch, RecordFormat } from './serialize.js';
import type { TallyCounts } from './summary.js';
import type { BatchRequest, BatchResponse } from './worker.js';

/** A worker's output for one packed batch: the UTF-8 `bytes`, the line of its last record, the counts of its results. */
export interface OutputBatch {
  readonly bytes: Uint8Array;
  readonly lastLine: number;
  readonly counts: TallyCounts;
}

/** The URL of this module: import.meta.url in ESM; in the CommonJS bundle, the bundle's own file. */
function moduleUrl(): string {
  return typeof __filename === 'string' ? pathToFileURL(__filename).href : import.meta.url;
}

/** How to start a worker: the script (a URL, or code to evaluate) and its options. */
function workerScript(): { script: URL | string; options: WorkerOptions } {
  const here = moduleUrl();
  if (/\.[cm]?ts$/.test(new URL(here).pathname)) {
    const entry = new URL('./worker.ts', here).href;
    const tsx = import.meta.resolve('tsx/esm/api');
    const code = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`;
    return { script: code, options: { eval: true } };
  }
  return { script: new URL('./translate-worker.js', here), options: {} };
}

interface Pending {
  readonly resolve: (response: BatchResponse) => void;
  readonly reject: (error: Error) => void;
}

/** One worker and the batches it has in hand. */
class PoolWorker {
  readonly worker: Worker;
  readonly pending = new Map<number, Pending>();
  private failure: Error | undefined;

  constructor(opts: ConvertOptions) {
    const { script, options } = workerScript();
    this.worker = new Worker(script, { ...options, workerData: opts });
    this.worker.on('message', (response: BatchResponse) => {
      const pending = this.pending.get(response.seq);
      this.pending.delete(response.seq);
      pending?.resolve(response);
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`a translate worker stopped (exit code ${code})`)));
  }

  run(request: BatchRequest): Promise<BatchResponse> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending.set(request.seq, { resolve, reject });
      this.worker.postMessage(request);
    });
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const pending of this.pending.values()) pending.reject(this.failure);
    this.pending.clear();
  }
}

/** A fixed set of worker threads translating batches of records. */
export class TranslatePool {
  private readonly workers: PoolWorker[];
  private seq = 0;
  private closed = false;

  /** Starts `size` workers (at least 1), each given `opts`. */
  constructor(size: number, opts: ConvertOptions) {
    this.workers = Array.from({ length: Math.max(1, size) }, () => new PoolWorker(opts));
  }

  /** Translates one batch on the least busy worker. Rejects when that worker fails (it is not restarted). */
  async run(inputs: readonly RecordInput[]): Promise<Outcome[]> {
    const response = await this.send({ seq: this.seq++, inputs });
    return (response as { outcomes: readonly Outcome[] }).outcomes as Outcome[];
  }

  /**
   * Translates one packed batch into output (serialize.ts) on the least busy worker: `columns` are the carried
   * columns of a CSV input. Rejects as {@link run}.
   */
  async serialize(packed: PackedBatch, format: RecordFormat, columns: readonly string[]): Promise<OutputBatch> {
    const response = await this.send({ seq: this.seq++, packed, format, columns });
    return response as OutputBatch;
  }

  private send(request: BatchRequest): Promise<BatchResponse> {
    if (this.closed) return Promise.reject(new Error('the translate pool is closed'));
    let best = this.workers[0]!;
    for (const w of this.workers) if (w.pending.size < best.pending.size) best = w;
    return best.run(request);
  }

  /** Stops every worker; batches still in hand are rejected. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}

/**
 * Maps `batches` through `run`, keeping at most `window` calls in flight, and yields each batch with its results in
 * the order the batches came. A rejected call ends the iteration with its error (after the batches before it).
 */
export async function* ordered<B, R>(batches: AsyncIterable<B>, run: (batch: B) => Promise<R>, window: number): AsyncGenerator<[B, R]> {
  const inflight: { batch: B; result: Promise<R> }[] = [];
  for await (const batch of batches) {
    const result = run(batch);
    result.catch(() => {}); // handled when its turn comes; this only keeps an early failure from being "unhandled"
    inflight.push({ batch, result });
    while (inflight.length >= window) {
      const head = inflight.shift()!;
      yield [head.batch, await head.result];
    }
  }
  while (inflight.length > 0) {
    const head = inflight.shift()!;
    yield [head.batch, await head.result];
  }
}
