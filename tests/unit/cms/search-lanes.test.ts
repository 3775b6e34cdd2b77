/**
 * The live search index is built one language at a time, in two lanes, and merged: the merged
 * bundle must be the very bundle Pagefind writes when it indexes every page at once, file for file.
 */
import * as pagefind from 'pagefind';
import { afterAll, describe, expect, it } from 'vitest';
import { createIndexLanes, mergeIndexes } from '../../../functions/cms/search-lanes.ts';

function page(lang: string, title: string, text: string): string {
  return `<html lang="${lang}"><body><div data-pagefind-body><h1>${title}</h1><p>${text}</p></div></body></html>`;
}

const PAGES: [string, string][] = [
  [
    '/en/guides/passports/',
    page('en', 'Your passport', 'Nobody may keep your passport: not an employer, not an agent.'),
  ],
  [
    '/en/guides/debts/',
    page('en', 'Recruitment debts', 'A debt that grows every month while you work is a warning sign.'),
  ],
  [
    '/fr/guides/passports/',
    page('fr', 'Votre passeport', 'Personne ne peut garder votre passeport : ni un employeur, ni un agent.'),
  ],
  [
    '/fr/guides/debts/',
    page('fr', 'Dettes de recrutement', 'Une dette qui grandit chaque mois est un signal d’alerte.'),
  ],
  [
    '/ar/guides/passports/',
    page('ar', 'جواز سفرك', 'لا يحق لأحد أن يحتفظ بجواز سفرك: لا صاحب العمل ولا الوكيل.'),
  ],
  ['/zh/guides/passports/', page('zh', '你的护照', '任何人都不能扣留你的护照，雇主和中介都不可以。')],
];

async function wholeIndex(pages: [string, string][]): Promise<Map<string, Buffer>> {
  const { index } = await pagefind.createIndex({});
  for (const [url, content] of pages) await index!.addHTMLFile({ url, content });
  const { files } = await index!.getFiles();
  await index!.deleteIndex();
  return new Map(files.map((f) => [f.path, Buffer.from(f.content)]));
}

describe('search index lanes', () => {
  const lanes = createIndexLanes(2);
  afterAll(async () => {
    await lanes.close();
    await pagefind.close();
  });

  it('merges one index per language into the bundle of all pages at once, byte for byte', async () => {
    const languages = [...new Set(PAGES.map(([url]) => url.split('/')[1]!))];
    const own = await Promise.all(
      languages.map((lang) => lanes.index(PAGES.filter(([url]) => url.startsWith(`/${lang}/`)))),
    );
    const merged = mergeIndexes(own);
    const whole = await wholeIndex(PAGES);

    expect([...merged.keys()].sort()).toEqual([...whole.keys()].sort());
    for (const [path, bytes] of whole) {
      if (path === 'pagefind-entry.json') continue;
      expect(merged.get(path)!.equals(bytes), path).toBe(true);
    }
    const entry = JSON.parse(merged.get('pagefind-entry.json')!.toString('utf8'));
    expect(entry).toEqual(JSON.parse(whole.get('pagefind-entry.json')!.toString('utf8')));
    expect(Object.keys(entry.languages)).toEqual(['ar', 'en', 'fr', 'zh']);
    expect(entry.languages.en.page_count).toBe(2);
  }, 60_000);

  it('refuses work once closed', async () => {
    const closing = createIndexLanes(1);
    await closing.index([PAGES[0]!]);
    await closing.close();
    await expect(closing.index([PAGES[0]!])).rejects.toThrow(/closed/);
  }, 60_000);
});
