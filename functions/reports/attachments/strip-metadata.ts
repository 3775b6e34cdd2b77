/**
 * Removes metadata that can identify a reporter or their location before an upload is stored:
 * EXIF (GPS position, camera serial, time), XMP, IPTC, ICC profiles and comments from JPEG; text,
 * time and EXIF chunks from PNG; EXIF and XMP chunks from WebP; the document information and XMP
 * packets from PDF. Pixels and page content are untouched.
 */
import type { AttachmentType } from './sniff-type.ts';

export class UnreadableFileError extends Error {}

function stripJpeg(src: Buffer): Buffer {
  const out: Buffer[] = [src.subarray(0, 2)];
  let i = 2;
  while (i + 4 <= src.length) {
    if (src[i] !== 0xff) throw new UnreadableFileError('corrupt JPEG segment');
    const marker = src[i + 1]!;
    if (marker === 0xd9) break;
    if (marker === 0xda) {
      // Start of scan: the compressed image follows to the end of the file.
      out.push(src.subarray(i));
      return Buffer.concat(out);
    }
    if (marker >= 0xd0 && marker <= 0xd7) {
      out.push(src.subarray(i, i + 2));
      i += 2;
      continue;
    }
    const length = src.readUInt16BE(i + 2);
    const end = i + 2 + length;
    if (length < 2 || end > src.length) throw new UnreadableFileError('corrupt JPEG length');
    // Keep JFIF (APP0) and Adobe (APP14, needed for colour transforms); drop every other APPn and COM.
    const isApp = marker >= 0xe0 && marker <= 0xef;
    const drop = (isApp && marker !== 0xe0 && marker !== 0xee) || marker === 0xfe;
    if (!drop) out.push(src.subarray(i, end));
    i = end;
  }
  throw new UnreadableFileError('JPEG without image data');
}

const PNG_DROP = new Set(['tEXt', 'iTXt', 'zTXt', 'eXIf', 'tIME', 'iCCP', 'sPLT', 'dSIG']);

function stripPng(src: Buffer): Buffer {
  const out: Buffer[] = [src.subarray(0, 8)];
  let i = 8;
  while (i + 12 <= src.length) {
    const length = src.readUInt32BE(i);
    const type = src.toString('latin1', i + 4, i + 8);
    const end = i + 12 + length;
    if (end > src.length) throw new UnreadableFileError('corrupt PNG chunk');
    if (!PNG_DROP.has(type)) out.push(src.subarray(i, end));
    i = end;
    if (type === 'IEND') return Buffer.concat(out);
  }
  throw new UnreadableFileError('PNG without end');
}

function stripWebp(src: Buffer): Buffer {
  const chunks: Buffer[] = [];
  let i = 12;
  while (i + 8 <= src.length) {
    const type = src.toString('latin1', i, i + 4);
    const size = src.readUInt32LE(i + 4);
    const end = i + 8 + size + (size % 2);
    if (i + 8 + size > src.length) throw new UnreadableFileError('corrupt WebP chunk');
    if (type !== 'EXIF' && type !== 'XMP ') {
      const chunk = Buffer.from(src.subarray(i, Math.min(end, src.length)));
      // VP8X announces which extra chunks follow: clear its EXIF (bit 3) and XMP (bit 2) flags.
      if (type === 'VP8X' && chunk.length > 8) chunk[8] = chunk[8]! & ~0b0000_1100;
      chunks.push(chunk);
    }
    i = end;
  }
  const body = Buffer.concat(chunks);
  const header = Buffer.alloc(12);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(body.length + 4, 4);
  header.write('WEBP', 8, 'latin1');
  return Buffer.concat([header, body]);
}

/**
 * PDF offsets must not move (the cross-reference table points into the file), so metadata is
 * blanked in place with spaces of the same length: every value in the /Info dictionary's text
 * fields and every XMP packet. Metadata inside compressed object streams cannot be reached this
 * way; those files are still stored encrypted.
 */
function stripPdf(src: Buffer): Buffer {
  const text = src.toString('latin1');
  const blank = (s: string) => ' '.repeat(s.length);
  const cleaned = text
    .replace(
      /\/(Author|Creator|Producer|Title|Subject|Keywords|CreationDate|ModDate)\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>)/g,
      (match, key: string, value: string) =>
        `/${key}${match.slice(key.length + 1, match.length - value.length)}${value[0] === '(' ? `(${blank(value.slice(2))})` : `<${blank(value.slice(2))}>`}`,
    )
    .replace(/<\?xpacket begin[\s\S]*?<\?xpacket end[^>]*\?>/g, blank);
  return Buffer.from(cleaned, 'latin1');
}

export function stripMetadata(type: AttachmentType, bytes: Uint8Array): Buffer {
  const src = Buffer.from(bytes);
  switch (type) {
    case 'image/jpeg':
      return stripJpeg(src);
    case 'image/png':
      return stripPng(src);
    case 'image/webp':
      return stripWebp(src);
    case 'application/pdf':
      return stripPdf(src);
  }
}
