/**
 * What every handler receives besides the request: the database, the configuration, the keys, a
 * clock, a logger and the media cleaner. Passing them in (rather than importing singletons) is what lets tests build a
 * `Request`, call a handler and check the `Response` with no server and a controllable clock.
 */
import type { ContentStore } from './cms/content-store.ts';
import type { Config } from './config/load-config.ts';
import type { Keys } from './config/secrets.ts';
import type { Database } from './db/database.ts';
import type { Logger } from './http/logger.ts';
import type { JobRunner } from './jobs/job-runner.ts';
import type { MediaCleaner } from './media/media-cleaner.ts';
import type { PasswordCost } from './staff/password.ts';

export interface Deps {
  db: Database;
  config: Config;
  keys: Keys;
  log: Logger;
  now: () => Date;
  /** Cleans uploaded photos and PDFs in worker threads; workers start on first use. */
  media: MediaCleaner;
  /** This node's copy of the published content (the database's snapshot); only the running server has one. */
  content?: ContentStore;
  /** Whether this node's first search index run after start has ended (the server sets it). */
  searchStarted?: () => boolean;
  /** The background jobs this node runs (functions/jobs/); only the running server has them. */
  jobs?: JobRunner;
  /**
   * Argon2id's work factor for new password hashes. Unset everywhere but in tests that are not about
   * the cost, which lower it: production always hashes at password.ts's default.
   */
  passwordCost?: PasswordCost;
  /** How often live-update streams poll (console/events.ts); tests that wait on them shorten it. */
  liveUpdatePollMs?: number;
}
