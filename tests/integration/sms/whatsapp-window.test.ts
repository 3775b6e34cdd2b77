import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handleApi } from '../../../functions/routes.ts';
import { sendDue } from '../../../functions/sms/outbox.ts';
import { createTwilioSender } from '../../../functions/sms/twilio-sender.ts';
import { replyOptions } from '../../../functions/sms/whatsapp-templates.ts';
import { createSession, sessionCookie } from '../../../functions/staff/sessions.ts';
import { engines, type TestDatabase } from '../../helpers/databases.ts';
import { createTestDeps, type TestDeps } from '../../helpers/deps.ts';
import { ACCOUNT_SID, PUBLIC_URL, startTwilioStandIn, textHotline } from '../../helpers/twilio.ts';

const TOKEN = 'e'.repeat(32);
const FR = `HX${'f'.repeat(32)}`;
const EN = `HX${'e'.repeat(32)}`;
const HOUR = 3_600_000;

describe.each(engines)('WhatsApp 24-hour window on $name', (engine) => {
  let t: TestDatabase;
  let deps: TestDeps;

  beforeEach(async () => {
    t = await engine.create();
    deps = createTestDeps(t.db, {
      PUBLIC_BASE_URL: PUBLIC_URL,
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: TOKEN,
      TWILIO_FROM: 'whatsapp:+15005550006',
      WHATSAPP_TEMPLATES: JSON.stringify({ en: EN, fr: FR }),
    });
  });
  afterEach(() => t.dispose());

  async function claimedItem(from: string) {
    await textHotline(deps, 'Bonjour, mon employeur garde mon passeport depuis deux mois', from);
    const [item] = await t.db.query<{ id: string }>('select id from queue_items');
    const staffId = randomUUID();
    await t.db.query(
      `insert into staff_users (id, email, role, active) values ($1, 'op@example.org', 'operator', true)`,
      [staffId],
    );
    await t.db.query(`update queue_items set status = 'claimed', claimed_by = $2 where id = $1`, [
      item!.id,
      staffId,
    ]);
    // A session of the moment: the test moves the clock by hours.
    const post = async (path: string, body: unknown) => {
      const { token, csrfToken } = await createSession(t.db, staffId, 'full', deps.now());
      const cookie = sessionCookie(deps.config, token).split(';')[0]!;
      return handleApi(
        new Request(`${PUBLIC_URL}${path}`, {
          method: 'POST',
          headers: {
            cookie,
            'x-csrf-token': csrfToken,
            origin: PUBLIC_URL,
            'content-type': 'application/json',
          },
          body: JSON.stringify(body),
        }),
        deps,
      );
    };
    return { itemId: item!.id, post };
  }

  it('lets an operator answer freely within 24 hours, then only with an approved template', async () => {
    const start = deps.now();
    const { itemId, post } = await claimedItem('whatsapp:+33612345678');
    deps.setNow(new Date(start.getTime() + 23 * HOUR));
    expect(
      (await post(`/api/console/queue/${itemId}/reply`, { message: 'Bonjour, êtes-vous en sécurité ?' }))
        .status,
    ).toBe(202);

    deps.setNow(new Date(start.getTime() + 25 * HOUR));
    const options = await replyOptions(deps, itemId);
    expect(options).toMatchObject({ channel: 'whatsapp', open: false });
    expect(options.closesAt).toEqual(new Date(start.getTime() + 24 * HOUR));
    expect(options.templates.map((x) => x.locale)).toEqual(['fr', 'en']);

    const refused = await post(`/api/console/queue/${itemId}/reply`, { message: 'Vous êtes là ?' });
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(await refused.json()).toMatchObject({ code: 'whatsapp-window-closed' });

    const sent = await post(`/api/console/queue/${itemId}/whatsapp-template`, {
      variables: { '1': 'Amina' },
    });
    expect(sent.status).toBe(202);
    expect(await sent.json()).toEqual({ sent: { locale: 'fr', contentSid: FR } });

    const twilio = await startTwilioStandIn(TOKEN);
    try {
      const sender = createTwilioSender(
        { ...deps.config, twilio: { ...deps.config.twilio, apiBase: twilio.url } },
        TOKEN,
      );
      expect(await sendDue(deps, sender)).toEqual({ sent: 2, failed: 0 });
      expect(twilio.messages.map((m) => m.body)).toContain(`[template ${FR}] {"1":"Amina"}`);
    } finally {
      await twilio.close();
    }
  });

  it('keeps SMS conversations open, and offers them no templates', async () => {
    const { itemId, post } = await claimedItem('+33612345678');
    deps.setNow(new Date(deps.now().getTime() + 72 * HOUR));
    expect(await replyOptions(deps, itemId)).toMatchObject({ channel: 'sms', open: true, templates: [] });
    expect((await post(`/api/console/queue/${itemId}/reply`, { message: 'Bonjour ?' })).status).toBe(202);
    expect((await post(`/api/console/queue/${itemId}/whatsapp-template`, {})).status).toBe(409);
  });
});
