/**
 * The data layer's contract. Waymark speaks one SQL dialect, PostgreSQL's, to two engines: PGlite
 * embedded in the process (the default, no server needed) and a PostgreSQL server (DATABASE_URL,
 * for several app nodes). Queries are always parameterized ($1, $2, ...), never built from input.
 */

export type Row = Record<string, unknown>;

export interface Queryable {
  /** One parameterized statement; returns its rows. */
  query<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back when it throws.
   * A commit that resolved is durable.
   */
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
  /**
   * Calls `onNotify` for every `NOTIFY` on `channel` (PostgreSQL's LISTEN; PGlite's in-process
   * listen). Resolves with a function that stops listening. A notification is a hint to look, never
   * the data itself: with several schemas on one server, channels are shared.
   */
  listen?(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface Transaction extends Queryable {
  /** Several statements in one string, without parameters: only for trusted SQL such as migrations. */
  execScript(sql: string): Promise<void>;
}
