/**
 * UI strings. English defines the keys; every other locale is one flat JSON file with the same
 * dotted keys, picked up automatically. A missing key falls back to English: silently for readers
 * (and counted, so the test suite can fail on it), visibly marked in staff tools.
 */

import { DEFAULT_LOCALE, isLocale, type Locale } from '#kernel/i18n/locales.ts';
import en from '#kernel/i18n/strings/en.json';

export type UiKey = keyof typeof en;
export type Strings = Record<UiKey, string>;

const files = import.meta.glob<{ default: Partial<Strings> }>('./strings/*.json', { eager: true });

export const STRINGS: Record<string, Partial<Strings>> = Object.fromEntries(
  Object.entries(files).map(([file, mod]) => [file.replace(/^.*\/(.+)\.json$/, '$1'), mod.default]),
);

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
