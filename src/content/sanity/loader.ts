/**
 * An Astro content loader over Sanity's published documents. It produces exactly the entries the
 * file source produces (same ids, same data, Markdown bodies rendered by Astro's own renderer), so
 * a page cannot tell where its content came from. The shared zod schemas validate every document;
 * an invalid one stops the build with the document's id and the offending fields.
 */
import type { Loader } from 'astro/loaders';
import type { z } from 'zod';
import { type CollectionName, entryId, kindOf, siteFields } from '#kernel/content/sanity-documents.ts';
import { type SanitySource, sanityClient } from '#kernel/content/sanity-source.ts';

interface FetchedDocument extends Record<string, unknown> {
  _id: string;
  slug?: string;
  language?: string;
  body?: string;
}

export class InvalidDocumentError extends Error {
  constructor(documentId: string, entry: string, error: z.ZodError) {
    const fields = error.issues.map(
      (i) => `  - ${i.path.map(String).join('.') || '(whole entry)'}: ${i.message}`,
    );
    // Worded without "document": Astro's error overlay would take that for a browser API and mislead.
    super(`Sanity entry "${documentId}" (${entry}) does not match the site's schema:\n${fields.join('\n')}`);
    this.name = 'InvalidDocumentError';
  }
}

/** Published documents of one type; `slug` is flattened from Sanity's slug object. */
export const DOCUMENTS_QUERY = '*[_type == $type] | order(_id asc) { ..., "slug": slug.current }';
/** The same without the Markdown body (most of a guide's bytes), for lists. */
const WITHOUT_BODIES_QUERY = '*[_type == $type] | order(_id asc) { ..., "slug": slug.current, "body": null }';

/**
 * `bodies: false` leaves Markdown bodies out (neither rendered nor stored): for a build that writes
 * no page of the collection's own documents and only lists them.
 */
export function sanityLoader(
  collection: CollectionName,
  source: SanitySource,
  { bodies = true }: { bodies?: boolean } = {},
): Loader {
  const kind = kindOf(collection);
  return {
    name: 'waymark-sanity-loader',
    load: async ({ store, parseData, renderMarkdown, generateDigest, logger }) => {
      const client = sanityClient(source, 'published');
      const documents = await client.fetch<FetchedDocument[]>(
        bodies ? DOCUMENTS_QUERY : WITHOUT_BODIES_QUERY,
        {
          type: kind.type,
        },
      );
      const entries = [];
      for (const document of documents) {
        const fields = siteFields(document);
        const id = entryId(kind, {
          slug: document.slug,
          language: document.language,
          country: typeof fields.country === 'string' ? fields.country : undefined,
        });
        const checked = kind.schema.safeParse(fields);
        if (!checked.success)
          throw new InvalidDocumentError(document._id, `${collection}/${id}`, checked.error);
        entries.push({ id, fields, document });
      }
      // Replace, not merge: a document deleted in Sanity must disappear from the site.
      store.clear();
      for (const { id, fields, document } of entries) {
        const data = await parseData({ id, data: fields });
        const body = bodies && kind.shape === 'markdown' ? (document.body ?? '').trim() : undefined;
        store.set({
          id,
          data,
          body,
          rendered: body === undefined ? undefined : await renderMarkdown(body),
          digest: generateDigest(JSON.stringify(document)),
        });
      }
      logger.info(`${entries.length} ${collection} from Sanity dataset "${source.dataset}"`);
    },
  };
}
