/**
 * What every handler receives besides the request: the database, the configuration, the keys, a
 * clock and a logger. Passing them in (rather than importing singletons) is what lets tests build a
 * `Request`, call a handler and check the `Response` with no server and a controllable clock.
 */
import type { Publisher } from './cms/rebuild-queue.ts';
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
  /** Rebuilds the site after a CMS publish; only the running server has one. */
  publisher?: Publisher;
}
