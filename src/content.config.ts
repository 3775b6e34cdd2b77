/**
 * Content collections. The file source is content/ (one file per document and locale, e.g.
 * content/guides/warning-signs/fr.md); every entry is validated by the shared zod schemas.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { campaignSchema, faqSchema, guideSchema, helpEntrySchema, pageSchema } from './content/schemas.ts';

export const collections = {
  guides: defineCollection({
    loader: glob({ pattern: '*/*.md', base: './content/guides' }),
    schema: guideSchema,
  }),
  campaigns: defineCollection({
    loader: glob({ pattern: '*/*.md', base: './content/campaigns' }),
    schema: campaignSchema,
  }),
  pages: defineCollection({
    loader: glob({ pattern: '*/*.md', base: './content/pages' }),
    schema: pageSchema,
  }),
  faq: defineCollection({ loader: glob({ pattern: '*.yaml', base: './content/faq' }), schema: faqSchema }),
  help: defineCollection({
    loader: glob({ pattern: '*.yaml', base: './content/help' }),
    schema: helpEntrySchema,
  }),
};
