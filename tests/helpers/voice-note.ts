/**
 * A WhatsApp-style voice note for tests, written byte by byte: an Ogg Opus stream whose tags carry
 * what cleaning must drop. Imports nothing but the Ogg checksum, so browser tests can use it too.
 */
import { oggCrc } from '../../functions/media/clean-ogg-opus.ts';

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
