/**
 * `npm run admin -- create-user --email <e> --role <r> [--partner <id>]`: creates a staff account
 * and prints its one-time set-up link (set a password, enrol the authenticator).
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { cliLogger, openWithKeys } from '../boot.ts';
import { ConfigError, loadConfig } from '../config/load-config.ts';
import { KeyCheckError } from '../crypto/key-registry.ts';
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
    'usage: npm run admin -- create-user --email <email> --role <admin|supervisor|operator|partner-caseworker> [--partner <id>]\n',
  );
  process.exit(1);
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { email: { type: 'string' }, role: { type: 'string' }, partner: { type: 'string' } },
});
if (positionals[0] !== 'create-user')
  usage(positionals[0] ? `unknown command: ${positionals[0]}` : undefined);
const parsed = argsSchema.safeParse(values);
if (!parsed.success) usage(parsed.error.issues.map((i) => i.message).join('\n'));

try {
  const config = loadConfig();
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
    `Created ${parsed.data.role} ${parsed.data.email}. One-time set-up link (valid 72 hours):\n${setupLink}\n`,
  );
} catch (error) {
  if (error instanceof KeyCheckError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  usage(error instanceof ConfigError ? error.message : (error as Error).message);
}
