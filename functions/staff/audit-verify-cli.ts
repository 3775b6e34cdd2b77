/** `npm run audit:verify`: checks the audit log's hash chain and names the first broken link. */
import { ConfigError, loadConfig } from '../config/load-config.ts';
import { openDatabase } from '../db/open-database.ts';
import { verifyAuditChain } from './audit.ts';

try {
  const db = await openDatabase(loadConfig().database);
  const report = await verifyAuditChain(db);
  await db.close();
  if (report.firstBroken) {
    process.stderr.write(
      `audit log BROKEN at entry ${report.firstBroken.seq} (${report.firstBroken.problem === 'link' ? 'its link to the previous entry does not match' : 'its content does not match its hash'}); ${report.entries} entries checked\n`,
    );
    process.exit(2);
  }
  process.stdout.write(`audit log intact: ${report.entries} entries\n`);
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : (error as Error).message}\n`);
  process.exit(1);
}
