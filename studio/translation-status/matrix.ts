/**
 * Which documents lack which locales: the table behind the Studio's translation status view.
 * Drafts count as "in progress", not as translated, because readers only see published text.
 */
import { DOCUMENT_KINDS } from '#kernel/content/sanity-documents.ts';
import { LOCALE_CODES, type Locale } from '#kernel/i18n/locales.ts';

export interface TranslationDocument {
  _id: string;
  _type: string;
  language?: string;
  slug?: string;
}

export type CellState = 'published' | 'draft' | 'missing';

export interface TranslationRow {
  type: string;
  /** The slug for guides, campaigns and pages; the type itself for the FAQ. */
  key: string;
  cells: Record<Locale, CellState>;
  missing: Locale[];
}

/** Documents the view reads: every version of the translated types, drafts included. */
export const TRANSLATION_STATUS_QUERY =
  '*[_type in $types && defined(language)]{ _id, _type, language, "slug": slug.current }';

export const TRANSLATED_TYPES: string[] = DOCUMENT_KINDS.filter(
  (k) => k.shape === 'markdown' || k.shape === 'locale',
).map((k) => k.type);

export function translationMatrix(documents: TranslationDocument[]): TranslationRow[] {
  const rows = new Map<string, TranslationRow>();
  for (const doc of documents) {
    if (!doc.language || !(LOCALE_CODES as readonly string[]).includes(doc.language)) continue;
    const key = doc.slug ?? doc._type;
    const id = `${doc._type}/${key}`;
    let row = rows.get(id);
    if (!row) {
      const cells = Object.fromEntries(LOCALE_CODES.map((l) => [l, 'missing'])) as Record<Locale, CellState>;
      row = { type: doc._type, key, cells, missing: [] };
      rows.set(id, row);
    }
    const locale = doc.language as Locale;
    const isDraft = doc._id.startsWith('drafts.');
    if (!isDraft) row.cells[locale] = 'published';
    else if (row.cells[locale] === 'missing') row.cells[locale] = 'draft';
  }
  const order = (type: string) => TRANSLATED_TYPES.indexOf(type);
  return [...rows.values()]
    .map((row) => ({ ...row, missing: LOCALE_CODES.filter((l) => row.cells[l] !== 'published') }))
    .sort((a, b) => order(a.type) - order(b.type) || a.key.localeCompare(b.key));
}
