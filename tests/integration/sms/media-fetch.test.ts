import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decryptField, decryptText } from '../../../functions/crypto/envelope.ts';
import { openRecordKey } from '../../../functions/crypto/record-keys.ts';
import { cleanOggOpus } from '../../../functions/media/clean-ogg-opus.ts';
import { conversationContext, openConversationKey } from '../../../functions/sms/conversation-store.ts';
import { runMediaFetches } from '../../../functions/sms/media/fetch-media.ts';
import { SMS_TEMPLATES } from '../../../functions/sms/templates.ts';
import { engines, type TestDatabase } from '../../helpers/databases.ts';
import { createTestDeps, type TestDeps } from '../../helpers/deps.ts';
import { count, GPS, includes, photo, SECRETS } from '../../helpers/media-files.ts';
import { ACCOUNT_SID, PUBLIC_URL, textHotline } from '../../helpers/twilio.ts';
import {
  executable,
  type MediaStandIn,
  mediaParams,
  oggOpusVoiceNote,
  startMediaStandIn,
  VOICE_SECRETS,
} from '../../helpers/twilio-media.ts';

const TOKEN = 'c'.repeat(32);

describe.each(engines)('Fetching SMS and WhatsApp media on $name', (engine) => {
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
      TWILIO_FROM: 'whatsapp:+15005550006',
      TWILIO_API_BASE: twilio.url,
    });
  });
  afterEach(async () => {
    await deps.media.close();
    await t.dispose();
  });

  /** Sends a message with these files; the stand-in holds them as Twilio would. */
  async function send(
    files: { bytes: Uint8Array; type: string }[],
    body = '',
    from = 'whatsapp:+9779812345678',
  ) {
    const { params, extra } = mediaParams(
      twilio.url,
      files.map((f) => f.type),
    );
    for (const [i, f] of files.entries()) twilio.media.set(params.sids[i]!, f);
    const sent = await textHotline(deps, body, from, { ...extra, MessageSid: params.messageSid });
    return { ...sent, sids: params.sids };
  }

  async function stored(sid: string) {
    const [row] = await t.db.query<{
      id: string;
      conversation_id: string;
      state: string;
      kind: string | null;
      media_type: string | null;
      content: Uint8Array | null;
      attempts: number;
      last_error: string | null;
      twilio_deleted_at: Date | null;
    }>('select * from sms_media where media_sid = $1', [sid]);
    if (!row) throw new Error('no row');
    const key = await openConversationKey(t.db, deps.keys, row.conversation_id);
    const plain = row.content
      ? await decryptField(key, row.content, conversationContext.media(row.conversation_id, row.id))
      : null;
    return { ...row, plain };
  }

  it('answers the webhook before any fetch, then stores an MMS photo without its GPS position and deletes it from Twilio', async () => {
    const jpeg = await photo('jpeg');
    expect(includes(jpeg, SECRETS.camera)).toBe(true);
    const { response, sids } = await send([{ bytes: jpeg, type: 'image/jpeg' }], '', '+9779812345678');
    expect(response.status).toBe(200);
    expect(twilio.gets).not.toContain(sids[0]);
    expect((await stored(sids[0]!)).state).toBe('pending');

    const result = await runMediaFetches(deps);
    expect(result).toMatchObject({ stored: 1, deleted: 1 });
    const row = await stored(sids[0]!);
    expect(row.state).toBe('stored');
    expect(row.kind).toBe('image');
    expect(row.twilio_deleted_at).not.toBeNull();
    // Encrypted at rest: the stored column is not the picture.
    expect(Buffer.from(row.content!.subarray(0, 3))).not.toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    const meta = await sharp(row.plain!).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.exif).toBeUndefined();
    expect(includes(row.plain!, SECRETS.camera)).toBe(false);
    expect(includes(row.plain!, `${GPS.GPSLatitudeRef}\0`)).toBe(false);
    expect(twilio.deleted).toContain(sids[0]);
    expect(twilio.media.has(sids[0]!)).toBe(false);
  });

  it('keeps a WhatsApp voice note as Opus audio and drops its tags and what follows the stream', async () => {
    const note = oggOpusVoiceNote(50);
    const { sids } = await send([{ bytes: note, type: 'audio/ogg; codecs=opus' }]);
    await runMediaFetches(deps);
    const row = await stored(sids[0]!);
    expect(row.state).toBe('stored');
    expect(row.kind).toBe('audio');
    expect(row.media_type).toBe('audio/ogg');
    const audio = row.plain!;
    expect(count(audio, Buffer.from([0xf8, 0xff, 0xfe]))).toBe(50);
    for (const secret of Object.values(VOICE_SECRETS)) expect(includes(audio, secret)).toBe(false);
    expect(includes(audio, 'appended-after-end-of-stream')).toBe(false);
    expect(includes(audio, 'OpusHead')).toBe(true);
    // Still a valid Ogg stream (every CRC checks) that a second cleaning leaves as it is.
    expect(Buffer.from(cleanOggOpus(audio))).toEqual(Buffer.from(audio));
    expect(twilio.deleted).toContain(sids[0]);
  });

  it('refuses an executable sent as a photo, tells the sender in their language what can be sent, and deletes it from Twilio', async () => {
    await textHotline(
      deps,
      'Bonjour, je voudrais des informations sur mon contrat de travail',
      'whatsapp:+33612345678',
    );
    const { sids } = await send([{ bytes: executable(), type: 'image/jpeg' }], '', 'whatsapp:+33612345678');
    const result = await runMediaFetches(deps);
    expect(result).toMatchObject({ refused: 1, deleted: 1 });
    const row = await stored(sids[0]!);
    expect(row.state).toBe('refused');
    expect(row.last_error).toBe('unsupported-type');
    expect(row.content).toBeNull();
    const outbox = await t.db.query<{ id: string; body: Uint8Array }>(
      `select id, body from outbox order by created_at desc limit 1`,
    );
    const key = await openRecordKey(t.db, deps.keys, `outbox:${outbox[0]!.id}`);
    expect(await decryptText(key, outbox[0]!.body, `outbox:${outbox[0]!.id}:body`)).toBe(
      SMS_TEMPLATES.fr.mediaRefused,
    );
    expect(twilio.deleted).toContain(sids[0]);
  });

  it('retries a stand-in that fails twice, with growing delays, then stores the file', async () => {
    const { sids } = await send([{ bytes: await photo('png'), type: 'image/png' }]);
    twilio.failures.set(sids[0]!, [500, 503]);
    expect(await runMediaFetches(deps, { backoffMs: 1_000 })).toMatchObject({ retrying: 1 });
    let row = await stored(sids[0]!);
    expect([row.state, row.last_error, row.attempts]).toEqual(['pending', '500', 1]);
    // Not due yet: nothing is fetched.
    expect(await runMediaFetches(deps, { backoffMs: 1_000 })).toMatchObject({ retrying: 0, stored: 0 });
    deps.setNow(new Date(deps.now().getTime() + 1_000));
    expect(await runMediaFetches(deps, { backoffMs: 1_000 })).toMatchObject({ retrying: 1 });
    row = await stored(sids[0]!);
    expect([row.state, row.last_error, row.attempts]).toEqual(['pending', '503', 2]);
    deps.setNow(new Date(deps.now().getTime() + 1_999));
    expect(await runMediaFetches(deps, { backoffMs: 1_000 })).toMatchObject({ stored: 0 });
    deps.setNow(new Date(deps.now().getTime() + 1));
    expect(await runMediaFetches(deps, { backoffMs: 1_000 })).toMatchObject({ stored: 1, deleted: 1 });
    row = await stored(sids[0]!);
    expect([row.state, row.attempts]).toEqual(['stored', 3]);
  });

  it('ends a URL that hangs as a visible, retried timeout, and a file over the limit as refused, without holding up the others', async () => {
    const big = Buffer.concat([await photo('jpeg'), Buffer.alloc(200_000)]);
    const { sids } = await send([
      { bytes: await photo('png'), type: 'image/png' },
      { bytes: big, type: 'image/jpeg' },
      { bytes: await photo('webp'), type: 'image/webp' },
    ]);
    twilio.hang.add(sids[0]!);
    const result = await runMediaFetches(deps, { timeoutMs: 300, maxBytes: 100_000 });
    expect(result).toMatchObject({ stored: 1, refused: 1, retrying: 1 });
    const hung = await stored(sids[0]!);
    expect([hung.state, hung.last_error]).toEqual(['pending', 'timeout']);
    expect((await stored(sids[1]!)).last_error).toBe('too-large');
    expect((await stored(sids[2]!)).state).toBe('stored');
    // Still on Twilio until fetched: the hung item is not deleted yet.
    expect(twilio.deleted).not.toContain(sids[0]);
    expect(twilio.deleted).toEqual(expect.arrayContaining([sids[1], sids[2]]));
  });

  it('keeps a failed deletion from Twilio visible and retries it', async () => {
    const { sids } = await send([{ bytes: await photo('jpeg'), type: 'image/jpeg' }]);
    twilio.deleteFailures.set(sids[0]!, [503]);
    expect(await runMediaFetches(deps)).toMatchObject({ stored: 1, deleted: 0, deleteFailed: 1 });
    let row = await t.db.query<{
      twilio_deleted_at: Date | null;
      delete_error: string | null;
      delete_attempts: number;
    }>('select twilio_deleted_at, delete_error, delete_attempts from sms_media where media_sid = $1', [
      sids[0],
    ]);
    expect(row[0]).toMatchObject({ twilio_deleted_at: null, delete_error: '503', delete_attempts: 1 });
    expect(twilio.media.has(sids[0]!)).toBe(true);
    deps.setNow(new Date(deps.now().getTime() + 60_000));
    expect(await runMediaFetches(deps)).toMatchObject({ deleted: 1 });
    row = await t.db.query(
      'select twilio_deleted_at, delete_error, delete_attempts from sms_media where media_sid = $1',
      [sids[0]],
    );
    expect(row[0]!.twilio_deleted_at).not.toBeNull();
    expect(row[0]!.delete_error).toBeNull();
    expect(twilio.media.has(sids[0]!)).toBe(false);
  });

  // Two app nodes need a server: PGlite is one process with one connection.
  it.skipIf(engine.name !== 'postgres')(
    'fetches each item once when two nodes run the job at the same time',
    async () => {
      const files = await Promise.all(Array.from({ length: 6 }, () => photo('png')));
      const { sids } = await send(files.map((bytes) => ({ bytes, type: 'image/png' })));
      const peer = { ...deps, db: t.openPeer() };
      const results = await Promise.all([
        runMediaFetches(deps, { batch: 3 }),
        runMediaFetches(peer, { batch: 3 }),
      ]);
      expect(results.reduce((n, r) => n + r.stored, 0)).toBe(6);
      for (const sid of sids) expect(twilio.gets.filter((g) => g === sid)).toHaveLength(1);
    },
  );
});
