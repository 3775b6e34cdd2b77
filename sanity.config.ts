/**
 * Waymark's Sanity Studio (`npm run studio`): the site's content types with the site's own rules,
 * a desk by content type and language, a translation status view, and a preview link into the
 * staff console for drafts. SANITY_PROJECT_ID and SANITY_DATASET name the dataset, as for the build.
 */
import { defineConfig, type SchemaTypeDefinition, type Template } from 'sanity';
import { structureTool } from 'sanity/structure';
import { DOCUMENT_KINDS } from '#kernel/content/sanity-documents.ts';
import { studioEnv } from './studio/env.ts';
import { documentTypes } from './studio/schema/document-types.ts';
import { structure } from './studio/structure.ts';
import { translationStatusTool } from './studio/translation-status/translation-status-tool.ts';

const env = studioEnv();
const singletonTypes = new Set<string>(
  DOCUMENT_KINDS.filter((k) => k.shape === 'singleton').map((k) => k.type),
);

/** "New document" in a language list starts the document in that language. */
const languageTemplates: Template[] = DOCUMENT_KINDS.filter(
  (k) => k.shape === 'markdown' || k.shape === 'locale',
).map((kind) => ({
  id: `${kind.type}-by-language`,
  title: `${kind.title.replace(/s$/, '')} in a language`,
  schemaType: kind.type,
  parameters: [{ name: 'language', type: 'string' }],
  value: (params: { language?: string }) => ({ language: params.language }),
}));

export default defineConfig({
  name: 'waymark',
  title: 'Waymark',
  projectId: env.projectId,
  dataset: env.dataset,
  plugins: [structureTool({ structure })],
  tools: [translationStatusTool],
  schema: {
    types: documentTypes as unknown as SchemaTypeDefinition[],
    // The site settings exist once: opened from the desk, never created a second time.
    templates: (previous) => [
      ...previous.filter((t) => !singletonTypes.has(t.schemaType)),
      ...languageTemplates,
    ],
  },
  document: {
    actions: (previous, { schemaType }) =>
      singletonTypes.has(schemaType)
        ? previous.filter(
            ({ action }) => action !== 'delete' && action !== 'duplicate' && action !== 'unpublish',
          )
        : previous,
    // Drafts are previewed in the staff console, behind sign-in; never on the public site.
    productionUrl: async (previous, { document }) =>
      env.previewBaseUrl && DOCUMENT_KINDS.some((k) => k.type === document._type)
        ? `${env.previewBaseUrl}/console/preview/${document._type}/${document._id.replace(/^drafts\./, '')}/`
        : previous,
  },
});
