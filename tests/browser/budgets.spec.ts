/**
 * Size budgets on what readers get: every page in every locale arrives in the first TCP round trip
 * (brotli HTML with its inlined CSS <= 14,600 bytes), content pages carry no framework runtime and
 * at most one small shared script, and the self-check island stays small. Pages are asked of the
 * running server, which renders most of them from the content snapshot.
 */
import { readFileSync, statSync } from 'node:fs';
import { get } from 'node:http';
import path from 'node:path';
import { brotliDecompressSync, gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { LOCALES } from '#kernel/i18n/locales.ts';
import { sitemapPaths } from './sitemap.ts';

const CLIENT = 'dist/client';
const FIRST_ROUND_TRIP = 14_600;

/** Every page of the sitemap, in every locale (a document not translated shows the English). */
async function sitePages(baseURL: string): Promise<string[]> {
  const paths = new Set<string>();
  for (const listed of await sitemapPaths(baseURL)) {
    const rest = listed.split('/').slice(2).join('/');
    for (const l of LOCALES) paths.add(`/${l.code}/${rest}`);
  }
  return [...paths].sort();
}

/** The page as sent with brotli: its bytes on the wire and its HTML. */
function served(baseURL: string, page: string): Promise<{ br: number; html: string }> {
  return new Promise((resolve, reject) => {
    get(`${baseURL}${page}`, { headers: { 'accept-encoding': 'br' } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        try {
          expect(response.statusCode, page).toBe(200);
          expect(response.headers['content-encoding'], page).toBe('br');
          const body = Buffer.concat(chunks);
          resolve({ br: body.length, html: brotliDecompressSync(body).toString('utf8') });
        } catch (error) {
          reject(error);
        }
      });
    }).on('error', reject);
  });
}

function scripts(html: string): string[] {
  return [...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]!);
}

test('every page fits in the first round trip', async ({ baseURL }) => {
  test.setTimeout(120_000);
  const all = await sitePages(baseURL!);
  expect(all.length).toBeGreaterThan(LOCALES.length * 20);
  const over: { page: string; br: number }[] = [];
  for (const page of all) {
    const { br } = await served(baseURL!, page);
    expect(br, page).toBeGreaterThan(0);
    if (br > FIRST_ROUND_TRIP) over.push({ page, br });
  }
  expect(over).toEqual([]);
});

test('guide, campaign and directory pages load only the shared script, under 2 KB compressed', async ({
  baseURL,
}) => {
  test.setTimeout(120_000);
  const content = (await sitePages(baseURL!)).filter((p) => /^\/[a-z]+\/(guides|campaigns|help)\//.test(p));
  expect(content.length).toBeGreaterThan(LOCALES.length * 10);
  for (const page of content) {
    const { html } = await served(baseURL!, page);
    expect(html, page).not.toMatch(/<script(?![^>]*\bsrc=)(?![^>]*type="application\/json")[^>]*>/);
    const srcs = scripts(html);
    expect(srcs, page).toHaveLength(1);
    const js = readFileSync(path.join(CLIENT, srcs[0]!));
    expect(js.includes(Buffer.from('preact')), page).toBe(false);
    expect(statSync(path.join(CLIENT, `${srcs[0]}.br`)).size, page).toBeLessThanOrEqual(2048);
  }
});

test('the self-check island is at most 10 KB gzipped', () => {
  const html = readFileSync(path.join(CLIENT, 'en/self-check/index.html'), 'utf8');
  const seen = new Set<string>();
  const visit = (src: string) => {
    if (seen.has(src)) return;
    seen.add(src);
    const code = readFileSync(path.join(CLIENT, src), 'utf8');
    for (const m of code.matchAll(/from\s*"(\.\/[^"]+\.js)"|import\s*"(\.\/[^"]+\.js)"/g)) {
      visit(path.posix.join(path.posix.dirname(src), (m[1] ?? m[2])!));
    }
  };
  for (const src of scripts(html)) visit(src);
  const total = [...seen].reduce(
    (sum, src) => sum + gzipSync(readFileSync(path.join(CLIENT, src)), { level: 9 }).length,
    0,
  );
  expect(total).toBeLessThanOrEqual(10 * 1024);
});
