/**
 * Writes brotli and gzip twins of every compressible built file, once, at build time, so that the
 * server sends the smallest encoding without spending CPU per request.
 */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { contentTypeFor, isCompressible } from './content-types.ts';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

async function* walk(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.isFile()) yield full;
  }
}

/**
 * A copy in memory of its own. zlib hands back a view of its 64 KiB output block, and a small
 * Buffer is a view of a shared 64 KiB pool block: a page or file kept as either pins a whole block
 * (about 70 KB a page, 720 MB at 10,000 pages, measured) instead of its few kilobytes.
 */
export function ownCopy(bytes: Buffer): Buffer {
  const copy = Buffer.allocUnsafeSlow(bytes.length);
  bytes.copy(copy);
  return copy;
}

/**
 * Brotli and gzip of the same bytes, off the main thread. `best`: brotli's top quality and gzip 9,
 * for files served as they are built. `quick`: brotli 5 and gzip 6, within a few percent of the
 * smallest either can make at a twentieth of brotli's top quality's time (about 0.4 ms for a page
 * instead of 20): for pages a node renders and compresses on demand.
 */
export async function compressPair(
  data: Buffer,
  effort: 'best' | 'quick',
): Promise<{ br: Buffer; gzip: Buffer }> {
  const best = effort === 'best';
  const [br, gzipped] = await Promise.all([
    brotli(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: best ? constants.BROTLI_MAX_QUALITY : 5,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }),
    gz(data, { level: best ? 9 : 6 }),
  ]);
  return { br, gzip: gzipped };
}

/** The address a built file answers (`en/guides/index.html` -> `/en/guides/`). */
function urlPathOf(dir: string, file: string): string {
  const relative = `/${path.relative(dir, file).split(path.sep).join('/')}`;
  return relative.endsWith('/index.html') ? relative.slice(0, -'index.html'.length) : relative;
}

async function compressFile(file: string, effort: 'best' | 'quick'): Promise<boolean> {
  if (file.endsWith('.br') || file.endsWith('.gz')) return false;
  if (!isCompressible(contentTypeFor(file))) return false;
  if ((await stat(file)).size < 256) return false;
  const { br, gzip } = await compressPair(await readFile(file), effort);
  await Promise.all([writeFile(`${file}.br`, br), writeFile(`${file}.gz`, gzip)]);
  return true;
}

/**
 * Compression runs on libuv's thread pool; a few files at a time keep every core busy (one file
 * at a time left all but one idle, and compression was most of a large site's build).
 *
 * `rendered`: addresses a running node renders itself from the content snapshot (and compresses
 * quickly, per publish), so a node reads the built file only when it has no snapshot yet. Those
 * are compressed quickly here too: at 10,000 pages the list pages and the sitemap are large, and
 * brotli's top quality spent 12 of the build's 17 CPU-seconds of compression on them.
 */
export async function precompress(
  dir: string,
  { rendered = () => false }: { rendered?: (urlPath: string) => boolean } = {},
): Promise<{ files: number }> {
  const lanes = Math.max(2, availableParallelism());
  const pending = new Set<Promise<void>>();
  let files = 0;
  for await (const file of walk(dir)) {
    const effort = rendered(urlPathOf(dir, file)) ? 'quick' : 'best';
    const job: Promise<void> = compressFile(file, effort).then((done) => {
      if (done) files += 1;
      pending.delete(job);
    });
    pending.add(job);
    if (pending.size >= lanes) await Promise.race(pending);
  }
  await Promise.all(pending);
  return { files };
}
