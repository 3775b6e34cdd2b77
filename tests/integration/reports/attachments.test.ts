/**
 * Attachments through `POST /api/reports`, as stored: each test decrypts what was stored and looks
 * for what must not survive (EXIF, GPS, appended pictures and videos, PDF metadata, scripts,
 * attached files) with sharp, pdf-lib and a byte search. Hostile files and malformed bodies get a
 * 4xx problem, and a report with one bad file stores nothing at all.
 */
import { decodePDFRawStream, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decryptField } from '../../../functions/crypto/envelope.ts';
import { openReportKey, reportContext } from '../../../functions/reports/report-store.ts';
import { engines, type TestDatabase } from '../../helpers/databases.ts';
import { createTestDeps, type TestDeps } from '../../helpers/deps.ts';
import {
  count,
  GPS,
  includes,
  pdfWithEverything,
  phonePhotoWithTrailers,
  photo,
  pngWithTextAndExif,
  randomWithMagic,
  SECRETS,
  webpWithExifAndXmp,
} from '../../helpers/media-files.ts';
import { multipart, problemOf } from '../../helpers/report-uploads.ts';

async function photoWithGps(format: 'jpeg' | 'png' | 'webp'): Promise<Buffer> {
  const image = sharp({ create: { width: 32, height: 24, channels: 3, background: '#3a7' } })
    .withExif({ IFD0: { Make: 'PhoneMaker', Model: 'Serial-XK-2231' }, IFD3: GPS })
    [format]();
  return image.toBuffer();
}

async function stored(t: TestDatabase, deps: TestDeps): Promise<{ mediaType: string; bytes: Buffer }[]> {
  const rows = await t.db.query<{ id: string; report_id: string; content: Uint8Array; media_type: string }>(
    'select id, report_id, content, media_type from report_attachments order by id',
  );
  return Promise.all(
    rows.map(async (row) => {
      const key = await openReportKey(t.db, deps.keys, row.report_id);
      const bytes = await decryptField(key, row.content, reportContext.attachment(row.report_id, row.id));
      return { mediaType: row.media_type, bytes };
    }),
  );
}

/**
 * Every object of a PDF written out plainly (none inside object streams) and every compressed
 * stream inflated, so that a byte search sees all the file holds.
 */
async function pdfInside(bytes: Uint8Array): Promise<Buffer> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const plain = await doc.save({ useObjectStreams: false });
  const streams = doc.context
    .enumerateIndirectObjects()
    .map(([, object]) => object)
    .filter((o): o is PDFRawStream => o instanceof PDFRawStream)
    .filter((s) => s.dict.lookup(PDFName.of('Filter')) === PDFName.of('FlateDecode'))
    .map((s) => Buffer.from(decodePDFRawStream(s).decode()));
  return Buffer.concat([Buffer.from(bytes), Buffer.from(plain), ...streams]);
}

function jpegImagesOf(doc: PDFDocument): Buffer[] {
  return doc.context
    .enumerateIndirectObjects()
    .map(([, object]) => object)
    .filter(
      (o): o is PDFRawStream =>
        o instanceof PDFRawStream &&
        o.dict.lookup(PDFName.of('Subtype')) === PDFName.of('Image') &&
        o.dict.lookup(PDFName.of('Filter')) === PDFName.of('DCTDecode'),
    )
    .map((s) => Buffer.from(s.contents));
}

