/**
 * Content links are written as `~/help/` so one text serves every language; they are rewritten to
 * the locale the reader is in (`/fr/help/`), so a French reader of an English fallback text stays
 * in the French site.
 */
export function localizeLinks(html: string, locale: string): string {
  return html.replace(/href="~\//g, `href="/${locale}/`);
}
