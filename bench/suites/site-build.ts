/**
 * The built site: compressed bytes of page and JavaScript per locale (a guide page and the
 * self-check), and how fast the build produces pages, beside a blank page compressed the same way.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { LOCALES } from '#kernel/i18n/locales.ts';
import { formatTable } from '../lib/table.ts';

const CLIENT = 'dist/client';

function countPages(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce(
    (n, e) => n + (e.isDirectory() ? countPages(path.join(dir, e.name)) : e.name.endsWith('.html') ? 1 : 0),
    0,
  );
}

function jsBytes(html: string): number {
  const seen = new Set<string>();
  const visit = (src: string) => {
    if (seen.has(src)) return;
    seen.add(src);
    const code = readFileSync(path.join(CLIENT, src), 'utf8');
    for (const m of code.matchAll(/(?:from\s*|import\s*)"(\.\/[^"]+\.js)"/g))
      visit(path.posix.join(path.posix.dirname(src), m[1]!));
  };
  for (const m of html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)) visit(m[1]!);
  return [...seen].reduce((sum, src) => sum + statSync(path.join(CLIENT, `${src}.br`)).size, 0);
}

export async function siteBuild(): Promise<string> {
  const started = performance.now();
  const built = spawnSync('npm', ['run', 'build'], { stdio: 'ignore' });
  if (built.status !== 0) throw new Error('build failed');
  const seconds = (performance.now() - started) / 1000;
  const pages = countPages(CLIENT);
  const blank = brotliCompressSync(Buffer.from('<!doctype html><html lang="en"><title>x</title></html>'), {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
  }).length;
  const rows = LOCALES.map((l) => {
    const guide = `${CLIENT}/${l.code}/guides/warning-signs/index.html`;
    const check = `${CLIENT}/${l.code}/self-check/index.html`;
    return [
      l.code,
      statSync(`${guide}.br`).size,
      jsBytes(readFileSync(guide, 'utf8')),
      statSync(`${check}.br`).size,
      jsBytes(readFileSync(check, 'utf8')),
      blank,
    ];
  });
  return (
    formatTable(
      'Page and script bytes (brotli)',
      ['locale', 'guide page', 'guide JS', 'self-check page', 'self-check JS', 'blank page'],
      rows,
    ) +
    formatTable(
      'Build',
      ['pages', 'seconds (whole build, search index and compression included)', 'pages/s'],
      [[pages, seconds.toFixed(1), (pages / seconds).toFixed(1)]],
    )
  );
}
