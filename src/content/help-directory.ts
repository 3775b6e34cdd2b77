/** The help directory, with names of countries and languages in the reader's language (from ICU, offline). */
import { getCollection } from 'astro:content';
import type { HelpEntry } from '#kernel/content/schemas.ts';
import type { Locale } from '#kernel/i18n/locales.ts';

export type { HelpEntry };

export function countryName(code: string, locale: Locale): string {
  try {
    return new Intl.DisplayNames([locale, 'en'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function languageName(code: string, locale: Locale): string {
  try {
    return new Intl.DisplayNames([locale, 'en'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** An entry counts as verified only with both its public source and the date someone checked it. */
export function isVerified(item: { source?: unknown; lastVerified?: Date }): boolean {
  return Boolean(item.source && item.lastVerified);
}

export async function helpEntries(locale: Locale): Promise<HelpEntry[]> {
  const entries = (await getCollection('help')).map((e) => e.data);
  const collator = new Intl.Collator(locale);
  return entries.sort((a, b) =>
    collator.compare(countryName(a.country, locale), countryName(b.country, locale)),
  );
}

/** Phone-like values become dialler links; spaces are for reading, not dialling. */
export function dialHref(kind: 'phone' | 'sms' | 'whatsapp' | 'email' | 'web', value: string): string {
  const digits = value.replace(/[^0-9+]/g, '');
  switch (kind) {
    case 'phone':
      return `tel:${digits}`;
    case 'sms':
      return `sms:${digits}`;
    case 'whatsapp':
      return `https://wa.me/${digits.replace(/^\+/, '')}`;
    case 'email':
      return `mailto:${value}`;
    case 'web':
      return value;
  }
}
