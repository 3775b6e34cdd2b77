/**
 * Voice notes as WhatsApp sends them: Opus in an Ogg container. Audio is not re-encoded (there is
 * no Opus encoder in the worker, and a second lossy pass would cost intelligibility); instead the
 * container is rebuilt around the same audio packets. OpusTags keeps only its required vendor
 * field, emptied, with no comments (title, artist, location, device, dates); the identification
 * header is cut to its defined length; pages are renumbered and their CRCs computed again;
 * anything outside the one logical stream, and anything after its last page, is dropped.
 */
import { CleaningRefused } from './cleaning-contract.ts';

const MAX_PACKET_BYTES = 1024 * 1024;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let r = i << 24;
    for (let j = 0; j < 8; j++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
    table[i] = r >>> 0;
  }
  return table;
})();

/** Ogg's CRC-32: polynomial 0x04c11db7, no reflection, initial value and final XOR zero. */
export function oggCrc(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ byte) & 0xff]!) >>> 0;
  return crc >>> 0;
}

interface Page {
  headerType: number;
  granule: bigint;
  serial: number;
  segments: number[];
  body: Uint8Array;
}

function readPages(bytes: Uint8Array): Page[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const pages: Page[] = [];
  let at = 0;
  while (at < bytes.length) {
    if (at + 27 > bytes.length || view.getUint32(at) !== 0x4f676753 /* OggS */ || bytes[at + 4] !== 0)
      throw new CleaningRefused('unreadable');
    const count = bytes[at + 26]!;
    const segments = Array.from(bytes.subarray(at + 27, at + 27 + count));
    const bodyLength = segments.reduce((a, b) => a + b, 0);
    const end = at + 27 + count + bodyLength;
    if (segments.length !== count || end > bytes.length) throw new CleaningRefused('unreadable');
    // A copy (Buffer#slice would share): the CRC field is zeroed to check it.
    const page = new Uint8Array(bytes.subarray(at, end));
    const stated = view.getUint32(at + 22, true);
    page.fill(0, 22, 26);
    if (oggCrc(page) !== stated) throw new CleaningRefused('unreadable');
    pages.push({
      headerType: bytes[at + 5]!,
      granule: view.getBigInt64(at + 6, true),
      serial: view.getUint32(at + 14, true),
      segments,
      body: bytes.subarray(at + 27 + count, end),
    });
    at = end;
    // Whatever follows the end of the stream is not audio.
    if (pages.at(-1)!.headerType & 0x04) break;
  }
  return pages;
}

/** Splits pages into packets; `lastPage[i]` is the page where packet i ends. */
function packetsOf(pages: Page[]): { packets: Uint8Array[]; lastPage: number[] } {
  const packets: Uint8Array[] = [];
  const lastPage: number[] = [];
  let current: Uint8Array[] = [];
  let size = 0;
  for (const [index, page] of pages.entries()) {
    let at = 0;
    for (const lacing of page.segments) {
      current.push(page.body.subarray(at, at + lacing));
      size += lacing;
      at += lacing;
      if (size > MAX_PACKET_BYTES) throw new CleaningRefused('too-large');
      if (lacing < 255) {
        packets.push(Buffer.concat(current));
        lastPage.push(index);
        current = [];
        size = 0;
      }
    }
  }
  return { packets, lastPage };
}

function writePage(p: {
  headerType: number;
  granule: bigint;
  serial: number;
  sequence: number;
  segments: number[];
  body: Uint8Array;
}): Uint8Array {
  const page = new Uint8Array(27 + p.segments.length + p.body.length);
  const view = new DataView(page.buffer);
  page.set([0x4f, 0x67, 0x67, 0x53, 0, p.headerType]);
  view.setBigInt64(6, p.granule, true);
  view.setUint32(14, p.serial, true);
  view.setUint32(18, p.sequence, true);
  page[26] = p.segments.length;
  page.set(p.segments, 27);
  page.set(p.body, 27 + p.segments.length);
  view.setUint32(22, oggCrc(page), true);
  return page;
}

function lacing(length: number): number[] {
  const values = new Array<number>(Math.floor(length / 255)).fill(255);
  values.push(length % 255);
  if (values.length > 255) throw new CleaningRefused('too-large');
  return values;
}

function startsWith(bytes: Uint8Array, text: string): boolean {
  return bytes.length >= text.length && [...text].every((c, i) => bytes[i] === c.charCodeAt(0));
}

/** The identification header cut to the length its channel mapping defines. */
function opusHead(packet: Uint8Array): Uint8Array {
  if (!startsWith(packet, 'OpusHead') || packet.length < 19) throw new CleaningRefused('unreadable');
  const version = packet[8]!;
  const channels = packet[9]!;
  const family = packet[18]!;
  if (version >> 4 !== 0 || channels === 0) throw new CleaningRefused('unreadable');
  const length = family === 0 ? 19 : 21 + channels;
  if (packet.length < length || (family === 0 && channels > 2)) throw new CleaningRefused('unreadable');
  return packet.slice(0, length);
}

/** OpusTags with an empty vendor string and no comments: 16 bytes. */
const EMPTY_TAGS = new Uint8Array(
  [...'OpusTags'].map((c) => c.charCodeAt(0)).concat([0, 0, 0, 0, 0, 0, 0, 0]),
);

export function cleanOggOpus(bytes: Uint8Array): Uint8Array {
  const pages = readPages(bytes);
  if (pages.length < 3 || !(pages[0]!.headerType & 0x02)) throw new CleaningRefused('unreadable');
  const serial = pages[0]!.serial;
  // One logical stream only: a second one (chained or multiplexed) could carry anything.
  if (pages.some((p) => p.serial !== serial)) throw new CleaningRefused('unsupported-type');
  const { packets, lastPage } = packetsOf(pages);
  if (packets.length < 3 || lastPage[0] !== 0) throw new CleaningRefused('unreadable');
  if (!startsWith(packets[1]!, 'OpusTags')) throw new CleaningRefused('unreadable');
  // Audio starts on the page after the one where the tags end (RFC 7845, section 3).
  const tagsEnd = lastPage[1]!;
  const audioPages = pages.slice(tagsEnd + 1);
  if (audioPages.length === 0 || pages[tagsEnd]!.body.length !== sumOf(pages[tagsEnd]!.segments))
    throw new CleaningRefused('unreadable');
  const out: Uint8Array[] = [];
  const head = opusHead(packets[0]!);
  out.push(
    writePage({
      headerType: 0x02,
      granule: 0n,
      serial,
      sequence: 0,
      segments: lacing(head.length),
      body: head,
    }),
  );
  out.push(
    writePage({
      headerType: 0,
      granule: 0n,
      serial,
      sequence: 1,
      segments: lacing(EMPTY_TAGS.length),
      body: EMPTY_TAGS,
    }),
  );
  for (const [i, page] of audioPages.entries()) {
    const last = i === audioPages.length - 1;
    out.push(
      writePage({
        // Continued-packet flag as found; the end-of-stream flag on the last page, wherever it was.
        headerType: (page.headerType & 0x01) | (last ? 0x04 : 0),
        granule: page.granule,
        serial,
        sequence: i + 2,
        segments: page.segments,
        body: page.body,
      }),
    );
  }
  return Buffer.concat(out);
}

function sumOf(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
