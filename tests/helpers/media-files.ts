/**
 * Files made at test time: photos and PDFs carrying what phones and PDF tools leave in them (GPS
 * positions, camera serials, authors, appended pictures and videos, scripts, attached files), and
 * hostile files (truncated, bombs, crafted to make parsers work hard). Every identifying value is in
 * SECRETS, so a test can look for all of them in what was stored.
 */
import { randomBytes } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import { PDFDocument, PDFName, PDFRawStream, PDFString, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';

export const SECRETS = {
  camera: 'Serial-XK-2231',
  secondCamera: 'SecondCam-7731',
  author: 'Jane Reporter',
  revisedAuthor: 'Revised Author Name',
  trailer: 'MotionPhoto_Data',
  note: 'PNG note: taken at 27 Lakeside Road',
  xmp: 'xmp-creator-Jane',
  imageXmp: 'image-xmp-creator-Jane',
  script: 'tracker.example',
  attachment: 'evidence-notes.txt',
} as const;

export const GPS = {
  GPSLatitudeRef: 'N',
  GPSLatitude: '27/1 42/1 3/1',
  GPSLongitudeRef: 'E',
  GPSLongitude: '85/1 19/1 6/1',
};

export function includes(haystack: Uint8Array, needle: string | Uint8Array): boolean {
  return Buffer.from(haystack).includes(
    Buffer.from(typeof needle === 'string' ? Buffer.from(needle, 'latin1') : needle),
  );
}

export function count(haystack: Uint8Array, needle: Uint8Array): number {
  const hay = Buffer.from(haystack);
  let n = 0;
  for (let at = hay.indexOf(needle); at !== -1; at = hay.indexOf(needle, at + 1)) n += 1;
  return n;
}

/** A small photo with EXIF (camera serial, GPS) and, optionally, a sideways orientation tag. */
export async function photo(
  format: 'jpeg' | 'png' | 'webp',
  options: { camera?: string; width?: number; height?: number; orientation?: number } = {},
): Promise<Buffer> {
  const { camera = SECRETS.camera, width = 48, height = 32, orientation } = options;
  let image = sharp({ create: { width, height, channels: 3, background: '#3a7' } }).withExif({
    IFD0: { Make: 'PhoneMaker', Model: camera },
    IFD3: GPS,
  });
  if (orientation) image = image.withMetadata({ orientation });
  return image[format]().toBuffer();
}

/** An APP2 segment as phones write for MPF (Multi-Picture Format): it points at pictures after the first. */
function mpfSegment(): Buffer {
  const payload = Buffer.concat([Buffer.from('MPF\0', 'latin1'), Buffer.from('MM\0*\0\0\0\x08', 'latin1')]);
  const header = Buffer.from([0xff, 0xe2, 0, 0]);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([header, payload]);
}

/**
 * What a phone writes for a "motion photo" with a depth or HDR picture: the photo (EXIF, GPS, MPF
 * index), then after its end-of-image a second JPEG with its own EXIF and GPS, then a video.
 */
export async function phonePhotoWithTrailers(): Promise<Buffer> {
  const primary = await photo('jpeg', { width: 64, height: 48, orientation: 6 });
  const withMpf = Buffer.concat([primary.subarray(0, 2), mpfSegment(), primary.subarray(2)]);
  const second = await photo('jpeg', { camera: SECRETS.secondCamera, width: 16, height: 12 });
  const video = Buffer.concat([
    Buffer.from(SECRETS.trailer, 'latin1'),
    Buffer.from('\0\0\0\x18ftypmp42\0\0\0\0mp42isom', 'latin1'),
    randomBytes(2048),
  ]);
  return Buffer.concat([withMpf, second, video]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A PNG with a tEXt note and an eXIf chunk (camera serial), written chunk by chunk. */
export async function pngWithTextAndExif(): Promise<Buffer> {
  const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c52' } })
    .png()
    .toBuffer();
  const exif = (await sharp(await photo('jpeg')).metadata()).exif!;
  // sharp's EXIF blob starts with "Exif\0\0"; a PNG eXIf chunk holds the TIFF structure alone.
  const tiff = exif.subarray(6);
  const afterHeader = 8 + 25;
  return Buffer.concat([
    png.subarray(0, afterHeader),
    pngChunk('tEXt', Buffer.from(`Comment\0${SECRETS.note}`, 'latin1')),
    pngChunk('eXIf', tiff),
    png.subarray(afterHeader),
  ]);
}

export async function webpWithExifAndXmp(): Promise<Buffer> {
  return sharp({ create: { width: 40, height: 30, channels: 3, background: '#25c' } })
    .withExif({ IFD0: { Make: 'PhoneMaker', Model: SECRETS.camera }, IFD3: GPS })
    .withXmp(
      `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>${SECRETS.xmp}</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>`,
    )
    .webp()
    .toBuffer();
}

/**
 * A two-page PDF with everything a PDF can carry besides its pages: Info (title, author, producer,
 * creator), an XMP stream, an attached file, document JavaScript and a JavaScript open action, a
 * link annotation, page-level application data, a JPEG whose EXIF has a GPS position and which
 * has an XMP stream of its own, objects in
 * compressed object streams, and an incremental update on top (a new author) that still leaves
 * the first revision's author in the file.
 */
export async function pdfWithEverything(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setTitle(`Payslips of ${SECRETS.author}`);
  doc.setAuthor(SECRETS.author);
  doc.setProducer(`Phone Scanner ${SECRETS.camera}`);
  doc.setCreator(`ScanApp ${SECRETS.camera}`);
  doc.setSubject('wages');
  doc.setKeywords(['passport', SECRETS.author]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const image = await doc.embedJpg(await photo('jpeg', { width: 120, height: 80 }));
  const first = doc.addPage([300, 400]);
  first.drawText('Wages withheld since March', { x: 20, y: 360, size: 12, font });
  first.drawImage(image, { x: 20, y: 200, width: 120, height: 80 });
  const second = doc.addPage([300, 400]);
  second.drawText('Passports kept in the office safe', { x: 20, y: 360, size: 12, font });

  const xmp = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>${SECRETS.xmp}</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;
  const metadata = doc.context.stream(xmp, { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(metadata));
  // The photo carries its own XMP stream too (as images from Adobe tools do).
  await doc.flush();
  const imageXmp = doc.context.stream(xmp.replace(SECRETS.xmp, SECRETS.imageXmp), {
    Type: 'Metadata',
    Subtype: 'XML',
  });
  const imageStream = doc.context.lookup(image.ref);
  if (!(imageStream instanceof PDFRawStream)) throw new Error('pdf-lib embedded the photo in another way');
  imageStream.dict.set(PDFName.of('Metadata'), doc.context.register(imageXmp));
  await doc.attach(Buffer.from(`notes by ${SECRETS.author}`), SECRETS.attachment, { mimeType: 'text/plain' });
  doc.addJavaScript('hello', `app.alert("${SECRETS.script}")`);
  doc.catalog.set(
    PDFName.of('OpenAction'),
    doc.context.obj({ S: 'JavaScript', JS: PDFString.of(`app.launchURL("https://${SECRETS.script}/open")`) }),
  );
  const link = doc.context.register(
    doc.context.obj({
      Type: 'Annot',
      Subtype: 'Link',
      Rect: [20, 20, 200, 40],
      A: { S: 'URI', URI: PDFString.of(`https://${SECRETS.script}/link`) },
    }),
  );
  first.node.set(PDFName.of('Annots'), doc.context.obj([link]));
  first.node.set(
    PDFName.of('PieceInfo'),
    doc.context.obj({ ScanApp: { Private: PDFString.of(`device ${SECRETS.camera}`) } }),
  );
  const saved = Buffer.from(await doc.save({ useObjectStreams: true }));
  const root = doc.context.trailerInfo.Root!.toString();
  const update = `\n900 0 obj\n<< /Author (${SECRETS.revisedAuthor}) >>\nendobj\ntrailer\n<< /Size 901 /Root ${root} /Info 900 0 R >>\n%%EOF\n`;
  return Buffer.concat([saved, Buffer.from(update, 'latin1')]);
}

/** A PDF whose trailer names an encryption dictionary (RC4, empty user password). */
export function encryptedPdf(): Buffer {
  const key = '28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A';
  return Buffer.from(
    [
      '%PDF-1.4',
      '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
      '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
      '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj',
      `4 0 obj << /Filter /Standard /V 1 /R 2 /O <${key}> /U <${key}> /P -4 >> endobj`,
      'trailer << /Size 5 /Root 1 0 R /Encrypt 4 0 R /ID [<0102> <0102>] >>',
      '%%EOF',
      '',
    ].join('\n'),
    'latin1',
  );
}

/** The inputs that made the old regex-based stripping backtrack: a marker repeated, never closed. */
export function craftedPdf(unit: '/Author(' | '<?xpacket begin', size: number): Buffer {
  const head = '%PDF-1.4\n1 0 obj\n<< ';
  return Buffer.from(head + unit.repeat(Math.floor((size - head.length) / unit.length)), 'latin1');
}

/** A PNG that declares `width` × `height` grey pixels in a few kilobytes of compressed zeros. */
export function pngBomb(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([1, 0, 0, 0, 0], 8); // 1 bit per pixel, greyscale
  const rowBytes = 1 + Math.ceil(width / 8);
  const rows = Math.min(height, Math.floor((64 * 1024 * 1024) / rowBytes));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.alloc(rowBytes * rows), { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Random bytes behind a valid signature, so that the file is taken for what it claims to be. */
export function randomWithMagic(type: 'jpeg' | 'png' | 'webp' | 'pdf', size = 64 * 1024): Buffer {
  const body = randomBytes(size);
  const magic = {
    jpeg: Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
    png: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    webp: Buffer.from('RIFF\0\0\0\0WEBPVP8 ', 'latin1'),
    pdf: Buffer.from('%PDF-1.7\n', 'latin1'),
  }[type];
  magic.copy(body);
  return body;
}

export function truncated(bytes: Buffer): Buffer {
  return bytes.subarray(0, Math.floor(bytes.length / 2));
}
