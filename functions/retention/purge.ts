/**
 * Retention: nothing about a person is kept longer than its purpose needs. Noise is kept for days,
 * closed items for months, finished referrals as long as the partner's agreement says. Each record
 * is deleted together with its data key in record_keys (crypto-shredding, by a trigger of migration
 * 0011, so cascaded rows lose theirs too): its ciphertext cannot be opened again with anything left
 * in the database. A backup taken before holds the key until the master key of that day is rotated
 * out and destroyed (npm run keys:rotate). A dry run reports what a real run would delete, and
 * deletes nothing.
 */

import type { Queryable } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { deleteItems } from '../queue/item-writes.ts';
import { appendAudit } from '../staff/audit.ts';

export interface PurgeReport {
  dryRun: boolean;
  at: Date;
  /** Per record type: how many are due and since when the oldest has been due. */
  due: Record<'noise' | 'closed' | 'referral', { count: number; oldest: Date | null; days: number }>;
  /** Source records (reports and conversations) destroyed with their queue items. */
  reports: number;
  conversations: number;
}

const DAY_MS = 86_400_000;

interface DueItem {
  id: string;
  source: 'report' | 'sms';
  source_id: string;
  since: Date;
}

async function dueItems(db: Queryable, kind: 'noise' | 'closed', cutoff: Date): Promise<DueItem[]> {
  return kind === 'noise'
    ? db.query<DueItem>(
        `select id, source, source_id, created_at as since from queue_items
         where priority = 'noise' and created_at < $1 order by created_at`,
        [cutoff],
      )
    : db.query<DueItem>(
        `select id, source, source_id, closed_at as since from queue_items
         where status = 'closed' and priority <> 'noise' and closed_at < $1 order by closed_at`,
        [cutoff],
      );
}

async function dueReferrals(db: Queryable, now: Date, defaultDays: number) {
  return db.query<{ id: string; since: Date }>(
    `select r.id, r.decided_at as since from referrals r join partners p on p.id = r.partner_id
     where r.status in ('accepted', 'declined', 'withdrawn')
       and r.decided_at < $1::timestamptz - make_interval(days => coalesce(p.retention_days, $2))
     order by r.decided_at`,
    [now, defaultDays],
  );
}

export async function purge(
  deps: Pick<Deps, 'db' | 'config' | 'now' | 'keys'>,
  options: { dryRun: boolean },
): Promise<PurgeReport> {
  const now = deps.now();
  const days = deps.config.retentionDays;
  const cutoff = (d: number) => new Date(now.getTime() - d * DAY_MS);
  return deps.db.transaction(async (tx) => {
    const noise = await dueItems(tx, 'noise', cutoff(days.noise));
    const closed = await dueItems(tx, 'closed', cutoff(days.closed));
    const referrals = await dueReferrals(tx, now, days.referral);
    const report: PurgeReport = {
      dryRun: options.dryRun,
      at: now,
      due: {
        noise: { count: noise.length, oldest: noise[0]?.since ?? null, days: days.noise },
        closed: { count: closed.length, oldest: closed[0]?.since ?? null, days: days.closed },
        referral: { count: referrals.length, oldest: referrals[0]?.since ?? null, days: days.referral },
      },
      reports: 0,
      conversations: 0,
    };
    const items = [...noise, ...closed];
    const reportIds = items.filter((i) => i.source === 'report').map((i) => i.source_id);
    const conversationIds = items.filter((i) => i.source === 'sms').map((i) => i.source_id);
    if (options.dryRun) {
      report.reports = reportIds.length;
      report.conversations = conversationIds.length;
      return report;
    }
    // Deleting the row destroys its record key; messages, attachments, notes, events and the outbox
    // go with it (on delete cascade). Referrals made from an item keep their own retention.
    report.reports = (
      await tx.query('delete from reports where id = any($1::uuid[]) returning id', [reportIds])
    ).length;
    report.conversations = (
      await tx.query('delete from conversations where id = any($1::uuid[]) returning id', [conversationIds])
    ).length;
    await deleteItems(
      tx,
      items.map((i) => i.id),
    );
    await tx.query('delete from referrals where id = any($1::uuid[])', [referrals.map((r) => r.id)]);
    if (items.length + referrals.length > 0) {
      await appendAudit(
        tx,
        deps.keys,
        {
          actorId: null,
          action: 'retention.purge',
          details: {
            noise: noise.length,
            closed: closed.length,
            referrals: referrals.length,
            reports: report.reports,
            conversations: report.conversations,
          },
        },
        now,
      );
    }
    return report;
  });
}
