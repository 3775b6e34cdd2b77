/**
 * The one list of languages Waymark speaks. Astro's i18n config, static paths, the language
 * switcher, right-to-left handling and the tests are all derived from it: adding a locale is one
 * entry here plus its UI strings and content.
 */

export interface LocaleInfo {
  /** BCP 47 tag used in URLs, `lang` attributes and content file names. */
  readonly code: string;
  /** The language's name in its own language, as a reader looks for it. */
  readonly label: string;
  /** The same name in English, for staff tools. */
  readonly english: string;
  readonly dir: 'ltr' | 'rtl';
}

export const LOCALES = [
  { code: 'en', label: 'English', english: 'English', dir: 'ltr' },
  { code: 'fr', label: 'Français', english: 'French', dir: 'ltr' },
  { code: 'es', label: 'Español', english: 'Spanish', dir: 'ltr' },
  { code: 'ar', label: 'العربية', english: 'Arabic', dir: 'rtl' },
  { code: 'ru', label: 'Русский', english: 'Russian', dir: 'ltr' },
  { code: 'zh', label: '中文', english: 'Chinese', dir: 'ltr' },
  { code: 'bn', label: 'বাংলা', english: 'Bengali', dir: 'ltr' },
  { code: 'ne', label: 'नेपाली', english: 'Nepali', dir: 'ltr' },
  { code: 'vi', label: 'Tiếng Việt', english: 'Vietnamese', dir: 'ltr' },
  { code: 'tl', label: 'Tagalog', english: 'Tagalog', dir: 'ltr' },
  { code: 'id', label: 'Bahasa Indonesia', english: 'Indonesian', dir: 'ltr' },
  { code: 'ro', label: 'Română', english: 'Romanian', dir: 'ltr' },
] as const satisfies readonly LocaleInfo[];

export type Locale = (typeof LOCALES)[number]['code'];

export const DEFAULT_LOCALE: Locale = 'en';

export const LOCALE_CODES = LOCALES.map((l) => l.code) as [Locale, ...Locale[]];

const byCode = new Map<string, LocaleInfo>(LOCALES.map((l) => [l.code, l]));

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && byCode.has(value);
}

export function localeInfo(code: Locale): LocaleInfo {
  return byCode.get(code)!;
}

export function textDirection(code: Locale): 'ltr' | 'rtl' {
  return localeInfo(code).dir;
}

/**
 * Picks the best supported locale for an Accept-Language header (RFC 9110 quality values),
 * matching on the primary subtag so that `fr-CA` finds `fr` and `zh-Hant-TW` finds `zh`.
 */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number.parseFloat(q.slice(2)) : 1;
      return { tag: tag.toLowerCase(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => entry.tag && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { tag } of ranked) {
    const primary = tag.split('-')[0];
    if (isLocale(primary)) return primary;
    // Filipino is the standardised form of Tagalog; phones often report `fil`.
    if (primary === 'fil') return 'tl';
    // Moldovan is Romanian.
    if (primary === 'mo') return 'ro';
  }
  return DEFAULT_LOCALE;
}
