/**
 * Writes the search index (kernel/search/index-format.ts) of the pages a build wrote, one per
 * language under `search-index/`, read from each page's searchable part (`data-search-body`; its
 * `data-search-weight` element holds the boosted words). A node indexes its content snapshot
 * itself (functions/cms/live-search.ts); this index serves a node until its first run ends, and a
 * static copy of the site (`PRERENDER_DOCUMENTS=1`) for good.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LOCALE_CODES } from '#kernel/i18n/locales.ts';
import { htmlText } from '#kernel/search/html-text.ts';
import { buildLanguageIndex } from '#kernel/search/index-builder.ts';
import type { SearchDocument } from '#kernel/search/index-format.ts';

/** The element that starts at `start` (the `<` of its tag), whole: its tag's nesting counted. */
function elementAt(html: string, start: number): string {
  const name = /^<([a-z][a-z0-9-]*)/i.exec(html.slice(start))?.[1];
  if (!name) return '';
  const tags = new RegExp(`<(/?)${name}\\b[^>]*>`, 'gi');
  tags.lastIndex = start;
  let depth = 0;
  for (let m = tags.exec(html); m; m = tags.exec(html)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) return html.slice(start, m.index + m[0].length);
  }
  return html.slice(start);
}

/** The element carrying `attribute`, whole, and where it starts; undefined if none does. */
function elementWith(html: string, attribute: string): { at: number; element: string } | undefined {
  const found = new RegExp(`\\s${attribute}[\\s>=]`).exec(html);
  if (!found) return undefined;
  const at = html.lastIndexOf('<', found.index);
  return { at, element: elementAt(html, at) };
}

/** A built page as the index reads it; undefined for a page with no searchable part. */
export function pageDocument(html: string, url: string): SearchDocument | undefined {
  const body = elementWith(html, 'data-search-body');
  if (!body) return undefined;
  let part = body.element;
  const title = htmlText(/<h1\b[^>]*>([\s\S]*?)<\/h1>/i.exec(html)?.[1] ?? '');
  part = part.replace(/<h1\b[^>]*>[\s\S]*?<\/h1>/i, ' ');
  const boost = elementWith(part, 'data-search-weight');
  if (boost) part = part.replace(boost.element, ' ');
  return {
    url,
    title,
    ...(boost ? { boost: htmlText(boost.element) } : {}),
    text: htmlText(part),
  };
}

async function pagesUnder(dir: string, url: string, found: SearchDocument[]): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) await pagesUnder(path.join(dir, entry.name), `${url}${entry.name}/`, found);
    else if (entry.name === 'index.html') {
      const page = pageDocument(await readFile(path.join(dir, entry.name), 'utf8'), url);
      if (page) found.push(page);
    }
  }
}

export async function buildSearchIndex(siteDir: string): Promise<{ pages: number }> {
  let pages = 0;
  for (const locale of LOCALE_CODES) {
    const documents: SearchDocument[] = [];
    const root = path.join(siteDir, locale);
    await pagesUnder(root, `/${locale}/`, documents).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    const out = path.join(siteDir, 'search-index', locale);
    await mkdir(out, { recursive: true });
    for (const [name, bytes] of buildLanguageIndex(documents, locale))
      await writeFile(path.join(out, name), bytes);
    pages += documents.length;
  }
  return { pages };
}
