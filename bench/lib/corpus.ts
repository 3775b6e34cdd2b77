/**
 * A site of a chosen size for the publish bench, as a Sanity dataset: the shipped content plus
 * generated guides, campaigns and help-directory countries in the 12 locales (about two thirds of
 * the guides and campaigns translated into each language, the rest shown in English), cloned from
 * the shipped documents so every one passes the site's schema.
 */

import { LOCALE_CODES } from '#kernel/i18n/locales.ts';
import { exportContent, type SanityDocument } from '../../functions/cms/export-content.ts';

/** Pages every locale has whatever the content (home, about, FAQ, search, report, ...). */
const FIXED_PER_LOCALE = 11;

function regionCodes(): string[] {
  const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  const codes: string[] = [];
  for (let a = 65; a <= 90; a++)
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      // Real two-letter regions only (no "EU", "UN", "ZZ" and the like).
      const name = names.of(code);
      if (name && name !== code && !['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'XK', 'ZZ'].includes(code))
        codes.push(code);
    }
  return codes;
}

export interface Corpus {
  documents: SanityDocument[];
  /** Generated English guides the bench edits: [document id, page path]. */
  guides: [string, string][];
  expectedPages: number;
}

export async function generateCorpus(pages: number): Promise<Corpus> {
  const shipped = await exportContent();
  const byId = new Map(shipped.map((d) => [d._id, d]));
  const perLocale = Math.max(Math.floor(pages / LOCALE_CODES.length) - FIXED_PER_LOCALE, 10);
  const countries = regionCodes();
  const shippedHelp = shipped.filter((d) => d._type === 'helpEntry').map((d) => String(d.country));
  const helpWanted = Math.min(countries.length, Math.round(perLocale * 0.25));
  const campaignsWanted = Math.round(perLocale * 0.15);
  const guidesWanted = perLocale - helpWanted - campaignsWanted;
  const documents: SanityDocument[] = [...shipped];
  const guides: [string, string][] = shipped
    .filter((d) => d._type === 'guide' && d.language === 'en')
    .map((d) => [d._id, `/en/guides/${(d.slug as { current: string }).current}/`]);

  const slugOf = (d: SanityDocument) => (d.slug as { current: string }).current;
  const shippedGuides = new Set(shipped.filter((d) => d._type === 'guide').map(slugOf));
  const shippedCampaigns = new Set(shipped.filter((d) => d._type === 'campaign').map(slugOf));
  const clone = (type: 'guide' | 'campaign', template: string, count: number) => {
    for (let i = 0; i < count; i++) {
      const slug = `${type}-${String(i).padStart(4, '0')}`;
      for (const [l, locale] of LOCALE_CODES.entries()) {
        if (locale !== 'en' && (i + l) % 3 === 0) continue;
        const base = byId.get(`${type}.${template}.${locale}`) ?? byId.get(`${type}.${template}.en`)!;
        const id = `${type}.${slug}.${locale}`;
        documents.push({
          ...base,
          _id: id,
          slug: { _type: 'slug', current: slug },
          title: `${String(base.title)} ${i}`,
          ...(locale === 'en'
            ? {}
            : { translationOf: { _type: 'reference', _ref: `${type}.${slug}.en`, _weak: true } }),
        });
        if (type === 'guide' && locale === 'en') guides.push([id, `/en/guides/${slug}/`]);
      }
    }
  };
  clone('guide', 'warning-signs', Math.max(guidesWanted - shippedGuides.size, 0));
  clone('campaign', 'know-the-signs', Math.max(campaignsWanted - shippedCampaigns.size, 0));

  const helpTemplate = byId.get('helpEntry.gb')!;
  let added = 0;
  for (const code of countries) {
    if (shippedHelp.length + added >= helpWanted) break;
    if (shippedHelp.includes(code)) continue;
    documents.push({ ...helpTemplate, _id: `helpEntry.${code.toLowerCase()}`, country: code });
    added++;
  }
  const slugs = (type: string) =>
    new Set(documents.filter((d) => d._type === type).map((d) => (d.slug as { current: string }).current))
      .size;
  const help = documents.filter((d) => d._type === 'helpEntry').length;
  return {
    documents,
    guides,
    expectedPages: LOCALE_CODES.length * (FIXED_PER_LOCALE + slugs('guide') + slugs('campaign') + help),
  };
}
