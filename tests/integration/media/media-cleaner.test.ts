/**
 * The cleaning pool with real workers, sharp and pdf-lib: the limits hold (time, memory, queue),
 * a worker that overran is replaced, and a batch stops at its first refusal.
 */
import { deflateSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createMediaCleaner,
  DEFAULT_TIME_LIMIT_MS,
  type MediaCleaner,
} from '../../../functions/media/media-cleaner.ts';
import { craftedPdf, photo, randomWithMagic } from '../../helpers/media-files.ts';

const KIB = 1024;
const MIB = 1024 * KIB;
/** Between the worker's deadline firing and the refusal reaching the caller. */
const SLACK_MS = 500;

let cleaner: MediaCleaner | undefined;
afterEach(async () => {
  await cleaner?.close();
  cleaner = undefined;
});

/** A pool whose worker has started already, so that timings measure cleaning, not start-up. */
async function warmPool(options: Parameters<typeof createMediaCleaner>[0] = {}): Promise<MediaCleaner> {
  cleaner = createMediaCleaner(options);
  const warm = await cleaner.clean({ bytes: await photo('jpeg'), type: 'image/jpeg' });
  expect(warm.ok).toBe(true);
  return cleaner;
}

/** An object stream that inflates to 256 MiB: pdf-lib decodes it while reading the file. */
function flateBombPdf(): Buffer {
  const bomb = deflateSync(Buffer.alloc(256 * MIB), { level: 9 });
  const head = `%PDF-1.5\n1 0 obj\n<< /Type /ObjStm /N 1 /First 8 /Filter /FlateDecode /Length ${bomb.length} >>\nstream\n`;
  return Buffer.concat([
    Buffer.from(head, 'latin1'),
    bomb,
    Buffer.from('\nendstream\nendobj\n%%EOF\n', 'latin1'),
  ]);
}

describe('media cleaner', () => {
  it.each([
    ['/Author(', 384 * KIB],
    ['/Author(', 10 * MIB],
    ['<?xpacket begin', 384 * KIB],
    ['<?xpacket begin', 10 * MIB],
  ] as const)(
    'finishes or refuses a PDF of repeated %s (%i bytes) within the time limit',
    async (unit, size) => {
      const pool = await warmPool();
      const started = performance.now();
      const result = await pool.clean({ bytes: craftedPdf(unit, size), type: 'application/pdf' });
      expect(performance.now() - started).toBeLessThan(DEFAULT_TIME_LIMIT_MS + SLACK_MS);
      expect(result.ok).toBe(false);
      expect(['unreadable', 'too-slow', 'too-much-memory']).toContain(result.ok ? 'ok' : result.refusal);
    },
  );

  it('terminates a worker that overruns and cleans the next file in a new one', async () => {
    // Long enough for a small photo on a busy machine, far too short for 10 MiB of crafted PDF.
    const pool = await warmPool({ timeLimitMs: 400, workers: 1 });
    const slow = await pool.clean({ bytes: craftedPdf('/Author(', 10 * MIB), type: 'application/pdf' });
    expect(slow).toEqual({ ok: false, refusal: 'too-slow' });
    // The same 400 ms bind the next photo. On cores shared with other busy processes even a small
    // photo can miss them now and then; that refusal is tried again, each time in yet another new
    // worker, while a pool that cannot replace its worker never cleans the photo at all.
    let next = await pool.clean({ bytes: await photo('png'), type: 'image/png' });
    for (let retry = 0; retry < 3 && !next.ok && next.refusal === 'too-slow'; retry++)
      next = await pool.clean({ bytes: await photo('png'), type: 'image/png' });
    expect(next.ok).toBe(true);
  });

  it('refuses a file that needs more memory than a worker may use', async () => {
    cleaner = createMediaCleaner({ memoryLimitMb: 64, timeLimitMs: 30_000 });
    const result = await cleaner.clean({ bytes: flateBombPdf(), type: 'application/pdf' });
    expect(result).toEqual({ ok: false, refusal: 'too-much-memory' });
    expect((await cleaner.clean({ bytes: await photo('webp'), type: 'image/webp' })).ok).toBe(true);
  });

  it('turns a flood away at once when the queue is full', async () => {
    const pool = await warmPool({ workers: 1, queueLimit: 1 });
    const [jpeg, png] = [await photo('jpeg'), await photo('png')];
    const busy = pool.clean({ bytes: craftedPdf('/Author(', 10 * MIB), type: 'application/pdf' });
    const queued = pool.clean({ bytes: jpeg, type: 'image/jpeg' });
    const started = performance.now();
    expect(await pool.clean({ bytes: jpeg, type: 'image/jpeg' })).toEqual({
      ok: false,
      refusal: 'busy',
    });
    expect(await pool.cleanAll([{ bytes: png, type: 'image/png' }])).toEqual({
      ok: false,
      refusal: 'busy',
      index: 0,
    });
    expect(performance.now() - started).toBeLessThan(200);
    expect((await queued).ok).toBe(true);
    expect((await busy).ok).toBe(false);
  });

  it('cleans a batch whole, or stops at its first refusal and says which file it was', async () => {
    const pool = await warmPool();
    const all = await pool.cleanAll([
      { bytes: await photo('jpeg'), type: 'image/jpeg' },
      { bytes: await photo('png'), type: 'image/png' },
    ]);
    expect(all.ok && all.files.map((f) => f.mediaType)).toEqual(['image/jpeg', 'image/png']);
    const refused = await pool.cleanAll([
      { bytes: await photo('jpeg'), type: 'image/jpeg' },
      { bytes: randomWithMagic('png'), type: 'image/png' },
      { bytes: await photo('webp'), type: 'image/webp' },
    ]);
    expect(refused).toEqual({ ok: false, refusal: 'unreadable', index: 1 });
  });

  it('refuses bytes that are not of the type the caller expected', async () => {
    const pool = await warmPool();
    expect(await pool.clean({ bytes: await photo('png'), type: 'image/jpeg' })).toEqual({
      ok: false,
      refusal: 'unsupported-type',
    });
  });
});
