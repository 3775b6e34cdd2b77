/**
 * The databases integration tests run against: PGlite always, PostgreSQL too when
 * TEST_DATABASE_URL is set. Each PostgreSQL test database is a fresh database on that server,
 * dropped afterwards, and closing is checked so that a test leaking connections fails.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import type { Database } from '../../functions/db/database.ts';
import { migrate, readMigrations } from '../../functions/db/migrate.ts';
import { PGLITE_OPTIONS, pgliteDatabase } from '../../functions/db/open-pglite.ts';
import { openPostgres } from '../../functions/db/open-postgres.ts';
import { pgliteVersion, TEMPLATES_DIR } from './blank-data-folder.ts';

export interface TestDatabase {
  db: Database;
  /** Opens another connection pool on the same database (a second app node). */
  openPeer(): Database;
  dispose(): Promise<void>;
}

export interface Engine {
  name: 'pglite' | 'postgres';
  create(options?: { migrate?: boolean }): Promise<TestDatabase>;
}

/**
 * Creating a PGlite instance runs initdb inside WebAssembly (seconds); loading a ready data folder
 * takes a fraction of that. One blank and one migrated template are built once and kept on disk,
 * named by what they are made of (PGlite's version and the migrations' text), so every test process
 * loads them instead of running initdb again; every test database starts from a copy of one of
 * them, as isolated as a freshly created one.
 */
const templates = new Map<'blank' | 'migrated', Promise<Blob>>();

async function templateFile(kind: 'blank' | 'migrated'): Promise<string> {
  const recipe = createHash('sha256').update(`${await pgliteVersion()}\0without template databases`);
  if (kind === 'migrated') for (const m of await readMigrations()) recipe.update(`${m.version}\0${m.sql}\0`);
  return path.join(TEMPLATES_DIR, `pglite-${kind}-${recipe.digest('hex').slice(0, 16)}.tar`);
}

/**
 * PGlite serves one database, `postgres`; the cluster's two template databases are never opened by
 * a test. Dropped from the template, they are not unpacked again for every test database: a third
 * less to load (27 instead of 42 MB, 130 instead of 175 ms a database).
 */
async function dropTemplateDatabases(pg: PGlite): Promise<void> {
  await pg.query('alter database template1 is_template false');
  await pg.query('drop database template1');
  await pg.query("update pg_database set datistemplate = false where datname = 'template0'");
  await pg.query('drop database template0');
  await pg.query('checkpoint');
}

async function buildTemplate(kind: 'blank' | 'migrated', file: string): Promise<Blob> {
  const pg = await PGlite.create(PGLITE_OPTIONS);
  if (kind === 'migrated') await migrate(pgliteDatabase(pg));
  await dropTemplateDatabases(pg);
  const dump = await pg.dumpDataDir('none');
  await pg.close();
  // Written aside and renamed: a process that reads it sees a whole file or none.
  await mkdir(TEMPLATES_DIR, { recursive: true });
  const partial = `${file}.${process.pid}`;
  await writeFile(partial, new Uint8Array(await dump.arrayBuffer()));
  await rename(partial, file);
  // Templates of an earlier PGlite or earlier migrations are not read again.
  const prefix = `pglite-${kind}-`;
  for (const old of await readdir(TEMPLATES_DIR))
    if (old.startsWith(prefix) && old.endsWith('.tar') && path.join(TEMPLATES_DIR, old) !== file)
      await rm(path.join(TEMPLATES_DIR, old), { force: true });
  return dump;
}

function template(kind: 'blank' | 'migrated'): Promise<Blob> {
  let ready = templates.get(kind);
  if (!ready) {
    ready = (async () => {
      const file = await templateFile(kind);
      const saved = await readFile(file).catch(() => null);
      return saved ? new Blob([saved]) : buildTemplate(kind, file);
    })();
    templates.set(kind, ready);
  }
  return ready;
}

/** PGlite alone, for tests that need an embedded database and no other. */
export const pglite: Engine = {
  name: 'pglite',
  async create(options = {}) {
    const dump = await template(options.migrate === false ? 'blank' : 'migrated');
    const db = pgliteDatabase(await PGlite.create({ ...PGLITE_OPTIONS, loadDataDir: dump }));
    return {
      db,
      openPeer: () => {
        throw new Error('PGlite is embedded: one process, one connection');
      },
      dispose: () => db.close(),
    };
  },
};

