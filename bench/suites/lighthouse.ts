/**
 * Lighthouse (mobile emulation, the default) on one guide page per locale, beside the same audit
 * of a blank page from bare node:http in the same run. Needs a Chromium (CHROMIUM_PATH or the
 * system one); runs offline.
 */
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { LOCALES } from '#kernel/i18n/locales.ts';
import { CHROMIUM_ARGS, chromiumPath } from '../../tests/browser/chromium-path.ts';
import { startBare, startWaymark } from '../lib/servers.ts';
import { formatTable } from '../lib/table.ts';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

export async function lighthouseScores(): Promise<string> {
  const chromePath = chromiumPath();
  if (!chromePath) return '\n### Lighthouse\n\nskipped: no Chromium found (set CHROMIUM_PATH)\n';
  const waymark = await startWaymark();
  const bare = await startBare(
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Blank</title><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="description" content="A blank page"></head><body><p>Blank</p></body></html>',
    'text/html; charset=utf-8',
  );
  const chrome = await chromeLauncher.launch({
    chromePath,
    chromeFlags: ['--headless=new', ...CHROMIUM_ARGS],
  });
  try {
    const rows: (string | number)[][] = [];
    const audit = async (name: string, url: string) => {
      const result = await lighthouse(url, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: [...CATEGORIES],
      });
      const categories = result!.lhr.categories;
      rows.push([name, ...CATEGORIES.map((c) => Math.round((categories[c]?.score ?? 0) * 100))]);
    };
    await audit('baseline: blank page, bare node:http', `${bare.url}/`);
    for (const locale of LOCALES)
      await audit(
        `/${locale.code}/guides/warning-signs/`,
        `${waymark.url}/${locale.code}/guides/warning-signs/`,
      );
    return formatTable('Lighthouse, mobile', ['page', ...CATEGORIES], rows);
  } finally {
    chrome.kill();
    await Promise.all([waymark.stop(), bare.stop()]);
  }
}
