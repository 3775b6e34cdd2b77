/** URL helpers: every public page lives under its locale, e.g. `/fr/guides/`. */
import { LOCALES, type Locale } from '#kernel/i18n/locales.ts';

export function localePath(locale: Locale, path = '/'): string {
  const clean = path.startsWith('/') ? path : `/${path}`;
  return `/${locale}${clean}`;
}

/** `getStaticPaths` for pages that exist once per locale. */
export function localeStaticPaths() {
  return LOCALES.map((l) => ({ params: { locale: l.code } }));
}
