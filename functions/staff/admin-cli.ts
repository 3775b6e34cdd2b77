/**
 * `npm run admin -- create-user --email <e> --role <r> [--partner <id>] [--create-database]`: creates
 * a staff account and prints its one-time set-up link (set a password, enrol the authenticator).
 * It works on the database the server uses, never on a new one by accident: a missing database is
 * refused unless `--create-database` says so, and a running embedded server is pointed out, with its
 * staff page, where accounts can be made without stopping it.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { cliLogger, openWithKeys } from '../boot.ts';
import { type Config, ConfigError, loadConfig } from '../config/load-config.ts';
import { KeyCheckError } from '../crypto/key-registry.ts';
import { databaseExists, databaseLocation } from '../db/open-database.ts';
import { DatabaseInUseError } from '../db/open-pglite.ts';
import { writeCheckpoint } from './audit-checkpoints.ts';
import { ROLES } from './roles.ts';
import { createStaffAccount } from './staff-lifecycle.ts';

const argsSchema = z
  .object({
    email: z.email('--email must be an email address'),
    role: z.enum(ROLES, { error: `--role must be one of ${ROLES.join(', ')}` }),
    partner: z.uuid('--partner must be the partner organisation id (a UUID)').optional(),
  })
  .refine((a) => a.role !== 'partner-caseworker' || a.partner, {
    message: 'a partner-caseworker needs --partner',
  });

function usage(message?: string): never {
  if (message) process.stderr.write(`${message}\n`);
  process.stderr.write(
    'usage: npm run admin -- create-user --email <email> --role <admin|supervisor|operator|partner-caseworker> [--partner <id>] [--create-database]\n',
  );
  process.exit(1);
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    email: { type: 'string' },
    role: { type: 'string' },
    partner: { type: 'string' },
    'create-database': { type: 'boolean', default: false },
  },
});
if (positionals[0] !== 'create-user')
  usage(positionals[0] ? `unknown command: ${positionals[0]}` : undefined);
const { 'create-database': createDatabase, ...accountValues } = values;
const parsed = argsSchema.safeParse(accountValues);
if (!parsed.success) usage(parsed.error.issues.map((i) => i.message).join('\n'));

function refuse(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

const staffPage = (config: Config) => new URL('/console/staff', config.publicBaseUrl).href;

try {
  const config = loadConfig();
  if (!createDatabase && !(await databaseExists(config.database))) {
    refuse(
      `There is no Waymark database yet: ${databaseLocation(config)}.\n` +
        'Run this command with the same DATA_DIR or DATABASE_URL as the server (start the server once to create it), ' +
        'or add --create-database to create a new one here.',
    );
  }
  const { db, keys } = await openWithKeys(config, cliLogger());
  const now = new Date();
  const { setupLink } = await createStaffAccount(
    { db, config, keys, now: () => now },
    null,
    { email: parsed.data.email, role: parsed.data.role, partnerId: parsed.data.partner },
    'cli',
  );
  await writeCheckpoint(db, keys, config.auditCheckpointFile, now);
  await db.close();
  process.stdout.write(
    `Created ${parsed.data.role} ${parsed.data.email} in ${databaseLocation(config)}.\n` +
      `One-time set-up link (valid 72 hours):\n${setupLink}\n` +
      `Administrators can also manage accounts on the staff page: ${staffPage(config)}\n`,
  );
} catch (error) {
  if (error instanceof DatabaseInUseError) {
    const config = loadConfig();
    refuse(
      `The Waymark server is running on this database (process ${error.pid}), and the embedded database allows one process.\n` +
        `Create the account on its staff page instead: ${staffPage(config)}\n` +
        '(or stop the server, run this command, and start the server again).',
    );
  }
  if (error instanceof KeyCheckError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  usage(error instanceof ConfigError ? error.message : (error as Error).message);
}
