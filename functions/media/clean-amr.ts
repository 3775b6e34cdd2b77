/**
 * AMR and AMR-WB voice notes (older phones' MMS): the format has no tags, so cleaning is checking.
 * The magic line is followed only by speech frames whose headers name a defined frame type; each
 * is copied with its header's padding bits cleared, and a truncated last frame or anything after
 * the frames is dropped.
 */
import { CleaningRefused } from './cleaning-contract.ts';

// Speech bytes after the one-byte header, by frame type; -1 marks a reserved type.
const NB_SIZES = [12, 13, 15, 17, 19, 20, 26, 31, 5, -1, -1, -1, -1, -1, -1, 0];
const WB_SIZES = [17, 23, 32, 36, 40, 46, 50, 58, 60, 5, -1, -1, -1, -1, 0, 0];
const MAX_FRAMES = 50 * 60 * 30; // 30 minutes of 20 ms frames

export function cleanAmr(bytes: Uint8Array, wideband: boolean): Uint8Array {
  const magic = wideband ? '#!AMR-WB\n' : '#!AMR\n';
  const sizes = wideband ? WB_SIZES : NB_SIZES;
  if (Buffer.from(bytes.subarray(0, magic.length)).toString('latin1') !== magic)
    throw new CleaningRefused('unreadable');
  const out: Uint8Array[] = [Buffer.from(magic, 'latin1')];
  let at = magic.length;
  let frames = 0;
  while (at < bytes.length) {
    const header = bytes[at]!;
    const size = sizes[(header >> 3) & 0x0f]!;
    if (header & 0x80 || size < 0) {
      if (frames === 0) throw new CleaningRefused('unreadable');
      break;
    }
    if (at + 1 + size > bytes.length) break;
    const frame = new Uint8Array(bytes.subarray(at, at + 1 + size));
    frame[0] = header & 0x7c;
    out.push(frame);
    at += 1 + size;
    if (++frames > MAX_FRAMES) throw new CleaningRefused('too-large');
  }
  if (frames === 0) throw new CleaningRefused('unreadable');
  return Buffer.concat(out);
}
