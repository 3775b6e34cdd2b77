/**
 * The real type of a file, from its first bytes: names and declared types are not trusted, since a
 * renamed file or a careless client would otherwise decide which parser sees the bytes.
 *
 * Web reports take photos and PDFs; media sent to the SMS and WhatsApp hotline may also be audio
 * (voice notes), recognised only when the caller asks for it.
 */

export const DOCUMENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export const AUDIO_TYPES = ['audio/ogg', 'audio/amr', 'audio/amr-wb', 'audio/mpeg', 'audio/mp4'] as const;
export const MEDIA_TYPES = [...DOCUMENT_TYPES, ...AUDIO_TYPES] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];
export type AudioType = (typeof AUDIO_TYPES)[number];

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWithText(bytes: Uint8Array, at: number, text: string): boolean {
  if (bytes.length < at + text.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[at + i] !== text.charCodeAt(i)) return false;
  return true;
}

/** An MPEG audio Layer III frame header: 11 sync bits, a version, layer III, a usable bitrate and rate. */
export function isMp3FrameHeader(bytes: Uint8Array, at: number): boolean {
  if (bytes.length < at + 4) return false;
  const b1 = bytes[at + 1]!;
  const b2 = bytes[at + 2]!;
  return (
    bytes[at] === 0xff &&
    (b1 & 0xe0) === 0xe0 &&
    (b1 & 0x18) !== 0x08 &&
    (b1 & 0x06) === 0x02 &&
    b2 >> 4 !== 0x0 &&
    b2 >> 4 !== 0xf &&
    ((b2 >> 2) & 0x3) !== 0x3
  );
}

function sniffAudio(bytes: Uint8Array): AudioType | null {
  if (startsWithText(bytes, 0, 'OggS')) return 'audio/ogg';
  if (startsWithText(bytes, 0, '#!AMR-WB\n')) return 'audio/amr-wb';
  if (startsWithText(bytes, 0, '#!AMR\n')) return 'audio/amr';
  if (startsWithText(bytes, 0, 'ID3') || isMp3FrameHeader(bytes, 0)) return 'audio/mpeg';
  if (startsWithText(bytes, 4, 'ftyp')) return 'audio/mp4';
  return null;
}

export function sniffMediaType(bytes: Uint8Array, options: { audio?: boolean } = {}): MediaType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && PNG_SIGNATURE.every((v, i) => bytes[i] === v)) return 'image/png';
  if (startsWithText(bytes, 0, 'RIFF') && startsWithText(bytes, 8, 'WEBP')) return 'image/webp';
  if (startsWithText(bytes, 0, '%PDF-')) return 'application/pdf';
  return options.audio ? sniffAudio(bytes) : null;
}

export function isAudioType(type: MediaType): type is AudioType {
  return (AUDIO_TYPES as readonly string[]).includes(type);
}
