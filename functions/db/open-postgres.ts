/**
 * A PostgreSQL server through postgres.js: what a deployment with several stateless app nodes uses.
 */
import postgres from 'postgres';
import type { Database, Row, Transaction } from './database.ts';

type ParameterValue = postgres.ParameterOrJSON<never>;

export function openPostgres(
  url: string,
  options: { poolSize?: number; searchPath?: string; applicationName?: string } = {},
): Database {
  const sql = postgres(url, {
    max: options.poolSize ?? 10,
    onnotice: () => {},
    // Counts and bigserial ids come back as numbers, as they do from PGlite.
    types: {
      bigint: { to: 20, from: [20], serialize: (x: number) => String(x), parse: (x: string) => Number(x) },
      // Callers pass JSON text for json/jsonb parameters (PGlite takes the same); postgres.js would
      // otherwise encode that text again and store a JSON string instead of the object.
      json: {
        to: 114,
        from: [114, 3802],
        serialize: (x: unknown) => (typeof x === 'string' ? x : JSON.stringify(x)),
        parse: (x: string) => JSON.parse(x),
      },
    },
    connection: {
      application_name: options.applicationName ?? 'waymark',
      ...(options.searchPath ? { search_path: options.searchPath } : {}),
    },
  });
  return {
    kind: 'postgres',
    async query<T = Row>(text: string, params: readonly unknown[] = []) {
      return (await sql.unsafe(text, params as ParameterValue[])) as unknown as T[];
    },
    async transaction<T>(work: (tx: Transaction) => Promise<T>) {
      const result = await sql.begin((tx) =>
        work({
          async query<R = Row>(text: string, params: readonly unknown[] = []) {
            return (await tx.unsafe(text, params as ParameterValue[])) as unknown as R[];
          },
          async execScript(text: string) {
            await tx.unsafe(text).simple();
          },
        }),
      );
      return result as T;
    },
    async listen(channel: string, onNotify: () => void) {
      // postgres.js keeps one extra connection for LISTEN and re-listens after a reconnect.
      const { unlisten } = await sql.listen(channel, onNotify);
      return unlisten;
    },
    async close() {
      await sql.end({ timeout: 5 });
    },
  };
}
