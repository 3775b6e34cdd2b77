/** The simulator sends a photo or a voice note, and the whole media path runs: webhook, job, cleaner, deletion. */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openConsoleRequest } from '../../../functions/console/pages.ts';
import { handleApi } from '../../../functions/routes.ts';
import { runMediaFetches } from '../../../functions/sms/media/fetch-media.ts';
import { createSession, sessionCookie } from '../../../functions/staff/sessions.ts';
import { engines, type TestDatabase } from '../../helpers/databases.ts';
import { createTestDeps, type TestDeps } from '../../helpers/deps.ts';
import { photo } from '../../helpers/media-files.ts';
import { PUBLIC_URL } from '../../helpers/twilio.ts';
import { oggOpusVoiceNote } from '../../helpers/twilio-media.ts';

describe.each(engines)('Simulator media on $name', (engine) => {
  let t: TestDatabase;
  let deps: TestDeps;
  let server: Server;
  let base: string;

  // The app's API on a port, so the media job fetches from the simulator as from Twilio.
  beforeAll(async () => {
    server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const response = await handleApi(
        new Request(`${PUBLIC_URL}${req.url}`, {
          method: req.method,
          headers: req.headers as Record<string, string>,
          body: req.method === 'POST' ? Buffer.concat(chunks) : undefined,
        }),
        deps,
      );
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  beforeEach(async () => {
    t = await engine.create();
  });
  afterEach(async () => {
    await deps.media.close();
    await t.dispose();
  });

  async function admin() {
    const id = randomUUID();
    await t.db.query(`insert into staff_users (id, email, role, active) values ($1, $2, 'admin', true)`, [
      id,
      `admin-${id}@example.org`,
    ]);
    const { token, csrfToken } = await createSession(t.db, id, 'full', deps.now());
    return { cookie: sessionCookie(deps.config, token).split(';')[0]!, csrfToken };
  }

  function phone(
    session: { cookie: string; csrfToken: string },
    fields: Record<string, string>,
    files: Uint8Array[],
  ) {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    for (const f of files) form.append('media', new Blob([new Uint8Array(f)]), 'file');
    return handleApi(
      new Request(`${PUBLIC_URL}/api/simulator/phone`, {
        method: 'POST',
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, origin: PUBLIC_URL },
        body: form,
      }),
      deps,
    );
  }

  it('sends a voice note and a photo that the media job fetches, cleans, stores and deletes', async () => {
    deps = createTestDeps(t.db, {
      PUBLIC_BASE_URL: PUBLIC_URL,
      TWILIO_API_BASE: `${base}/api/simulator/twilio`,
    });
    const session = await admin();
    const sent = await phone(session, { phone: 'whatsapp:+9779800000021' }, [
      oggOpusVoiceNote(20),
      await photo('jpeg'),
    ]);
    expect(sent.status).toBe(202);
    const pending = await t.db.query<{ declared_type: string; state: string }>(
      'select declared_type, state from sms_media order by position',
    );
    expect(pending).toEqual([
      { declared_type: 'audio/ogg', state: 'pending' },
      { declared_type: 'image/jpeg', state: 'pending' },
    ]);
    expect(await runMediaFetches(deps)).toMatchObject({ stored: 2, deleted: 2 });
    expect((await t.db.query('select 1 from simulator_media')).length).toBe(0);
    const [item] = await t.db.query<{ reasons: string[] }>('select reasons from queue_items');
    expect(item!.reasons).toContain('unheard-voice-note');
  });

  it('sends a voice note from the simulator page’s form, without text', async () => {
    deps = createTestDeps(t.db, {
      PUBLIC_BASE_URL: PUBLIC_URL,
      TWILIO_API_BASE: `${base}/api/simulator/twilio`,
    });
    const session = await admin();
    const form = new FormData();
    form.set('csrf', session.csrfToken);
    form.set('phone', '+9779800000023');
    form.set('message', '');
    form.append('media', new Blob([new Uint8Array(oggOpusVoiceNote(5))], { type: 'audio/ogg' }), 'note.ogg');
    const answer = await openConsoleRequest(
      new Request(`${PUBLIC_URL}/console/simulator`, {
        method: 'POST',
        headers: { cookie: session.cookie, origin: PUBLIC_URL },
        body: form,
      }),
      deps,
      '192.0.2.1',
    );
    if (!('response' in answer)) throw new Error('expected a redirect after sending');
    expect(answer.response.status).toBe(303);
    expect(await runMediaFetches(deps)).toMatchObject({ stored: 1, deleted: 1 });
    const [item] = await t.db.query<{ reasons: string[] }>('select reasons from queue_items');
    expect(item!.reasons).toContain('unheard-voice-note');
  });

  it('is refused with a real Twilio account, and refuses an empty message', async () => {
    deps = createTestDeps(t.db, {
      PUBLIC_BASE_URL: PUBLIC_URL,
      TWILIO_ACCOUNT_SID: `AC${'b'.repeat(32)}`,
      TWILIO_AUTH_TOKEN: 'b'.repeat(32),
      TWILIO_FROM: '+15005550006',
    });
    const session = await admin();
    const refused = await phone(session, { phone: '+9779800000022' }, [await photo('png')]);
    expect(refused.status).toBe(403);
    expect((await t.db.query('select 1 from sms_media')).length).toBe(0);
    deps = createTestDeps(t.db, {
      PUBLIC_BASE_URL: PUBLIC_URL,
      TWILIO_API_BASE: `${base}/api/simulator/twilio`,
    });
    const empty = await phone(await admin(), { phone: '+9779800000022' }, []);
    expect(empty.status).toBe(400);
  });
});
