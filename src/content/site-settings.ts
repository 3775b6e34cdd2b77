/**
 * The organisation's own hotline, from the site settings: content/settings/site.yaml, or the one
 * `siteSettings` document in Sanity. Without settings (a Sanity dataset where nobody has saved
 * them yet) pages simply leave the hotline out.
 */

import { SITE_SETTINGS_ENTRY } from '#kernel/content/sanity-documents.ts';
import type { SiteSettings } from '#kernel/content/schemas.ts';
import { getCollection } from './collections.ts';

export type HotlineSettings = SiteSettings['hotline'];

export async function hotlineSettings(): Promise<HotlineSettings | undefined> {
  const settings = await getCollection('settings');
  return settings.find((s) => s.id === SITE_SETTINGS_ENTRY)?.data.hotline;
}
