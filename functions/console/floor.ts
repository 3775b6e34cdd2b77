/** The supervisor's view of the floor: what waits, who holds what for how long, and SLA breaches. */
import type { Config } from '../config/load-config.ts';
import type { Queryable } from '../db/database.ts';
import { PRIORITIES, type Priority } from '../queue/priority.ts';
import { slaClocks } from './sla.ts';

export interface Floor {
  waiting: Record<Priority, number>;
  held: { email: string; items: number; oldestClaimMinutes: number }[];
  /** Open items whose first response is late (not answered, past due). */
  breachedNow: number;
  /** Open items past their time to close (answered or not). */
  closeBreachedNow: number;
  /** First-response breaches by hour for the last 24 hours, oldest first. */
  breachesByHour: { hour: Date; breaches: number }[];
}

export async function floor(
  db: Queryable,
  config: Pick<Config, 'slaMinutes' | 'slaCloseMinutes'>,
  now: Date,
): Promise<Floor> {
  const waiting = Object.fromEntries(PRIORITIES.map((p) => [p, 0])) as Record<Priority, number>;
  for (const row of await db.query<{ priority: Priority; n: number }>(
    `select priority, count(*)::int as n from queue_items where status = 'waiting' group by priority`,
  )) {
    waiting[row.priority] = row.n;
  }
  const held = await db.query<{ email: string; items: number; oldest: Date }>(
    `select s.email, count(*)::int as items, min(q.claimed_at) as oldest
     from queue_items q join staff_users s on s.id = q.claimed_by
     where q.status = 'claimed' group by s.email order by items desc`,
  );
  const since = new Date(now.getTime() - 24 * 3600_000);
  const items = await db.query<{
    priority: Priority;
    created_at: Date;
    first_response_at: Date | null;
    closed_at: Date | null;
    status: string;
  }>(
    // Items up to a week old can breach inside the last day (standard and noise SLAs are long), and
    // every open item counts for the clocks running now.
    `select priority, created_at, first_response_at, closed_at, status from queue_items
     where created_at >= $1 or status <> 'closed'`,
    [new Date(since.getTime() - 7 * 24 * 3600_000)],
  );
  const hours = Array.from({ length: 24 }, (_, i) => ({
    hour: new Date(Math.floor(since.getTime() / 3600_000) * 3600_000 + (i + 1) * 3600_000),
    breaches: 0,
  }));
  let breachedNow = 0;
  let closeBreachedNow = 0;
  for (const item of items) {
    const clocks = slaClocks(
      config,
      {
        priority: item.priority,
        createdAt: item.created_at,
        firstResponseAt: item.first_response_at,
        closedAt: item.closed_at,
      },
      now,
    );
    if (item.status !== 'closed' && clocks.close.breached) closeBreachedNow += 1;
    if (!clocks.firstResponse.breached) continue;
    if (clocks.firstResponse.stoppedAt === null) breachedNow += 1;
    const due = clocks.firstResponse.due.getTime();
    if (due < since.getTime()) continue;
    const slot = hours.findIndex((h) => due < h.hour.getTime());
    if (slot >= 0) hours[slot]!.breaches += 1;
  }
  return {
    waiting,
    held: held.map((h) => ({
      email: h.email,
      items: h.items,
      oldestClaimMinutes: Math.round((now.getTime() - h.oldest.getTime()) / 60_000),
    })),
    breachedNow,
    closeBreachedNow,
    breachesByHour: hours,
  };
}
