/**
 * `npm run directory:export -- <folder>`: the public help directory (content/help) as Open Referral
 * HSDS files, JSON and CSV, for other directories and referral systems to import.
 * `npm run directory:export -- --partners <folder>`: the partner directory instead, from the
 * database; it is for staff who refer, so keep that folder private. The two never share a folder.
 */
import { parseArgs } from 'node:util';
import { cliLogger, openWithKeys } from '../boot.ts';
import { ConfigError, loadConfig } from '../config/load-config.ts';
import { listPartners } from '../referrals/partners.ts';
import { readHelpFolder } from './help-entries.ts';
import { hsdsFromHelpEntries } from './hsds-from-help.ts';
import { hsdsFromPartners } from './hsds-from-partners.ts';
import { writeHsdsFolder } from './write-hsds-folder.ts';

try {
  const { values, positionals } = parseArgs({
    options: { partners: { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  const folder = positionals[0];
  if (!folder || positionals.length > 1) {
    process.stderr.write('Usage: npm run directory:export -- [--partners] <folder>\n');
    process.exit(2);
  }
  let tables: ReturnType<typeof hsdsFromPartners>;
  if (values.partners) {
    const { db } = await openWithKeys(loadConfig(), cliLogger(), { existing: true });
    try {
      tables = hsdsFromPartners(await listPartners(db, { includeInactive: true }));
    } finally {
      await db.close();
    }
  } else {
    tables = hsdsFromHelpEntries(await readHelpFolder());
  }
  const files = await writeHsdsFolder(folder, tables);
  process.stdout.write(
    `Wrote ${tables.services.length} services of the ${values.partners ? 'partner' : 'public'} directory to ${folder} (${files.length} files)\n`,
  );
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : (error as Error).message}\n`);
  process.exit(1);
}
