import twilio from 'twilio';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handleApi } from '../../../functions/routes.ts';
import { backoffMs, enqueueSms, MAX_ATTEMPTS, sendDue } from '../../../functions/sms/outbox.ts';
import { createTwilioSender } from '../../../functions/sms/twilio-sender.ts';
import { engines, type TestDatabase } from '../../helpers/databases.ts';
import { createTestDeps, type TestDeps } from '../../helpers/deps.ts';
import { ACCOUNT_SID, startTwilioStandIn, type TwilioStandIn } from '../../helpers/twilio.ts';

const TOKEN = 'b'.repeat(32);

describe.each(engines)('SMS outbox on $name', (engine) => {
  let t: TestDatabase;
  let deps: TestDeps;
  let twilioApi: TwilioStandIn;
  const status = async () =>
    (
      await t.db.query<{
        status: string;
        attempts: number;
        provider_sid: string | null;
        next_attempt_at: Date;
      }>('select status, attempts, provider_sid, next_attempt_at from outbox')
    )[0]!;

  beforeEach(async () => {
    t = await engine.create();
    twilioApi = await startTwilioStandIn(TOKEN);
    deps = createTestDeps(t.db, {
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: TOKEN,
      TWILIO_FROM: '+15005550006',
      TWILIO_API_BASE: twilioApi.url,
      PUBLIC_BASE_URL: 'https://hotline.example.org',
    });
  });
  afterEach(async () => {
    await twilioApi.close();
    await t.dispose();
  });

  it('sends through Twilio’s SDK and records the message sid', async () => {
    await enqueueSms(
      t.db,
      deps,
      { kind: 'reply', to: '+9779812345678', body: 'We are here. Are you safe?' },
      deps.now(),
    );
    const sender = createTwilioSender(deps.config, TOKEN);
    expect(await sendDue(deps, sender)).toEqual({ sent: 1, failed: 0 });
    expect(twilioApi.messages).toEqual([
      expect.objectContaining({
        to: '+9779812345678',
        from: '+15005550006',
        body: 'We are here. Are you safe?',
        statusCallback: 'https://hotline.example.org/api/sms/status',
      }),
    ]);
    expect(await status()).toMatchObject({
      status: 'sent',
      attempts: 1,
      provider_sid: twilioApi.messages[0]!.sid,
    });
    // Nothing is sent twice.
    expect(await sendDue(deps, sender)).toEqual({ sent: 0, failed: 0 });

    // Twilio's signed delivery report is recorded; a forged one is refused.
    const params = {
      MessageSid: twilioApi.messages[0]!.sid,
      MessageStatus: 'delivered',
      AccountSid: ACCOUNT_SID,
    };
    const url = 'https://hotline.example.org/api/sms/status';
    const post = (signature: string) =>
      handleApi(
        new Request(url, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
          body: new URLSearchParams(params).toString(),
        }),
        deps,
      );
    expect((await post('Zm9yZ2Vk')).status).toBe(403);
    expect((await post(twilio.getExpectedTwilioSignature(TOKEN, url, params))).status).toBe(204);
    const [row] = await t.db.query<{ delivery_status: string }>('select delivery_status from outbox');
    expect(row?.delivery_status).toBe('delivered');
  });

  it('retries with exponential backoff after failures, then delivers', async () => {
    twilioApi.failures.push(500, 429);
    await enqueueSms(t.db, deps, { kind: 'alert', to: '+447700900001', body: 'EMERGENCY' }, deps.now());
    const sender = createTwilioSender(deps.config, TOKEN);
    expect(await sendDue(deps, sender)).toEqual({ sent: 0, failed: 1 });
    const first = await status();
    expect(first).toMatchObject({ status: 'pending', attempts: 1 });
    expect(first.next_attempt_at.getTime() - deps.now().getTime()).toBe(backoffMs(1));
    // Not due yet: nothing happens.
    expect(await sendDue(deps, sender)).toEqual({ sent: 0, failed: 0 });
    deps.setNow(new Date(deps.now().getTime() + backoffMs(1)));
    expect(await sendDue(deps, sender)).toEqual({ sent: 0, failed: 1 });
    expect((await status()).attempts).toBe(2);
    deps.setNow(new Date(deps.now().getTime() + backoffMs(2)));
    expect(await sendDue(deps, sender)).toEqual({ sent: 1, failed: 0 });
    expect(twilioApi.messages).toHaveLength(1);
  });

  it('gives up after the last attempt and says so', async () => {
    twilioApi.failures.push(...Array(MAX_ATTEMPTS).fill(500));
    await enqueueSms(t.db, deps, { kind: 'reply', to: '+447700900001', body: 'hello' }, deps.now());
    const sender = createTwilioSender(deps.config, TOKEN);
    for (let i = 1; i <= MAX_ATTEMPTS; i++) {
      await sendDue(deps, sender);
      deps.setNow(new Date(deps.now().getTime() + backoffMs(i)));
    }
    expect(await status()).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
  });

  it('lets only one of several senders claim a message', async () => {
    for (let i = 0; i < 30; i++) {
      await enqueueSms(
        t.db,
        deps,
        { kind: 'reply', to: `+4477009${String(i).padStart(5, '0')}`, body: `m${i}` },
        deps.now(),
      );
    }
    const sender = createTwilioSender(deps.config, TOKEN);
    const peers =
      engine.name === 'postgres'
        ? [deps, { ...deps, db: t.openPeer() }, { ...deps, db: t.openPeer() }]
        : [deps, deps];
    const results = await Promise.all(peers.map((d) => sendDue(d, sender, 30)));
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(30);
    expect(new Set(twilioApi.messages.map((m) => m.body)).size).toBe(30);
    expect(twilioApi.messages).toHaveLength(30);
  });
});
