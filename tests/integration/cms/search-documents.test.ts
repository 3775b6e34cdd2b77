/**
 * A node indexes the site from its content (kernel/search/site-documents.ts), not from the pages
 * it renders: what the index holds of a page must be what the page shows. Every searchable page of
 * the sample content in every language, as the node serves it, against its indexed document:
 * the same title, every indexed word on the page, and for a guide, a campaign, the about and the
 * questions pages, every word of the page's searchable part in the index (a help page's part also
 * has labels and provenance lines the index leaves out).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveContent, LiveEntry } from '#kernel/content/live-content.ts';
import { LOCALE_CODES } from '#kernel/i18n/locales.ts';
import { siteDocuments } from '#kernel/search/site-documents.ts';
import { searchWords } from '#kernel/search/words.ts';
import { normalizeDocument } from '../../../functions/cms/content-snapshot.ts';
import { exportContent } from '../../../functions/cms/export-content.ts';
import { toLiveEntry } from '../../../functions/cms/live-entries.ts';
import { pageDocument } from '../../../src/build/search-index.ts';
import { type RunningServer, startServer } from '../../helpers/running-server.ts';

let server: RunningServer;
let content: LiveContent;

beforeAll(async () => {
  server = await startServer();
  const entries = await Promise.all(
    (await exportContent('content')).map((d) => toLiveEntry(normalizeDocument(d))),
  );
  const byCollection = Map.groupBy(entries, (e: LiveEntry) => e.collection);
  content = { version: 1, entries: (collection) => byCollection.get(collection) ?? [] };
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

describe('the search index of a node', () => {
  it('holds what each searchable page shows, in every language', async () => {
    let checked = 0;
    for (const locale of LOCALE_CODES) {
      const documents = siteDocuments(content, locale);
      expect(documents.length, locale).toBeGreaterThan(10);
      for (const doc of documents) {
        const response = await fetch(`${server.url}${doc.url}`);
        expect(response.status, doc.url).toBe(200);
        const page = pageDocument(await response.text(), doc.url);
        expect(page, doc.url).toBeDefined();
        expect(page!.title, doc.url).toBe(doc.title);
        expect(new Set(searchWords(page!.boost ?? '', locale)), doc.url).toEqual(
          new Set(searchWords(doc.boost ?? '', locale)),
        );
        const shown = new Set(searchWords(page!.text, locale));
        const indexed = new Set(searchWords(doc.text, locale));
        expect(
          [...indexed].filter((w) => !shown.has(w)),
          `${doc.url}: indexed, not shown`,
        ).toEqual([]);
        if (!doc.url.includes('/help/'))
          expect(
            [...shown].filter((w) => !indexed.has(w)),
            `${doc.url}: shown, not indexed`,
          ).toEqual([]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(12 * 20);
  }, 300_000);
});
