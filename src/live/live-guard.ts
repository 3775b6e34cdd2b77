/**
 * What a twin route checks before rendering its page on demand: the build only ever renders the
 * paths `getStaticPaths` lists, but a request can name any locale, slug or country, and a
 * document deleted since the build must answer 404 (the server then shows the reader's 404 page).
 */
import { isLocale } from '#kernel/i18n/locales.ts';
import { getCollection } from '../content/collections.ts';
import { hasSlug } from '../content/queries.ts';

type Params = Record<string, string | undefined>;

export async function exists(params: Params, collection?: 'guides' | 'campaigns'): Promise<boolean> {
  if (params.locale !== undefined && !isLocale(params.locale)) return false;
  if (collection) return hasSlug(collection, params.slug ?? '');
  return true;
}

export async function helpEntryFor(params: Params) {
  if (!params.locale || !isLocale(params.locale)) return undefined;
  const entries = await getCollection('help');
  return entries.find((e) => e.data.country.toLowerCase() === params.country)?.data;
}

export const NOT_FOUND = () => new Response(null, { status: 404 });
