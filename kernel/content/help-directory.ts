/** The help directory, with names of countries and languages in the reader's language (from ICU, offline). */

import {
  type HelpEntry,
  HOTLINE_KINDS,
  type Hotline,
  type HotlineKind,
  type Organisation,
} from '#kernel/content/schemas.ts';
import { formattedOnce } from '#kernel/i18n/formatted-once.ts';
import type { Locale } from '#kernel/i18n/locales.ts';

function displayName(type: 'region' | 'language', code: string, locale: Locale): string {
  return formattedOnce(`${type}:${code}:${locale}`, () => {
    try {
      return new Intl.DisplayNames([locale, 'en'], { type }).of(code) ?? code;
    } catch {
      return code;
    }
  });
}

export function countryName(code: string, locale: Locale): string {
  return displayName('region', code, locale);
}

export function languageName(code: string, locale: Locale): string {
  return displayName('language', code, locale);
}

/** A country's names a reader may search for: in the page's language, in English and its own. */
export function countryNames(code: string, locale: Locale): { name: string; lang: string }[] {
  const found = formattedOnce(`names:${code}:${locale}`, () => {
    const native = new Intl.Locale(`und-${code}`).maximize().language;
    const list: { name: string; lang: string }[] = [];
    for (const lang of [locale, 'en', native]) {
      try {
        const name = new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' }).of(code);
        if (name && !list.some((n) => n.name === name)) list.push({ name, lang });
      } catch {
        // A language ICU does not know has no name to offer.
      }
    }
    return list;
  });
  return found.map((n) => ({ ...n }));
}

/**
 * An entry counts as verified only when a person checked it against its public source: the
 * source, the date and who checked must all be there.
 */
export function isVerified(item: { source?: unknown; lastVerified?: Date; verifiedBy?: string }): boolean {
  return Boolean(item.source && item.lastVerified && item.verifiedBy);
}

/** Hotlines by what they are for, the anti-trafficking line first; kinds without a line are left out. */
export function hotlineGroups(entry: HelpEntry): { kind: HotlineKind; hotlines: Hotline[] }[] {
  return HOTLINE_KINDS.map((kind) => ({
    kind,
    hotlines: entry.hotlines.filter((h) => h.kind === kind),
  })).filter((g) => g.hotlines.length > 0);
}

/**
 * Where readers of each language most often come from, so that their embassy is listed first.
 * A guess from the language alone: every embassy is still listed.
 */
const LIKELY_ORIGINS: Record<Locale, readonly string[]> = {
  en: ['IN', 'PK', 'LK', 'NG', 'GH', 'KE', 'PH', 'GM'],
  fr: ['SN', 'ML', 'CI', 'GN', 'NE', 'MA', 'TN'],
  es: ['MX', 'GT', 'HN', 'SV', 'CO'],
  ar: ['EG', 'SD', 'SY', 'YE', 'MA', 'TN', 'LY', 'SO'],
  ru: ['UA', 'MD', 'KG', 'UZ', 'TJ', 'KZ'],
  zh: ['CN'],
  bn: ['BD', 'IN'],
  ne: ['NP'],
  vi: ['VN'],
  tl: ['PH'],
  id: ['ID'],
  ro: ['RO', 'MD'],
};

const isIom = (o: Organisation) => /^IOM\b/.test(o.name) || /(^|\.)iom\.int$/.test(hostOf(o.web));

function hostOf(url: string | undefined): string {
  return url ? new URL(url).hostname : '';
}

/**
 * The organisations, IOM first, and apart from them the embassies and consulates: those of the
 * countries this page's readers most likely come from first, then by country name.
 */
export function organisationGroups(
  entry: HelpEntry,
  locale: Locale,
): { organisations: Organisation[]; embassies: Organisation[] } {
  const consular = (o: Organisation) => o.represents !== undefined;
  const organisations = entry.organisations.filter((o) => !consular(o));
  const origins = LIKELY_ORIGINS[locale];
  const rank = (o: Organisation) => {
    const i = origins.indexOf(o.represents!);
    return i < 0 ? origins.length : i;
  };
  const collator = new Intl.Collator(locale);
  return {
    organisations: [...organisations.filter(isIom), ...organisations.filter((o) => !isIom(o))],
    embassies: entry.organisations
      .filter(consular)
      .sort(
        (a, b) =>
          rank(a) - rank(b) ||
          collator.compare(countryName(a.represents!, locale), countryName(b.represents!, locale)),
      ),
  };
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