/** `url` pointing at another database on the same server. */
function databaseUrl(url: string, database: string): string {
  const other = new URL(url);
  other.pathname = `/${database}`;
  return other.href;
}

/**
 * Migrating a PostgreSQL database takes a few hundred round trips; copying a migrated one takes a
 * few milliseconds. The migrated template is a database of its own, named by the migrations it
 * holds, made once (by whichever test process gets there first) and kept for later runs.
 */
const postgresTemplates = new Map<string, Promise<string>>();

/** Templates of earlier migrations are dropped when a new one is made (one still in use stays). */
async function dropOlderTemplates(admin: postgres.Sql, current: string): Promise<void> {
  const older = await admin.unsafe<{ datname: string }[]>(
    "select datname from pg_database where datname ~ '^waymark_template_[0-9a-f]{16}$' and datname <> $1",
    [current],
  );
  for (const { datname } of older)
    await admin.unsafe(`drop database if exists ${datname}`).catch(() => undefined);
}

function postgresTemplate(url: string, admin: postgres.Sql): Promise<string> {
  let ready = postgresTemplates.get(url);
  if (!ready) {
    ready = (async () => {
      const recipe = createHash('sha256');
      for (const m of await readMigrations()) recipe.update(`${m.version}\0${m.sql}\0`);
      const name = `waymark_template_${recipe.digest('hex').slice(0, 16)}`;
      const found = await admin.unsafe('select 1 from pg_database where datname = $1', [name]);
      if (found.length > 0) return name;
      // Built under another name and renamed: a database of the template's name is always whole.
      const building = `${name}_${randomBytes(4).toString('hex')}`;
      await admin.unsafe(`create database ${building} template template0`);
      const db = openPostgres(databaseUrl(url, building), { poolSize: 1 });
      await migrate(db);
      await db.close();
      for (let attempt = 0; ; attempt++) {
        try {
          await admin.unsafe(`alter database ${building} rename to ${name}`);
          await dropOlderTemplates(admin, name);
          return name;
        } catch (error) {
          const code = (error as { code?: string }).code;
          // Another process finished first: use its template.
          if (code === '42P04') {
            await admin.unsafe(`drop database ${building}`);
            return name;
          }
          // The closed pool's backend may take a moment to go.
          if (code !== '55006' || attempt === 50) throw error;
          await new Promise((r) => setTimeout(r, 20));
        }
      }
    })();
    postgresTemplates.set(url, ready);
  }
  return ready;
}

function postgresEngine(url: string): Engine {
  return {
    name: 'postgres',
    async create(options = {}) {
      const name = `test_${randomBytes(6).toString('hex')}`;
      const admin = postgres(url, { max: 1, onnotice: () => {} });
      const template = options.migrate === false ? 'template0' : await postgresTemplate(url, admin);
      await admin.unsafe(`create database ${name} template ${template}`);
      const peers: Database[] = [];
      const open = () => {
        const peer = openPostgres(databaseUrl(url, name), { poolSize: 4, applicationName: name });
        peers.push(peer);
        return peer;
      };
      const db = open();
      return {
        db,
        openPeer: open,
        async dispose() {
          await Promise.all(peers.map((p) => p.close()));
          // A pool that was not closed keeps its backends; give closed ones a moment to go.
          let open = 0;
          for (let attempt = 0; attempt < 20; attempt++) {
            const rows = await admin.unsafe(
              'select count(*)::int as n from pg_stat_activity where application_name = $1',
              [name],
            );
            open = rows[0]?.n ?? 0;
            if (open === 0) break;
            await new Promise((r) => setTimeout(r, 50));
          }
          await admin.unsafe(`drop database ${name} with (force)`);
          await admin.end({ timeout: 5 });
          if (open > 0) throw new Error(`${open} connections to ${name} were left open`);
        },
      };
    },
  };
}

export const engines: Engine[] = [
  pglite,
  ...(process.env.TEST_DATABASE_URL ? [postgresEngine(process.env.TEST_DATABASE_URL)] : []),
];
