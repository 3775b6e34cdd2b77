/**
 * Turns snapshot documents into the entries pages read, as the Sanity content loader does at build
 * time: the same ids, the same zod-validated data, the Markdown body rendered by the same renderer
 * (and sanitized once, by functions/cms/body-html.ts).
 */
import { renderedFromSanitized } from '#kernel/content/content-html.ts';
import type { LiveEntry } from '#kernel/content/live-content.ts';
import { DOCUMENT_KINDS, entryId, siteFields } from '#kernel/content/sanity-documents.ts';
import { renderBody } from './body-html.ts';
import type { SnapshotDocument } from './content-snapshot.ts';

export class InvalidSnapshotDocumentError extends Error {
  override name = 'InvalidSnapshotDocumentError';
  readonly problems: { field: string; message: string }[];
  constructor(id: string, problems: { field: string; message: string }[]) {
    super(`"${id}" does not match the site's schema: ${problems.map((p) => p.field).join(', ')}`);
    this.problems = problems;
  }
}

export function kindOfDocument(document: { _type?: unknown }) {
  return DOCUMENT_KINDS.find((k) => k.type === document._type);
}

/** Checks a document against its type's schema; throws with every field at fault. */
export function checkDocument(document: SnapshotDocument) {
  const kind = kindOfDocument(document);
  if (!kind)
    throw new InvalidSnapshotDocumentError(document._id, [{ field: '_type', message: 'unknown type' }]);
  const checked = kind.schema.safeParse(siteFields(document));
  if (!checked.success)
    throw new InvalidSnapshotDocumentError(
      document._id,
      checked.error.issues.map((i) => ({
        field: i.path.map(String).join('.') || '(document)',
        message: i.message,
      })),
    );
  return { kind, data: checked.data as Record<string, unknown> };
}

/** The Markdown body of a document whose kind has one, as it is rendered; undefined for other kinds. */
export function markdownBody(document: SnapshotDocument): string | undefined {
  if (kindOfDocument(document)?.shape !== 'markdown') return undefined;
  return (typeof document.body === 'string' ? document.body : '').trim();
}

/** The document as pages read it; `render` turns its Markdown body into sanitized HTML. */
export async function toLiveEntry(
  document: SnapshotDocument,
  render: (body: string) => Promise<string> = renderBody,
): Promise<LiveEntry> {
  const { kind, data } = checkDocument(document);
  const id = entryId(kind, {
    slug: typeof document.slug === 'string' ? document.slug : undefined,
    language: typeof document.language === 'string' ? document.language : undefined,
    country: typeof data.country === 'string' ? data.country : undefined,
  });
  const entry: LiveEntry = { id, collection: kind.collection, data };
  const body = markdownBody(document);
  // Kept sanitized, and without the Markdown source, which no page reads: one copy of each body.
  if (body !== undefined) entry.rendered = renderedFromSanitized(await render(body));
  return entry;
}
