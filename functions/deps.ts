/**
 * What every handler receives besides the request: the database, the configuration, the keys, a
 * clock and a logger. Passing them in (rather than importing singletons) is what lets tests build a
 * `Request`, call a handler and check the `Response` with no server and a controllable clock.
 */
import type { Config } from './config/load-config.ts';
import type { Keys } from './config/secrets.ts';
import type { Database } from './db/database.ts';
import type { Logger } from './http/logger.ts';

export interface Deps {
  db: Database;
  config: Config;
  keys: Keys;
  log: Logger;
  now: () => Date;
}
