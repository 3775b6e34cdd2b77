/**
 * Builds the dependencies a running Waymark needs from a configuration: keys, an open and migrated
 * database, a logger, the clock and the media cleaner. The server calls it once at start; `astro
 * dev` calls it lazily.
 */
import type { Config } from './config/load-config.ts';
import { loadKeys } from './config/secrets.ts';
import { migrate } from './db/migrate.ts';
import { openDatabase } from './db/open-database.ts';
import type { Deps } from './deps.ts';
import { createLogger } from './http/logger.ts';
import { createMediaCleaner } from './media/media-cleaner.ts';

export async function boot(config: Config): Promise<{ deps: Deps; migrations: number }> {
  const log = createLogger(config.logLevel);
  const { keys, generated } = await loadKeys(config);
  if (generated.length > 0) log.info('generated missing keys into the data folder', { keys: generated });
  if (generated.length > 0 && config.database.kind === 'postgres') {
    log.warn('keys were generated locally: every app node must share ENCRYPTION_KEY and HASH_KEY', {});
  }
  let db: Deps['db'];
  try {
    db = await openDatabase(config.database);
  } catch (error) {
    throw new Error(`Waymark cannot open its database: ${(error as Error).message}`);
  }
  const { total } = await migrate(db);
  return {
    deps: { db, config, keys, log, now: () => new Date(), media: createMediaCleaner() },
    migrations: total,
  };
}
