/**
 * Content collections. The file source is content/ (one file per document and locale, e.g.
 * content/guides/warning-signs/fr.md); with SANITY_PROJECT_ID and SANITY_DATASET set, the same
 * collections are read from Sanity's published documents instead (the site settings: the one
 * `siteSettings` document, or content/settings/site.yaml). Either way every entry is
 * validated by the shared zod schemas.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import type { CollectionName } from '#kernel/content/sanity-documents.ts';
import { sanitySource } from '#kernel/content/sanity-source.ts';
import {
  campaignSchema,
  faqSchema,
  guideSchema,
  helpEntrySchema,
  pageSchema,
  siteSettingsSchema,
} from '#kernel/content/schemas.ts';
import { sanityLoader } from './content/sanity/loader.ts';

const sanity = sanitySource();

function source(collection: CollectionName, pattern: string) {
  return sanity ? sanityLoader(collection, sanity) : glob({ pattern, base: `./content/${collection}` });
}

export const collections = {
  guides: defineCollection({ loader: source('guides', '*/*.md'), schema: guideSchema }),
  campaigns: defineCollection({ loader: source('campaigns', '*/*.md'), schema: campaignSchema }),
  pages: defineCollection({ loader: source('pages', '*/*.md'), schema: pageSchema }),
  faq: defineCollection({ loader: source('faq', '*.yaml'), schema: faqSchema }),
  help: defineCollection({ loader: source('help', '*.yaml'), schema: helpEntrySchema }),
  settings: defineCollection({ loader: source('settings', 'site.yaml'), schema: siteSettingsSchema }),
};
