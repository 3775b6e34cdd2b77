/**
 * Deactivating a partner ends its caseworkers' access at once: their sessions end, and the one
 * access decision refuses a caseworker of an inactive partner even with a session still open, on
 * every intake route and page. Nothing is exported meanwhile.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handleApi, routes } from '../../../functions/routes.ts';
import { guardPage } from '../../../functions/staff/guard-page.ts';
import { createSession, sessionCookie } from '../../../functions/staff/sessions.ts';
import { engines, type TestDatabase } from '../../helpers/databases.ts';
import { createTestDeps, type TestDeps } from '../../helpers/deps.ts';
import { CONSENT, ORIGIN, PACKET, referralWorld } from '../../helpers/referrals.ts';

const intakeRoutes = routes.filter((r) => r.access !== 'public' && r.access.permission === 'referral:intake');

describe.each(engines)('partner deactivation on $name', (engine) => {
  let t: TestDatabase;
  let deps: TestDeps;
  let world: Awaited<ReturnType<typeof referralWorld>>;
  let referralId: string;
  beforeEach(async () => {
    t = await engine.create();
    deps = createTestDeps(t.db, { PUBLIC_BASE_URL: ORIGIN });
    world = await referralWorld(t.db, deps);
    const item = await world.newItem();
    const sent = await world.operator.call('POST', `/api/console/queue/${item}/referrals`, {
      partnerId: world.shelter.id,
      packet: PACKET,
      consent: CONSENT,
    });
    referralId = (await sent.json()).referral.id;
  });
  afterEach(() => t.dispose());

  const bodies: Record<string, unknown> = {
    decline: { reason: 'No beds tonight, sorry.' },
    'request-info': { message: 'Is she travelling alone?' },
  };
  const callEvery = async (call: (method: string, path: string, body?: unknown) => Promise<Response>) => {
    const statuses: Record<string, number> = {};
    for (const route of intakeRoutes) {
      const path = route.path.replace(':id', referralId);
      const response = await call(route.method, path, bodies[path.split('/').pop()!] ?? {});
      statuses[`${route.method} ${route.path}`] = response.status;
    }
    return statuses;
  };
  const exports = async () => ({
    events: await t.db.query(`select 1 from referral_events where kind = 'exported'`),
    audit: await t.db.query(`select 1 from audit_log where action = 'referral.export'`),
  });

  it('has intake routes to check', () => {
    expect(intakeRoutes.length).toBeGreaterThanOrEqual(6);
  });

  it('ends the caseworkers’ sessions at once and refuses every intake route, even to a session opened later', async () => {
    expect((await world.shelterWorker.call('GET', '/api/intake/referrals')).status).toBe(200);
    const response = await world.admin.call('POST', `/api/console/partners/${world.shelter.id}/deactivate`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ sessionsRevoked: 1 });

    const afterRevoke = await callEvery(world.shelterWorker.call);
    expect(
      Object.values(afterRevoke).every((s) => s === 401),
      JSON.stringify(afterRevoke),
    ).toBe(true);

    // A session that exists anyway (signed in again, or opened on another node a moment before).
    const { token, csrfToken } = await createSession(t.db, world.shelterWorker.id, 'full', deps.now());
    const cookie = sessionCookie(deps.config, token).split(';')[0]!;
    const live = (method: string, path: string, body?: unknown) =>
      handleApi(
        new Request(`${ORIGIN}${path}`, {
          method,
          headers: { cookie, 'x-csrf-token': csrfToken, origin: ORIGIN, 'content-type': 'application/json' },
          body: method === 'GET' ? undefined : JSON.stringify(body),
        }),
        deps,
      );
    const withLiveSession = await callEvery(live);
    expect(
      Object.values(withLiveSession).every((s) => s === 403),
      JSON.stringify(withLiveSession),
    ).toBe(true);
    const refused = await live('GET', `/api/intake/referrals/${referralId}/export`);
    expect((await refused.json()).code).toBe('partner-inactive');

    // Console pages take the same decision.
    const page = await guardPage(
      new Request(`${ORIGIN}/console/intake`, { headers: { cookie } }),
      deps,
      'referral:intake',
    );
    expect('response' in page && page.response.status).toBe(403);

    expect(await exports()).toEqual({ events: [], audit: [] });
    // The other partner's caseworker is not affected.
    expect((await world.legalWorker.call('GET', '/api/intake/referrals')).status).toBe(200);

    const audit = await t.db.query<{ actor_id: string; details: unknown }>(
      `select actor_id, details from audit_log where action = 'partner.deactivate'`,
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor_id).toBe(world.admin.id);

    // Reactivated, the partner's caseworkers may work again (after signing in).
    expect(
      (await world.admin.call('POST', `/api/console/partners/${world.shelter.id}/reactivate`)).status,
    ).toBe(204);
    expect((await live('GET', `/api/intake/referrals/${referralId}/export`)).status).toBe(200);
    expect((await exports()).events).toHaveLength(1);
  });

  it('is for administrators only, and answers 404 for a partner that does not exist', async () => {
    const path = `/api/console/partners/${world.shelter.id}/deactivate`;
    expect((await world.supervisor.call('POST', path)).status).toBe(403);
    expect((await world.shelterWorker.call('POST', path)).status).toBe(403);
    expect(
      (
        await world.admin.call(
          'POST',
          '/api/console/partners/2f1c1d8e-8f57-4a54-9f3c-0b1e6f0a6a11/deactivate',
        )
      ).status,
    ).toBe(404);
    expect((await world.shelterWorker.call('GET', '/api/intake/referrals')).status).toBe(200);
  });
});
