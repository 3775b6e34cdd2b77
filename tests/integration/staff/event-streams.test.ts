/**
 * Live updates last only as long as the session that opened them: the stream ends after sign-out,
 * idle expiry (its own polls do not count as activity), deactivation or a role without the
 * permission; and one session may hold only a few streams.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STREAMS_PER_SESSION } from '../../../functions/console/events.ts';
import { createPartner } from '../../../functions/referrals/partners.ts';
import { handleApi } from '../../../functions/routes.ts';
import type { Role } from '../../../functions/staff/roles.ts';
import {
  createSession,
  endSession,
  IDLE_MS,
  readSession,
  sessionCookie,
} from '../../../functions/staff/sessions.ts';
import {
  changeStaffRole,
  deactivateStaff,
  revokeStaffSessions,
} from '../../../functions/staff/staff-lifecycle.ts';
import { engines, type TestDatabase } from '../../helpers/databases.ts';
import { createTestDeps, type TestDeps } from '../../helpers/deps.ts';
import { ORIGIN } from '../../helpers/referrals.ts';

/** The streams here poll this often instead of every two seconds, so waiting on them is short. */
const POLL_MS = 100;
/** Long enough for several polls: a stream still open after it was not ended by any of them. */
const QUIET_MS = 6 * POLL_MS;
/** How long a stream that should end may take to; reading stops as soon as it does. */
const END_WITHIN_MS = 10_000;

describe.each(engines)('live-update streams on $name', (engine) => {
  let t: TestDatabase;
  let deps: TestDeps;
  const open: Response[] = [];
  beforeEach(async () => {
    t = await engine.create();
    deps = { ...createTestDeps(t.db, { PUBLIC_BASE_URL: ORIGIN }), liveUpdatePollMs: POLL_MS };
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((r) => r.body?.cancel().catch(() => {})));
    await t.dispose();
  });

  async function staff(role: Role) {
    const id = randomUUID();
    await t.db.query('insert into staff_users (id, email, role, active) values ($1, $2, $3, true)', [
      id,
      `${role}-${id.slice(0, 8)}@example.org`,
      role,
    ]);
    const { token } = await createSession(t.db, id, 'full', deps.now());
    return { id, token, cookie: sessionCookie(deps.config, token).split(';')[0]! };
  }

  async function stream(cookie: string, query = ''): Promise<Response> {
    const response = await handleApi(
      new Request(`${ORIGIN}/api/console/events${query}`, { headers: { cookie } }),
      deps,
    );
    if (response.body) open.push(response);
    return response;
  }

  /**
   * Reads what the stream sends until it ends, or until `ms` pass, or until what it sent satisfies
   * `enough`; says whether it ended.
   */
  async function readFor(
    response: Response,
    ms: number,
    enough: (text: string) => boolean = () => false,
  ): Promise<{ text: string; ended: boolean }> {
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const deadline = Date.now() + ms;
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) break;
      const next = await Promise.race([
        reader.read(),
        new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), left)),
      ]);
      if (next === 'timeout') break;
      if (next.done) {
        reader.releaseLock();
        return { text, ended: true };
      }
      text += decoder.decode(next.value);
      if (enough(text)) break;
    }
    reader.releaseLock();
    return { text, ended: false };
  }

  it('counts waiting emergencies and times an open item’s changes, and carries nothing an item says', async () => {
    const operator = await staff('operator');
    const itemId = randomUUID();
    const changed = new Date('2026-11-22T08:59:00Z');
    await t.db.query(
      `insert into queue_items (id, source, source_id, priority, priority_rank, reasons, created_at, updated_at)
       values ($1, 'sms', $2, 'emergency', 0, '{locked in a factory}', $3, $3)`,
      [itemId, randomUUID(), changed],
    );
    const events = await stream(operator.cookie, `?item=${itemId}`);
    const { text } = await readFor(events, END_WITHIN_MS, (sent) => sent.includes('event: queue'));
    const data = JSON.parse(/event: queue\ndata: (.*)\n/.exec(text)![1]!);
    expect(data).toMatchObject({ open: 1, emergencies: 1, item: changed.toISOString() });
    expect(text).not.toContain('factory');
  });

  it('sends queue events while the session holds, and ends after sign-out', async () => {
    const operator = await staff('operator');
    const events = await stream(operator.cookie);
    expect(events.status).toBe(200);
    const before = await readFor(events, END_WITHIN_MS, (sent) => sent.includes('event: queue'));
    expect(before.ended).toBe(false);
    expect(before.text).toContain('event: queue');
    expect((await readFor(events, QUIET_MS)).ended).toBe(false);
    await endSession(t.db, (await readSession(t.db, operator.token, deps.now()))!.idHash);
    const after = await readFor(events, END_WITHIN_MS);
    expect(after).toEqual({ text: 'event: ended\ndata: {}\n\n', ended: true });
  });

  it('ends at the idle timeout: its own polls do not keep the session alive', async () => {
    const operator = await staff('operator');
    const start = deps.now();
    const events = await stream(operator.cookie);
    deps.setNow(new Date(start.getTime() + IDLE_MS - 60_000));
    expect((await readFor(events, QUIET_MS)).ended).toBe(false);
    deps.setNow(new Date(start.getTime() + IDLE_MS + 1_000));
    const after = await readFor(events, END_WITHIN_MS);
    expect(after.ended).toBe(true);
    expect(after.text).toContain('event: ended');
    expect(await readSession(t.db, operator.token, deps.now())).toBeNull();
  });

  it('ends when the account is deactivated, its sessions revoked, or its role loses the permission', async () => {
    const admin = await staff('admin');
    const partner = await createPartner(deps, admin.id, {
      name: 'Safe House',
      services: ['shelter'],
      regions: [],
      languages: [],
      intakeContact: 'intake@safehouse.example',
    });
    const changes = [
      ['deactivated', (id: string) => deactivateStaff(deps, admin.id, id)],
      ['signed out everywhere', (id: string) => revokeStaffSessions(deps, admin.id, id)],
      [
        'made a caseworker',
        (id: string) =>
          changeStaffRole(deps, admin.id, id, { role: 'partner-caseworker', partnerId: partner.id }),
      ],
    ] as const;
    for (const [what, change] of changes) {
      const operator = await staff('operator');
      const events = await stream(operator.cookie);
      expect((await readFor(events, QUIET_MS)).ended, what).toBe(false);
      await change(operator.id);
      expect(await readFor(events, END_WITHIN_MS), what).toEqual({
        text: 'event: ended\ndata: {}\n\n',
        ended: true,
      });
    }
  });

  it('refuses a fourth stream of one session with 429, and frees the slot when a stream ends', async () => {
    const operator = await staff('operator');
    const streams = [];
    for (let i = 0; i < STREAMS_PER_SESSION; i++) streams.push(await stream(operator.cookie));
    expect(streams.map((s) => s.status)).toEqual(Array(STREAMS_PER_SESSION).fill(200));
    const extra = await stream(operator.cookie);
    expect(extra.status).toBe(429);
    expect(extra.headers.get('content-type')).toContain('application/problem+json');
    expect((await extra.json()).code).toBe('too-many-streams');
    // Another session of the same person is counted on its own.
    const { token } = await createSession(t.db, operator.id, 'full', deps.now());
    const other = await stream(sessionCookie(deps.config, token).split(';')[0]!);
    expect(other.status).toBe(200);
    await streams[0]!.body!.cancel();
    expect((await stream(operator.cookie)).status).toBe(200);
  });
});
