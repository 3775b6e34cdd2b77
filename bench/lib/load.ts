/**
 * A small closed-loop HTTP load generator: N keep-alive connections each send the next request as
 * soon as the last one answered, for a fixed time. Reports throughput and latency percentiles.
 */
import { Agent, request } from 'node:http';

export interface LoadResult {
  requests: number;
  errors: number;
  perSecond: number;
  p50: number;
  p99: number;
}

export interface LoadOptions {
  url: string;
  method?: string;
  body?: string | (() => string);
  headers?: Record<string, string> | (() => Record<string, string>);
  connections?: number;
  seconds?: number;
  /** Fixed arrival rate (requests/s across all connections) instead of as fast as possible. */
  rate?: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function once(agent: Agent, url: URL, options: LoadOptions): Promise<{ ms: number; ok: boolean }> {
  const body = typeof options.body === 'function' ? options.body() : options.body;
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request(
      url,
      {
        agent,
        method: options.method ?? 'GET',
        headers: {
          ...(typeof options.headers === 'function' ? options.headers() : options.headers),
          ...(body ? { 'content-length': Buffer.byteLength(body) } : {}),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ ms: performance.now() - started, ok: (res.statusCode ?? 500) < 400 }));
      },
    );
    req.on('error', () => resolve({ ms: performance.now() - started, ok: false }));
    req.end(body);
  });
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const connections = options.connections ?? 16;
  const seconds = options.seconds ?? 5;
  const url = new URL(options.url);
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const interval = options.rate ? (1000 * connections) / options.rate : 0;

  await Promise.all(
    Array.from({ length: connections }, async (_, worker) => {
      let next = started + (interval * worker) / connections;
      while (performance.now() < deadline) {
        if (interval) {
          const wait = next - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          next += interval;
          if (performance.now() >= deadline) break;
        }
        const { ms, ok } = await once(agent, url, options);
        latencies.push(ms);
        if (!ok) errors += 1;
      }
    }),
  );
  agent.destroy();
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}
