/** Starts the real Waymark server and the bare `node:http` baseline as child processes. */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Ports are chosen below the system's ephemeral range (32768 and up on Linux). */
const LOW_PORTS = { from: 20_000, count: 12_000 };

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A port nothing listens on, for a server that a child process opens a moment later. Not one the
 * system hands out itself (port 0): those come from the ephemeral range, from which every outgoing
 * connection on the machine also takes its local port, so in the second a child needs to start,
 * a busy test run's client sockets could take it (the server then exits with EADDRINUSE).
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = LOW_PORTS.from + Math.floor(Math.random() * LOW_PORTS.count);
    if (await bindable(port)) return port;
  }
}

export interface Running {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

async function waitFor(
  url: string,
  child: ChildProcess,
  timeoutMs = 60_000,
  said: () => string = () => '',
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${url}: server exited with ${child.exitCode}${said()}`);
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
    stdio: ['ignore', options.onLogLine ? 'pipe' : 'ignore', 'pipe'],
  });
  // The server's errors go on to this process's stderr; the last of them also explain a failed start.
  const errors: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => {
    process.stderr.write(chunk);
    errors.push(chunk.toString('utf8'));
    if (errors.length > 20) errors.shift();
  });
  const said = () => (errors.length > 0 ? `: ${errors.join('').trim()}` : '');
  if (options.onLogLine) {
    let pending = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString('utf8')).split('\n');
      pending = lines.pop()!;
      for (const line of lines) options.onLogLine!(line);
    });
  }
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/api/health`, child, options.startTimeoutMs, said);
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
