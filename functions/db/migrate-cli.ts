/** `npm run db:migrate`: applies pending migrations to the configured database and exits. */
import { ConfigError, loadConfig } from '../config/load-config.ts';
import { migrate } from './migrate.ts';
import { openDatabase } from './open-database.ts';

try {
  const config = loadConfig();
  const db = await openDatabase(config.database);
  const { applied, total } = await migrate(db);
  await db.close();
  process.stdout.write(
    `${db.kind}: ${applied.length === 0 ? 'already up to date' : `applied ${applied.join(', ')}`} (${total} migrations)\n`,
  );
} catch (error) {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : `Migration failed: ${(error as Error).message}`}\n`,
  );
  process.exit(1);
}
