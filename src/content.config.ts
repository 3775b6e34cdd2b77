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
import { prerenderDocuments } from './content/prerender.ts';
import { sanityLoader } from './content/sanity/loader.ts';

const sanity = sanitySource();

/**
 * Guides and campaigns have a page each, which the build leaves to the nodes unless it prerenders
 * documents (src/content/prerender.ts); the build's own pages only list them, so their bodies stay
 * in Sanity (at 10,000 pages, rendering and bundling them was a third of the build's time).
 */
const OWN_PAGES: readonly CollectionName[] = ['guides', 'campaigns'];

function source(collection: CollectionName, pattern: string) {
  return sanity
    ? sanityLoader(collection, sanity, { bodies: prerenderDocuments || !OWN_PAGES.includes(collection) })
    : glob({ pattern, base: `./content/${collection}` });
}

export const collections = {
  guides: defineCollection({ loader: source('guides', '*/*.md'), schema: guideSchema }),
  campaigns: defineCollection({ loader: source('campaigns', '*/*.md'), schema: campaignSchema }),
  pages: defineCollection({ loader: source('pages', '*/*.md'), schema: pageSchema }),
  faq: defineCollection({ loader: source('faq', '*.yaml'), schema: faqSchema }),
  help: defineCollection({ loader: source('help', '*.yaml'), schema: helpEntrySchema }),
  settings: defineCollection({ loader: source('settings', 'site.yaml'), schema: siteSettingsSchema }),
};
