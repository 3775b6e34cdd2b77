/**
 * The real server, started as `npm run serve` starts it, for tests that must see what a client
 * sees on the wire (a reset connection, a slow answer) and what the server writes to its output.
 * The site is built once into dist/ (where `npm run build` puts it, and where the browser tests and
 * the page-budget checks read it) and rebuilt only when a source file is newer than that build;
 * several test files may ask at once, so the build is taken under a lock.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../bench/lib/servers.ts';
import { runAstroBuild } from '../../functions/build/run-astro-build.ts';
import { withBlankDatabase } from './blank-data-folder.ts';
import { CHILD_NODE_ARGS, childEnv } from './child-node.ts';

const BUILD = path.resolve('dist');
const BUILT_MARK = path.join(BUILD, '.built');
const LOCK = `${BUILD}.lock`;
const SOURCES = ['src', 'functions', 'kernel', 'content', 'public', 'astro.config.mjs', 'package-lock.json'];

function newestSource(entry: string): number {
  const stats = statSync(entry);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const child of readdirSync(entry)) newest = Math.max(newest, newestSource(path.join(entry, child)));
  return newest;
}

function isFresh(): boolean {
  if (!existsSync(BUILT_MARK)) return false;
  const built = statSync(BUILT_MARK).mtimeMs;
  return SOURCES.every((s) => newestSource(path.resolve(s)) < built);
}

/** The folder of a build of the current sources (DIST_DIR for the server). */
export async function builtSite(): Promise<string> {
  for (;;) {
    if (isFresh()) return BUILD;
    mkdirSync(path.dirname(LOCK), { recursive: true });
    try {
      mkdirSync(LOCK);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // Another test file is building; a lock older than ten minutes was left by a killed run.
      const held = statSync(LOCK, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 600_000) rmSync(LOCK, { force: true, recursive: true });
      await new Promise((r) => setTimeout(r, 1000));
      continue;
    }
    try {
      if (!isFresh()) {
        rmSync(BUILD, { recursive: true, force: true });
        await runAstroBuild(BUILD);
        writeFileSync(BUILT_MARK, new Date().toISOString());
      }
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
}

export interface RunningServer {
  url: string;
  /** Every line the server wrote so far, stdout and stderr apart. */
  stdout: string[];
  stderr: string[];
  child: ChildProcess;
  stop(): Promise<void>;
}

function collect(stream: NodeJS.ReadableStream, into: string[]) {
  let partial = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    into.push(...lines);
  });
  stream.on('end', () => {
    if (partial) into.push(partial);
  });
}

export async function startServer(
  env: Record<string, string> = {},
  options: {
    /**
     * Fills the data folder before the server opens it (e.g. a seeded database); on the embedded
     * database the folder already holds a blank cluster (see blank-data-folder.ts).
     */
    beforeStart?: (dataDir: string) => Promise<void>;
  } = {},
): Promise<RunningServer> {
  const dist = await builtSite();
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'waymark-server-'));
  if (!env.DATABASE_URL) await withBlankDatabase(dataDir);
  await options.beforeStart?.(dataDir);
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...CHILD_NODE_ARGS, 'functions/server/start.ts'], {
    env: childEnv({
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DIST_DIR: dist,
      PUBLIC_BASE_URL: url,
      LOG_LEVEL: 'info',
      ...env,
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  collect(child.stdout!, stdout);
  collect(child.stderr!, stderr);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const until = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited: ${stderr.join('\n')}`);
    if (Date.now() > until) throw new Error('the server did not come up within a minute');
    const up = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    stdout,
    stderr,
    child,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
