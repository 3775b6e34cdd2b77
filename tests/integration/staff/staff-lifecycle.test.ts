/**
 * Staff accounts through the API an administrator uses: create, deactivate and reactivate, sign out
 * everywhere, change role, reset the authenticator; each with its effect and its audit row, and
 * never leaving the console without an active administrator.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPartner, setPartnerActive } from '../../../functions/referrals/partners.ts';
import { readSession } from '../../../functions/staff/sessions.ts';
import { signInWithPassword } from '../../../functions/staff/sign-in.ts';
import { changeStaffRole } from '../../../functions/staff/staff-lifecycle.ts';
import { engines, type TestDatabase } from '../../helpers/databases.ts';
import { createTestDeps, type TestDeps } from '../../helpers/deps.ts';
import { type Caller, ORIGIN, signedIn } from '../../helpers/referrals.ts';
import { enrol, nextStep, PASSWORD, signInFully } from '../../helpers/staff.ts';

describe.each(engines)('staff lifecycle on $name', (engine) => {
  let t: TestDatabase;
  let deps: TestDeps;
  let admin: Caller;
  beforeEach(async () => {
    t = await engine.create();
    deps = createTestDeps(t.db, { PUBLIC_BASE_URL: ORIGIN });
    admin = await signedIn(t.db, deps, 'admin');
  });
  afterEach(() => t.dispose());

  /** A new account, enrolled by its owner through the set-up link the API returned. */
  async function enrolled(email: string, role = 'operator', partnerId?: string) {
    const response = await admin.call('POST', '/api/console/staff', { email, role, partnerId });
    expect(response.status).toBe(201);
    const { id, setupLink } = await response.json();
    const secret = await enrol(deps, setupLink);
    nextStep(deps);
    return { id: id as string, secret };
  }
  const audit = async (action: string) =>
    (
      await t.db.query<{ actor_id: string; subject: string; details: unknown }>(
        'select actor_id, subject, details from audit_log where action = $1 order by seq',
        [action],
      )
    ).map((r) => ({
      ...r,
      details: (typeof r.details === 'string' ? JSON.parse(r.details) : r.details) as Record<string, unknown>,
    }));
  const statusOf = async (id: string) =>
    (
      (await (await admin.call('GET', '/api/console/staff')).json()).staff as { id: string; status: string }[]
    ).find((s) => s.id === id)?.status;

  it('deactivates an account: its sessions end at once and it cannot sign in until reactivated', async () => {
    const { id, secret } = await enrolled('ana@example.org');
    const first = await signInFully(deps, 'ana@example.org', secret);
    nextStep(deps);
    const second = await signInFully(deps, 'ana@example.org', secret);
    expect(await statusOf(id)).toBe('active');

    const response = await admin.call('POST', `/api/console/staff/${id}/deactivate`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ sessionsRevoked: 2 });
    expect(await readSession(t.db, first.token, deps.now())).toBeNull();
    expect(await readSession(t.db, second.token, deps.now())).toBeNull();
    await expect(
      signInWithPassword(deps, { email: 'ana@example.org', password: PASSWORD }, '192.0.2.1'),
    ).rejects.toMatchObject({ status: 401 });
    expect(await statusOf(id)).toBe('deactivated');
    expect(await audit('staff.deactivated')).toEqual([
      { actor_id: admin.id, subject: id, details: { sessionsRevoked: 2, linksRevoked: 0 } },
    ]);

    const back = await admin.call('POST', `/api/console/staff/${id}/reactivate`);
    expect(await back.json()).toEqual({ status: 'active' });
    expect(await statusOf(id)).toBe('active');
    nextStep(deps);
    await signInFully(deps, 'ana@example.org', secret);
    expect(await audit('staff.reactivated')).toHaveLength(1);
  });

  it('revokes the set-up link of an account deactivated before it was used', async () => {
    const created = await (
      await admin.call('POST', '/api/console/staff', { email: 'new@example.org', role: 'operator' })
    ).json();
    await admin.call('POST', `/api/console/staff/${created.id}/deactivate`);
    await expect(enrol(deps, created.setupLink)).rejects.toMatchObject({ status: 404 });
    expect((await audit('staff.deactivated'))[0]?.details).toEqual({ sessionsRevoked: 0, linksRevoked: 1 });
    // Reactivated, it still needs a new link to finish set-up.
    expect(await (await admin.call('POST', `/api/console/staff/${created.id}/reactivate`)).json()).toEqual({
      status: 'pending-setup',
    });
    await expect(enrol(deps, created.setupLink)).rejects.toMatchObject({ status: 404 });
  });

  it('signs an account out everywhere', async () => {
    const { id, secret } = await enrolled('ben@example.org');
    const one = await signInFully(deps, 'ben@example.org', secret);
    nextStep(deps);
    const two = await signInFully(deps, 'ben@example.org', secret);
    const response = await admin.call('POST', `/api/console/staff/${id}/revoke-sessions`);
    expect(await response.json()).toEqual({ sessionsRevoked: 2 });
    expect(await readSession(t.db, one.token, deps.now())).toBeNull();
    expect(await readSession(t.db, two.token, deps.now())).toBeNull();
    expect(await statusOf(id)).toBe('active');
    expect(await audit('staff.sessions-revoked')).toEqual([
      { actor_id: admin.id, subject: id, details: { sessionsRevoked: 2 } },
    ]);
  });

  it('changes a role, effective on the next request of a session already open', async () => {
    const operator = await signedIn(t.db, deps, 'operator');
    expect((await operator.call('GET', '/api/console/staff')).status).toBe(403);
    expect(
      (await admin.call('POST', `/api/console/staff/${operator.id}/role`, { role: 'admin' })).status,
    ).toBe(204);
    expect((await operator.call('GET', '/api/console/staff')).status).toBe(200);

    // A caseworker needs an active partner.
    const partner = await createPartner(deps, admin.id, {
      name: 'Legal Aid',
      services: ['legal'],
      regions: [],
      languages: [],
      intakeContact: 'intake@legal.example',
    });
    const noPartner = await admin.call('POST', `/api/console/staff/${operator.id}/role`, {
      role: 'partner-caseworker',
    });
    expect(noPartner.status).toBe(422);
    await setPartnerActive(deps, admin.id, partner.id, false);
    const inactive = await admin.call('POST', `/api/console/staff/${operator.id}/role`, {
      role: 'partner-caseworker',
      partnerId: partner.id,
    });
    expect(inactive.status).toBe(422);
    await setPartnerActive(deps, admin.id, partner.id, true);
    const caseworker = await admin.call('POST', `/api/console/staff/${operator.id}/role`, {
      role: 'partner-caseworker',
      partnerId: partner.id,
    });
    expect(caseworker.status).toBe(204);
    expect((await operator.call('GET', '/api/console/staff')).status).toBe(403);
    expect((await operator.call('GET', '/api/intake/referrals')).status).toBe(200);
    expect((await audit('staff.role-changed')).map((r) => r.details)).toEqual([
      { from: 'operator', to: 'admin', partnerId: null },
      { from: 'admin', to: 'partner-caseworker', partnerId: partner.id },
    ]);
  });

  it('never demotes or deactivates the last active administrator, themself included', async () => {
    for (const [path, body] of [
      [`/api/console/staff/${admin.id}/role`, { role: 'supervisor' }],
      [`/api/console/staff/${admin.id}/deactivate`, undefined],
    ] as const) {
      const refused = await admin.call('POST', path, body);
      expect(refused.status).toBe(409);
      expect((await refused.json()).code).toBe('last-admin');
    }
    // An administrator who has not finished set-up does not count.
    const pending = await (
      await admin.call('POST', '/api/console/staff', { email: 'second@example.org', role: 'admin' })
    ).json();
    expect((await admin.call('POST', `/api/console/staff/${admin.id}/deactivate`)).status).toBe(409);
    await enrol(deps, pending.setupLink);
    expect(
      (await admin.call('POST', `/api/console/staff/${admin.id}/role`, { role: 'supervisor' })).status,
    ).toBe(204);
    expect(await audit('staff.role-changed')).toHaveLength(1);
    expect(await audit('staff.deactivated')).toHaveLength(0);
  });

  it('keeps one administrator when administrators demote each other at the same moment', async () => {
    const admins = [
      admin,
      ...(await Promise.all(Array.from({ length: 7 }, () => signedIn(t.db, deps, 'admin')))),
    ];
    // The commands themselves, so that all pass the access check before any changes anything: each
    // administrator demotes the next one, all at once.
    const outcomes = await Promise.allSettled(
      admins.map((a, i) =>
        changeStaffRole(deps, a.id, admins[(i + 1) % admins.length]!.id, { role: 'operator' }),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(admins.length - 1);
    expect(outcomes.find((o) => o.status === 'rejected')).toMatchObject({ reason: { code: 'last-admin' } });
    const [left] = await t.db.query<{ n: number }>(
      `select count(*)::int as n from staff_users where role = 'admin' and active`,
    );
    expect(left?.n).toBe(1);
  });

  it('resets an authenticator: sessions end, the old secret and password are gone, a new link enrols again', async () => {
    const { id, secret } = await enrolled('cleo@example.org');
    const open = await signInFully(deps, 'cleo@example.org', secret);
    const response = await admin.call('POST', `/api/console/staff/${id}/reset-authenticator`);
    expect(response.status).toBe(200);
    const { setupLink, sessionsRevoked } = await response.json();
    expect(sessionsRevoked).toBe(1);
    expect(await readSession(t.db, open.token, deps.now())).toBeNull();
    const [row] = await t.db.query<{ totp_secret: Uint8Array | null; password_hash: string | null }>(
      'select totp_secret, password_hash from staff_users where id = $1',
      [id],
    );
    expect(row).toEqual({ totp_secret: null, password_hash: null });
    expect(await statusOf(id)).toBe('pending-setup');
    await expect(
      signInWithPassword(deps, { email: 'cleo@example.org', password: PASSWORD }, '192.0.2.1'),
    ).rejects.toMatchObject({ status: 401 });

    // A second reset revokes the first link.
    const again = await (await admin.call('POST', `/api/console/staff/${id}/reset-authenticator`)).json();
    await expect(enrol(deps, setupLink)).rejects.toMatchObject({ status: 404 });
    const fresh = await enrol(deps, again.setupLink);
    nextStep(deps);
    await signInFully(deps, 'cleo@example.org', fresh);
    expect((await audit('staff.authenticator-reset')).map((r) => [r.subject, r.details])).toEqual([
      [id, { sessionsRevoked: 1 }],
      [id, { sessionsRevoked: 0 }],
    ]);
  });

  it('answers 404 for an account that does not exist, and validates bodies', async () => {
    const missing = '2f1c1d8e-8f57-4a54-9f3c-0b1e6f0a6a11';
    for (const action of ['deactivate', 'reactivate', 'revoke-sessions', 'reset-authenticator']) {
      expect((await admin.call('POST', `/api/console/staff/${missing}/${action}`)).status).toBe(404);
    }
    expect(
      (await admin.call('POST', `/api/console/staff/${missing}/role`, { role: 'operator' })).status,
    ).toBe(404);
    expect((await admin.call('POST', `/api/console/staff/${missing}/role`, { role: 'chief' })).status).toBe(
      422,
    );
    expect(
      (await admin.call('POST', '/api/console/staff', { email: 'not an email', role: 'operator' })).status,
    ).toBe(422);
    expect(
      (
        await admin.call('POST', '/api/console/staff', {
          email: 'pc@example.org',
          role: 'partner-caseworker',
        })
      ).status,
    ).toBe(422);
    const { id } = await (
      await admin.call('POST', '/api/console/staff', { email: 'dup@example.org', role: 'operator' })
    ).json();
    expect(id).toBeTruthy();
    expect(
      (await admin.call('POST', '/api/console/staff', { email: 'DUP@example.org', role: 'operator' })).status,
    ).toBe(409);
  });
});
