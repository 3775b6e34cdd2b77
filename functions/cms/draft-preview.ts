/**
 * Draft preview for signed-in staff: reads one document as the editor last left it (drafts laid
 * over published, Sanity's `drafts` perspective, with the read token), checks it with the site's
 * schema and renders its Markdown the way the build does, through the same sanitizer as public
 * pages. Never used by a public page: the token and the drafts stay on the server, behind the
 * console's permission check.
 */

import { localizeLinks } from '#kernel/content/localize-links.ts';
import { DOCUMENT_KINDS, type DocumentKind, siteFields } from '#kernel/content/sanity-documents.ts';
import { sanityClient } from '#kernel/content/sanity-source.ts';
import { isLocale } from '#kernel/i18n/locales.ts';
import type { Config } from '../config/load-config.ts';
import { renderBody } from './body-html.ts';

export type DraftPreview =
  | { state: 'unconfigured' | 'no-token' | 'not-found' | 'unavailable' }
  | {
      state: 'ok';
      kind: DocumentKind;
      document: Record<string, unknown> & {
        _id: string;
        _originalId?: string;
        language?: string;
        slug?: string;
      };
      /** The document's site fields; `problems` lists what would stop the build. */
      fields: Record<string, unknown>;
      problems: { field: string; message: string }[];
      /** The body as a public page would show it: rendered, sanitized, links in its language. */
      html?: string;
      isDraft: boolean;
    };

const DOCUMENT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
export const DRAFT_QUERY = '*[_id == $id && _type == $type][0]{ ..., "slug": slug.current }';

export async function loadDraft(config: Config, type: string, id: string): Promise<DraftPreview> {
  const source = config.cms.sanity;
  if (!source) return { state: 'unconfigured' };
  if (!source.token) return { state: 'no-token' };
  const kind = DOCUMENT_KINDS.find((k) => k.type === type);
  if (!kind || !DOCUMENT_ID.test(id) || id.startsWith('drafts.')) return { state: 'not-found' };
  let document: unknown;
  try {
    document = await sanityClient(source, 'drafts').fetch(DRAFT_QUERY, { id, type });
  } catch {
    // A refused token or an unreachable API: the page says so; nothing else to show.
    return { state: 'unavailable' };
  }
  if (!document) return { state: 'not-found' };
  const doc = document as unknown as Extract<DraftPreview, { state: 'ok' }>['document'];
  const fields = siteFields(doc);
  const checked = kind.schema.safeParse(fields);
  const problems = checked.success
    ? []
    : checked.error.issues.map((i) => ({
        field: i.path.map(String).join('.') || '(document)',
        message: i.message,
      }));
  let html: string | undefined;
  if (kind.shape === 'markdown' && typeof doc.body === 'string') {
    // Rendered and sanitized as a node renders a published body, its links in the page's language.
    html = localizeLinks(await renderBody(doc.body.trim()), isLocale(doc.language) ? doc.language : 'en');
  }
  return {
    state: 'ok',
    kind,
    document: doc,
    fields,
    problems,
    html,
    isDraft: String(doc._originalId ?? '').startsWith('drafts.'),
  };
}
