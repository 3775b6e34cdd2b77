/**
 * M4A (AAC or ALAC audio in an MP4 container), as iPhones send voice memos. The audio samples are
 * kept; of the boxes, only `ftyp`, `moov` and `mdat` stay at the top level, and inside `moov`
 * every `udta` and `meta` (iTunes-style tags: title, author, location `©xyz`, device, encoder) is
 * dropped. Chunk offsets (`stco`, `co64`) are moved by what was removed before them. A file with
 * any track other than sound (a video) is refused.
 */
import { CleaningRefused } from './cleaning-contract.ts';

const CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl', 'edts', 'dinf']);
const DROPPED_INSIDE = new Set(['udta', 'meta']);
const KEPT_TOP = new Set(['ftyp', 'moov', 'mdat']);
const MAX_BOXES = 10_000;

interface Box {
  type: string;
  start: number;
  headerLength: number;
  end: number;
}

function readBoxes(bytes: Uint8Array, from: number, to: number, budget: { boxes: number }): Box[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const boxes: Box[] = [];
  let at = from;
  while (at < to) {
    if (at + 8 > to || ++budget.boxes > MAX_BOXES) throw new CleaningRefused('unreadable');
    let size = view.getUint32(at);
    const type = Buffer.from(bytes.subarray(at + 4, at + 8)).toString('latin1');
    let headerLength = 8;
    if (size === 1) {
      if (at + 16 > to) throw new CleaningRefused('unreadable');
      const big = view.getBigUint64(at + 8);
      if (big > BigInt(to - at)) throw new CleaningRefused('unreadable');
      size = Number(big);
      headerLength = 16;
    } else if (size === 0) {
      size = to - at;
    }
    if (size < headerLength || at + size > to) throw new CleaningRefused('unreadable');
    boxes.push({ type, start: at, headerLength, end: at + size });
    at += size;
  }
  return boxes;
}

/** The `moov` rebuilt without tags; the offsets in it are fixed afterwards. */
function rebuild(bytes: Uint8Array, box: Box, budget: { boxes: number }, handlers: string[]): Uint8Array {
  if (!CONTAINERS.has(box.type)) {
    if (box.type === 'hdlr' && box.end - box.start >= box.headerLength + 12) {
      const at = box.start + box.headerLength + 8;
      handlers.push(Buffer.from(bytes.subarray(at, at + 4)).toString('latin1'));
    }
    return new Uint8Array(bytes.subarray(box.start, box.end));
  }
  const children = readBoxes(bytes, box.start + box.headerLength, box.end, budget)
    .filter((child) => !DROPPED_INSIDE.has(child.type))
    .map((child) => rebuild(bytes, child, budget, handlers));
  const size = 8 + children.reduce((n, c) => n + c.length, 0);
  const header = new Uint8Array(8);
  new DataView(header.buffer).setUint32(0, size);
  header.set(bytes.subarray(box.start + 4, box.start + 8), 4);
  return Buffer.concat([header, ...children]);
}

/** Walks a rebuilt `moov` and moves every chunk offset with `move`. */
function fixOffsets(moov: Uint8Array, move: (offset: number) => number): void {
  const view = new DataView(moov.buffer, moov.byteOffset, moov.byteLength);
  const walk = (from: number, to: number) => {
    for (const box of readBoxes(moov, from, to, { boxes: 0 })) {
      if (CONTAINERS.has(box.type)) walk(box.start + box.headerLength, box.end);
      else if (box.type === 'stco' || box.type === 'co64') {
        const body = box.start + box.headerLength;
        const count = view.getUint32(body + 4);
        const width = box.type === 'stco' ? 4 : 8;
        if (body + 8 + count * width > box.end) throw new CleaningRefused('unreadable');
        for (let i = 0; i < count; i++) {
          const at = body + 8 + i * width;
          if (width === 4) view.setUint32(at, move(view.getUint32(at)));
          else view.setBigUint64(at, BigInt(move(Number(view.getBigUint64(at)))));
        }
      }
    }
  };
  walk(8, moov.length);
}

export function cleanMp4Audio(bytes: Uint8Array): Uint8Array {
  const budget = { boxes: 0 };
  const top = readBoxes(bytes, 0, bytes.length, budget);
  if (top[0]?.type !== 'ftyp') throw new CleaningRefused('unreadable');
  const moovBox = top.find((b) => b.type === 'moov');
  if (!moovBox || !top.some((b) => b.type === 'mdat') || top.filter((b) => b.type === 'moov').length > 1)
    throw new CleaningRefused('unreadable');
  const handlers: string[] = [];
  const moov = rebuild(bytes, moovBox, budget, handlers);
  if (!handlers.includes('soun') || handlers.some((h) => h === 'vide' || h === 'pict' || h === 'text'))
    throw new CleaningRefused('unsupported-type');
  // Where each kept box lands in the new file, to move chunk offsets that point into an mdat.
  const kept = top.filter((b) => KEPT_TOP.has(b.type));
  const placed: { old: Box; newStart: number }[] = [];
  let position = 0;
  for (const box of kept) {
    placed.push({ old: box, newStart: position });
    position += box.type === 'moov' ? moov.length : box.end - box.start;
  }
  fixOffsets(moov, (offset) => {
    const home = placed.find((p) => p.old.type === 'mdat' && offset >= p.old.start && offset < p.old.end);
    if (!home) throw new CleaningRefused('unreadable');
    return offset - home.old.start + home.newStart;
  });
  return Buffer.concat(kept.map((box) => (box.type === 'moov' ? moov : bytes.subarray(box.start, box.end))));
}
