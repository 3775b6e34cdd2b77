/**
 * Reading content by locale. A document missing in the reader's language falls back to English
 * (flagged, so the page can say so in the reader's language); nothing ever renders blank or 404s.
 */
import type { CollectionEntry } from 'astro:content';
import { currentLiveContent } from '#kernel/content/live-content.ts';
import { DEFAULT_LOCALE, isLocale, LOCALE_CODES, type Locale } from '#kernel/i18n/locales.ts';
import { getCollection } from './collections.ts';

type Localized = 'guides' | 'campaigns' | 'pages';

export interface LocalizedEntry<C extends Localized> {
  slug: string;
  entry: CollectionEntry<C>;
  /** The locale the entry is actually written in. */
  lang: Locale;
  isFallback: boolean;
  /** Locales this document exists in. */
  translatedIn: Locale[];
}

export function splitId(id: string): { slug: string; locale: string } {
  const cut = id.lastIndexOf('/');
  return { slug: id.slice(0, cut), locale: id.slice(cut + 1) };
}

function bySlugOf<C extends Localized>(
  collection: C,
  entries: readonly CollectionEntry<C>[],
): Map<string, Map<Locale, CollectionEntry<C>>> {
  const map = new Map<string, Map<Locale, CollectionEntry<C>>>();
  for (const entry of entries) {
    const { slug, locale } = splitId(entry.id);
    if (!isLocale(locale))
      throw new Error(`content/${collection}/${entry.id}: "${locale}" is not a configured locale`);
    if (!map.has(slug)) map.set(slug, new Map());
    map.get(slug)!.set(locale, entry);
  }
  for (const [slug, versions] of map) {
    if (!versions.has(DEFAULT_LOCALE))
      throw new Error(`content/${collection}/${slug}: the English version is missing`);
  }
  return map;
}

function localizedOf<C extends Localized>(
  map: Map<string, Map<Locale, CollectionEntry<C>>>,
  locale: Locale,
): Map<string, LocalizedEntry<C>> {
  const localized = new Map<string, LocalizedEntry<C>>();
  for (const [slug, versions] of map) {
    const own = versions.get(locale);
    localized.set(slug, {
      slug,
      entry: (own ?? versions.get(DEFAULT_LOCALE))!,
      lang: own ? locale : DEFAULT_LOCALE,
      isFallback: !own,
      translatedIn: LOCALE_CODES.filter((l) => versions.has(l)),
    });
  }
  return localized;
}

/**
 * A node renders many pages from one version of the content snapshot, which never changes once
 * read: each collection is indexed once per version and language, so a page costs the same at any
 * size of the site. (The build reads Astro's collections afresh each time.)
 */
const perVersion = new WeakMap<object, Map<string, unknown>>();

function once<T>(key: string, make: () => T): T {
  const live = currentLiveContent();
  if (!live) return make();
  let memo = perVersion.get(live);
  if (!memo) {
    memo = new Map();
    perVersion.set(live, memo);
  }
  if (!memo.has(key)) memo.set(key, make());
  return memo.get(key) as T;
}

async function bySlug<C extends Localized>(
  collection: C,
): Promise<Map<string, Map<Locale, CollectionEntry<C>>>> {
  const entries = (await getCollection(collection)) as CollectionEntry<C>[];
  return once(`bySlug:${collection}`, () => bySlugOf(collection, entries));
}

async function localizedMap<C extends Localized>(
  collection: C,
  locale: Locale,
): Promise<Map<string, LocalizedEntry<C>>> {
  const map = await bySlug(collection);
  return once(`localized:${collection}:${locale}`, () => localizedOf(map, locale));
}

/** Every document of a collection as the reader of `locale` sees it (a new array: callers sort it). */
export async function localizedAll<C extends Localized>(
  collection: C,
  locale: Locale,
): Promise<LocalizedEntry<C>[]> {
  return [...(await localizedMap(collection, locale)).values()];
}

export async function localizedOne<C extends Localized>(collection: C, locale: Locale, slug: string) {
  return (await localizedMap(collection, locale)).get(slug);
}

export async function slugsOf(collection: Localized): Promise<string[]> {
  return [...(await bySlug(collection)).keys()];
}

export async function hasSlug(collection: Localized, slug: string): Promise<boolean> {
  return (await bySlug(collection)).has(slug);
}

/** Which documents exist in which locales, for the staff translation status view. */
export async function translationStatus(): Promise<
  { collection: string; slug: string; locales: Locale[] }[]
> {
  const rows: { collection: string; slug: string; locales: Locale[] }[] = [];
  for (const collection of ['guides', 'campaigns', 'pages'] as const) {
    for (const [slug, versions] of await bySlug(collection)) {
      rows.push({ collection, slug, locales: LOCALE_CODES.filter((l) => versions.has(l)) });
    }
  }
  const faqs = await getCollection('faq');
  rows.push({
    collection: 'faq',
    slug: 'faq',
    locales: LOCALE_CODES.filter((l) => faqs.some((f) => f.id === l)),
  });
  return rows;
}
