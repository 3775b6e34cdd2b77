import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from '../../../functions/staff/audit.ts';
import { authorize } from '../../../functions/staff/authorize.ts';
import { firstAdminLink } from '../../../functions/staff/first-admin.ts';
import { createSession, IDLE_MS, readSession, sessionCookie } from '../../../functions/staff/sessions.ts';
import { completeSecondFactor, finishSetup, signInWithPassword } from '../../../functions/staff/sign-in.ts';
import { base32Encode, newTotpSecret, totpCode } from '../../../functions/staff/totp.ts';
import { engines, type TestDatabase } from '../../helpers/databases.ts';
import { createTestDeps, type TestDeps } from '../../helpers/deps.ts';

const PASSWORD = 'a long enough password';

describe.each(engines)('staff accounts on $name', (engine) => {
  let t: TestDatabase;
  let deps: TestDeps;
  beforeEach(async () => {
    t = await engine.create();
    deps = createTestDeps(t.db, { PUBLIC_BASE_URL: 'https://hotline.example.org' });
  });
  afterEach(() => t.dispose());

  async function setUpAdmin() {
    const link = (await firstAdminLink(deps))!;
    const token = link.split('/').pop()!;
    const secret = newTotpSecret();
    await finishSetup(deps, {
      token,
      password: PASSWORD,
      secret: base32Encode(secret),
      code: totpCode(secret, deps.now()),
    });
    return { token, secret };
  }

  it('sets up the first admin once, then signs in with password and a fresh code', async () => {
    const { token, secret } = await setUpAdmin();
    await expect(
      finishSetup(deps, { token, password: PASSWORD, secret: base32Encode(secret), code: '000000' }),
    ).rejects.toThrow(/expired or was already used/);
    expect(await firstAdminLink(deps)).toBeNull();

    const half = await signInWithPassword(deps, { email: 'ADMIN', password: PASSWORD }, '192.0.2.1');
    const halfSession = (await readSession(t.db, half.token, deps.now()))!;
    expect(halfSession.stage).toBe('password');
    // The code used at set-up cannot be used again.
    await expect(
      completeSecondFactor(deps, halfSession, totpCode(secret, deps.now()), '192.0.2.1'),
    ).rejects.toThrow(/did not work/);
    deps.setNow(new Date(deps.now().getTime() + 30_000));
    const full = await completeSecondFactor(
      deps,
      (await readSession(t.db, half.token, deps.now()))!,
      totpCode(secret, deps.now()),
      '192.0.2.1',
    );
    expect((await readSession(t.db, full.token, deps.now()))?.stage).toBe('full');
    expect(await readSession(t.db, half.token, deps.now())).toBeNull();
  });

  it('refuses wrong passwords without saying which part was wrong', async () => {
    await setUpAdmin();
    await expect(
      signInWithPassword(deps, { email: 'admin', password: 'nope nope nope' }, '192.0.2.1'),
    ).rejects.toMatchObject({ status: 401 });
    await expect(
      signInWithPassword(deps, { email: 'nobody', password: PASSWORD }, '192.0.2.1'),
    ).rejects.toMatchObject({ status: 401 });
  });

  it('ends idle sessions and refuses requests without the CSRF token', async () => {
    const { secret } = await setUpAdmin();
    void secret;
    const [admin] = await t.db.query<{ id: string }>('select id from staff_users');
    const { token, csrfToken } = await createSession(t.db, admin!.id, 'full', deps.now());
    const cookie = sessionCookie(deps.config, token).split(';')[0]!;
    const get = new Request('https://hotline.example.org/api/x', { headers: { cookie } });
    expect((await authorize(get, deps, 'queue:read')).user.id).toBe(admin!.id);
    const post = (headers: Record<string, string>) =>
      new Request('https://hotline.example.org/api/x', { method: 'POST', headers: { cookie, ...headers } });
    await expect(authorize(post({}), deps, 'queue:read')).rejects.toMatchObject({
      status: 403,
      code: 'csrf',
    });
    await expect(
      authorize(post({ 'x-csrf-token': csrfToken, origin: 'https://evil.example' }), deps, 'queue:read'),
    ).rejects.toMatchObject({ code: 'csrf' });
    expect(
      (
        await authorize(
          post({ 'x-csrf-token': csrfToken, origin: 'https://hotline.example.org' }),
          deps,
          'queue:read',
        )
      ).user.id,
    ).toBe(admin!.id);
    await expect(authorize(get, deps, 'referral:intake')).rejects.toMatchObject({ status: 403 });
    deps.setNow(new Date(deps.now().getTime() + IDLE_MS + 1000));
    await expect(authorize(get, deps, 'queue:read')).rejects.toMatchObject({ status: 401 });
  });

  it('keeps a MAC-chained audit log that exposes a tampered row', async () => {
    await setUpAdmin();
    for (let i = 0; i < 5; i++) {
      await t.db.transaction((tx) =>
        appendAudit(
          tx,
          deps.keys,
          { actorId: null, action: 'test.event', subject: `s${i}`, details: { i } },
          deps.now(),
        ),
      );
    }
    const intact = await verifyAuditChain(t.db, deps.keys);
    expect(intact.problem).toBeUndefined();
    expect(intact.entries).toBeGreaterThanOrEqual(6);
    const [row] = await t.db.query<{ seq: number }>(`select seq from audit_log where subject = 's2'`);
    await t.db.query(`update audit_log set details = '{"i": 99}' where seq = $1`, [row!.seq]);
    expect((await verifyAuditChain(t.db, deps.keys)).problem).toEqual({ kind: 'hash', seq: row!.seq });
  });
});
