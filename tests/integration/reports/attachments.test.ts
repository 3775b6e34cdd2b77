import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decryptField } from '../../../functions/crypto/envelope.ts';
import { sniffType } from '../../../functions/reports/attachments/sniff-type.ts';
import { stripMetadata } from '../../../functions/reports/attachments/strip-metadata.ts';
import { openReportKey, reportContext } from '../../../functions/reports/report-store.ts';
import { handleApi } from '../../../functions/routes.ts';
import { engines, type TestDatabase } from '../../helpers/databases.ts';
import { createTestDeps, type TestDeps } from '../../helpers/deps.ts';
import { CLIENT } from '../../helpers/report-client.ts';

const GPS = {
  GPSLatitudeRef: 'N',
  GPSLatitude: '27/1 42/1 3/1',
  GPSLongitudeRef: 'E',
  GPSLongitude: '85/1 19/1 6/1',
};

async function photoWithGps(format: 'jpeg' | 'png' | 'webp'): Promise<Buffer> {
  const image = sharp({ create: { width: 32, height: 24, channels: 3, background: '#3a7' } })
    .withExif({ IFD0: { Make: 'PhoneMaker', Model: 'Serial-XK-2231' }, IFD3: GPS })
    [format]();
  return image.toBuffer();
}

describe('metadata removal', () => {
  it.each(['jpeg', 'png', 'webp'] as const)(
    'removes EXIF and GPS from a real %s and keeps the picture',
    async (format) => {
      const original = await photoWithGps(format);
      expect((await sharp(original).metadata()).exif, 'fixture has EXIF').toBeDefined();
      const type = sniffType(original)!;
      const cleaned = stripMetadata(type, original);
      const meta = await sharp(cleaned).metadata();
      expect(meta.exif).toBeUndefined();
      expect(meta.width).toBe(32);
      expect(cleaned.includes(Buffer.from('Serial-XK-2231'))).toBe(false);
      const pixels = await sharp(cleaned).raw().toBuffer();
      expect(pixels.length).toBe(32 * 24 * 3);
    },
  );

  it('blanks PDF document information without moving any byte offset', () => {
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj << /Author (Jane Reporter) /Producer (Phone Scanner 2.1) /Title <4A616E65> >> endobj\n' +
        '<?xpacket begin="" id="x"?><x:xmpmeta><dc:creator>Jane</dc:creator></x:xmpmeta><?xpacket end="w"?>\n%%EOF\n',
      'latin1',
    );
    const cleaned = stripMetadata('application/pdf', pdf);
    expect(cleaned.length).toBe(pdf.length);
    expect(cleaned.toString('latin1')).not.toMatch(/Jane|Scanner|4A616E65/);
    expect(cleaned.toString('latin1')).toContain('/Author (');
  });

  it('trusts the bytes, not the name: text pretending to be a photo is refused', () => {
    expect(sniffType(Buffer.from('<html>not an image</html>'))).toBeNull();
  });
});

describe.each(engines)('attachments on $name', (engine) => {
  let t: TestDatabase;
  let deps: TestDeps;
  beforeEach(async () => {
    t = await engine.create();
    deps = createTestDeps(t.db);
  });
  afterEach(() => t.dispose());

  function multipart(files: { name: string; type: string; bytes: Buffer }[]) {
    const form = new FormData();
    form.set('description', 'Photo of the house where the workers are kept');
    form.set('locale', 'en');
    for (const f of files)
      form.append('attachments', new Blob([new Uint8Array(f.bytes)], { type: f.type }), f.name);
    return handleApi(new Request('http://test/api/reports', { method: 'POST', body: form }), deps, CLIENT);
  }

  it('stores a photo encrypted and without its GPS position', async () => {
    const photo = await photoWithGps('jpeg');
    const response = await multipart([{ name: 'house.jpg', type: 'image/jpeg', bytes: photo }]);
    expect(response.status).toBe(201);
    const [row] = await t.db.query<{
      id: string;
      report_id: string;
      content: Uint8Array;
      media_type: string;
    }>('select id, report_id, content, media_type from report_attachments');
    expect(row?.media_type).toBe('image/jpeg');
    const key = await openReportKey(t.db, deps.keys, row!.report_id);
    const stored = await decryptField(key, row!.content, reportContext.attachment(row!.report_id, row!.id));
    expect((await sharp(stored).metadata()).exif).toBeUndefined();
    expect(Buffer.from(row!.content).includes(Buffer.from('PhoneMaker'))).toBe(false);
  });

  it('refuses files that are not images or PDF, whatever they claim to be', async () => {
    const response = await multipart([
      { name: 'photo.jpg', type: 'image/jpeg', bytes: Buffer.from('MZ executable') },
    ]);
    expect(response.status).toBe(422);
    expect((await response.json()).errors[0].field).toBe('attachments');
  });

  it('refuses more than 10 MB in total', async () => {
    const big = Buffer.concat([await photoWithGps('jpeg'), Buffer.alloc(6 * 1024 * 1024)]);
    const response = await multipart([
      { name: 'a.jpg', type: 'image/jpeg', bytes: big },
      { name: 'b.jpg', type: 'image/jpeg', bytes: big },
    ]);
    expect(response.status).toBe(413);
  });
});
