/**
 * The entry point of a cleaning worker thread (see media-cleaner.ts): it takes one job at a time
 * from the pool and answers with the result, its bytes transferred rather than copied.
 */
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import sharp from 'sharp';
import { cleanMedia } from './clean-media.ts';
import type { CleanJob } from './cleaning-contract.ts';

export interface JobMessage {
  id: number;
  job: CleanJob;
}

// One libvips thread per worker: the pool decides how many cores cleaning may take. No cache:
// every file is seen once.
sharp.concurrency(1);
sharp.cache(false);

// Cleaning yields the CPU to the server: on Linux a thread has its own nice value, and pid 0 names
// the calling thread, so this lowers this worker only (and the threads it starts), not the server.
try {
  setPriority(0, 10);
} catch {
  // Not allowed here (some containers): the worker then runs at the server's priority.
}

// The libraries warn about what they find in a file, and a warning may quote it; logs must not.
for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) console[method] = () => {};

const port = parentPort;
if (!port) throw new Error('cleaning-worker.ts runs as a worker thread');

port.on('message', async ({ id, job }: JobMessage) => {
  const result = await cleanMedia(job);
  if (!result.ok) {
    port.postMessage({ id, result });
    return;
  }
  // Copied once into a buffer of its own: sharp's output lives in native memory that cannot move.
  const bytes = new Uint8Array(result.bytes);
  port.postMessage({ id, result: { ...result, bytes } }, [bytes.buffer]);
});
port.postMessage({ ready: true });
