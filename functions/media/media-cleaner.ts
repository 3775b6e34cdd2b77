/**
 * Cleans uploaded media off the main thread. Decoding a hostile file can take seconds and much
 * memory; on the main thread that would stall every other request (health checks, pages, reports).
 * Here a small pool of worker threads does it, each job under a time limit and a memory limit: a
 * worker that overruns either is terminated and replaced, and its job refused. The queue in front
 * of the pool is bounded, so a flood of uploads is turned away at once rather than waited on.
 *
 * Workers start on first use and stay for the next job; one that is terminated is replaced at
 * once. An idle worker does not keep the process alive.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { CleanJob, CleanResult, Refusal } from './cleaning-contract.ts';
import type { JobMessage } from './cleaning-worker.ts';
import type { MediaType } from './sniff-media-type.ts';

export interface MediaCleanerOptions {
  /** Worker threads; by default one core is left to the server (1 on a 2-core machine, at most 2). */
  workers?: number;
  /** Longest a worker may spend on one file (default 2 s). */
  timeLimitMs?: number;
  /** JavaScript heap plus array buffers one worker may hold (default 256 MiB). */
  memoryLimitMb?: number;
  /** Jobs that may wait for a free worker (default 10: two full reports); more are refused as busy. */
  queueLimit?: number;
}

export interface CleanedFile {
  bytes: Uint8Array;
  mediaType: MediaType;
}

export type CleanAllResult =
  | { ok: true; files: CleanedFile[] }
  | { ok: false; refusal: Refusal /** Which job was refused. */; index: number };

export interface MediaCleaner {
  /**
   * Loads sharp on the main thread now (about 0.1 s of blocking work), rather than when the first
   * upload arrives; the server calls it before it listens. Workers still start on first use.
   */
  prepare(): Promise<void>;
  /** Cleans one file. Rejects only if the worker itself cannot start (a fault, not the file's). */
  clean(job: CleanJob): Promise<CleanResult>;
  /** Cleans every file, or none: admitted together, stopped at the first refusal. */
  cleanAll(jobs: CleanJob[]): Promise<CleanAllResult>;
  /** Terminates the workers; jobs still waiting are refused as busy. */
  close(): Promise<void>;
}

export const DEFAULT_TIME_LIMIT_MS = 2_000;
const DEFAULT_MEMORY_LIMIT_MB = 256;
const DEFAULT_QUEUE_LIMIT = 10;
/** How often a busy worker's memory is looked at. */
const MEMORY_CHECK_MS = 25;
const WORKER_URL = new URL('./cleaning-worker.ts', import.meta.url);

interface Waiting {
  job: CleanJob;
  resolve: (result: CleanResult) => void;
  reject: (error: Error) => void;
  cancelled: boolean;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  current?: { id: number; waiting: Waiting; timer: NodeJS.Timeout; watchdog: NodeJS.Timeout };
}

let sharpHeld: Promise<void> | undefined;
function holdSharp(): Promise<void> {
  sharpHeld ??= import('sharp').then(() => {});
  return sharpHeld;
}

function defaultWorkers(): number {
  return Math.min(2, Math.max(1, availableParallelism() - 1));
}