describe.each(engines)('attachments on $name', (engine) => {
  let t: TestDatabase;
  let deps: TestDeps;
  beforeEach(async () => {
    t = await engine.create();
    deps = createTestDeps(t.db);
  });
  afterEach(async () => {
    await deps.media.close();
    await t.dispose();
  });

  it('stores a photo encrypted and without its GPS position', async () => {
    const photo = await photoWithGps('jpeg');
    const response = await multipart(deps, [{ name: 'house.jpg', type: 'image/jpeg', bytes: photo }]);
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
    const response = await multipart(deps, [
      { name: 'photo.jpg', type: 'image/jpeg', bytes: Buffer.from('MZ executable') },
    ]);
    expect(response.status).toBe(422);
    expect((await response.json()).errors[0].field).toBe('attachments');
  });

  it('refuses more than 10 MB in total', async () => {
    const big = Buffer.concat([await photoWithGps('jpeg'), Buffer.alloc(6 * 1024 * 1024)]);
    const response = await multipart(deps, [
      { name: 'a.jpg', type: 'image/jpeg', bytes: big },
      { name: 'b.jpg', type: 'image/jpeg', bytes: big },
    ]);
    expect(response.status).toBe(413);
  });

  it('keeps only the picture of a phone photo: no EXIF, no GPS, no second picture, no video', async () => {
    const original = await phonePhotoWithTrailers();
    for (const secret of [SECRETS.camera, SECRETS.secondCamera, SECRETS.trailer]) {
      expect(includes(original, secret), `the fixture carries ${secret}`).toBe(true);
    }
    const response = await multipart(deps, [{ name: 'IMG_2231.jpg', type: 'image/jpeg', bytes: original }]);
    expect(response.status).toBe(201);
    const [file] = await stored(t, deps);
    expect(file!.mediaType).toBe('image/jpeg');
    const meta = await sharp(file!.bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    // Turned upright before the orientation tag was dropped: the 64 × 48 picture stood on its side.
    expect([meta.width, meta.height]).toEqual([48, 64]);
    for (const secret of [
      SECRETS.camera,
      SECRETS.secondCamera,
      SECRETS.trailer,
      'Exif',
      'MPF',
      'ftyp',
      'GPS',
    ]) {
      expect(includes(file!.bytes, secret), secret).toBe(false);
    }
    // One picture: one start-of-image, and the end-of-image is the last thing in the file.
    expect(count(file!.bytes, Buffer.from([0xff, 0xd8, 0xff]))).toBe(1);
    expect(count(file!.bytes, Buffer.from([0xff, 0xd9]))).toBe(1);
    expect([...file!.bytes.subarray(-2)]).toEqual([0xff, 0xd9]);
  });

  it.each([
    [
      'PNG text and eXIf chunks',
      'image/png',
      pngWithTextAndExif,
      [SECRETS.note, SECRETS.camera, 'tEXt', 'eXIf'],
    ],
    [
      'WebP EXIF and XMP chunks',
      'image/webp',
      webpWithExifAndXmp,
      [SECRETS.camera, SECRETS.xmp, 'EXIF', 'XMP '],
    ],
  ] as const)('removes %s', async (_name, type, make, secrets) => {
    const original = await make();
    const before = await sharp(original).metadata();
    expect(before.exif ?? before.comments, 'the fixture carries metadata').toBeDefined();
    for (const secret of secrets) expect(includes(original, secret), secret).toBe(true);
    const response = await multipart(deps, [{ name: 'screenshot', type, bytes: original }]);
    expect(response.status).toBe(201);
    const [file] = await stored(t, deps);
    expect(file!.mediaType).toBe(type);
    const meta = await sharp(file!.bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.comments).toBeUndefined();
    expect([meta.width, meta.height]).toEqual([before.width, before.height]);
    for (const secret of secrets) expect(includes(file!.bytes, secret), secret).toBe(false);
  });

  it('rebuilds a PDF without its metadata, history, scripts, attached files, links or the EXIF of its images', async () => {
    const original = await pdfWithEverything();
    const inside = await pdfInside(original);
    const { author, revisedAuthor, camera, xmp, imageXmp, script, attachment } = SECRETS;
    for (const secret of [author, revisedAuthor, camera, xmp, imageXmp, script, attachment]) {
      expect(includes(inside, secret), `the fixture carries ${secret}`).toBe(true);
    }
    const response = await multipart(deps, [
      { name: 'payslips.pdf', type: 'application/pdf', bytes: original },
    ]);
    expect(response.status).toBe(201);
    const [file] = await stored(t, deps);
    expect(file!.mediaType).toBe('application/pdf');

    const doc = await PDFDocument.load(file!.bytes, { updateMetadata: false });
    expect(doc.getPageCount()).toBe(2);
    expect(doc.context.trailerInfo.Info).toBeUndefined();
    expect([doc.getTitle(), doc.getAuthor(), doc.getProducer(), doc.getCreator(), doc.getKeywords()]).toEqual(
      [undefined, undefined, undefined, undefined, undefined],
    );
    const cleaned = await pdfInside(file!.bytes);
    for (const secret of Object.values(SECRETS)) {
      expect(includes(cleaned, secret), secret).toBe(false);
    }
    for (const key of [
      '/Metadata',
      '/JavaScript',
      '/OpenAction',
      '/EmbeddedFile',
      '/Annots',
      '/URI',
      '/PieceInfo',
      'Exif',
    ]) {
      expect(includes(cleaned, key), key).toBe(false);
    }
    // What the pages show is still there: the text, and the photo with its pixels but no EXIF.
    // (pdf-lib writes standard-font text as hexadecimal strings.)
    const text = Buffer.from('Wages withheld since March', 'latin1').toString('hex').toUpperCase();
    expect(includes(cleaned, text)).toBe(true);
    const [image] = jpegImagesOf(doc);
    const meta = await sharp(image).metadata();
    expect(meta.exif).toBeUndefined();
    expect([meta.width, meta.height]).toEqual([120, 80]);
  });

  it('stores nothing when one of the files cannot be cleaned', async () => {
    const response = await multipart(deps, [
      { name: 'good.jpg', type: 'image/jpeg', bytes: await photo('jpeg') },
      { name: 'bad.png', type: 'image/png', bytes: randomWithMagic('png') },
    ]);
    expect(response.status).toBe(422);
    expect((await problemOf(response)).code).toBe('attachment-unreadable');
    const [reports] = await t.db.query<{ n: number }>('select count(*)::int as n from reports');
    const [files] = await t.db.query<{ n: number }>('select count(*)::int as n from report_attachments');
    expect([reports!.n, files!.n]).toEqual([0, 0]);
  });
});
