/**
 * Markdown bodies rendered ahead, on a worker thread, while a starting node does other work.
 *
 * At start a node writes the content source's documents into the snapshot (the main thread: the
 * database) and then reads them back, rendering every Markdown body (about a millisecond each with
 * the sanitizer: six seconds at 10,000 pages, measured). The bodies are known as soon as the source
 * answers, so a worker renders them meanwhile, taking them from the last; once the main thread
 * comes to them it renders from the first whatever the worker has not taken, and the two meet. A
 * body the worker failed on, or never had, renders on the main thread: the worker can make a start
 * sooner, never different.
 */
import { Worker } from 'node:worker_threads';
import { renderBody } from './body-html.ts';
import type { BodyBatch, BodyBatchResult } from './body-render-worker.ts';

/**
 * Fewer bodies than this the main thread renders in well under a second, less than the worker's own
 * start costs the other core.
 */
export const WORKER_MIN_BODIES = 500;

/** Bodies a message to the worker carries, and messages under way at once (the worker never waits). */
const BATCH = 16;
const BATCHES_IN_FLIGHT = 2;

export interface BodiesAhead {
  /** The body's HTML: the worker's when it took the body, otherwise rendered here. */
  render(body: string): Promise<string>;
  /** How many bodies the worker has rendered. */
  readonly renderedByWorker: number;
  /** Stops the worker; bodies asked for afterwards render here. */
  close(): Promise<void>;
}

/**
 * The worker holds a batch at a time; uncapped, V8 let its garbage pile up while the main thread
 * holds the whole dataset, and the node's peak memory came at start instead of later.
 */
const WORKER_HEAP = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 };

interface Batch {
  resolve: (html: string[]) => void;
  reject: (error: Error) => void;
}

export function renderBodiesAhead(bodies: Iterable<string>): BodiesAhead {
  /** Bodies nobody has taken yet; the worker takes them from the end of `order`. */
  const untaken = new Set(bodies);
  const order = [...untaken];
  const taken = new Map<string, Promise<string>>();
  const batches = new Map<number, Batch>();
  let nextId = 0;
  let stopped = false;
  let renderedByWorker = 0;
  const worker = new Worker(new URL('./body-render-worker.ts', import.meta.url), {
    resourceLimits: WORKER_HEAP,
  });
  worker.unref();

  function stop(reason: string) {
    if (stopped) return;
    stopped = true;
    for (const batch of batches.values()) batch.reject(new Error(reason));
    batches.clear();
    void worker.terminate();
  }

  function send() {
    while (!stopped && batches.size < BATCHES_IN_FLIGHT) {
      const bodies: string[] = [];
      while (bodies.length < BATCH && order.length > 0) {
        const body = order.pop()!;
        if (untaken.delete(body)) bodies.push(body);
      }
      if (bodies.length === 0) {
        if (batches.size === 0) stop('every body was taken');
        return;
      }
      const id = ++nextId;
      const rendered = new Promise<string[]>((resolve, reject) => batches.set(id, { resolve, reject }));
      // A batch the worker could not render renders here instead.
      bodies.forEach((body, i) => {
        taken.set(
          body,
          rendered.then(
            (html) => html[i]!,
            () => renderBody(body),
          ),
        );
      });
      worker.postMessage({ id, bodies } satisfies BodyBatch);
    }
  }

  worker.on('message', (result: BodyBatchResult) => {
    const batch = batches.get(result.id);
    batches.delete(result.id);
    if ('error' in result) batch?.reject(new Error(result.error));
    else if (batch) {
      renderedByWorker += result.html.length;
      batch.resolve(result.html);
    }
    send();
  });
  worker.on('error', (error) => stop(`body renderer: ${error.message}`));
  worker.on('exit', () => stop('body renderer stopped'));
  send();

  return {
    get renderedByWorker() {
      return renderedByWorker;
    },
    render(body) {
      const ahead = taken.get(body);
      if (ahead) return ahead;
      untaken.delete(body);
      return renderBody(body);
    },
    async close() {
      stop('closed');
      untaken.clear();
      order.length = 0;
      taken.clear();
    },
  };
}
