/** Starts the real Waymark server and the bare `node:http` baseline as child processes. */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface Running {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

async function waitFor(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${url}: server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up`);
}

function stopper(child: ChildProcess) {
  return () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
}

export async function startWaymark(
  env: Record<string, string> = {},
  options: {
    startTimeoutMs?: number;
    onLogLine?: (line: string) => void;
    /** Fills the new data folder before the server starts (tests: a blank embedded cluster). */
    beforeStart?: (dataDir: string) => Promise<void>;
  } = {},
): Promise<Running> {
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'waymark-bench-'));
  await options.beforeStart?.(env.DATA_DIR ?? dataDir);
  const child = spawn(process.execPath, ['functions/server/start.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      // Twilio signs the public URL: the benchmark's requests must match it.
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      ...env,
    },
    stdio: ['ignore', options.onLogLine ? 'pipe' : 'ignore', 'inherit'],
  });
  if (options.onLogLine) {
    let pending = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString('utf8')).split('\n');
      pending = lines.pop()!;
      for (const line of lines) options.onLogLine!(line);
    });
  }
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/api/health`, child, options.startTimeoutMs);
  return { url, child, stop: stopper(child) };
}

export async function startBare(body: string, contentType?: string): Promise<Running> {
  const port = await freePort();
  const args = ['bench/lib/bare-server.ts', String(port), body, ...(contentType ? [contentType] : [])];
  const child = spawn(process.execPath, args, { stdio: 'inherit' });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(url, child);
  return { url, child, stop: stopper(child) };
}

/** A throw-away PostgreSQL database for one benchmark, dropped afterwards. */
export async function withScratchDatabase<T>(
  serverUrl: string,
  work: (url: string) => Promise<T>,
): Promise<T> {
  const { default: postgres } = await import('postgres');
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  const name = `waymark_bench_${Date.now()}`;
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  try {
    return await work(url.href);
  } finally {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
