/**
 * Size budgets on the built output: every content page in every locale arrives in the first TCP
 * round trip (brotli HTML with its inlined CSS <= 14,600 bytes), content pages carry no framework
 * runtime and at most one small shared script, and the self-check island stays small.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { LOCALES } from '#kernel/i18n/locales.ts';

const CLIENT = 'dist/client';
const FIRST_ROUND_TRIP = 14_600;

function pages(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return pages(full);
    return e.name === 'index.html' ? [full] : [];
  });
}

function scripts(html: string): string[] {
  return [...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]!);
}

test('every page fits in the first round trip', () => {
  const all = LOCALES.flatMap((l) => pages(path.join(CLIENT, l.code)));
  expect(all.length).toBeGreaterThan(LOCALES.length * 20);
  const over = all
    .map((file) => ({ file, br: statSync(`${file}.br`).size }))
    .filter(({ br }) => br > FIRST_ROUND_TRIP);
  expect(over).toEqual([]);
});

test('guide, campaign and directory pages load only the shared script, under 2 KB compressed', () => {
  for (const locale of LOCALES) {
    for (const dir of ['guides', 'campaigns', 'help']) {
      for (const file of pages(path.join(CLIENT, locale.code, dir))) {
        const html = readFileSync(file, 'utf8');
        expect(html, file).not.toMatch(/<script(?![^>]*\bsrc=)(?![^>]*type="application\/json")[^>]*>/);
        const srcs = scripts(html);
        expect(srcs, file).toHaveLength(1);
        const js = readFileSync(path.join(CLIENT, srcs[0]!));
        expect(js.includes(Buffer.from('preact')), file).toBe(false);
        expect(statSync(path.join(CLIENT, `${srcs[0]}.br`)).size, file).toBeLessThanOrEqual(2048);
      }
    }
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
