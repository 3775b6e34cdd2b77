/**
 * Writes brotli and gzip twins of every compressible built file, once, at build time, so that the
 * server sends the smallest encoding without spending CPU per request.
 */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
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

export async function precompress(dir: string): Promise<{ files: number }> {
  let files = 0;
  for await (const file of walk(dir)) {
    if (file.endsWith('.br') || file.endsWith('.gz')) continue;
    if (!isCompressible(contentTypeFor(file))) continue;
    if ((await stat(file)).size < 256) continue;
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
    files += 1;
  }
  return { files };
}
