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
import { createMediaCleaner } from '../../../functions/media/media-cleaner.ts';
import { openReportKey, reportContext } from '../../../functions/reports/report-store.ts';
import { handleApi } from '../../../functions/routes.ts';
import { engines, type TestDatabase } from '../../helpers/databases.ts';
import { createTestDeps, type TestDeps } from '../../helpers/deps.ts';
import {
  count,
  craftedPdf,
  encryptedPdf,
  GPS,
  includes,
  pdfWithEverything,
  phonePhotoWithTrailers,
  photo,
  pngBomb,
  pngWithTextAndExif,
  randomWithMagic,
  SECRETS,
  truncated,
  webpWithExifAndXmp,
} from '../../helpers/media-files.ts';
import { CLIENT } from '../../helpers/report-client.ts';

async function photoWithGps(format: 'jpeg' | 'png' | 'webp'): Promise<Buffer> {
  const image = sharp({ create: { width: 32, height: 24, channels: 3, background: '#3a7' } })
    .withExif({ IFD0: { Make: 'PhoneMaker', Model: 'Serial-XK-2231' }, IFD3: GPS })
    [format]();
  return image.toBuffer();
}

interface Upload {
  name: string;
  type: string;
  bytes: Buffer;
}

function multipart(deps: TestDeps, files: Upload[], locale = 'en') {
  const form = new FormData();
  form.set('description', 'Photo of the house where the workers are kept');
  form.set('locale', locale);
  for (const f of files)
    form.append('attachments', new Blob([new Uint8Array(f.bytes)], { type: f.type }), f.name);
  return handleApi(new Request('http://test/api/reports', { method: 'POST', body: form }), deps, CLIENT);
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

async function problemOf(response: Response) {
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  return (await response.json()) as { code: string; errors?: { field: string; message: string }[] };
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

describe('hostile attachments and bodies', () => {
  const [engine] = engines;
  let t: TestDatabase;
  let deps: TestDeps;
  beforeEach(async () => {
    t = await engine!.create();
    deps = createTestDeps(t.db);
  });
  afterEach(async () => {
    await deps.media.close();
    await t.dispose();
  });

  async function health() {
    return handleApi(new Request('http://test/api/health'), deps, CLIENT);
  }

  it('answers an encrypted PDF with a problem in the reporter’s language', async () => {
    const response = await multipart(
      deps,
      [{ name: 'locked.pdf', type: 'application/pdf', bytes: encryptedPdf() }],
      'fr',
    );
    expect(response.status).toBe(422);
    const problem = await problemOf(response);
    expect(problem.code).toBe('attachment-encrypted');
    expect(problem.errors).toEqual([
      { field: 'attachments', message: expect.stringContaining('protégé par un mot de passe') },
    ]);
  });

  it('refuses hostile files of every type with a 4xx problem and keeps answering', async () => {
    const jpeg = await photo('jpeg', { width: 400, height: 300 });
    const png = await photo('png', { width: 400, height: 300 });
    const webp = await photo('webp', { width: 400, height: 300 });
    const hostile: [string, string, Buffer, string][] = [
      ['truncated JPEG', 'image/jpeg', truncated(jpeg), 'attachment-unreadable'],
      ['truncated PNG', 'image/png', truncated(png), 'attachment-unreadable'],
      ['truncated WebP', 'image/webp', truncated(webp), 'attachment-unreadable'],
      ['truncated PDF', 'application/pdf', truncated(await pdfWithEverything()), 'attachment-unreadable'],
      ['PNG declaring 20000 × 20000 pixels', 'image/png', pngBomb(20_000, 20_000), 'attachment-too-large'],
      ['random bytes after a JPEG signature', 'image/jpeg', randomWithMagic('jpeg'), 'attachment-unreadable'],
      ['random bytes after a PNG signature', 'image/png', randomWithMagic('png'), 'attachment-unreadable'],
      ['random bytes after a WebP signature', 'image/webp', randomWithMagic('webp'), 'attachment-unreadable'],
      [
        'random bytes after a PDF signature',
        'application/pdf',
        randomWithMagic('pdf'),
        'attachment-unreadable',
      ],
      [
        'PDF of repeated /Author(',
        'application/pdf',
        craftedPdf('/Author(', 384 * 1024),
        'attachment-unreadable',
      ],
    ];
    for (const [name, type, bytes, code] of hostile) {
      const response = await multipart(deps, [{ name: 'file', type, bytes }]);
      expect(response.status, name).toBeGreaterThanOrEqual(400);
      expect(response.status, name).toBeLessThan(500);
      expect((await problemOf(response)).code, name).toBe(code);
      expect((await health()).status).toBe(200);
    }
    const [files] = await t.db.query<{ n: number }>('select count(*)::int as n from report_attachments');
    expect(files!.n).toBe(0);
  });

  it('turns uploads away with 503 and Retry-After while the cleaning queue is full', async () => {
    await deps.media.close();
    deps = { ...deps, media: createMediaCleaner({ queueLimit: 0 }) };
    const response = await multipart(
      deps,
      [{ name: 'a.jpg', type: 'image/jpeg', bytes: await photo('jpeg') }],
      'es',
    );
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('60');
    const problem = await problemOf(response);
    expect(problem.code).toBe('attachments-busy');
    expect(problem.errors?.[0]?.message).toContain('Espere un minuto');
  });

  function post(body: BodyInit, headers: Record<string, string>) {
    return handleApi(
      new Request('http://test/api/reports', {
        method: 'POST',
        body,
        headers,
        duplex: 'half',
      } as RequestInit),
      deps,
      CLIENT,
    );
  }

  it.each([
    ['no boundary', { 'content-type': 'multipart/form-data' }, '--x\r\n\r\n', 400],
    ['no parts', { 'content-type': 'multipart/form-data; boundary=x' }, '', 400],
    [
      'a part cut short',
      { 'content-type': 'multipart/form-data; boundary=x' },
      '--x\r\nContent-Disposition: form-data; name="attachments"; filename="a.jpg"\r\n\r\n\xff\xd8\xff',
      400,
    ],
    [
      'too many parts',
      { 'content-type': 'multipart/form-data; boundary=x' },
      `${'--x\r\nContent-Disposition: form-data; name="signs"\r\n\r\ndebt\r\n'.repeat(101)}--x--\r\n`,
      413,
    ],
    ['no content type', {}, 'description=hello', 415],
  ] as const)(
    'answers a multipart body with %s with a problem, not an error',
    async (_name, headers, body, status) => {
      const response = await post(Buffer.from(body, 'latin1'), headers);
      expect(response.status).toBe(status);
      await problemOf(response);
    },
  );

  it('answers a streamed body larger than the limit with 413, whatever Content-Length said', async () => {
    const chunk = new Uint8Array(1024 * 1024);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1;
        if (sent > 20) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const response = await post(stream, { 'content-type': 'multipart/form-data; boundary=x' });
    expect(response.status).toBe(413);
    expect((await problemOf(response)).code).toBe('body-too-large');
  });
});
