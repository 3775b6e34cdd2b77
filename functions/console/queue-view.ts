/** The queue as operators see it: open items, most urgent and oldest first, with SLA deadlines. */
import type { Config } from '../config/load-config.ts';
import type { Queryable } from '../db/database.ts';
import type { Priority } from '../queue/priority.ts';

export interface QueueRow {
  id: string;
  source: 'report' | 'sms';
  priority: Priority;
  minor: boolean;
  reasons: string[];
  status: 'waiting' | 'claimed';
  escalated: boolean;
  createdAt: string;
  /** When the SLA for this priority runs out. */
  dueAt: string;
  breached: boolean;
  claimedBy: string | null;
  claimedByMe: boolean;
}

export function dueAt(config: Pick<Config, 'slaMinutes'>, priority: Priority, createdAt: Date): Date {
  return new Date(createdAt.getTime() + config.slaMinutes[priority] * 60_000);
}

export async function openQueue(
  db: Queryable,
  config: Pick<Config, 'slaMinutes'>,
  me: string,
  now: Date,
): Promise<QueueRow[]> {
  const rows = await db.query<{
    id: string;
    source: 'report' | 'sms';
    priority: Priority;
    minor: boolean;
    reasons: string[];
    status: 'waiting' | 'claimed';
    escalated: boolean;
    created_at: Date;
    claimed_at: Date | null;
    claimed_by: string | null;
    email: string | null;
  }>(
    `select q.id, q.source, q.priority, q.minor, q.reasons, q.status, q.escalated, q.created_at, q.claimed_at, q.claimed_by, s.email
     from queue_items q left join staff_users s on s.id = q.claimed_by
     where q.status <> 'closed'
     order by q.priority_rank, q.created_at
     limit 500`,
  );
  return rows.map((r) => {
    const due = dueAt(config, r.priority, r.created_at);
    const answeredAt = r.claimed_at ?? now;
    return {
      id: r.id,
      source: r.source,
      priority: r.priority,
      minor: r.minor,
      reasons: r.reasons,
      status: r.status,
      escalated: r.escalated,
      createdAt: r.created_at.toISOString(),
      dueAt: due.toISOString(),
      breached: answeredAt > due,
      claimedBy: r.email,
      claimedByMe: r.claimed_by === me,
    };
  });
}
