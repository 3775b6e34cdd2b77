/** What the console reads of a conversation's media: the list, the fetching flag, the sandboxed download; retention. */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ConsoleView } from '../../../functions/console/page-table.ts';
import { openConsoleRequest } from '../../../functions/console/pages.ts';
import type { ItemPageData } from '../../../functions/console/queue-pages.ts';
import { purge } from '../../../functions/retention/purge.ts';
import { handleApi } from '../../../functions/routes.ts';
import { runMediaFetches } from '../../../functions/sms/media/fetch-media.ts';
import {
  listThreadMedia,
  mediaStillFetching,
  serveMedia,
} from '../../../functions/sms/media/thread-media.ts';
import { createSession, sessionCookie } from '../../../functions/staff/sessions.ts';
import { engines, type TestDatabase } from '../../helpers/databases.ts';
import { createTestDeps, type TestDeps } from '../../helpers/deps.ts';
import { photo } from '../../helpers/media-files.ts';
import { ACCOUNT_SID, PUBLIC_URL, textHotline } from '../../helpers/twilio.ts';
import {
  type MediaStandIn,
  mediaParams,
  oggOpusVoiceNote,
  startMediaStandIn,
} from '../../helpers/twilio-media.ts';

const TOKEN = 'd'.repeat(32);

