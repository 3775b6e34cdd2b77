/**
 * Builds the dependencies a running Waymark needs from a configuration: keys checked against the
 * database, an open and migrated database, a logger and the clock. The server calls it once at
 * start; `astro dev` calls it lazily. The CLIs that use keys open the database through
 * `openWithKeys` too, so a wrong key stops them the same way, before anything is written.
 */
import { mkdir } from 'node:fs/promises';
import type { Config } from './config/load-config.ts';
import { type Keys, loadKeys } from './config/secrets.ts';
import { checkKeys, registerKeys } from './crypto/key-registry.ts';
import type { Database } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { openDatabase, requireExistingDatabase } from './db/open-database.ts';
import { DatabaseInUseError } from './db/open-pglite.ts';
import type { Deps } from './deps.ts';
import { createLogger, type Logger } from './http/logger.ts';
import { createMediaCleaner } from './media/media-cleaner.ts';
import { adoptLegacyTotpSecrets } from './staff/totp-secret.ts';

export interface Opened {
  db: Database;
  keys: Keys;
  migrations: number;
}

/**
 * Opens the database and checks the configured keys against it first. `readOnly` (audit:verify)
 * stops after the check: no migration, no key generated or registered. `existing` (the operators'
 * commands) refuses a database that is not there yet: run with a wrong DATA_DIR or DATABASE_URL, a
 * command must not create an empty one, keys included, and report on that.
 */
export async function openWithKeys(
  config: Config,
  log: Logger,
  options: { readOnly?: boolean; existing?: boolean } = {},
): Promise<Opened> {
  if (options.existing) await requireExistingDatabase(config);
  const loaded = await loadKeys(config);
  let db: Database;
  try {
    db = await openDatabase(config.database);
  } catch (error) {
    // A running server is not a broken database: callers tell the person what to do instead.
    if (error instanceof DatabaseInUseError) throw error;
    throw new Error(`Waymark cannot open its database: ${(error as Error).message}`);
  }
  try {
    const check = await checkKeys(db, loaded.keys);
    for (const warning of check.warnings) log.warn(warning);
    if (options.readOnly) return { db, keys: loaded.keys, migrations: 0 };
    await loaded.persist();
    if (loaded.generated.length > 0) {
      log.info('generated missing keys into the data folder', { keys: loaded.generated });
      if (config.database.kind === 'postgres')
        log.warn('keys were generated locally: every app node must share ENCRYPTION_KEY and HASH_KEY');
    }
    const { total } = await migrate(db);
    await registerKeys(db, loaded.keys);
    const moved = await adoptLegacyTotpSecrets(db, loaded.keys);
    if (moved > 0) log.info('moved staff authenticator secrets onto record keys', { count: moved });
    return { db, keys: loaded.keys, migrations: total };
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
}

export async function boot(config: Config): Promise<{ deps: Deps; migrations: number }> {
  const log = createLogger(config.logLevel, undefined, config.logFormat);
  // The data folder holds files even on PostgreSQL (the first-admin link, audit checkpoints), and a
  // node whose keys come from the environment may start with none yet.
  await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  const { db, keys, migrations } = await openWithKeys(config, log);
  return {
    deps: { db, config, keys, log, now: () => new Date(), media: createMediaCleaner() },
    migrations,
  };
}

/** CLIs print their own results on stdout; their warnings go to stderr. */
export function cliLogger(): Logger {
  return createLogger('warn', (line) => process.stderr.write(line));
}
