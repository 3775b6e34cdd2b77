/**
 * MP3 (MPEG audio Layer III) is kept as its frames alone: the file is walked frame by frame from
 * each frame's header, and only frames are copied. ID3v2 at the start, ID3v1, APEv2 and Lyrics3
 * at the end, and anything wedged between frames (where tags and appended files hide) are dropped.
 */
import { CleaningRefused } from './cleaning-contract.ts';
import { isMp3FrameHeader } from './sniff-media-type.ts';

const BITRATES_V1 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const BITRATES_V2 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
const RATES: Record<number, number[]> = {
  3: [44100, 48000, 32000],
  2: [22050, 24000, 16000],
  0: [11025, 12000, 8000],
};

/** The whole frame's length in bytes, or 0 when no valid frame starts here. */
function frameLength(bytes: Uint8Array, at: number): number {
  if (!isMp3FrameHeader(bytes, at)) return 0;
  const version = (bytes[at + 1]! >> 3) & 0x3;
  const b2 = bytes[at + 2]!;
  const bitrate = (version === 3 ? BITRATES_V1 : BITRATES_V2)[b2 >> 4]!;
  const rate = RATES[version]![(b2 >> 2) & 0x3]!;
  const padding = (b2 >> 1) & 0x1;
  const length = Math.floor(((version === 3 ? 144_000 : 72_000) * bitrate) / rate) + padding;
  return at + length <= bytes.length ? length : 0;
}

function id3v2Length(bytes: Uint8Array): number {
  if (bytes.length < 10 || bytes[0] !== 0x49 || bytes[1] !== 0x44 || bytes[2] !== 0x33) return 0;
  const size =
    ((bytes[6]! & 0x7f) << 21) | ((bytes[7]! & 0x7f) << 14) | ((bytes[8]! & 0x7f) << 7) | (bytes[9]! & 0x7f);
  return 10 + size + (bytes[5]! & 0x10 ? 10 : 0);
}

export function cleanMp3(bytes: Uint8Array): Uint8Array {
  const frames: Uint8Array[] = [];
  let at = id3v2Length(bytes);
  while (at < bytes.length) {
    const length = frameLength(bytes, at);
    // A frame counts only if another frame (or the end of the file) follows it: a stray 0xFF 0xFB
    // inside a tag is not mistaken for audio.
    if (
      length > 0 &&
      (at + length === bytes.length || frameLength(bytes, at + length) > 0 || frames.length > 0)
    ) {
      frames.push(bytes.subarray(at, at + length));
      at += length;
    } else {
      at += 1;
    }
  }
  if (frames.length === 0) throw new CleaningRefused('unreadable');
  return Buffer.concat(frames);
}
