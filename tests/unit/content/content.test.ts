/** The shipped content: valid, complete in every locale, and honest about unverified numbers. */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  campaignSchema,
  faqSchema,
  guideSchema,
  helpEntrySchema,
  pageSchema,
} from '#kernel/content/schemas.ts';
import { LOCALE_CODES } from '#kernel/i18n/locales.ts';
import { readMarkdownCollection, readYamlCollection } from '../../helpers/content-files.ts';

const guides = readMarkdownCollection('guides');
const campaigns = readMarkdownCollection('campaigns');
const pages = readMarkdownCollection('pages');
const faqs = readYamlCollection('faq');
const help = readYamlCollection('help');

const SITE_PATHS =
  /^~\/(guides\/([a-z0-9-]+)\/|guides\/|help\/([a-z]{2}\/)?|self-check\/|report\/|faq\/|about\/|search\/|offline\/)$/;

describe('content', () => {
  it.each([
    ['guides', guides, guideSchema],
    ['campaigns', campaigns, campaignSchema],
    ['pages', pages, pageSchema],
    ['faq', faqs, faqSchema],
    ['help', help, helpEntrySchema],
  ] as const)('every %s file matches its schema', (_name, files, schema) => {
    for (const f of files) {
      const result = schema.safeParse(f.data);
      expect(
        result.success,
        `${f.file}: ${result.error?.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
      ).toBe(true);
    }
  });

  it('has at least six guides, each in all twelve locales', () => {
    const slugs = [...new Set(guides.map((g) => g.slug))];
    expect(slugs.length).toBeGreaterThanOrEqual(6);
    for (const slug of slugs) {
      expect(
        guides
          .filter((g) => g.slug === slug)
          .map((g) => g.locale)
          .sort(),
        slug,
      ).toEqual([...LOCALE_CODES].sort());
    }
  });

  it('translations keep the structure and the facts of the English original', () => {
    for (const file of [...guides, ...campaigns, ...pages]) {
      const english = [...guides, ...campaigns, ...pages].find((g) => g.file.endsWith(`${file.slug}/en.md`))!;
      const headings = (s: string) => (s.match(/^#{2,3} /gm) ?? []).length;
      const links = (s: string) => [...s.matchAll(/\]\((~\/[^)]*)\)/g)].map((m) => m[1]);
      expect(headings(file.body), file.file).toBe(headings(english.body));
      expect(links(file.body), file.file).toEqual(links(english.body));
      const keep = ['topic', 'order', 'country', 'startDate', 'endDate', 'corridor'] as const;
      for (const key of keep) {
        expect((file.data as Record<string, unknown>)[key], `${file.file} ${key}`).toEqual(
          (english.data as Record<string, unknown>)[key],
        );
      }
    }
  });

  it('links only to pages the site has', () => {
    const slugs = new Set(guides.map((g) => g.slug));
    for (const file of [...guides, ...campaigns, ...pages]) {
      for (const [, target] of file.body.matchAll(/\]\(([^)]*)\)/g)) {
        expect(target, `${file.file}: ${target}`).toMatch(SITE_PATHS);
        const guide = /^~\/guides\/([a-z0-9-]+)\/$/.exec(target!)?.[1];
        if (guide) expect(slugs.has(guide), `${file.file}: ${target}`).toBe(true);
      }
    }
  });

  it('has at least two campaigns, with images that exist and carry alt text', () => {
    expect(new Set(campaigns.map((c) => c.slug)).size).toBeGreaterThanOrEqual(2);
    for (const c of campaigns) {
      for (const image of campaignSchema.parse(c.data).images) {
        expect(existsSync(`public${image.src}`), image.src).toBe(true);
        expect(image.alt.trim().length).toBeGreaterThan(0);
      }
    }
  });

  it('has a help directory of at least 45 countries, every entry with a public source', () => {
    expect(help.length).toBeGreaterThanOrEqual(45);
    for (const f of help) {
      const entry = helpEntrySchema.parse(f.data);
      expect(f.slug, f.file).toBe(entry.country.toLowerCase());
      for (const item of [entry.emergency, ...entry.hotlines, ...entry.organisations]) {
        expect(item.source?.url, `${f.file}: every number needs its public source`).toMatch(/^https:\/\//);
      }
    }
  });

  it('has an FAQ and an about page in every locale', () => {
    expect(faqs.map((f) => f.locale).sort()).toEqual([...LOCALE_CODES].sort());
    expect(
      pages
        .filter((p) => p.slug === 'about')
        .map((p) => p.locale)
        .sort(),
    ).toEqual([...LOCALE_CODES].sort());
  });
});
