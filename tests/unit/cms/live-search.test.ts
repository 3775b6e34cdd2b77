/**
 * A node's live search index (functions/cms/live-search.ts) over a content store in memory: the
 * first run indexes every language; a publish indexes again only the languages the document shows
 * in, and only a language whose index changed gets new files; the previous index's files stay
 * served; the files are brotli for browsers that take it and plain otherwise, never stored.
 */
import { brotliDecompressSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { LiveContent, LiveEntry } from '#kernel/content/live-content.ts';
import type { CollectionName } from '#kernel/content/sanity-documents.ts';
import { LOCALE_CODES } from '#kernel/i18n/locales.ts';
import type { IndexFile } from '#kernel/search/index-format.ts';
import { createSearcher } from '#kernel/search/query.ts';
import type { ContentStore } from '../../../functions/cms/content-store.ts';
import { createLiveSearch, type LiveSearch, languagesOf } from '../../../functions/cms/live-search.ts';
import { createLogger } from '../../../functions/http/logger.ts';

function guide(slug: string, lang: string, title: string, body: string): LiveEntry {
  return {
    id: `${slug}/${lang}`,
    collection: 'guides',
    data: { title },
    rendered: { html: `<p>${body}</p>` },
  };
}

/** A store whose content the test changes, telling the listeners which documents changed. */
function memoryStore(entries: LiveEntry[]) {
  let version = 1;
  let current: LiveContent;
  const listeners: ((content: LiveContent, changed: readonly string[]) => void)[] = [];
  const snapshot = () => {
    const list = [...entries];
    current = { version, entries: (c: CollectionName) => list.filter((e) => e.collection === c) };
  };
  snapshot();
  const store: ContentStore = {
    current: () => current,
    refresh: async () => current,
    onChange: (listener) => listeners.push(listener),
    stop: async () => {},
  };
  return {
    store,
    publish(changed: string[], next: LiveEntry[]) {
      entries = next;
      version++;
      snapshot();
      for (const listener of listeners) listener(current, changed);
    },
  };
}

/** A response to GET `pathname` from the index, as the server would send it. */
async function get(search: LiveSearch, pathname: string, acceptEncoding = 'gzip, deflate, br') {
  const headers: Record<string, string | number> = {};
  let status = 0;
  let body: Buffer = Buffer.alloc(0);
  const done = new Promise<void>((resolve) => {
    const res = {
      writeHead(code: number, h: Record<string, string | number> = {}) {
        status = code;
        Object.assign(headers, h);
        return res;
      },
      end(chunk?: Buffer) {
        if (chunk) body = chunk;
        resolve();
      },
    };
    const served = search.serve(
      { method: 'GET', headers: { 'accept-encoding': acceptEncoding } } as never,
      res as never,
      pathname,
    );
    if (!served) resolve();
  });
  await done;
  const text = headers['content-encoding'] === 'br' ? brotliDecompressSync(body).toString() : body.toString();
  return { status, headers, text };
}

const lines: string[] = [];
const log = createLogger('info', (line) => lines.push(line));
let search: LiveSearch | undefined;

afterEach(async () => {
  await search?.stop();
  lines.length = 0;
});

describe('languagesOf', () => {
  it('is the document’s own language, every language for an English original or a country', () => {
    expect(languagesOf('guide.warning-signs.fr')).toEqual(['fr']);
    expect(languagesOf('campaign.know-the-signs.ar')).toEqual(['ar']);
    expect(languagesOf('faq.zh')).toEqual(['zh']);
    expect(languagesOf('guide.warning-signs.en')).toEqual(LOCALE_CODES);
    expect(languagesOf('page.about.en')).toEqual(LOCALE_CODES);
    expect(languagesOf('helpEntry.np')).toEqual(LOCALE_CODES);
    expect(languagesOf('siteSettings')).toEqual([]);
  });
});

describe('the live search index', () => {
  it('indexes every language, then only what a publish changed', async () => {
    const english = guide('passport', 'en', 'Keep your passport', 'Nobody may take your passport.');
    const french = guide(
      'passport',
      'fr',
      'Gardez votre passeport',
      'Personne ne peut prendre votre passeport.',
    );
    const { store, publish } = memoryStore([english, french]);
    search = createLiveSearch({ store, log });
    await search.idle();
    expect(search.started).toBe(true);
    expect(search.version).toBe(1);
    const first = JSON.parse(lines.at(-1)!);
    expect(first).toMatchObject({ msg: 'site indexed', languages: 12, count: 12 });

    const index = await get(search, '/search-index/fr/index.json');
    expect(index.status).toBe(200);
    expect(index.headers).toMatchObject({ 'content-encoding': 'br', 'cache-control': 'no-store' });
    const before = JSON.parse(index.text) as IndexFile;
    expect(before.docs).toHaveLength(1);
    // A browser without brotli gets the same bytes, plain.
    const plain = await get(search, '/search-index/fr/index.json', 'gzip');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.text).toBe(index.text);
    expect((await get(search, '/search-index/fr/nothing.json')).status).toBe(0);

    // The French guide is corrected: French alone is indexed again.
    const corrected = guide(
      'passport',
      'fr',
      'Gardez votre passeport',
      'Personne, même pas votre employeur.',
    );
    publish(['guide.passport.fr'], [english, corrected]);
    await search.idle();
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ msg: 'search index updated', languages: 1, count: 1 });
    expect(search.version).toBe(2);
    const searcher = createSearcher(
      async (name) => JSON.parse((await get(search!, `/search-index/fr/${name}`)).text),
      'fr',
    );
    const answer = await searcher.search('employeur');
    expect((await answer.top(5)).map((r) => r.url)).toEqual(['/fr/guides/passport/']);
    // The previous index's fragment is still served to a reader who loaded it before.
    expect((await get(search, `/search-index/fr/${before.docs[0]![0]}`)).status).toBe(200);

    // A publish of the English original reaches every language, but only those that show it change.
    const safe = guide('passport', 'en', 'Keep your passport safe', 'Nobody.');
    publish(['guide.passport.en'], [safe, corrected]);
    await search.idle();
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ languages: 11, count: 12 });

    // A publish no searchable page shows moves the version on and changes nothing.
    const logged = lines.length;
    publish(['siteSettings'], [safe, corrected]);
    await search.idle();
    expect(search.version).toBe(4);
    expect(lines).toHaveLength(logged);
  }, 30_000);
});
