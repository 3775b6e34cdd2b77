/**
 * `npm run retention -- [--dry-run]`: shows (or applies) what the retention rules delete now. The
 * server applies them every hour by itself; this is for checking a policy before it bites, and for
 * installs that run the purge from a scheduler instead.
 */
import { parseArgs } from 'node:util';
import { cliLogger, openWithKeys } from '../boot.ts';
import { ConfigError, loadConfig } from '../config/load-config.ts';
import { writeCheckpoint } from '../staff/audit-checkpoints.ts';
import { purge } from './purge.ts';

try {
  const { values } = parseArgs({ options: { 'dry-run': { type: 'boolean', default: false } } });
  const config = loadConfig();
  const { db, keys } = await openWithKeys(config, cliLogger(), { existing: true });
  const report = await purge({ db, config, keys, now: () => new Date() }, { dryRun: values['dry-run'] });
  if (!report.dryRun) await writeCheckpoint(db, keys, config.auditCheckpointFile, new Date());
  await db.close();
  const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '-');
  const rows = (['noise', 'closed', 'referral'] as const).map(
    (k) =>
      `${k.padEnd(9)} ${String(report.due[k].days).padStart(5)} ${String(report.due[k].count).padStart(6)}  ${day(report.due[k].oldest)}`,
  );
  process.stdout.write(
    `${report.dryRun ? 'Dry run: nothing was deleted.' : 'Purged.'}\n` +
      `type      keep(d)    due  oldest due since\n${rows.join('\n')}\n` +
      `${report.dryRun ? 'would destroy' : 'destroyed'} ${report.reports} report(s) and ${report.conversations} conversation(s) with their keys\n`,
  );
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : (error as Error).message}\n`);
  process.exit(1);
}
