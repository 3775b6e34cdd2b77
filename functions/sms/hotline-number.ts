/**
 * The hotline's own phone number for the automatic replies, from the site settings file
 * (content/settings/site.yaml, bundled like the emergency numbers). A sample number marked
 * `example` is never texted to anyone: the replies then leave the number out.
 */
import { parse } from 'yaml';
import { type SiteSettings, siteSettingsSchema } from '#kernel/content/schemas.ts';

const files = import.meta.glob<string>('../../content/settings/site.yaml', {
  eager: true,
  query: '?raw',
  import: 'default',
});

const settings: SiteSettings | undefined = Object.values(files).map((text) =>
  siteSettingsSchema.parse(parse(text)),
)[0];

/** The number to give texters who would rather call, or undefined for none (or only an example). */
export function hotlinePhone(from: SiteSettings | undefined = settings): string | undefined {
  return from && !from.hotline.example ? from.hotline.phone : undefined;
}
