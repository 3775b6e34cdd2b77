/**
 * Built files get brotli and gzip twins. Pages a running node renders itself (the content pages,
 * the sitemap) are compressed quickly; every other file (scripts, styles, the report form's
 * fallbacks) at brotli's top quality.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLivePath } from '#kernel/content/live-routes.ts';
import { precompress } from '../../../functions/server/precompress.ts';

const brotliAt = (data: Buffer, quality: number) =>
  brotliCompressSync(data, {
    params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
  });

describe('precompress', () => {
  let dir: string;
  const page = Buffer.from(
    `<!doctype html><html lang="en"><body>${'<p>Know your rights before you go.</p>'.repeat(200)}</body></html>`,
  );
  const style = Buffer.from(`.quick-exit{position:fixed;top:0}${'.x{color:#123456}'.repeat(200)}`);

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'waymark-precompress-'));
    await mkdir(path.join(dir, 'en/guides'), { recursive: true });
    await mkdir(path.join(dir, '_astro'), { recursive: true });
    await writeFile(path.join(dir, 'en/guides/index.html'), page);
    await writeFile(path.join(dir, '_astro/site.css'), style);
    await writeFile(path.join(dir, 'tiny.txt'), 'too small to gain');
    await precompress(dir, { rendered: isLivePath });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('writes twins that decompress to the file', async () => {
    for (const file of ['en/guides/index.html', '_astro/site.css']) {
      const original = await readFile(path.join(dir, file));
      expect(brotliDecompressSync(await readFile(path.join(dir, `${file}.br`))).equals(original)).toBe(true);
      expect(gunzipSync(await readFile(path.join(dir, `${file}.gz`))).equals(original)).toBe(true);
    }
    await expect(readFile(path.join(dir, 'tiny.txt.br'))).rejects.toThrow();
  });

  it('compresses pages a node renders quickly, and the rest at the top quality', async () => {
    expect((await readFile(path.join(dir, 'en/guides/index.html.br'))).equals(brotliAt(page, 5))).toBe(true);
    expect((await readFile(path.join(dir, '_astro/site.css.br'))).equals(brotliAt(style, 11))).toBe(true);
  });
});
