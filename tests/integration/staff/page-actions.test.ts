import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { performAction } from '../../../functions/console/page-actions.ts';
import type { Role } from '../../../functions/staff/roles.ts';
import { createSession, readSession } from '../../../functions/staff/sessions.ts';
import { engines, type TestDatabase } from '../../helpers/databases.ts';
import { createTestDeps, type TestDeps } from '../../helpers/deps.ts';

describe.each(engines)('console form actions on $name', (engine) => {
  let t: TestDatabase;
  let deps: TestDeps;
  beforeEach(async () => {
    t = await engine.create();
    deps = createTestDeps(t.db);
  });
  afterEach(() => t.dispose());

  async function staff(role: Role) {
    const id = randomUUID();
    await t.db.query('insert into staff_users (id, email, role, active) values ($1, $2, $3, true)', [
      id,
      `${role}-${id}@example.org`,
      role,
    ]);
    const { token } = await createSession(t.db, id, 'full', deps.now());
    return { id, session: (await readSession(t.db, token, deps.now()))! };
  }
  const form = (fields: Record<string, string>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(fields)) f.set(k, v);
    return f;
  };

  it('lets a supervisor, and only a supervisor, give an operator’s item to a colleague', async () => {
    const [operator, colleague, supervisor] = [
      await staff('operator'),
      await staff('operator'),
      await staff('supervisor'),
    ];
    const itemId = randomUUID();
    await t.db.query(
      `insert into queue_items (id, source, source_id, priority, priority_rank, created_at, updated_at) values ($1, 'sms', $2, 'urgent', 1, $3, $3)`,
      [itemId, randomUUID(), deps.now()],
    );
    await performAction(deps, operator.session, form({ action: 'claim' }), itemId);
    await expect(
      performAction(deps, operator.session, form({ action: 'reassign', to: colleague.id }), itemId),
    ).rejects.toMatchObject({ status: 403 });
    await performAction(deps, supervisor.session, form({ action: 'reassign', to: colleague.id }), itemId);
    const [row] = await t.db.query<{ claimed_by: string }>(
      'select claimed_by from queue_items where id = $1',
      [itemId],
    );
    expect(row?.claimed_by).toBe(colleague.id);
    const [event] = await t.db.query<{ kind: string }>(
      `select kind from queue_events where item_id = $1 order by id desc limit 1`,
      [itemId],
    );
    expect(event?.kind).toBe('reassigned');
  });
});
