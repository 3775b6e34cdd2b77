/**
 * The Studio's document types: one per content type of the site, with the site's fields derived
 * from its zod schema (see fields-from-zod.ts) plus what a CMS needs around them — the language,
 * the slug that links translations, a weak reference to the English original, the Markdown body —
 * and previews that show the language beside the title.
 */
import { DOCUMENT_KINDS, type DocumentKind } from '#kernel/content/sanity-documents.ts';
import { DEFAULT_LOCALE, LOCALES } from '#kernel/i18n/locales.ts';
import { fieldsFromZod, type RuleLike, type SanityField } from './fields-from-zod.ts';

export interface SanityDocumentType {
  name: string;
  type: 'document';
  title: string;
  fields: SanityField[];
  preview: {
    select: Record<string, string>;
    prepare(value: Record<string, unknown>): { title: string; subtitle?: string };
  };
  validation?: (rule: DocumentRuleLike) => DocumentRuleLike;
}

interface DocumentRuleLike {
  custom(check: (document: Record<string, unknown> | undefined) => true | string): DocumentRuleLike;
}

const languageField: SanityField = {
  name: 'language',
  type: 'string',
  title: 'Language',
  description: 'One document per language; translations share the slug.',
  options: { list: LOCALES.map((l) => ({ title: `${l.english} (${l.code})`, value: l.code })) },
  validation: (rule: RuleLike) => rule.required(),
};

const slugField: SanityField = {
  name: 'slug',
  type: 'slug',
  title: 'Slug',
  description: 'The address of the page (/en/guides/<slug>/), the same in every language.',
  validation: (rule: RuleLike) =>
    rule.required().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { name: 'lower-case words with dashes' }),
};

function translationOfField(type: string): SanityField {
  return {
    name: 'translationOf',
    type: 'reference',
    title: 'Translation of',
    description: 'The English original. Empty on the English document itself.',
    to: [{ type }],
    weak: true,
    options: { filter: 'language == $language', filterParams: { language: DEFAULT_LOCALE } },
    hidden: ({ document }: { document?: { language?: string } }) => document?.language === DEFAULT_LOCALE,
  };
}

const bodyField: SanityField = {
  name: 'body',
  type: 'text',
  title: 'Body (Markdown)',
  description:
    'Markdown, as in content/. Link to other pages as ~/guides/warning-signs/ so the link stays in the reader’s language.',
  rows: 24,
  validation: (rule: RuleLike) => rule.required(),
};

/** Images are site files (public/images/...) with required alt text; the derived fields say so. */
function withImageHints(fields: SanityField[]): SanityField[] {
  return fields.map((field) =>
    field.name === 'images'
      ? {
          ...field,
          description:
            'Up to four images from public/images/. Alt text is required: describe what the image shows.',
          of: field.of?.map((member) => ({
            ...member,
            preview: { select: { title: 'alt', subtitle: 'src' } },
          })),
        }
      : field,
  );
}

function languageLabel(code: unknown): string {
  return typeof code === 'string' ? code.toUpperCase() : '??';
}

function documentType(kind: DocumentKind): SanityDocumentType {
  const siteFields = withImageHints(fieldsFromZod(kind.schema));
  const name = kind.type;
  const title = kind.title.replace(/s$/, '');
  switch (kind.shape) {
    case 'markdown':
      return {
        name,
        type: 'document',
        title,
        fields: [languageField, slugField, translationOfField(name), ...siteFields, bodyField],
        preview: {
          select: { title: 'title', language: 'language', slug: 'slug.current' },
          prepare: ({ title: t, language, slug }) => ({
            title: `${languageLabel(language)} · ${String(t ?? 'Untitled')}`,
            subtitle: String(slug ?? ''),
          }),
        },
        // Same rule as the site's schema: a campaign cannot end before it starts.
        ...(name === 'campaign'
          ? {
              validation: (rule: DocumentRuleLike) =>
                rule.custom((doc) =>
                  !doc?.endDate || !doc.startDate || String(doc.endDate) >= String(doc.startDate)
                    ? true
                    : 'endDate must not be before startDate',
                ),
            }
          : {}),
      };
    case 'locale':
      return {
        name,
        type: 'document',
        title,
        fields: [languageField, ...siteFields],
        preview: {
          select: { language: 'language', first: 'items.0.q' },
          prepare: ({ language, first }) => ({
            title: `${languageLabel(language)} · FAQ`,
            subtitle: String(first ?? ''),
          }),
        },
      };
    case 'country':
      return {
        name,
        type: 'document',
        title: 'Help directory entry',
        fields: siteFields,
        preview: {
          select: { country: 'country', emergency: 'emergency.number' },
          prepare: ({ country, emergency }) => ({
            title: String(country ?? '??'),
            subtitle: `Emergency ${String(emergency ?? '')}`,
          }),
        },
      };
  }
}

export const documentTypes: SanityDocumentType[] = DOCUMENT_KINDS.map(documentType);
