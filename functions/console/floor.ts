/** The supervisor's view of the floor: what waits, who holds what for how long, and SLA breaches. */
import type { Config } from '../config/load-config.ts';
import type { Queryable } from '../db/database.ts';
import { PRIORITIES, type Priority } from '../queue/priority.ts';

export interface Floor {
  waiting: Record<Priority, number>;
  held: { email: string; items: number; oldestClaimMinutes: number }[];
  breachedNow: number;
  /** SLA breaches by hour for the last 24 hours, oldest first. */
  breachesByHour: { hour: Date; breaches: number }[];
}

export async function floor(db: Queryable, config: Pick<Config, 'slaMinutes'>, now: Date): Promise<Floor> {
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
    claimed_at: Date | null;
    status: string;
  }>(
    // Items up to a week old can breach inside the last day (standard and noise SLAs are long).
    'select priority, created_at, claimed_at, status from queue_items where created_at >= $1',
    [new Date(since.getTime() - 7 * 24 * 3600_000)],
  );
  const hours = Array.from({ length: 24 }, (_, i) => ({
    hour: new Date(Math.floor(since.getTime() / 3600_000) * 3600_000 + (i + 1) * 3600_000),
    breaches: 0,
  }));
  let breachedNow = 0;
  for (const item of items) {
    const due = item.created_at.getTime() + config.slaMinutes[item.priority] * 60_000;
    const answered = item.claimed_at?.getTime() ?? (item.status === 'waiting' ? now.getTime() : due);
    if (answered <= due) continue;
    if (item.status === 'waiting') breachedNow += 1;
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
    breachesByHour: hours,
  };
}
