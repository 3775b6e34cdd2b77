import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { barChart } from '../../../functions/console/dashboard-svg.ts';
import { floor } from '../../../functions/console/floor.ts';
import { openQueue } from '../../../functions/console/queue-view.ts';
import { engines, type TestDatabase } from '../../helpers/databases.ts';
import { createTestDeps, type TestDeps } from '../../helpers/deps.ts';

describe.each(engines)('floor view on $name', (engine) => {
  let t: TestDatabase;
  let deps: TestDeps;
  beforeEach(async () => {
    t = await engine.create();
    deps = createTestDeps(t.db);
  });
  afterEach(() => t.dispose());

  it('counts waiting items by priority and SLA breaches by hour', async () => {
    const now = deps.now();
    const add = (priority: string, rank: number, minutesAgo: number) =>
      t.db.query(
        `insert into queue_items (id, source, source_id, priority, priority_rank, created_at, updated_at) values ($1, 'sms', $2, $3, $4, $5, $5)`,
        [randomUUID(), randomUUID(), priority, rank, new Date(now.getTime() - minutesAgo * 60_000)],
      );
    await add('emergency', 0, 30); // 25 minutes past its 5-minute SLA
    await add('emergency', 0, 1);
    await add('urgent', 1, 10);
    const view = await floor(t.db, deps.config, now);
    expect(view.waiting).toEqual({ emergency: 2, urgent: 1, standard: 0, noise: 0 });
    expect(view.breachedNow).toBe(1);
    expect(view.breachesByHour.reduce((n, h) => n + h.breaches, 0)).toBe(1);
    const svg = barChart('Waiting', [{ label: 'Emergency <b>', value: 2, tone: 'emergency' }]);
    expect(svg).toContain('<svg');
    expect(svg).toContain('Emergency &lt;b&gt;');
  });

  it('counts each SLA clock honestly: a claimed and answered item is not overdue', async () => {
    const now = deps.now();
    const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
    const add = async (minutesAgo: number, fields: { claimedAgo?: number; answeredAgo?: number }) => {
      const id = randomUUID();
      await t.db.query(
        `insert into queue_items (id, source, source_id, priority, priority_rank, status, claimed_at, first_response_at, created_at, updated_at)
         values ($1, 'sms', $2, 'emergency', 0, $3, $4, $5, $6, $6)`,
        [
          id,
          randomUUID(),
          fields.claimedAgo === undefined ? 'waiting' : 'claimed',
          fields.claimedAgo === undefined ? null : ago(fields.claimedAgo),
          fields.answeredAgo === undefined ? null : ago(fields.answeredAgo),
          ago(minutesAgo),
        ],
      );
      return id;
    };
    // Claimed at once and answered within its 5 minutes, still open 30 minutes later: not overdue.
    await add(30, { claimedAgo: 29, answeredAgo: 28 });
    // Claimed in time but never answered: its first response is late.
    await add(30, { claimedAgo: 29 });
    // Waiting, never claimed: late.
    await add(30, {});
    // Open for 5 hours although answered: past its 4 hours to close, not late to answer.
    await add(300, { claimedAgo: 299, answeredAgo: 298 });
    const view = await floor(t.db, deps.config, now);
    expect(view.breachedNow).toBe(2);
    expect(view.closeBreachedNow).toBe(1);

    const queue = await openQueue(t.db, deps.config, randomUUID(), now);
    const overdue = queue.filter((q) => q.breached && !q.answered);
    expect(overdue).toHaveLength(2);
    expect(queue.filter((q) => q.answered)).toHaveLength(2);
  });
});