describe.each(engines)('Media for the console on $name', (engine) => {
  let t: TestDatabase;
  let deps: TestDeps;
  let twilio: MediaStandIn;

  beforeAll(async () => {
    twilio = await startMediaStandIn(TOKEN);
  });
  afterAll(() => twilio.close());
  beforeEach(async () => {
    t = await engine.create();
    deps = createTestDeps(t.db, {
      PUBLIC_BASE_URL: PUBLIC_URL,
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: TOKEN,
      TWILIO_FROM: '+15005550006',
      TWILIO_API_BASE: twilio.url,
    });
  });
  afterEach(async () => {
    await deps.media.close();
    await t.dispose();
  });

  async function voiceNoteAndPhoto() {
    const { params, extra } = mediaParams(twilio.url, ['audio/ogg', 'image/png']);
    twilio.media.set(params.sids[0]!, { bytes: oggOpusVoiceNote(10), type: 'audio/ogg' });
    twilio.media.set(params.sids[1]!, { bytes: await photo('png'), type: 'image/png' });
    await textHotline(deps, '', 'whatsapp:+9779812345678', { ...extra, MessageSid: params.messageSid });
    const [item] = await t.db.query<{ id: string }>('select id from queue_items');
    return item!.id;
  }

  async function staff(role: string) {
    const id = randomUUID();
    await t.db.query(`insert into staff_users (id, email, role, active) values ($1, $2, $3, true)`, [
      id,
      `${role}-${id}@example.org`,
      role,
    ]);
    return { id, role: role as 'operator' };
  }

  it('lists an item’s media and says while it is still being fetched', async () => {
    const itemId = await voiceNoteAndPhoto();
    expect(await mediaStillFetching(deps, itemId)).toBe(2);
    expect((await listThreadMedia(deps, itemId)).map((m) => [m.state, m.declaredType])).toEqual([
      ['pending', 'audio/ogg'],
      ['pending', 'image/png'],
    ]);
    await runMediaFetches(deps);
    expect(await mediaStillFetching(deps, itemId)).toBe(0);
    const listed = await listThreadMedia(deps, itemId);
    expect(listed.map((m) => [m.kind, m.state, m.type])).toEqual([
      ['audio', 'stored', 'audio/ogg'],
      ['image', 'stored', 'image/png'],
    ]);
    expect(listed.every((m) => m.size! > 0 && m.deletedFromTwilioAt !== null)).toBe(true);
    expect(await listThreadMedia(deps, 'not-an-id')).toEqual([]);
  });

  it('puts media on the item page: still fetching, then to open or play; and the WhatsApp window', async () => {
    const itemId = await voiceNoteAndPhoto();
    const operator = await staff('operator');
    const page = async () => {
      // A session of the moment: a day and a half later the earlier one has expired.
      const { token } = await createSession(t.db, operator.id, 'full', deps.now());
      const answer = await openConsoleRequest(
        new Request(`${PUBLIC_URL}/console/items/${itemId}`, {
          headers: { cookie: sessionCookie(deps.config, token).split(';')[0]!, 'accept-language': 'en' },
        }),
        deps,
        '192.0.2.1',
      );
      if (!('view' in answer)) throw new Error(`expected the page, got ${answer.response.status}`);
      return (answer.view as ConsoleView<ItemPageData>).data;
    };
    let data = await page();
    expect(data.mediaFetching).toBe(2);
    expect(data.media.map((m) => [m.kind, m.state, m.href])).toEqual([
      ['audio', 'pending', null],
      ['image', 'pending', null],
    ]);
    // The texter wrote just now: free replies are open, no template is needed.
    expect(data.whatsapp).toMatchObject({ open: true, templates: [] });

    await runMediaFetches(deps);
    data = await page();
    expect(data.mediaFetching).toBe(0);
    expect(data.media.map((m) => [m.kind, m.state, m.href])).toEqual([
      ['audio', 'stored', `/api/media/${data.media[0]!.id}`],
      ['image', 'stored', `/api/media/${data.media[1]!.id}`],
    ]);
    // Listing is not viewing: nothing is audited until a file is opened.
    expect(await t.db.query(`select 1 from audit_log where action like '%media%'`)).toHaveLength(0);

    // A day and a half later the window has closed.
    const later = new Date(deps.now().getTime() + 36 * 3600_000);
    deps.now = () => later;
    data = await page();
    expect(data.whatsapp).toMatchObject({ open: false });
  });

  it('serves a stored item as a sandboxed, uncached download and audits each view', async () => {
    const itemId = await voiceNoteAndPhoto();
    const pendingId = (await listThreadMedia(deps, itemId))[0]!.id;
    const operator = await staff('operator');
    await expect(serveMedia(new Request(PUBLIC_URL), deps, operator, pendingId)).rejects.toMatchObject({
      status: 409,
    });
    await runMediaFetches(deps);
    const response = await serveMedia(new Request(PUBLIC_URL), deps, operator, pendingId);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('audio/ogg');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="media-.*\.ogg"$/);
    expect(
      Buffer.from(await response.arrayBuffer())
        .subarray(0, 4)
        .toString('latin1'),
    ).toBe('OggS');
    await serveMedia(new Request(PUBLIC_URL), deps, operator, pendingId);
    const audits = await t.db.query<{ actor_id: string; subject: string }>(
      `select actor_id, subject from audit_log where action = 'media.view'`,
    );
    expect(audits).toEqual([
      { actor_id: operator.id, subject: pendingId },
      { actor_id: operator.id, subject: pendingId },
    ]);
    const caseworker = { id: randomUUID(), role: 'partner-caseworker' as const };
    await expect(serveMedia(new Request(PUBLIC_URL), deps, caseworker, pendingId)).rejects.toMatchObject({
      status: 403,
    });
  });

  it('answers GET /api/media/:id for a signed-in operator', async () => {
    const itemId = await voiceNoteAndPhoto();
    await runMediaFetches(deps);
    const photoId = (await listThreadMedia(deps, itemId))[1]!.id;
    const operator = await staff('operator');
    const { token } = await createSession(t.db, operator.id, 'full', deps.now());
    const cookie = sessionCookie(deps.config, token).split(';')[0]!;
    const response = await handleApi(
      new Request(`${PUBLIC_URL}/api/media/${photoId}`, { headers: { cookie } }),
      deps,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    const anonymous = await handleApi(new Request(`${PUBLIC_URL}/api/media/${photoId}`), deps);
    expect(anonymous.status).toBe(401);
  });

  it('deletes media with its item when retention purges it', async () => {
    const itemId = await voiceNoteAndPhoto();
    await runMediaFetches(deps);
    const [item] = await t.db.query<{ source_id: string }>(
      'select source_id from queue_items where id = $1',
      [itemId],
    );
    await t.db.query(`update queue_items set status = 'closed', closed_at = $2 where id = $1`, [
      itemId,
      new Date(deps.now().getTime() - 200 * 86_400_000),
    ]);
    const report = await purge(deps, { dryRun: false });
    expect(report.conversations).toBe(1);
    expect((await t.db.query('select 1 from sms_media')).length).toBe(0);
    expect(
      (await t.db.query('select 1 from record_keys where context = $1', [`conversation:${item!.source_id}`]))
        .length,
    ).toBe(0);
  });
});