export function createMediaCleaner(options: MediaCleanerOptions = {}): MediaCleaner {
  const size = options.workers ?? defaultWorkers();
  const timeLimitMs = options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  const memoryLimitBytes = (options.memoryLimitMb ?? DEFAULT_MEMORY_LIMIT_MB) * 1024 * 1024;
  const queueLimit = options.queueLimit ?? DEFAULT_QUEUE_LIMIT;
  const slots: Slot[] = [];
  const queue: Waiting[] = [];
  let nextId = 1;
  let closed = false;

  function finish(slot: Slot, result: CleanResult): void {
    const current = slot.current;
    if (!current) return;
    clearTimeout(current.timer);
    clearInterval(current.watchdog);
    slot.current = undefined;
    slot.worker.unref();
    current.waiting.resolve(result);
  }

  /** Terminates a worker that overran (or died) and starts its replacement. */
  function discard(slot: Slot, refusal: Refusal): void {
    const index = slots.indexOf(slot);
    if (index === -1) return;
    slots.splice(index, 1);
    finish(slot, { ok: false, refusal });
    slot.worker.removeAllListeners();
    // A terminated worker has nothing more to say; errors while it stops are of no interest.
    slot.worker.on('error', () => {});
    void slot.worker.terminate();
    pump();
    // Replaced at once, so that the next file does not wait for a worker to start.
    if (!closed && slots.length === 0) spawn();
  }

  function spawn(): void {
    // sharp's native libraries must stay loaded while workers come and go, or a worker's exit could
    // unload what another still uses: loading sharp here too keeps them loaded for the process.
    holdSharp().catch(() => {});
    const worker = new Worker(WORKER_URL, {
      resourceLimits: {
        maxOldGenerationSizeMb: options.memoryLimitMb ?? DEFAULT_MEMORY_LIMIT_MB,
        maxYoungGenerationSizeMb: 16,
      },
      stdout: true,
      stderr: true,
    });
    const slot: Slot = { worker, ready: false };
    slots.push(slot);
    worker.unref();
    // Whatever a library prints about a file stays out of the server's output.
    worker.stdout.resume();
    worker.stderr.resume();
    worker.on('message', (message: { ready?: true; id?: number; result?: CleanResult }) => {
      if (message.ready) {
        slot.ready = true;
        pump();
        return;
      }
      if (slot.current && message.id === slot.current.id && message.result) {
        finish(slot, message.result);
        pump();
      }
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (!slot.ready) {
        startFailed(slot, error);
        return;
      }
      discard(slot, error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'too-much-memory' : 'unreadable');
    });
    worker.on('exit', () => {
      if (!slot.ready) startFailed(slot, new Error('the media cleaning worker exited while starting'));
      else discard(slot, 'unreadable');
    });
  }

  /** A worker that cannot even start is a fault of the installation: every waiting job fails. */
  function startFailed(slot: Slot, error: Error): void {
    const index = slots.indexOf(slot);
    if (index === -1) return;
    slots.splice(index, 1);
    slot.worker.removeAllListeners();
    slot.worker.on('error', () => {});
    void slot.worker.terminate();
    for (const waiting of queue.splice(0))
      waiting.reject(new Error(`media cleaning is unavailable: ${error.message}`));
  }

  function dispatch(slot: Slot, waiting: Waiting): void {
    const id = nextId++;
    // A copy (not Buffer#slice, which shares): the caller's bytes stay usable, the copy moves over.
    const bytes = new Uint8Array(waiting.job.bytes);
    const timer = setTimeout(() => discard(slot, 'too-slow'), timeLimitMs);
    const watchdog = setInterval(() => {
      slot.worker
        .getHeapStatistics()
        .then((heap) => {
          if (slot.current?.id !== id) return;
          if (heap.used_heap_size + heap.external_memory > memoryLimitBytes) discard(slot, 'too-much-memory');
        })
        .catch(() => {});
    }, MEMORY_CHECK_MS);
    slot.current = { id, waiting, timer, watchdog };
    slot.worker.ref();
    const message: JobMessage = { id, job: { type: waiting.job.type, bytes } };
    slot.worker.postMessage(message, [bytes.buffer]);
  }

  function pump(): void {
    if (closed) return;
    while (queue.length > 0) {
      const idle = slots.find((s) => s.ready && !s.current);
      if (!idle) break;
      const waiting = queue.shift()!;
      if (!waiting.cancelled) dispatch(idle, waiting);
    }
    // Start as many workers as there are jobs nobody is starting up for, up to the pool's size.
    let starting = slots.filter((s) => !s.ready).length;
    const waiting = waitingCount();
    while (slots.length < size && starting < waiting) {
      spawn();
      starting += 1;
    }
  }

  function enqueue(job: CleanJob): Waiting & { done: Promise<CleanResult> } {
    let resolve!: (result: CleanResult) => void;
    let reject!: (error: Error) => void;
    const done = new Promise<CleanResult>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const waiting = { job, resolve, reject, cancelled: false, done };
    queue.push(waiting);
    return waiting;
  }

  function waitingCount(): number {
    return queue.filter((w) => !w.cancelled).length;
  }

  return {
    prepare: holdSharp,

    async clean(job) {
      if (closed || waitingCount() >= queueLimit) return { ok: false, refusal: 'busy' };
      const waiting = enqueue(job);
      pump();
      return waiting.done;
    },

    async cleanAll(jobs) {
      if (jobs.length === 0) return { ok: true, files: [] };
      // All or nothing from the start: a report whose files cannot all be queued waits for none.
      if (closed || waitingCount() + jobs.length > queueLimit)
        return { ok: false, refusal: 'busy', index: 0 };
      const entries = jobs.map(enqueue);
      pump();
      const files: CleanedFile[] = [];
      for (const [index, entry] of entries.entries()) {
        let result: CleanResult;
        try {
          result = await entry.done;
        } catch (error) {
          for (const other of entries) other.cancelled = true;
          throw error;
        }
        if (!result.ok) {
          // The others are not needed any more: those still waiting never start.
          for (const other of entries) other.cancelled = true;
          pump();
          return { ok: false, refusal: result.refusal, index };
        }
        files.push({ bytes: result.bytes, mediaType: result.mediaType });
      }
      return { ok: true, files };
    },

    async close() {
      closed = true;
      for (const waiting of queue.splice(0)) waiting.resolve({ ok: false, refusal: 'busy' });
      const stopping = slots.splice(0).map((slot) => {
        finish(slot, { ok: false, refusal: 'busy' });
        slot.worker.removeAllListeners();
        slot.worker.on('error', () => {});
        return slot.worker.terminate();
      });
      await Promise.all(stopping);
    },
  };
}
