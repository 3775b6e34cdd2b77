/**
 * Twilio's Media resource on a local port: GET serves a media item's bytes (with Basic auth, as
 * Twilio does), DELETE removes it, and failures, hangs and oversized answers can be arranged per
 * item. Also the webhook parameters of a message carrying media, and voice notes made at test time.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { oggCrc } from '../../functions/media/clean-ogg-opus.ts';
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

// ---- Voice notes ----

export const VOICE_SECRETS = {
  artist: 'ARTIST=Jane Texter',
  location: 'LOCATION=27.7,85.3',
  vendor: 'SecretRecorder 9.1',
};

function oggPage(
  headerType: number,
  granule: bigint,
  serial: number,
  sequence: number,
  packets: Uint8Array[],
): Buffer {
  const segments: number[] = [];
  for (const p of packets) {
    for (let n = p.length; ; n -= 255) {
      segments.push(Math.min(n, 255));
      if (n < 255) break;
    }
  }
  const body = Buffer.concat(packets);
  const page = Buffer.alloc(27 + segments.length + body.length);
  page.write('OggS', 0, 'latin1');
  page[5] = headerType;
  page.writeBigInt64LE(granule, 6);
  page.writeUInt32LE(serial, 14);
  page.writeUInt32LE(sequence, 18);
  page[26] = segments.length;
  Buffer.from(segments).copy(page, 27);
  body.copy(page, 27 + segments.length);
  page.writeUInt32LE(oggCrc(page), 22);
  return page;
}

/**
 * A valid Ogg Opus voice note as WhatsApp sends one: OpusHead, OpusTags with a vendor string and
 * comments (who, where), then `frames` 20 ms Opus packets (CELT silence frames, decodable by any
 * Opus decoder), and some bytes appended after the end of the stream.
 */
export function oggOpusVoiceNote(frames = 50): Buffer {
  const serial = 0x1234abcd;
  const head = Buffer.alloc(19);
  head.write('OpusHead', 0, 'latin1');
  head[8] = 1; // version
  head[9] = 1; // mono
  head.writeUInt16LE(312, 10); // pre-skip
  head.writeUInt32LE(48000, 12);
  head.writeInt16LE(0, 16);
  head[18] = 0;
  const vendor = Buffer.from(VOICE_SECRETS.vendor);
  const comments = [VOICE_SECRETS.artist, VOICE_SECRETS.location].map((c) => Buffer.from(c));
  const tags = Buffer.concat([
    Buffer.from('OpusTags', 'latin1'),
    u32(vendor.length),
    vendor,
    u32(comments.length),
    ...comments.flatMap((c) => [u32(c.length), c]),
  ]);
  // TOC 0xF8: CELT-only fullband 20 ms, one frame; 0xFF 0xFE is a silent frame.
  const packet = Buffer.from([0xf8, 0xff, 0xfe]);
  const pages = [oggPage(0x02, 0n, serial, 0, [head]), oggPage(0, 0n, serial, 1, [tags])];
  const perPage = 25;
  let sequence = 2;
  for (let done = 0; done < frames; done += perPage) {
    const n = Math.min(perPage, frames - done);
    const last = done + n >= frames;
    pages.push(
      oggPage(
        last ? 0x04 : 0,
        BigInt((done + n) * 960),
        serial,
        sequence++,
        Array.from({ length: n }, () => packet),
      ),
    );
  }
  pages.push(Buffer.from('appended-after-end-of-stream'));
  return Buffer.concat(pages);
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}

/** A Windows executable's first bytes, declared as a photo. */
export function executable(): Buffer {
  return Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), randomBytes(512)]);
}
