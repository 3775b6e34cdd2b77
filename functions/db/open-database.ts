/** Opens the database the configuration names, and tells whether it was ever set up. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/load-config.ts';
import type { Database } from './database.ts';
import { openPglite } from './open-pglite.ts';
import { openPostgres } from './open-postgres.ts';

export async function openDatabase(database: Config['database']): Promise<Database> {
  if (database.kind === 'postgres') {
    const db = openPostgres(database.url, { poolSize: database.poolSize });
    try {
      await db.query('select 1');
    } catch (error) {
      await db.close().catch(() => {});
      throw new Error(`Cannot reach the PostgreSQL server in DATABASE_URL: ${(error as Error).message}`);
    }
    return db;
  }
  return openPglite(database.dir);
}

/** Where the configured database is, in the terms an operator sets it by. */
export function databaseLocation(config: Config): string {
  return config.database.kind === 'pglite'
    ? `the embedded database in ${config.database.dir} (DATA_DIR=${config.dataDir})`
    : 'the PostgreSQL database in DATABASE_URL';
}

/**
 * Whether the configured database already holds Waymark (a server has started on it at least once).
 * Commands that only add to an existing installation check this first, so that a wrong DATA_DIR or
 * DATABASE_URL does not quietly create a second, empty database.
 */
export async function databaseExists(database: Config['database']): Promise<boolean> {
  if (database.kind === 'pglite') return existsSync(path.join(database.dir, 'PG_VERSION'));
  const db = openPostgres(database.url, { poolSize: 1 });
  try {
    const [row] = await db.query<{ found: string | null }>(
      "select to_regclass('schema_migrations')::text as found",
    );
    return row?.found != null;
  } catch (error) {
    throw new Error(`Cannot reach the PostgreSQL server in DATABASE_URL: ${(error as Error).message}`);
  } finally {
    await db.close();
  }
}

/**
 * Refuses, with what to do instead, a database where Waymark never started: the operators' commands
 * call this before opening it, since opening would create an empty one.
 */
export async function requireExistingDatabase(
  config: Config,
  advice = 'Run this command with the same DATA_DIR or DATABASE_URL as the server (start the server once to create it).',
): Promise<void> {
  if (!(await databaseExists(config.database)))
    throw new Error(`There is no Waymark database yet: ${databaseLocation(config)}.\n${advice}`);
}
