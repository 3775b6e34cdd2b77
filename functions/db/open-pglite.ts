/**
 * PGlite (PostgreSQL compiled to WebAssembly) in a local folder: the embedded default, so that
 * `npm start` needs no database server. One process owns the folder at a time.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readdir, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import type { Database, Row, Transaction } from './database.ts';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Another live process (a running server) owns the embedded database folder. */
export class DatabaseInUseError extends Error {
  readonly dir: string;
  readonly pid: number;
  constructor(dir: string, pid: number) {
    super(
      `the embedded database in ${dir} is in use by process ${pid}. Stop that server first, or use DATABASE_URL with PostgreSQL to run several processes.`,
    );
    this.dir = dir;
    this.pid = pid;
  }
}

/**
 * PGlite does not guard its folder against a second process, and two writers would corrupt it:
 * a lock file with the owner's pid refuses a second opener while the first is alive.
 */
async function lockFolder(dir: string): Promise<() => Promise<void>> {
  const lock = `${dir}.lock`;
  await mkdir(path.dirname(dir), { recursive: true, mode: 0o700 });
  try {
    await writeFile(lock, String(process.pid), { flag: 'wx', mode: 0o600 });
  } catch {
    const owner = Number(await readFile(lock, 'utf8').catch(() => ''));
    if (owner && owner !== process.pid && alive(owner)) {
      throw new DatabaseInUseError(dir, owner);
    }
    await writeFile(lock, String(process.pid), { mode: 0o600 });
  }
  return () => rm(lock, { force: true });
}

const BYTEA = 17;

/**
 * PGlite passes bytea as hex text, and its own conversion makes one string per byte: storing a
 * 2 MB attachment held the event loop for about a second. Node's hex codec does it in milliseconds.
 */
function byteaToText(value: Uint8Array): string {
  return `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
}

function byteaFromText(text: string): Uint8Array {
  const bytes = Buffer.from(text.slice(2), 'hex');
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * How every PGlite instance is opened (tests that clone a template use the same options).
 *
 * PostgreSQL's buffer cache is 32 MB instead of its default 128 MB: PGlite reads its files through
 * Node, so the operating system's page cache holds them as well, and every megabyte of the cache
 * lives in the server process's WebAssembly memory for good. Measured on 10,000 documents of 8 KB
 * written and read three times over: the process is about 125 MB smaller, at the same speed.
 */
export const PGLITE_OPTIONS = {
  serializers: { [BYTEA]: byteaToText },
  parsers: { [BYTEA]: byteaFromText },
  startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'],
};

/**
 * Makes a new data folder in a separate, short-lived Node process. PGlite creates a cluster by
 * running initdb beside a second database instance and copying the result across: about 1.1 GB at
 * its peak in the process that does it (860 MB on the baseline WebAssembly compiler, which is all
 * a process of a few seconds needs). Done apart, the server opens the finished folder like any
 * other (about 330 MB): on the sample site a first start peaks at about 950 MB instead of 1.2 GB.
 * The folder is made beside `dir` and renamed into place, so a process killed half-way leaves no
 * half-made database.
 */
async function createDataFolder(dir: string): Promise<void> {
  const building = `${dir}.creating`;
  await rm(building, { recursive: true, force: true });
  const script = `const { PGlite } = await import(process.argv[1]); await (await PGlite.create(process.argv[2])).close();`;
  try {
    await promisify(execFile)(
      process.execPath,
      [
        '--liftoff-only',
        '--input-type=module',
        '-e',
        script,
        import.meta.resolve('@electric-sql/pglite'),
        building,
      ],
      { env: { PATH: process.env.PATH ?? '' }, maxBuffer: 16 * 1024 * 1024 },
    );
  } catch (error) {
    await rm(building, { recursive: true, force: true });
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(
      `could not create the embedded database in ${dir}: ${stderr || (error as Error).message}`,
    );
  }
  if (existsSync(dir)) await rmdir(dir);
  await rename(building, dir);
  await chmod(dir, 0o700);
}

/** A folder that does not exist or is empty: nothing of a database in it yet. */
async function isFresh(dir: string): Promise<boolean> {
  return !existsSync(dir) || (await readdir(dir)).length === 0;
}

export async function openPglite(dir: string | undefined): Promise<Database> {
  const unlock = dir ? await lockFolder(dir) : async () => {};
  if (dir && (await isFresh(dir))) {
    try {
      await createDataFolder(dir);
    } catch (error) {
      await unlock();
      throw error;
    }
  }
  if (dir) await mkdir(dir, { recursive: true, mode: 0o700 });
  // `undefined` keeps the database in memory (tests that need no files).
  return pgliteDatabase(await PGlite.create(dir, PGLITE_OPTIONS), unlock);
}

/** The data layer's interface over an open PGlite instance; closing it also runs `onClose`. */
export function pgliteDatabase(pg: PGlite, onClose: () => Promise<void> = async () => {}): Database {
  return {
    kind: 'pglite',
    async query<T = Row>(sql: string, params: readonly unknown[] = []) {
      const result = await pg.query<T>(sql, params as unknown[]);
      return result.rows;
    },
    async transaction<T>(work: (tx: Transaction) => Promise<T>) {
      return pg.transaction(async (tx) =>
        work({
          async query<R = Row>(sql: string, params: readonly unknown[] = []) {
            return (await tx.query<R>(sql, params as unknown[])).rows;
          },
          async execScript(sql: string) {
            await tx.exec(sql);
          },
        }),
      );
    },
    async listen(channel: string, onNotify: () => void) {
      const stop = await pg.listen(channel, onNotify);
      return async () => {
        if (!pg.closed) await stop();
      };
    },
    async close() {
      if (!pg.closed) await pg.close();
      await onClose();
    },
  };
}
