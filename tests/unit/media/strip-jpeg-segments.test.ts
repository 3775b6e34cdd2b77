import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { JpegSegmentError, stripJpegSegments } from '../../../functions/media/strip-jpeg-segments.ts';
import { count, includes, phonePhotoWithTrailers, photo, SECRETS } from '../../helpers/media-files.ts';

const SOI = Buffer.from([0xff, 0xd8, 0xff]);

function segment(marker: number, payload: Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

describe('JPEG segment stripping (images inside PDFs)', () => {
  it('drops EXIF, comments and whatever follows the image, and keeps the pixels exactly', async () => {
    const original = await photo('jpeg', { width: 64, height: 40 });
    const noisy = Buffer.concat([
      original.subarray(0, 2),
      segment(0xfe, Buffer.from(`comment ${SECRETS.author}`)),
      segment(0xed, Buffer.from(`Photoshop 3.0\0IPTC ${SECRETS.author}`)),
      original.subarray(2),
      await photo('jpeg', { camera: SECRETS.secondCamera }),
    ]);
    const stripped = stripJpegSegments(noisy);
    for (const secret of [SECRETS.camera, SECRETS.secondCamera, SECRETS.author, 'Exif']) {
      expect(includes(noisy, secret)).toBe(true);
      expect(includes(stripped, secret), secret).toBe(false);
    }
    expect(count(stripped, SOI)).toBe(1);
    expect([...stripped.subarray(-2)]).toEqual([0xff, 0xd9]);
    expect((await sharp(stripped).metadata()).exif).toBeUndefined();
    const [before, after] = await Promise.all([
      sharp(original).raw().toBuffer(),
      sharp(stripped).raw().toBuffer(),
    ]);
    expect(after.equals(before)).toBe(true);
  });

  it('walks the several scans of a progressive JPEG and stops at the end of the image', async () => {
    const progressive = await sharp({ create: { width: 80, height: 60, channels: 3, background: '#468' } })
      .withExif({ IFD0: { Model: SECRETS.camera } })
      .jpeg({ progressive: true })
      .toBuffer();
    const clean = stripJpegSegments(progressive);
    expect(includes(clean, SECRETS.camera)).toBe(false);
    expect((await sharp(clean).raw().toBuffer()).equals(await sharp(progressive).raw().toBuffer())).toBe(
      true,
    );
    const stripped = stripJpegSegments(await phonePhotoWithTrailers());
    expect(includes(stripped, SECRETS.trailer)).toBe(false);
    expect(includes(stripped, SECRETS.secondCamera)).toBe(false);
  });

  it('copies stuffed bytes, restart markers and fill bytes inside a scan as they are', () => {
    const scanHeader = segment(0xda, Buffer.from([1, 1, 0, 0, 63, 0]));
    const entropy = Buffer.from([0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56, 0xff, 0xff, 0xd1, 0x78]);
    const jpeg = Buffer.concat([
      Buffer.from([0xff, 0xd8]),
      segment(0xe1, Buffer.from(`Exif\0\0${SECRETS.camera}`)),
      Buffer.from([0xff, 0xff]), // fill bytes before a marker
      scanHeader,
      entropy,
      Buffer.from([0xff, 0xd9]),
      Buffer.from(SECRETS.trailer),
    ]);
    expect([...stripJpegSegments(jpeg)]).toEqual([0xff, 0xd8, ...scanHeader, ...entropy, 0xff, 0xd9]);
  });

  it("keeps Adobe's colour-transform segment, cut to its fixed fields", () => {
    const adobe = Buffer.concat([
      Buffer.from('Adobe', 'latin1'),
      Buffer.from([0, 100, 0, 0, 0, 0, 1]),
      Buffer.from('tail'),
    ]);
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8]), segment(0xee, adobe), Buffer.from([0xff, 0xd9])]);
    const stripped = stripJpegSegments(jpeg);
    expect([...stripped]).toEqual([0xff, 0xd8, 0xff, 0xee, 0, 14, ...adobe.subarray(0, 12), 0xff, 0xd9]);
  });

  it('closes a truncated image and refuses what is not a JPEG', async () => {
    const original = await sharp({
      create: {
        width: 200,
        height: 150,
        channels: 3,
        background: '#808080',
        noise: { type: 'gaussian', mean: 128, sigma: 40 },
      },
    })
      .jpeg()
      .toBuffer();
    const cut = stripJpegSegments(original.subarray(0, original.length - 400));
    expect([...cut.subarray(-2)]).toEqual([0xff, 0xd9]);
    expect(() => stripJpegSegments(Buffer.from('%PDF-1.4'))).toThrow(JpegSegmentError);
    expect(() => stripJpegSegments(Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff]))).toThrow(
      JpegSegmentError,
    );
  });
});
