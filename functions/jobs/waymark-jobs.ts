/**
 * Waymark's background jobs, with how often each runs and where. What used to be timers in the
 * server's start file; the runner (job-runner.ts) records every run in job_runs.
 */
import { isRetired } from '../crypto/key-registry.ts';
import type { Deps } from '../deps.ts';
import { purgeQuietFailures } from '../rate-limit/failure-budgets.ts';
import { purgeExpiredBuckets } from '../rate-limit/rate-limit.ts';
import { escalateOverdue } from '../referrals/referral-workflow.ts';
import { purge } from '../retention/purge.ts';
import { runMediaFetches } from '../sms/media/fetch-media.ts';
import { type SmsSender, sendDue } from '../sms/outbox.ts';
import { refreshStatistics } from '../statistics/refresh-statistics.ts';
import type { JobDefinition } from './job-runner.ts';

export interface JobParts {
  sender: SmsSender;
  /** This node's audit checkpointer (its file is this node's). */
  checkpoints: { tick(): Promise<unknown> };
}

export function waymarkJobs(deps: Deps, parts: JobParts): JobDefinition[] {
  const { db, log } = deps;
  return [
    // Texts waiting in the outbox; claimed with SKIP LOCKED, so every node may send.
    {
      name: 'sms-outbox',
      intervalSeconds: 1,
      scope: 'node',
      run: () => sendDue(deps, parts.sender).then(() => {}),
    },
    // Photos and voice notes sent to the hotline: fetched from Twilio, cleaned, stored encrypted,
    // then deleted from Twilio. Claimed with SKIP LOCKED, so every node may fetch; a batch's items
    // are fetched side by side, so one file that hangs until its time limit holds up only its batch.
    {
      name: 'sms-media',
      intervalSeconds: 2,
      scope: 'node',
      run: () => runMediaFetches(deps, { batch: 4 }).then(() => {}),
    },
    {
      name: 'rate-limit-purge',
      intervalSeconds: 10 * 60,
      scope: 'cluster',
      run: async () => {
        await purgeExpiredBuckets(db, deps.now());
        await purgeQuietFailures(db, deps.now());
      },
    },
    {
      name: 'referral-escalation',
      intervalSeconds: 60,
      scope: 'cluster',
      run: () => escalateOverdue(deps).then(() => {}),
    },
    {
      name: 'retention',
      intervalSeconds: 60 * 60,
      scope: 'cluster',
      run: async () => {
        const r = await purge(deps, { dryRun: false });
        const deleted = r.due.noise.count + r.due.closed.count + r.due.referral.count;
        if (deleted > 0) log.info('retention purge', { job: 'retention', count: deleted });
      },
    },
    {
      name: 'statistics-refresh',
      intervalSeconds: 60 * 60,
      scope: 'cluster',
      run: () => refreshStatistics(deps).then(() => {}),
    },
    // The audit log's head, MAC'd, outside the database: a cut tail shows at the next audit:verify.
    {
      name: 'audit-checkpoint',
      intervalSeconds: 10,
      scope: 'node',
      run: () => parts.checkpoints.tick().then(() => {}),
    },
    // A node left running on a master key that keys:rotate retired must say so, not just fail requests.
    {
      name: 'key-watch',
      intervalSeconds: 60,
      scope: 'node',
      run: async () => {
        if (await isRetired(db, deps.keys.master.id))
          log.error(
            'this node runs a retired ENCRYPTION_KEY: it can neither read re-wrapped records nor write new ones. Restart it with the current ENCRYPTION_KEY',
            { job: 'key-watch', id: deps.keys.master.id },
          );
      },
    },
  ];
}
