/** The queue as operators see it: open items, most urgent and oldest first, with both SLA clocks. */
import type { Config } from '../config/load-config.ts';
import type { Queryable } from '../db/database.ts';
import type { Priority } from '../queue/priority.ts';
import { slaClocks } from './sla.ts';

export interface QueueRow {
  id: string;
  source: 'report' | 'sms';
  priority: Priority;
  minor: boolean;
  reasons: string[];
  status: 'waiting' | 'claimed';
  escalated: boolean;
  createdAt: string;
  /** When the first-response clock runs out, and whether it is still running. */
  dueAt: string;
  answered: boolean;
  /** When the time-to-close clock runs out. */
  closeDueAt: string;
  /** The first response came late, or has not come and is late. */
  breached: boolean;
  closeBreached: boolean;
  claimedBy: string | null;
  claimedByMe: boolean;
}

/** When the first-response clock of an item runs out. */
export function dueAt(config: Pick<Config, 'slaMinutes'>, priority: Priority, createdAt: Date): Date {
  return new Date(createdAt.getTime() + config.slaMinutes[priority] * 60_000);
}

export async function openQueue(
  db: Queryable,
  config: Pick<Config, 'slaMinutes' | 'slaCloseMinutes'>,
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
    first_response_at: Date | null;
    claimed_by: string | null;
    email: string | null;
  }>(
    `select q.id, q.source, q.priority, q.minor, q.reasons, q.status, q.escalated, q.created_at, q.claimed_at, q.first_response_at, q.claimed_by, s.email
     from queue_items q left join staff_users s on s.id = q.claimed_by
     where q.status <> 'closed'
     order by q.priority_rank, q.created_at
     limit 500`,
  );
  return rows.map((r) => {
    const clocks = slaClocks(
      config,
      { priority: r.priority, createdAt: r.created_at, firstResponseAt: r.first_response_at, closedAt: null },
      now,
    );
    return {
      id: r.id,
      source: r.source,
      priority: r.priority,
      minor: r.minor,
      reasons: r.reasons,
      status: r.status,
      escalated: r.escalated,
      createdAt: r.created_at.toISOString(),
      dueAt: clocks.firstResponse.due.toISOString(),
      answered: clocks.firstResponse.stoppedAt !== null,
      closeDueAt: clocks.close.due.toISOString(),
      breached: clocks.firstResponse.breached,
      closeBreached: clocks.close.breached,
      claimedBy: r.email,
      claimedByMe: r.claimed_by === me,
    };
  });
}
