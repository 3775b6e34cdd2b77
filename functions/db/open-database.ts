/** Opens the database the configuration names. */
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
