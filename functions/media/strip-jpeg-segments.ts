/**
 * Removes the metadata segments of a JPEG without decoding it, for the images inside a PDF: the
 * page must show the same pixels, and a scanned document can hold dozens of images that would not
 * all fit in the cleaning time limit if each were decoded and encoded again.
 *
 * One pass over the bytes: every marker segment is copied or skipped by its length, and the
 * entropy-coded data after each start-of-scan is copied up to the next marker. Application segments
 * (EXIF, XMP, IPTC, ICC, JFIF thumbnails, MPF) and comments are dropped, except Adobe's APP14,
 * which decoders need for the colour transform and which is rewritten to its fixed 12 bytes.
 * Nothing after the end-of-image marker is kept (a second picture, a video).
 */

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const COM = 0xfe;
const APP14 = 0xee;

const isStandalone = (marker: number) => marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);
const isApplication = (marker: number) => marker >= 0xe0 && marker <= 0xef;

export class JpegSegmentError extends Error {}

/** Adobe's segment carries only a version, two flag words and the transform: nothing personal. */
function adobeSegment(bytes: Uint8Array, start: number, end: number): Uint8Array | null {
  const payload = bytes.subarray(start + 4, end);
  const adobe = [0x41, 0x64, 0x6f, 0x62, 0x65];
  if (payload.length < 12 || !adobe.every((v, i) => payload[i] === v)) return null;
  const out = new Uint8Array(16);
  out.set([0xff, APP14, 0x00, 0x0e]);
  out.set(payload.subarray(0, 12), 4);
  return out;
}

/** Index of the first marker after entropy-coded data starting at `from` (or the end of the bytes). */
function endOfScan(bytes: Uint8Array, from: number): number {
  let i = from;
  while (i < bytes.length) {
    if (bytes[i] !== 0xff) {
      i += 1;
      continue;
    }
    const next = bytes[i + 1];
    // 0xFF00 is a stuffed data byte, RSTn a restart marker, 0xFFFF fill: all part of the scan.
    if (next === 0x00 || (next !== undefined && next >= 0xd0 && next <= 0xd7)) i += 2;
    else if (next === 0xff) i += 1;
    else return i;
  }
  return bytes.length;
}

export function stripJpegSegments(bytes: Uint8Array): Uint8Array {
  if (bytes[0] !== 0xff || bytes[1] !== SOI) throw new JpegSegmentError('not a JPEG');
  const parts: Uint8Array[] = [bytes.subarray(0, 2)];
  let i = 2;
  let ended = false;
  while (i < bytes.length) {
    if (bytes[i] !== 0xff) throw new JpegSegmentError('expected a marker');
    // Any number of 0xFF fill bytes may precede a marker.
    while (bytes[i + 1] === 0xff) i += 1;
    const marker = bytes[i + 1];
    if (marker === undefined) break;
    if (marker === EOI) {
      ended = true;
      break;
    }
    if (isStandalone(marker)) {
      parts.push(bytes.subarray(i, i + 2));
      i += 2;
      continue;
    }
    if (i + 4 > bytes.length) throw new JpegSegmentError('truncated segment');
    const length = (bytes[i + 2]! << 8) | bytes[i + 3]!;
    const end = i + 2 + length;
    if (length < 2 || end > bytes.length) throw new JpegSegmentError('segment length out of range');
    if (marker === APP14) {
      const adobe = adobeSegment(bytes, i, end);
      if (adobe) parts.push(adobe);
    } else if (!isApplication(marker) && marker !== COM) {
      parts.push(bytes.subarray(i, end));
    }
    i = end;
    if (marker === SOS) {
      const scanEnd = endOfScan(bytes, i);
      parts.push(bytes.subarray(i, scanEnd));
      i = scanEnd;
    }
  }
  // A truncated image is still shown by PDF readers as far as it goes: close it properly.
  if (!ended) parts.push(new Uint8Array([0xff, EOI]));
  else parts.push(bytes.subarray(i, i + 2));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
