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

async function compressFile(file: string): Promise<boolean> {
  if (file.endsWith('.br') || file.endsWith('.gz')) return false;
  if (!isCompressible(contentTypeFor(file))) return false;
  if ((await stat(file)).size < 256) return false;
  const data = await readFile(file);
  const [br, gzipped] = await Promise.all([
    brotli(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }),
    gz(data, { level: 9 }),
  ]);
  await Promise.all([writeFile(`${file}.br`, br), writeFile(`${file}.gz`, gzipped)]);
  return true;
}

/**
 * Compression runs on libuv's thread pool; a few files at a time keep every core busy (one file
 * at a time left all but one idle, and compression was most of a large site's build).
 */
export async function precompress(dir: string): Promise<{ files: number }> {
  const lanes = Math.max(2, availableParallelism());
  const pending = new Set<Promise<void>>();
  let files = 0;
  for await (const file of walk(dir)) {
    const job: Promise<void> = compressFile(file).then((done) => {
      if (done) files += 1;
      pending.delete(job);
    });
    pending.add(job);
    if (pending.size >= lanes) await Promise.race(pending);
  }
  await Promise.all(pending);
  return { files };
}
