/**
 * The console's forms and the API call the same item commands with the same schemas: a form goes
 * through the page gate (permission, CSRF, action), a JSON body through the router, and both are
 * refused or accepted alike.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openConsoleRequest } from '../../../functions/console/pages.ts';
import { handleApi } from '../../../functions/routes.ts';
import type { Role } from '../../../functions/staff/roles.ts';
import { createSession, sessionCookie } from '../../../functions/staff/sessions.ts';
import { engines, type TestDatabase } from '../../helpers/databases.ts';
import { createTestDeps, type TestDeps } from '../../helpers/deps.ts';

const ORIGIN = 'https://hotline.example.org';

describe.each(engines)('console form actions on $name', (engine) => {
  let t: TestDatabase;
  let deps: TestDeps;
  beforeEach(async () => {
    t = await engine.create();
    deps = createTestDeps(t.db, { PUBLIC_BASE_URL: ORIGIN });
  });
  afterEach(() => t.dispose());

  async function staff(role: Role) {
    const id = randomUUID();
    await t.db.query('insert into staff_users (id, email, role, active) values ($1, $2, $3, true)', [
      id,
      `${role}-${id}@example.org`,
      role,
    ]);
    const { token, csrfToken } = await createSession(t.db, id, 'full', deps.now());
    return { id, cookie: sessionCookie(deps.config, token).split(';')[0]!, csrf: csrfToken };
  }
  type Staff = Awaited<ReturnType<typeof staff>>;

  /** Posts a console form to an item page; the status the browser would see. */
  async function post(who: Staff, itemId: string, fields: Record<string, string>) {
    const answer = await openConsoleRequest(
      new Request(`${ORIGIN}/console/items/${itemId}`, {
        method: 'POST',
        headers: {
          cookie: who.cookie,
          origin: ORIGIN,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ csrf: who.csrf, ...fields }),
      }),
      deps,
      '192.0.2.1',
    );
    return 'response' in answer ? answer.response.status : answer.view.status;
  }

  async function api(who: Staff, itemId: string, command: string, body: Record<string, string>) {
    const response = await handleApi(
      new Request(`${ORIGIN}/api/console/queue/${itemId}/${command}`, {
        method: 'POST',
        headers: {
          cookie: who.cookie,
          origin: ORIGIN,
          'x-csrf-token': who.csrf,
          'content-type': 'application/json',
        },
        body: JSON.stringify(body),
      }),
      deps,
    );
    return response.status;
  }

  async function waitingItem() {
    const itemId = randomUUID();
    await t.db.query(
      `insert into queue_items (id, source, source_id, priority, priority_rank, created_at, updated_at) values ($1, 'sms', $2, 'urgent', 1, $3, $3)`,
      [itemId, randomUUID(), deps.now()],
    );
    return itemId;
  }

  it('lets a supervisor, and only a supervisor, give an operator’s item to a colleague', async () => {
    const [operator, colleague, supervisor] = [
      await staff('operator'),
      await staff('operator'),
      await staff('supervisor'),
    ];
    const itemId = await waitingItem();
    expect(await post(operator, itemId, { action: 'claim' })).toBe(303);
    expect(await post(operator, itemId, { action: 'reassign', staffId: colleague.id })).toBe(403);
    expect(await post(supervisor, itemId, { action: 'reassign', staffId: colleague.id })).toBe(303);
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

  it('refuses and accepts the same input through the form and the API', async () => {
    const operator = await staff('operator');
    const supervisor = await staff('supervisor');
    const itemId = await waitingItem();
    await post(operator, itemId, { action: 'claim' });
    // An escalation needs a reason on both doors.
    expect(await post(operator, itemId, { action: 'escalate' })).toBe(422);
    expect(await api(operator, itemId, 'escalate', {})).toBe(422);
    expect(await post(operator, itemId, { action: 'escalate', reason: 'needs a supervisor' })).toBe(303);
    expect(await api(operator, itemId, 'escalate', { reason: 'needs a supervisor' })).toBe(204);
    // Reassigning names the colleague `staffId` on both; the old form field is not read.
    expect(await post(supervisor, itemId, { action: 'reassign', to: operator.id })).toBe(422);
    expect(await api(supervisor, itemId, 'reassign', { to: operator.id })).toBe(422);
    // Too long is refused on both, never cut short on one.
    const long = 'x'.repeat(501);
    expect(await post(operator, itemId, { action: 'priority', priority: 'emergency', reason: long })).toBe(
      422,
    );
    expect(await api(operator, itemId, 'priority', { priority: 'emergency', reason: long })).toBe(422);
    const [row] = await t.db.query<{ priority: string }>('select priority from queue_items where id = $1', [
      itemId,
    ]);
    expect(row?.priority).toBe('urgent');
  });

  it('answers an unknown action with 400 and a form without its CSRF token with 403', async () => {
    const operator = await staff('operator');
    const itemId = await waitingItem();
    expect(await post(operator, itemId, { action: 'launch' })).toBe(400);
    expect(await post({ ...operator, csrf: 'wrong' }, itemId, { action: 'claim' })).toBe(403);
  });

  it('stops the first SLA clock at a recorded call, and only for the holder', async () => {
    const operator = await staff('operator');
    const other = await staff('operator');
    const itemId = await waitingItem();
    await post(operator, itemId, { action: 'claim' });
    expect(await post(other, itemId, { action: 'call' })).toBe(409);
    const [before] = await t.db.query<{ first_response_at: Date | null }>(
      'select first_response_at from queue_items where id = $1',
      [itemId],
    );
    expect(before?.first_response_at).toBeNull();
    expect(await api(operator, itemId, 'call', {})).toBe(204);
    const [after] = await t.db.query<{ first_response_at: Date | null }>(
      'select first_response_at from queue_items where id = $1',
      [itemId],
    );
    expect(after?.first_response_at).toEqual(deps.now());
  });
});
