/**
 * How site content maps onto Sanity documents, shared by the content loader, the export to Sanity's
 * import format and the Studio. Guides, campaigns and pages are one document per language, linked as
 * translations by a common slug (and, for non-English versions, a weak `translationOf` reference to
 * the English document); the FAQ is one document per language; the help directory is one document
 * per country; the site settings are one document (`siteSettings`). Document ids are deterministic (`guide.warning-signs.fr`), so an import or a re-export
 * replaces documents instead of duplicating them.
 */
import type { z } from 'zod';
import {
  campaignSchema,
  faqSchema,
  guideSchema,
  helpEntrySchema,
  pageSchema,
  siteSettingsSchema,
} from '#kernel/content/schemas.ts';
import { DEFAULT_LOCALE } from '#kernel/i18n/locales.ts';

export type CollectionName = 'guides' | 'campaigns' | 'pages' | 'faq' | 'help' | 'settings';

export interface DocumentKind {
  collection: CollectionName;
  /** The Sanity `_type`. */
  type: string;
  title: string;
  schema: z.ZodType;
  /**
   * `markdown`: one document per slug and language with a Markdown body; `locale`: one per
   * language; `country`: one per country; `singleton`: exactly one document.
   */
  shape: 'markdown' | 'locale' | 'country' | 'singleton';
}

export const DOCUMENT_KINDS = [
  { collection: 'guides', type: 'guide', title: 'Guides', schema: guideSchema, shape: 'markdown' },
  {
    collection: 'campaigns',
    type: 'campaign',
    title: 'Campaigns',
    schema: campaignSchema,
    shape: 'markdown',
  },
  { collection: 'pages', type: 'page', title: 'Pages', schema: pageSchema, shape: 'markdown' },
  { collection: 'faq', type: 'faq', title: 'FAQ', schema: faqSchema, shape: 'locale' },
  {
    collection: 'help',
    type: 'helpEntry',
    title: 'Help directory',
    schema: helpEntrySchema,
    shape: 'country',
  },
  {
    collection: 'settings',
    type: 'siteSettings',
    title: 'Site settings',
    schema: siteSettingsSchema,
    shape: 'singleton',
  },
] as const satisfies readonly DocumentKind[];

/** The one site settings document: its Sanity id, and its entry id in the collection (content/settings/site.yaml). */
export const SITE_SETTINGS_ID = 'siteSettings';
export const SITE_SETTINGS_ENTRY = 'site';

export function kindOf(collection: CollectionName): DocumentKind {
  return DOCUMENT_KINDS.find((k) => k.collection === collection)!;
}

/** Fields Sanity documents carry besides the site's own (zod) fields. */
export const SANITY_ONLY_FIELDS = ['language', 'slug', 'translationOf', 'body'] as const;

/** Where an entry is addressed: the slug and language for Markdown types, else one of the two. */
export interface DocumentAddress {
  slug?: string;
  language?: string;
  country?: string;
}

export function documentId(kind: DocumentKind, at: DocumentAddress): string {
  switch (kind.shape) {
    case 'markdown':
      return `${kind.type}.${at.slug}.${at.language}`;
    case 'locale':
      return `${kind.type}.${at.language}`;
    case 'country':
      return `${kind.type}.${at.country?.toLowerCase()}`;
    case 'singleton':
      return SITE_SETTINGS_ID;
  }
}

/** The entry id the file source gives the same content (`warning-signs/fr`, `fr`, `np`). */
export function entryId(kind: DocumentKind, at: DocumentAddress): string {
  switch (kind.shape) {
    case 'markdown':
      return `${at.slug}/${at.language}`;
    case 'locale':
      return `${at.language}`;
    case 'country':
      return `${at.country?.toLowerCase()}`;
    case 'singleton':
      return SITE_SETTINGS_ENTRY;
  }
}

/** The English original a translation points to, or undefined for the original itself. */
export function translationOfId(kind: DocumentKind, at: DocumentAddress): string | undefined {
  if (kind.shape === 'country' || kind.shape === 'singleton' || at.language === DEFAULT_LOCALE)
    return undefined;
  return documentId(kind, { ...at, language: DEFAULT_LOCALE });
}

/**
 * The site's fields of a Sanity document: system fields (`_id`, `_key`, ...) and Sanity-only fields
 * dropped, and nulls treated as absent, so the zod schema sees what a content file would hold.
 */
export function siteFields(document: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(document)) {
    if (key.startsWith('_') || (SANITY_ONLY_FIELDS as readonly string[]).includes(key)) continue;
    const clean = withoutSystemFields(value);
    if (clean !== undefined) out[key] = clean;
  }
  return out;
}

function withoutSystemFields(value: unknown): unknown {
  if (value === null) return undefined;
  if (Array.isArray(value)) return value.map(withoutSystemFields).filter((v) => v !== undefined);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      if (key.startsWith('_')) continue;
      const clean = withoutSystemFields(inner);
      if (clean !== undefined) out[key] = clean;
    }
    return out;
  }
  return value;
}

/** Names of the object types inside arrays, as the Studio declares them and `_type` records them. */
const ARRAY_MEMBER_TYPES: Record<string, string> = {
  images: 'siteImage',
  hotlines: 'hotline',
  channels: 'channel',
  organisations: 'organisation',
  items: 'question',
};

export function arrayMemberType(field: string): string {
  return ARRAY_MEMBER_TYPES[field] ?? `${field}Item`;
}
