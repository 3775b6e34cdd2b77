/**
 * PDFs are rebuilt, not patched: pdf-lib reads the file and its pages are copied into a new,
 * empty document, so everything that hangs off the old document rather than off a page is left
 * behind: the Info dictionary (author, title, producer, dates), the XMP metadata stream,
 * document-level JavaScript and the open action, embedded files, outlines, the form, the structure
 * tree and every earlier revision kept by incremental updates.
 *
 * What a page itself refers to is then cut down as well: a page keeps only what draws it (contents,
 * resources, its boxes and rotation), so annotations, links, comments, attached files, form
 * fields and page actions go; metadata streams, application data (PieceInfo), actions and
 * geospatial measures are removed from every object that remains; objects nothing points to any
 * more are deleted before the file is written, and no producer or creator is set. JPEG images keep
 * their pixels but lose their EXIF, XMP and other segments (see strip-jpeg-segments.ts).
 *
 * What remains is what the pages show: text, vector drawings, images' pixels, fonts (with the
 * names and notices inside font programs) and colour profiles. The README's reports section says
 * so too.
 */
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  type PDFObject,
  PDFRawStream,
  PDFRef,
  PDFStream,
} from 'pdf-lib';
import { CleaningRefused } from './cleaning-contract.ts';
import { stripJpegSegments } from './strip-jpeg-segments.ts';

export const MAX_PAGES = 2000;

const name = (n: string) => PDFName.of(n);

/**
 * All a page needs to be drawn the same way; its parent too, while it is still in the old document,
 * because boxes, resources and rotation may be inherited from there.
 */
const PAGE_KEYS = new Set(
  [
    'Type',
    'Parent',
    'Resources',
    'MediaBox',
    'CropBox',
    'BleedBox',
    'TrimBox',
    'ArtBox',
    'Rotate',
    'Contents',
    'Group',
    'UserUnit',
  ].map(name),
);

/** Keys that carry metadata, application data, behaviour or places, wherever they appear. */
const DROPPED_KEYS = ['Metadata', 'PieceInfo', 'LastModified', 'AA', 'OPI', 'Measure', 'PtData'].map(name);

/** A stream's data kept in another file: the path names someone's folders. */
const DROPPED_STREAM_KEYS = ['F', 'FFilter', 'FDecodeParms'].map(name);

function keepPageKeys(page: PDFDict): void {
  for (const key of page.keys()) if (!PAGE_KEYS.has(key)) page.delete(key);
}

function scrub(dict: PDFDict, isStream: boolean): void {
  for (const key of DROPPED_KEYS) dict.delete(key);
  if (isStream) for (const key of DROPPED_STREAM_KEYS) dict.delete(key);
}

function filterNames(dict: PDFDict): string[] {
  const filter = dict.lookup(name('Filter'));
  if (filter instanceof PDFName) return [filter.decodeText()];
  if (filter instanceof PDFArray) {
    return filter.asArray().map((f) => {
      const resolved = dict.context.lookup(f);
      return resolved instanceof PDFName ? resolved.decodeText() : '';
    });
  }
  return [];
}

/** A JPEG image stream with its metadata segments removed, or the stream itself if it holds none. */
function cleanedImageStream(stream: PDFRawStream): PDFRawStream {
  const { dict } = stream;
  if (dict.lookup(name('Subtype')) !== name('Image')) return stream;
  const filters = filterNames(dict);
  const dct = filters.indexOf('DCTDecode');
  if (dct === -1) return stream;
  // A JPEG wrapped in other encodings (ASCII85, Flate): undo those first, then store it plain.
  let jpeg = stream.contents;
  if (dct > 0) {
    const outer = dict.clone();
    const parms = dict.lookup(name('DecodeParms'));
    outer.set(name('Filter'), dict.context.obj(filters.slice(0, dct)));
    if (parms instanceof PDFArray)
      outer.set(name('DecodeParms'), dict.context.obj(parms.asArray().slice(0, dct)));
    else outer.delete(name('DecodeParms'));
    jpeg = decodePDFRawStream(PDFRawStream.of(outer, stream.contents)).decode();
  }
  if (dct !== filters.length - 1) throw new CleaningRefused('unreadable');
  const cleaned = dict.clone();
  cleaned.set(name('Filter'), name('DCTDecode'));
  const parms = dict.lookup(name('DecodeParms'));
  if (parms instanceof PDFArray) {
    const own = parms.get(dct);
    if (own) cleaned.set(name('DecodeParms'), own);
    else cleaned.delete(name('DecodeParms'));
  }
  return PDFRawStream.of(cleaned, stripJpegSegments(jpeg));
}

/**
 * Walks everything reachable from the catalog once, scrubbing dictionaries and JPEG images on the
 * way, and returns the references it reached.
 */
function scrubReachable(doc: PDFDocument): Set<PDFRef> {
  const { context } = doc;
  const reached = new Set<PDFRef>();
  const pending: PDFObject[] = [doc.catalog];
  const root = context.trailerInfo.Root;
  if (root instanceof PDFRef) reached.add(root);
  for (let object = pending.pop(); object !== undefined; object = pending.pop()) {
    if (object instanceof PDFRef) {
      if (reached.has(object)) continue;
      reached.add(object);
      let target = context.lookup(object);
      if (target instanceof PDFRawStream) {
        const cleaned = cleanedImageStream(target);
        if (cleaned !== target) context.assign(object, cleaned);
        target = cleaned;
      }
      if (target) pending.push(target);
    } else if (object instanceof PDFStream) {
      scrub(object.dict, true);
      pending.push(...object.dict.values());
    } else if (object instanceof PDFDict) {
      scrub(object, false);
      pending.push(...object.values());
    } else if (object instanceof PDFArray) {
      pending.push(...object.asArray());
    }
  }
  return reached;
}

export async function cleanPdf(bytes: Uint8Array): Promise<Uint8Array> {
  let source: PDFDocument;
  try {
    // Loaded even when encrypted, to tell that apart from damage (pdf-lib's own error for it
    // cannot be recognised with instanceof); an encrypted file is then refused, never read on.
    source = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true });
  } catch {
    throw new CleaningRefused('unreadable');
  }
  if (source.isEncrypted) throw new CleaningRefused('encrypted');
  try {
    const count = source.getPageCount();
    if (count === 0) throw new CleaningRefused('unreadable');
    if (count > MAX_PAGES) throw new CleaningRefused('too-large');
    // Pruned before copying, so that annotations and what they carry are never copied at all.
    for (const page of source.getPages()) keepPageKeys(page.node);
    const rebuilt = await PDFDocument.create({ updateMetadata: false });
    const pages = await rebuilt.copyPages(
      source,
      Array.from({ length: count }, (_, i) => i),
    );
    for (const page of pages) rebuilt.addPage(page);
    const { context } = rebuilt;
    context.trailerInfo.Info = undefined;
    context.trailerInfo.ID = undefined;
    const reached = scrubReachable(rebuilt);
    for (const [ref] of context.enumerateIndirectObjects()) if (!reached.has(ref)) context.delete(ref);
    return await rebuilt.save({
      useObjectStreams: false,
      addDefaultPage: false,
      updateFieldAppearances: false,
    });
  } catch (error) {
    throw error instanceof CleaningRefused ? error : new CleaningRefused('unreadable');
  }
}
