/**
 * UI strings. English defines the keys; every other locale is one flat JSON file with the same
 * dotted keys. A missing key falls back to English: silently for readers
 * (and counted, so the test suite can fail on it), visibly marked in staff tools.
 */

import { DEFAULT_LOCALE, isLocale, type Locale } from '#kernel/i18n/locales.ts';
import ar from '#kernel/i18n/strings/ar.json' with { type: 'json' };
import bn from '#kernel/i18n/strings/bn.json' with { type: 'json' };
import en from '#kernel/i18n/strings/en.json' with { type: 'json' };
import es from '#kernel/i18n/strings/es.json' with { type: 'json' };
import fr from '#kernel/i18n/strings/fr.json' with { type: 'json' };
import id from '#kernel/i18n/strings/id.json' with { type: 'json' };
import ne from '#kernel/i18n/strings/ne.json' with { type: 'json' };
import ro from '#kernel/i18n/strings/ro.json' with { type: 'json' };
import ru from '#kernel/i18n/strings/ru.json' with { type: 'json' };
import tl from '#kernel/i18n/strings/tl.json' with { type: 'json' };
import vi from '#kernel/i18n/strings/vi.json' with { type: 'json' };
import zh from '#kernel/i18n/strings/zh.json' with { type: 'json' };

export type UiKey = keyof typeof en;
export type Strings = Record<UiKey, string>;

/**
 * Each locale's file, by its code. Imported by name, with the JSON attribute, so that the server's
 * own modules (run by Node as they are, outside the site's bundle) read the same strings.
 */
export const STRINGS: Record<string, Partial<Strings>> = { en, fr, es, ar, ru, zh, bn, ne, vi, tl, id, ro };

/** Keys a page asked for that its locale lacks, by locale; read by tests and the staff status view. */
export const missingKeys = new Map<string, Set<string>>();

export type Translate = (key: UiKey, vars?: Record<string, string | number>) => string;

export function useTranslations(locale: string, options: { markMissing?: boolean } = {}): Translate {
  const strings = STRINGS[isLocale(locale) ? locale : DEFAULT_LOCALE] ?? {};
  return (key, vars) => {
    let text = strings[key];
    if (text === undefined) {
      if (!missingKeys.has(locale)) missingKeys.set(locale, new Set());
      missingKeys.get(locale)!.add(key);
      text = options.markMissing ? `[${locale}?] ${en[key]}` : en[key];
    }
    if (!vars) return text;
    return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in vars ? String(vars[name]) : match));
  };
}

export function localesWithStrings(): Locale[] {
  return Object.keys(STRINGS).filter(isLocale);
}
