/**
 * Uploads sent from another thread while this one measures: building and sending megabytes on
 * the measuring thread would delay its own timers and make the server look slower than it is.
 * Also a sampler of one URL's latency while something else is under way.
 */
import { randomBytes } from 'node:crypto';
import { Worker } from 'node:worker_threads';

export interface Sent {
  status: number;
  /** The problem's `code`, when the answer was one. */
  code?: string;
  /** A network failure instead of an answer (ECONNRESET, ...). */
  error?: string;
  ms: number;
}

export interface FileToSend {
  name: string;
  type: string;
  bytes: Uint8Array;
}

/** A multipart/form-data body as a browser would send the report form. */
export function multipartBody(
  fields: Record<string, string>,
  files: FileToSend[],
): { body: Buffer; contentType: string } {
  const boundary = `----WaymarkBench${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  for (const file of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      Buffer.from(file.bytes),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

const SENDER = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, headers, body, chunked } = workerData;
const payload = chunked
  ? new ReadableStream({
      start(controller) {
        for (let at = 0; at < body.length; at += 1 << 20) controller.enqueue(body.subarray(at, at + (1 << 20)));
        controller.close();
      },
    })
  : body;
const started = performance.now();
fetch(url, { method: 'POST', headers, body: payload, duplex: 'half' })
  .then(async (response) => {
    const text = await response.text();
    let code;
    try { code = JSON.parse(text).code; } catch {}
    parentPort.postMessage({ status: response.status, code, ms: performance.now() - started });
  })
  .catch((error) => {
    parentPort.postMessage({ status: 0, error: String(error.cause?.code ?? error.message), ms: performance.now() - started });
  });
`;

/** POSTs `body` to `url` from a worker thread; `chunked` sends it without a Content-Length. */
export function sendInBackground(
  url: string,
  body: Uint8Array,
  headers: Record<string, string>,
  options: { chunked?: boolean } = {},
): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(SENDER, {
      eval: true,
      workerData: { url, headers, body, chunked: options.chunked },
    });
    worker.once('message', (sent: Sent) => {
      resolve(sent);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * GETs `url` one request after another, `gapMs` apart, until `until` settles (and at least
 * `atLeast` times); returns the latencies in milliseconds, sorted.
 */
export async function latenciesWhile(
  url: string,
  until: Promise<unknown>,
  gapMs = 5,
  atLeast = 20,
): Promise<number[]> {
  let settled = false;
  until.then(
    () => (settled = true),
    () => (settled = true),
  );
  const latencies: number[] = [];
  while (!settled || latencies.length < atLeast) {
    const started = performance.now();
    const response = await fetch(url);
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    latencies.push(performance.now() - started);
    await new Promise((r) => setTimeout(r, gapMs));
  }
  return latencies.sort((a, b) => a - b);
}
