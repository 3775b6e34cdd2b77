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
        fields: withVerificationHints(siteFields),
        preview: {
          select: { country: 'country', emergency: 'emergency.number' },
          prepare: ({ country, emergency }) => ({
            title: String(country ?? '??'),
            subtitle: `Emergency ${String(emergency ?? '')}`,
          }),
        },
        // The site's schema checks these across fields; the Studio says so before publishing.
        validation: (rule: DocumentRuleLike) => rule.custom((doc) => helpEntryProblem(doc)),
      };
    case 'singleton':
      return {
        name,
        type: 'document',
        title: kind.title,
        fields: siteFields,
        preview: {
          select: { sms: 'hotline.sms', example: 'hotline.example' },
          prepare: ({ sms, example }) => ({
            title: kind.title,
            subtitle: `Hotline SMS ${String(sms ?? '—')}${example ? ' (example number)' : ''}`,
          }),
        },
      };
  }
}

/** Where an editor records a check: the date and who checked are hinted at, wherever they occur. */
function withVerificationHints(fields: SanityField[]): SanityField[] {
  return fields.map((field) => {
    const hinted = {
      ...field,
      ...(field.name === 'lastVerified'
        ? { description: 'The day you checked this against its source. Shown to readers.' }
        : field.name === 'verifiedBy'
          ? { description: 'Who checked it (your name). Staff only: readers see the date alone.' }
          : {}),
    };
    if (hinted.fields) hinted.fields = withVerificationHints(hinted.fields);
    if (hinted.of) hinted.of = withVerificationHints(hinted.of);
    return hinted;
  });
}

type Checked = { name?: string; source?: unknown; lastVerified?: unknown; verifiedBy?: unknown };

/** The first cross-field rule of the help entry schema that a Studio document breaks, or true. */
export function helpEntryProblem(doc: Record<string, unknown> | undefined): true | string {
  if (!doc) return true;
  const items: [string, Checked][] = [['Emergency number', (doc.emergency ?? {}) as Checked]];
  for (const list of ['hotlines', 'organisations'] as const) {
    for (const item of (doc[list] ?? []) as Checked[]) items.push([String(item.name ?? list), item]);
  }
  for (const [label, item] of items) {
    if (Boolean(item.lastVerified) !== Boolean(item.verifiedBy))
      return `${label}: a check needs both the date (last verified) and who checked (verified by)`;
    if (item.lastVerified && !item.source) return `${label}: a checked entry needs its public source`;
  }
  for (const list of ['hotlines', 'organisations'] as const) {
    const names = ((doc[list] ?? []) as Checked[]).map((i) => i.name);
    const twice = names.find((n, i) => names.indexOf(n) !== i);
    if (twice) return `"${twice}" is listed twice in ${list}`;
  }
  for (const o of (doc.organisations ?? []) as {
    name?: string;
    services?: string[];
    represents?: string;
  }[]) {
    const consular = o.services?.includes('consular') ?? false;
    if (consular && !o.represents)
      return `${o.name}: a consular organisation names the country it represents`;
    if (!consular && o.represents) return `${o.name}: only consular organisations represent a country`;
  }
  return true;
}

export const documentTypes: SanityDocumentType[] = DOCUMENT_KINDS.map(documentType);
