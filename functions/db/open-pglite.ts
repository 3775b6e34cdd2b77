/**
 * PGlite (PostgreSQL compiled to WebAssembly) in a local folder: the embedded default, so that
 * `npm start` needs no database server. One process owns the folder at a time.
 */
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import type { Database, Row, Transaction } from './database.ts';

export async function openPglite(dir: string | undefined): Promise<Database> {
  if (dir) await mkdir(dir, { recursive: true, mode: 0o700 });
  // `undefined` keeps the database in memory (tests that need no files).
  const pg = await PGlite.create(dir);
  return {
    kind: 'pglite',
    async query<T extends Row>(sql: string, params: readonly unknown[] = []) {
      const result = await pg.query<T>(sql, params as unknown[]);
      return result.rows;
    },
    async transaction<T>(work: (tx: Transaction) => Promise<T>) {
      return pg.transaction(async (tx) =>
        work({
          async query<R extends Row>(sql: string, params: readonly unknown[] = []) {
            return (await tx.query<R>(sql, params as unknown[])).rows;
          },
          async execScript(sql: string) {
            await tx.exec(sql);
          },
        }),
      );
    },
    async close() {
      if (!pg.closed) await pg.close();
    },
  };
}
