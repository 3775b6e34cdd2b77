/**
 * The SMS simulator signs texts with the hotline's own secret, so it must never work against a
 * real Twilio account, never show or join a real texter's conversation, be used by administrators
 * only, and leave a trace of every use in the audit log (without numbers or text).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConsoleRequest } from '../../../functions/console/pages.ts';
import { HttpError } from '../../../functions/http/http-error.ts';
import { handleApi } from '../../../functions/routes.ts';
import { phoneThread, requireSimulatorMode, textAsPhone } from '../../../functions/sms/simulator/simulate.ts';
import { createSession, sessionCookie } from '../../../functions/staff/sessions.ts';
import { engines, type TestDatabase } from '../../helpers/databases.ts';
import { createTestDeps, type TestDeps } from '../../helpers/deps.ts';
import { PUBLIC_URL, textHotline } from '../../helpers/twilio.ts';

const LIVE_TWILIO = {
  TWILIO_ACCOUNT_SID: `AC${'b2'.repeat(16)}`,
  TWILIO_AUTH_TOKEN: 'c3'.repeat(16),
  TWILIO_FROM: '+15005550006',
};

async function staff(t: TestDatabase, deps: TestDeps, role: string) {
  const id = randomUUID();
  await t.db.query(`insert into staff_users (id, email, role, active) values ($1, $2, $3, true)`, [
    id,
    `${role}-${id}@example.org`,
    role,
  ]);
  const { token } = await createSession(t.db, id, 'full', deps.now());
  return { id, cookie: sessionCookie(deps.config, token).split(';')[0]! };
}

async function auditActions(t: TestDatabase) {
  return t.db.query<{ actor_id: string | null; action: string; subject: string | null; details: unknown }>(
    `select actor_id, action, subject, details from audit_log where action like 'simulator.%' order by seq`,
  );
}

async function refusal(promise: Promise<unknown>): Promise<HttpError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HttpError);
  return error as HttpError;
}

describe.each(engines)('SMS simulator on $name', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await engine.create();
  });
  afterAll(() => t.dispose());

  it('is for administrators: an operator gets 403 from the page', async () => {
    const deps = createTestDeps(t.db, { PUBLIC_BASE_URL: PUBLIC_URL });
    const operator = await staff(t, deps, 'operator');
    const admin = await staff(t, deps, 'admin');
    const open = (cookie: string) =>
      openConsoleRequest(
        new Request(`${PUBLIC_URL}/console/simulator`, { headers: { cookie } }),
        deps,
        '192.0.2.1',
      );
    const refused = await open(operator.cookie);
    expect('response' in refused && refused.response.status).toBe(403);
    expect('view' in (await open(admin.cookie))).toBe(true);
  });

  it('refuses to work with a real Twilio account, and its Messages API is not mounted', async () => {
    const deps = createTestDeps(t.db, { PUBLIC_BASE_URL: PUBLIC_URL, ...LIVE_TWILIO });
    const admin = await staff(t, deps, 'admin');
    const [{ n: before } = { n: 0 }] = await t.db.query<{ n: number }>(
      'select count(*)::int as n from sms_messages',
    );

    expect((await refusal(requireSimulatorMode(deps, admin.id))).code).toBe('simulator-off');
    const forged = textAsPhone(deps, handleApi, admin.id, { from: '+447700900123', body: 'STOP' });
    expect((await refusal(forged)).status).toBe(403);
    expect((await refusal(phoneThread(deps, admin.id, '+447700900123'))).code).toBe('simulator-off');
    const [{ n: after } = { n: 0 }] = await t.db.query<{ n: number }>(
      'select count(*)::int as n from sms_messages',
    );
    expect(after).toBe(before);

    const standIn = await handleApi(
      new Request(
        `${PUBLIC_URL}/api/simulator/twilio/2010-04-01/Accounts/${LIVE_TWILIO.TWILIO_ACCOUNT_SID}/Messages.json`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'To=%2B447700900123&Body=hi',
        },
      ),
      deps,
    );
    expect(standIn.status).toBe(404);
    expect((await standIn.json()).code).toBe('not-found');

    const audited = (await auditActions(t)).filter((a) => a.actor_id === admin.id);
    expect(audited.map((a) => a.action)).toEqual([
      'simulator.refused-live-account',
      'simulator.refused-live-account',
      'simulator.refused-live-account',
    ]);
  });

  it('texts the hotline and shows its own phone, and audits each use without numbers or text', async () => {
    const deps = createTestDeps(t.db, { PUBLIC_BASE_URL: PUBLIC_URL });
    const admin = await staff(t, deps, 'admin');
    const phone = '+9779800000017';
    const text = 'please help they took our passports';
    const sent = await textAsPhone(deps, handleApi, admin.id, { from: phone, body: text, country: 'NP' });
    expect(sent.status).toBe(200);
    const thread = await phoneThread(deps, admin.id, phone);
    expect(thread.map((m) => m.direction)).toEqual(['in', 'out']);
    expect(thread[0]!.text).toBe(text);

    const audited = (await auditActions(t)).filter((a) => a.actor_id === admin.id);
    expect(audited.map((a) => a.action)).toEqual(['simulator.text', 'simulator.view']);
    const written = JSON.stringify(audited);
    expect(written).not.toContain('9800000017');
    expect(written).not.toContain('passports');
  });

  it("never shows or joins a conversation it did not start, such as a real texter's", async () => {
    const deps = createTestDeps(t.db, { PUBLIC_BASE_URL: PUBLIC_URL });
    const admin = await staff(t, deps, 'admin');
    // A texter from the time the hotline ran on a real account: a Twilio message id, not the simulator's.
    const real = '+9779812340000';
    await textHotline(deps, 'they locked us in the factory', real);
    const count = async () =>
      (
        await t.db.query<{ n: number }>(
          `select count(*)::int as n from sms_messages m join conversations c on c.id = m.conversation_id`,
        )
      )[0]!.n;
    const before = await count();

    expect(await phoneThread(deps, admin.id, real)).toEqual([]);
    const joined = textAsPhone(deps, handleApi, admin.id, { from: real, body: 'STOP' });
    const error = await refusal(joined);
    expect(error.status).toBe(409);
    expect(error.code).toBe('not-a-simulated-phone');
    expect(await count()).toBe(before);
    const [opted] = await t.db.query<{ opted_out: boolean }>(
      'select opted_out from conversations order by created_at desc limit 1',
    );
    expect(opted?.opted_out).toBe(false);
    const actions = (await auditActions(t)).filter((a) => a.actor_id === admin.id).map((a) => a.action);
    expect(actions).toEqual(['simulator.view', 'simulator.refused-real-conversation']);
  });
});
