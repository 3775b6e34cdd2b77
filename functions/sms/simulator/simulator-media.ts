/**
 * The simulator's photos and voice notes. A file sent from a simulated phone is held (encrypted)
 * behind a stand-in of Twilio's Media resource,
 * `/api/simulator/twilio/2010-04-01/Accounts/{AccountSid}/Messages/{MessageSid}/Media/{MediaSid}`,
 * with Basic auth as Twilio asks: GET answers the bytes, DELETE (`….json`) removes them. The
 * webhook, the media job, the cleaner and the deletion then run exactly as with Twilio. The route
 * table mounts it only in simulator mode.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { decryptField, encryptField } from '../../crypto/envelope.ts';
import { createRecordKey, destroyRecordKey, openRecordKey } from '../../crypto/record-keys.ts';
import type { Deps } from '../../deps.ts';
import { HttpError } from '../../http/http-error.ts';
import type { RouteContext } from '../../http/route.ts';
import { sniffMediaType } from '../../media/sniff-media-type.ts';

/** Files per simulated message, and bytes per file (an MMS carries at most 5 MB). */
export const SIMULATOR_MAX_FILES = 3;
export const SIMULATOR_MAX_FILE_BYTES = 5 * 1024 * 1024;

const context = {
  key: (sid: string) => `simulator-media:${sid}`,
  content: (sid: string) => `simulator-media:${sid}:content`,
};

/** Stores the files for the message and returns the media URLs the webhook will carry. */
export async function holdSimulatorMedia(
  deps: Deps,
  messageSid: string,
  files: Uint8Array[],
): Promise<{ url: string; contentType: string }[]> {
  if (files.length > SIMULATOR_MAX_FILES)
    throw new HttpError(
      413,
      'too-many-files',
      `The simulator sends at most ${SIMULATOR_MAX_FILES} files at once.`,
    );
  if (files.some((f) => f.byteLength > SIMULATOR_MAX_FILE_BYTES || f.byteLength === 0))
    throw new HttpError(413, 'file-too-large', 'Each file must be between 1 byte and 5 MB, as for an MMS.');
  const base = deps.config.twilio.apiBase ?? new URL('/api/simulator/twilio', deps.config.publicBaseUrl).href;
  const held: { url: string; contentType: string }[] = [];
  await deps.db.transaction(async (tx) => {
    for (const bytes of files) {
      const sid = `ME${randomBytes(16).toString('hex')}`;
      // Declared as a phone would: by what the file is, or as an unknown binary.
      const contentType = sniffMediaType(bytes, { audio: true }) ?? 'application/octet-stream';
      const key = await createRecordKey(tx, deps.keys, context.key(sid));
      await tx.query(
        'insert into simulator_media (sid, message_sid, content_type, content, created_at) values ($1, $2, $3, $4, $5)',
        [sid, messageSid, contentType, await encryptField(key, bytes, context.content(sid)), deps.now()],
      );
      held.push({
        url: `${base.replace(/\/$/, '')}/2010-04-01/Accounts/${deps.config.twilio.accountSid}/Messages/${messageSid}/Media/${sid}`,
        contentType,
      });
    }
  });
  return held;
}

function authorized(request: Request, deps: Deps): boolean {
  const header = request.headers.get('authorization') ?? '';
  if (!header.startsWith('Basic ')) return false;
  const given = Buffer.from(header.slice(6), 'base64');
  const expected = Buffer.from(`${deps.config.twilio.accountSid}:${deps.keys.twilioAuthToken}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function twilioError(status: number, code: number, message: string): Response {
  return new Response(JSON.stringify({ code, message, status }), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

/** GET (the bytes) and DELETE (`{MediaSid}.json`) on the simulator's Media resource. */
export async function simulatorMediaRoute(request: Request, context: RouteContext): Promise<Response> {
  const response = await answerMedia(request, context);
  // HEAD: the status and headers of a GET, with no body (and a length that says so).
  return request.method === 'HEAD'
    ? new Response(null, { status: response.status, headers: { 'content-length': '0' } })
    : response;
}

async function answerMedia(request: Request, { deps, params }: RouteContext): Promise<Response> {
  if (!authorized(request, deps)) return twilioError(401, 20003, 'Authenticate');
  const sid = (params.mediaSid ?? '').replace(/\.json$/, '');
  const [row] = await deps.db.query<{ message_sid: string; content_type: string; content: Uint8Array }>(
    'select message_sid, content_type, content from simulator_media where sid = $1',
    [sid],
  );
  if (!row || row.message_sid !== params.messageSid || params.accountSid !== deps.config.twilio.accountSid)
    return twilioError(404, 20404, 'The requested resource was not found');
  if (request.method === 'DELETE') {
    await deps.db.transaction(async (tx) => {
      await tx.query('delete from simulator_media where sid = $1', [sid]);
      await destroyRecordKey(tx, context.key(sid));
    });
    return new Response(null, { status: 204 });
  }
  const key = await openRecordKey(deps.db, deps.keys, context.key(sid));
  const bytes = await decryptField(key, row.content, context.content(sid));
  return new Response(new Uint8Array(bytes), {
    headers: { 'content-type': row.content_type, 'content-length': String(bytes.byteLength) },
  });
}
