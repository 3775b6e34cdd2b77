import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engines, type TestDatabase } from '../../helpers/databases.ts';
import { createTestDeps, type TestDeps } from '../../helpers/deps.ts';
import { ACCOUNT_SID, PUBLIC_URL, textHotline } from '../../helpers/twilio.ts';
import { mediaParams } from '../../helpers/twilio-media.ts';

describe.each(engines)('Media in the SMS webhook on $name', (engine) => {
  let t: TestDatabase;
  let deps: TestDeps;

  beforeEach(async () => {
    t = await engine.create();
    deps = createTestDeps(t.db, { PUBLIC_BASE_URL: PUBLIC_URL });
  });
  afterEach(() => t.dispose());

  it('records each media item as pending work with its message, and fetches nothing', async () => {
    const { params, extra } = mediaParams('http://127.0.0.1:9', [
      'image/jpeg',
      'audio/ogg',
      'application/x-msdownload',
    ]);
    const { response } = await textHotline(deps, '', '+9779812345678', {
      ...extra,
      MessageSid: params.messageSid,
    });
    expect(response.status).toBe(200);
    const rows = await t.db.query<{
      state: string;
      declared_type: string;
      position: number;
      message_sid: string;
      account_sid: string;
    }>('select state, declared_type, position, message_sid, account_sid from sms_media order by position');
    expect(rows.map((r) => [r.position, r.state, r.declared_type])).toEqual([
      [0, 'pending', 'image/jpeg'],
      [1, 'pending', 'audio/ogg'],
      [2, 'pending', 'application/x-msdownload'],
    ]);
    expect(rows.every((r) => r.message_sid === params.messageSid && r.account_sid === ACCOUNT_SID)).toBe(
      true,
    );
    const [message] = await t.db.query<{ id: string }>(`select id from sms_messages where direction = 'in'`);
    expect((await t.db.query('select 1 from sms_media where message_id = $1', [message!.id])).length).toBe(3);
  });

  it('makes a media-only message at least urgent with a visible reason', async () => {
    const { params, extra } = mediaParams('http://127.0.0.1:9', ['audio/ogg']);
    await textHotline(deps, '', '+9779812345678', { ...extra, MessageSid: params.messageSid });
    const [item] = await t.db.query<{ priority: string; reasons: string[] }>(
      'select priority, reasons from queue_items',
    );
    expect(['urgent', 'emergency']).toContain(item!.priority);
    expect(item!.reasons).toContain('unheard-voice-note');
  });

  it('refuses a media URL that is not Twilio’s shape, and a missing one', async () => {
    const { params, extra } = mediaParams('http://127.0.0.1:9', ['image/jpeg']);
    const bad = await textHotline(deps, '', '+9779812345678', {
      ...extra,
      MessageSid: params.messageSid,
      MediaUrl0: 'http://169.254.169.254/latest/meta-data',
    });
    expect(bad.response.status).toBe(400);
    const missing = await textHotline(deps, '', '+9779812345678', {
      ...extra,
      NumMedia: '2',
      MessageSid: params.messageSid,
    });
    expect(missing.response.status).toBe(400);
    expect((await t.db.query('select 1 from sms_media')).length).toBe(0);
  });
});
