/**
 * Photos are decoded and encoded again by sharp (libvips), so only pixels cross over: EXIF (GPS
 * position, camera serial, time), XMP, IPTC, ICC profiles, comments, thumbnails and whatever a
 * phone appends after the picture (MPF secondary images, HDR gain maps, motion-photo videos) are
 * never copied into the new file. The picture is turned upright first, since its orientation tag
 * goes with the rest of the metadata.
 *
 * Quality 85 for JPEG and WebP: visually the same as a phone's own output at ordinary viewing, a
 * little smaller than the 90-95 phones write, and far enough from 100 that re-encoding does not
 * bloat the file. PNG stays lossless: screenshots of messages and job adverts must stay legible.
 * Speed counts as much, since every file has the same time limit on the same small machine: JPEG
 * Huffman tables are not optimised (that pass took more than half the time of a 12-megapixel
 * photo, for 6 % fewer bytes) and WebP uses its fastest method but one (at the default, a
 * 12-megapixel WebP took over 2 s).
 */
import sharp from 'sharp';
import { CleaningRefused } from './cleaning-contract.ts';
import type { MediaType } from './sniff-media-type.ts';

/** 8192 × 8192: above a 48-megapixel phone camera, far below what would exhaust a worker's memory. */
export const MAX_INPUT_PIXELS = 8192 * 8192;
/** Long edge of what is stored: 16 megapixels at most, enough to read a number plate or a document. */
export const MAX_OUTPUT_EDGE = 4096;
export const MAX_OUTPUT_BYTES = 16 * 1024 * 1024;
/**
 * libvips' own time limit, the pool's limit in whole seconds. The pool terminates a worker that
 * overruns, but libvips works on native threads that termination does not stop: this makes them
 * give up at about the same time.
 */
const NATIVE_TIMEOUT_SECONDS = 2;
const QUALITY = 85;

type ImageType = Extract<MediaType, `image/${string}`>;

const FORMAT: Record<ImageType, 'jpeg' | 'png' | 'webp'> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
};

function refusalFor(error: unknown): CleaningRefused {
  const message = error instanceof Error ? error.message : '';
  if (message.includes('pixel limit')) return new CleaningRefused('too-large');
  if (message.includes('timeout')) return new CleaningRefused('too-slow');
  return new CleaningRefused('unreadable');
}

export async function cleanImage(bytes: Uint8Array, type: ImageType): Promise<Uint8Array> {
  const format = FORMAT[type];
  // 'error' refuses truncated and corrupt images; 'warning' would also refuse the harmless quirks
  // that some phones write, and a reporter cannot fix those.
  const image = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error', autoOrient: true });
  let output: Buffer;
  try {
    const metadata = await image.metadata();
    if (metadata.format !== format) throw new CleaningRefused('unsupported-type');
    const resized = image
      .resize({ width: MAX_OUTPUT_EDGE, height: MAX_OUTPUT_EDGE, fit: 'inside', withoutEnlargement: true })
      .timeout({ seconds: NATIVE_TIMEOUT_SECONDS });
    output = await (format === 'png'
      ? resized.png()
      : format === 'webp'
        ? resized.webp({ quality: QUALITY, effort: 1 })
        : resized.jpeg({ quality: QUALITY, optimiseCoding: false })
    ).toBuffer();
  } catch (error) {
    throw error instanceof CleaningRefused ? error : refusalFor(error);
  }
  if (output.length > MAX_OUTPUT_BYTES) throw new CleaningRefused('too-large');
  return output;
}
