import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handleApi } from '../../../functions/routes.ts';
import { LANGUAGE_MENU, SMS_TEMPLATES } from '../../../functions/sms/templates.ts';
import { engines, type TestDatabase } from '../../helpers/databases.ts';
import { createTestDeps, type TestDeps } from '../../helpers/deps.ts';
import { inboundParams, PUBLIC_URL, replyOf, signedRequest, textHotline } from '../../helpers/twilio.ts';

describe.each(engines)('SMS webhook on $name', (engine) => {
  let t: TestDatabase;
  let deps: TestDeps;
  const count = async (table: string) =>
    (await t.db.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n;

  beforeEach(async () => {
    t = await engine.create();
    deps = createTestDeps(t.db, {
      PUBLIC_BASE_URL: PUBLIC_URL,
      ONCALL_NUMBERS: '+447700900001,+447700900002',
    });
  });
  afterEach(() => t.dispose());

  it('answers a signed message with TwiML in the sender’s language', async () => {
    const { response, twiml } = await textHotline(
      deps,
      'Bonjour, je voudrais savoir comment vérifier une agence de recrutement',
      '+33612345678',
      { FromCountry: 'GB' },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/xml');
    expect(replyOf(twiml)).toBe(SMS_TEMPLATES.fr.welcome.replace('{number}', '999'));
  });

  it('refuses missing and forged signatures and stores nothing', async () => {
    const params = inboundParams('help they locked us in');
    const forged = await handleApi(
      signedRequest(deps, '/api/sms/inbound', params, 'bm90LXRoZS1yaWdodC1zaWduYXR1cmU='),
      deps,
    );
    expect(forged.status).toBe(403);
    const missing = await handleApi(signedRequest(deps, '/api/sms/inbound', params, ''), deps);
    expect(missing.status).toBe(403);
    // Signed for a different URL (a proxy rewriting the path, an attacker replaying elsewhere).
    const { getExpectedTwilioSignature } = (await import('twilio')).default;
    const elsewhere = getExpectedTwilioSignature(
      deps.keys.twilioAuthToken,
      'https://evil.example/api/sms/inbound',
      params,
    );
    expect((await handleApi(signedRequest(deps, '/api/sms/inbound', params, elsewhere), deps)).status).toBe(
      403,
    );
    expect(await count('sms_messages')).toBe(0);
    expect(await count('conversations')).toBe(0);
  });

  it('processes a Twilio retry with the same MessageSid once', async () => {
    const params = inboundParams('they took my passport and I owe the agent 3000 dollars');
    const first = await handleApi(signedRequest(deps, '/api/sms/inbound', params), deps);
    const retry = await handleApi(signedRequest(deps, '/api/sms/inbound', params), deps);
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    expect(replyOf(await retry.text())).toBeUndefined();
    expect(await count(`sms_messages where direction = 'in'`)).toBe(1);
  });

  it('asks for the language when unsure, then answers in the chosen one', async () => {
    const from = '+8801712345678';
    const first = await textHotline(deps, '???', from, { FromCountry: 'BD' });
    expect(replyOf(first.twiml)).toBe(LANGUAGE_MENU);
    const chosen = await textHotline(deps, 'BN', from, { FromCountry: 'BD' });
    expect(replyOf(chosen.twiml)).toBe(SMS_TEMPLATES.bn.welcome.replace('{number}', '999'));
  });

  it('honours STOP and START, in English and in the sender’s language', async () => {
    const from = '+40712345678';
    await textHotline(deps, 'Buna ziua, am o intrebare despre un contract de munca in Anglia', from);
    const stop = await textHotline(deps, 'STOP', from);
    expect(replyOf(stop.twiml)).toBe(SMS_TEMPLATES.ro.stop);
    const [conversation] = await t.db.query<{ opted_out: boolean }>('select opted_out from conversations');
    expect(conversation?.opted_out).toBe(true);
    const start = await textHotline(deps, 'pornește', from);
    expect(replyOf(start.twiml)).toBe(SMS_TEMPLATES.ro.start);
  });

  it('keeps a conversation at emergency until a person changes it, and alerts on-call staff once', async () => {
    const from = '+9779800000001';
    await textHotline(deps, 'please help they locked me in the room and took my phone', from);
    await textHotline(deps, 'thank you', from);
    const [conversation] = await t.db.query<{ priority: string }>('select priority from conversations');
    expect(conversation?.priority).toBe('emergency');
    const [item] = await t.db.query<{ priority: string; source: string }>(
      'select priority, source from queue_items',
    );
    expect(item).toEqual({ priority: 'emergency', source: 'sms' });
    expect(await count(`outbox where kind = 'alert'`)).toBe(2);
  });

  it('keeps phone numbers and message text out of the database and the logs', async () => {
    const from = '+9779855512345';
    await textHotline(deps, 'Marker-Ostrich-551 my boss hits me', from);
    const rows = JSON.stringify(
      await t.db.query(
        'select c.*, m.* from conversations c join sms_messages m on m.conversation_id = c.id',
      ),
      (_k, v) =>
        v && typeof v === 'object' && !Array.isArray(v) && 'length' in v
          ? Buffer.from(v).toString('latin1')
          : v,
    );
    expect(rows).not.toContain('9855512345');
    expect(rows).not.toContain('Ostrich');
    expect(deps.logLines.join('\n')).not.toMatch(/9855512345|Ostrich/);
  });
});

describe.each(engines)('receipt codes by SMS on $name', (engine) => {
  it('links a conversation to the web report whose receipt the texter sends', async () => {
    const t = await engine.create();
    try {
      const deps = createTestDeps(t.db, { PUBLIC_BASE_URL: PUBLIC_URL });
      const { submitJson } = await import('../../helpers/report-client.ts');
      const { receipt } = await (
        await submitJson(deps, { description: 'My employer keeps my passport', locale: 'en' })
      ).json();
      await textHotline(
        deps,
        `hello this is about my report ${receipt.replaceAll('-', ' ')}`,
        '+9779800000077',
      );
      const [row] = await t.db.query<{ linked: boolean }>(
        'select c.report_id = r.id as linked from conversations c, reports r',
      );
      expect(row?.linked).toBe(true);
      await textHotline(deps, 'and my code is 0000-0000-0000-0001', '+9779800000078');
      const unlinked = await t.db.query(`select 1 from conversations where report_id is null`);
      expect(unlinked).toHaveLength(1);
    } finally {
      await t.dispose();
    }
  });
});
