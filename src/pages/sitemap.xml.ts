/**
 * sitemap.xml with hreflang alternates. A document appears under each locale it is translated
 * into; English fallbacks shown to other locales are not listed (their canonical is the original).
 */

import type { APIRoute } from 'astro';
import { LOCALE_CODES, type Locale } from '#kernel/i18n/locales.ts';
import { getCollection } from '../content/collections.ts';
import { localizedAll } from '../content/queries.ts';
import { localePath } from '../i18n/paths.ts';

const UI_PAGES = [
  '/',
  '/guides/',
  '/help/',
  '/self-check/',
  '/faq/',
  '/search/',
  '/statistics/',
  '/offline/',
];

function entry(site: URL, path: string, locales: readonly Locale[]): string[] {
  return locales.map((locale) => {
    const links = locales
      .map(
        (l) =>
          `<xhtml:link rel="alternate" hreflang="${l}" href="${new URL(localePath(l, path), site).href}"/>`,
      )
      .join('');
    return `<url><loc>${new URL(localePath(locale, path), site).href}</loc>${links}</url>`;
  });
}

export const GET: APIRoute = async ({ site }) => {
  const base = site ?? new URL('http://localhost:4321');
  const urls: string[] = [];
  for (const path of UI_PAGES) urls.push(...entry(base, path, LOCALE_CODES));
  for (const country of await getCollection('help')) {
    urls.push(...entry(base, `/help/${country.data.country.toLowerCase()}/`, LOCALE_CODES));
  }
  for (const [collection, prefix] of [
    ['guides', '/guides/'],
    ['campaigns', '/campaigns/'],
    ['pages', '/'],
  ] as const) {
    for (const doc of await localizedAll(collection, 'en')) {
      urls.push(...entry(base, `${prefix}${doc.slug}/`, doc.translatedIn));
    }
  }
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">${urls.join('')}</urlset>\n`;
  return new Response(body, { headers: { 'content-type': 'application/xml; charset=utf-8' } });
};
