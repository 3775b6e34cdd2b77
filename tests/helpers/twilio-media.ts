/**
 * Twilio's Media resource on a local port: GET serves a media item's bytes (with Basic auth, as
 * Twilio does), DELETE removes it, and failures, hangs and oversized answers can be arranged per
 * item. Also the webhook parameters of a message carrying media, and voice notes made at test time.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { ACCOUNT_SID } from './twilio.ts';

export interface MediaStandIn {
  url: string;
  /** Media by sid: bytes and declared type. */
  media: Map<string, { bytes: Uint8Array; type: string }>;
  /** Statuses to answer before serving, per media sid (e.g. [500, 500] fails twice). */
  failures: Map<string, number[]>;
  /** Media sids whose GET never answers. */
  hang: Set<string>;
  /** Statuses to answer to DELETE before deleting, per media sid. */
  deleteFailures: Map<string, number[]>;
  deleted: string[];
  gets: string[];
  close(): Promise<void>;
}

export function mediaSid(): string {
  return `ME${randomBytes(16).toString('hex')}`;
}

export function mmsSid(): string {
  return `MM${randomBytes(16).toString('hex')}`;
}

/** Webhook parameters for a message with media items at `base` (the stand-in's URL). */
export function mediaParams(base: string, types: string[], messageSid = mmsSid()) {
  const sids = types.map(() => mediaSid());
  const extra: Record<string, string> = { NumMedia: String(types.length) };
  types.forEach((type, i) => {
    extra[`MediaUrl${i}`] =
      `${base}/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/${messageSid}/Media/${sids[i]}`;
    extra[`MediaContentType${i}`] = type;
  });
  return { params: { messageSid, sids }, extra };
}

export async function startMediaStandIn(authToken: string, accountSid = ACCOUNT_SID): Promise<MediaStandIn> {
  const media = new Map<string, { bytes: Uint8Array; type: string }>();
  const failures = new Map<string, number[]>();
  const hang = new Set<string>();
  const deleteFailures = new Map<string, number[]>();
  const deleted: string[] = [];
  const gets: string[] = [];
  const expected = Buffer.from(`${accountSid}:${authToken}`);
  const path = new RegExp(
    `^/2010-04-01/Accounts/${accountSid}/Messages/(?:MM|SM)[0-9a-zA-Z]+/Media/(ME[0-9a-f]{32})(\\.json)?$`,
  );
  const server: Server = createServer((req, res) => {
    const header = req.headers.authorization ?? '';
    const given = Buffer.from(header.replace(/^Basic /, ''), 'base64');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"code":20003,"status":401}');
      return;
    }
    const match = path.exec(req.url ?? '');
    const sid = match?.[1];
    if (!sid || !media.has(sid)) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"code":20404,"status":404}');
      return;
    }
    if (req.method === 'DELETE') {
      const failure = deleteFailures.get(sid)?.shift();
      if (failure) {
        res.writeHead(failure, { 'content-type': 'application/json' }).end(`{"status":${failure}}`);
        return;
      }
      media.delete(sid);
      deleted.push(sid);
      res.writeHead(204).end();
      return;
    }
    gets.push(sid);
    if (hang.has(sid)) return;
    const failure = failures.get(sid)?.shift();
    if (failure) {
      res.writeHead(failure, { 'content-type': 'application/json' }).end(`{"status":${failure}}`);
      return;
    }
    const item = media.get(sid)!;
    res.writeHead(200, { 'content-type': item.type, 'content-length': String(item.bytes.length) });
    res.end(Buffer.from(item.bytes));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    media,
    failures,
    hang,
    deleteFailures,
    deleted,
    gets,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export { oggOpusVoiceNote, VOICE_SECRETS } from './voice-note.ts';

/** A Windows executable's first bytes, declared as a photo. */
export function executable(): Buffer {
  return Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), randomBytes(512)]);
}
