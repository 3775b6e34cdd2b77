/**
 * Applies the numbered SQL files in migrations/ in order, each in its own transaction, and records
 * them in `schema_migrations`. An advisory lock makes concurrent starts of several app nodes safe:
 * one applies, the others wait and then find nothing left to do.
 */
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
const LOCK_ID = 0x57_41_59_4d; // "WAYM"

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort();
  const migrations: Migration[] = [];
  // Numbers are reserved per change, so one may be missing until its change lands; never reused.
  for (const file of files) {
    const version = Number(file.slice(0, 4));
    const previous = migrations.at(-1)?.version ?? 0;
    if (version <= previous) throw new Error(`Migration ${file} repeats number ${version}`);
    migrations.push({ version, name: file.slice(5, -4), sql: await readFile(`${dir}/${file}`, 'utf8') });
  }
  return migrations;
}

/** Returns the number of migrations the database has after the run. */
export async function migrate(
  db: Database,
  migrations?: Migration[],
): Promise<{ applied: number[]; total: number }> {
  const all = migrations ?? (await readMigrations());
  // Even `create table if not exists` races between nodes; the lock serialises it.
  await db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [LOCK_ID]);
    await tx.query(
      `create table if not exists schema_migrations (
         version integer primary key,
         name text not null,
         applied_at timestamptz not null default now()
       )`,
    );
  });
  const applied: number[] = [];
  for (const migration of all) {
    const done = await db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [LOCK_ID]);
      const existing = await tx.query('select 1 from schema_migrations where version = $1', [
        migration.version,
      ]);
      if (existing.length > 0) return false;
      await tx.execScript(migration.sql);
      await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      return true;
    });
    if (done) applied.push(migration.version);
  }
  return { applied, total: await migrationCount(db) };
}

export async function migrationCount(db: Database): Promise<number> {
  const rows = await db.query<{ n: number }>('select count(*)::int as n from schema_migrations');
  return rows[0]?.n ?? 0;
}
