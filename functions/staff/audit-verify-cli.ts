/**
 * `npm run audit:verify`: checks the audit log's keyed chain against the checkpoints kept outside
 * the database (AUDIT_CHECKPOINT_FILE) and names the first problem: an edited entry, a deleted one,
 * a chain re-computed without the audit key, or a tail cut after a checkpoint. Read-only.
 * Exit codes: 0 intact, 1 could not check, 2 tampered, 3 intact chain but no checkpoint to vouch
 * for its tail.
 */
import { cliLogger, openWithKeys } from '../boot.ts';
import { ConfigError, loadConfig } from '../config/load-config.ts';
import type { ChainProblem } from './audit.ts';
import { verifyAuditChain } from './audit.ts';
import { readCheckpoints } from './audit-checkpoints.ts';

function explain(problem: ChainProblem): string {
  switch (problem.kind) {
    case 'hash':
      return `BROKEN at entry ${problem.seq}: its content does not match its MAC (edited, or the chain was re-computed without the audit key)`;
    case 'link':
      return `BROKEN at entry ${problem.seq}: its link to the previous entry does not match (an entry before it was deleted or replaced)`;
    case 'unkeyed':
      return `BROKEN at entry ${problem.seq}: an entry without the audit key's MAC where only keyed entries may be`;
    case 'cut':
      return `BROKEN: its tail was cut. The checkpoint of ${problem.checkpoint.at} recorded ${problem.checkpoint.entries} entries up to entry ${problem.checkpoint.seq}; the log now ends at entry ${problem.lastSeq} with ${problem.entries}`;
    case 'diverged':
      return `BROKEN: the checkpoint of ${problem.checkpoint.at} recorded entry ${problem.checkpoint.seq} as entry number ${problem.checkpoint.entries} with another head; entries up to it were deleted, inserted or re-computed`;
  }
}

try {
  const config = loadConfig();
  const { db, keys } = await openWithKeys(config, cliLogger(), { readOnly: true, existing: true });
  const checkpoints = await readCheckpoints(keys, config.auditCheckpointFile);
  const report = await verifyAuditChain(db, keys, checkpoints.points);
  await db.close();
  if (report.problem) {
    process.stderr.write(`audit log ${explain(report.problem)}; ${report.entries} entries checked\n`);
    process.exit(2);
  }
  if (checkpoints.rejected.length > 0) {
    process.stderr.write(
      `audit checkpoints FORGED or damaged: line(s) ${checkpoints.rejected.join(', ')} of ${config.auditCheckpointFile} do not carry a valid MAC under this HASH_KEY\n`,
    );
    process.exit(2);
  }
  const legacy = report.legacyEntries > 0 ? ` (${report.legacyEntries} from before the keyed chain)` : '';
  process.stdout.write(
    `audit log intact: ${report.entries} entries${legacy}; ${report.checkpointsChecked} of ${checkpoints.points.length} checkpoint(s) matched\n`,
  );
  if (report.entries > 0 && checkpoints.points.length === 0) {
    process.stderr.write(
      `no audit checkpoint in ${config.auditCheckpointFile}: entries cut from the end of the log could not be noticed. Point AUDIT_CHECKPOINT_FILE at the server's checkpoint file.\n`,
    );
    process.exit(3);
  }
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : (error as Error).message}\n`);
  process.exit(1);
}
