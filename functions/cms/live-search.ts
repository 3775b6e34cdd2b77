/**
 * Keeps the search index (Pagefind, per language, searched in the reader's browser) in step with
 * the content snapshot. The build writes an index of the pages it rendered; after a publish this
 * node re-renders only the searchable pages the changed documents appear on (a guide in all 12
 * languages, since the others fall back to it; a country's help pages; the FAQ and about pages),
 * keeps just the part Pagefind reads (`data-pagefind-body`), and indexes again, in memory, only the
 * languages whose parts changed (a French guide: French alone), one language per lane
 * (functions/cms/search-lanes.ts) while the next language renders.
 * Indexing runs in the background after a quiet moment (2 s, at most 20 s behind), one run at a
 * time, so a burst of publishes costs one run and never competes with the pages themselves.
 * Files of the previous index stay served too: a reader mid-search keeps finding the fragments
 * their copy of the entry file names.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { deflateRaw, inflateRaw } from 'node:zlib';
import type { LiveContent } from '#kernel/content/live-content.ts';
import { LOCALE_CODES } from '#kernel/i18n/locales.ts';
import type { Logger } from '../http/logger.ts';
import { contentTypeFor } from '../server/content-types.ts';
import type { ContentStore } from './content-store.ts';
import type { LivePages } from './live-pages.ts';
import { createIndexLanes, type LanguageIndex, mergeIndexes } from './search-lanes.ts';

export interface LiveSearch {
  /** Answers `/pagefind/*` from the live index; false until the first live index exists. */
  serve(req: IncomingMessage, res: ServerResponse, pathname: string): boolean;
  /** The content version the served index was built from (0: the build's own index). */
  readonly version: number;
  /** The first run after start has ended (its index written, or its failure logged). */
  readonly started: boolean;
  /** Resolves when the index has caught up with the store (tests, benches). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/** Searchable pages of a document, by its id (`guide.warning-signs.fr`, `helpEntry.np`, `faq.fr`). */
function pagesOf(id: string): string[] | 'all' {
  const [type, ...rest] = id.split('.');
  const every = (path: string) => LOCALE_CODES.map((l) => `/${l}${path}`);
  switch (type) {
    case 'guide':
      return every(`/guides/${rest.slice(0, -1).join('.')}/`);
    case 'campaign':
      return every(`/campaigns/${rest.slice(0, -1).join('.')}/`);
    case 'helpEntry':
      return every(`/help/${rest.join('.')}/`);
    case 'faq':
      return every('/faq/');
    case 'page':
      return rest[0] === 'about' ? every('/about/') : [];
    default:
      // Site settings (the hotline shows in help pages) and anything unknown: everything.
      return 'all';
  }
}

function allSearchable(content: LiveContent): string[] {
  const paths: string[] = [];
  const slugs = (collection: 'guides' | 'campaigns') =>
    new Set(content.entries(collection).map((e) => e.id.slice(0, e.id.lastIndexOf('/'))));
  for (const l of LOCALE_CODES) {
    paths.push(`/${l}/faq/`, `/${l}/about/`);
    for (const slug of slugs('guides')) paths.push(`/${l}/guides/${slug}/`);
    for (const slug of slugs('campaigns')) paths.push(`/${l}/campaigns/${slug}/`);
    for (const e of content.entries('help')) paths.push(`/${l}/help/${e.id}/`);
  }
  return paths;
}

/** The page's language and the searchable element, which is all Pagefind reads of it. */
function searchablePart(html: string): string | undefined {
  // The attribute, then back to its tag: a pattern starting at every `<` of the page cost more.
  const attribute = html.search(/\sdata-pagefind-body[\s>]/);
  if (attribute === -1) return undefined;
  const start = html.lastIndexOf('<', attribute);
  const end = html.indexOf('</main>', start);
  const lang = /<html[^>]*\slang="([^"]+)"/.exec(html)?.[1] ?? 'en';
  return `<html lang="${lang}"><body>${html.slice(start, end === -1 ? undefined : end)}</body></html>`;
}

const RENDERS_IN_FLIGHT = 4;

const deflate = promisify(deflateRaw);
const inflate = promisify(inflateRaw);

/** The language of a page, by its path: `/fr/guides/x/` is French. */
const languageOf = (path: string) => path.split('/')[1] ?? '';

export function createLiveSearch(options: {
  pages: LivePages;
  store: ContentStore;
  log: Logger;
}): LiveSearch {
  const { pages, store, log } = options;
  /** Each language's searchable parts, `[path, part][]` as deflated JSON. */
  const parts = new Map<string, Buffer>();
  const lanes = createIndexLanes();
  /** Each language's own index; merged into `files`, which readers get. */
  const indexes = new Map<string, LanguageIndex>();
  let files = new Map<string, Buffer>();
  let previous = new Map<string, Buffer>();
  let version = 0;
  let dirty: Set<string> | 'all' = 'all';
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let started = false;

  const pending = () => dirty === 'all' || dirty.size > 0;

  /** A language's searchable parts by path, as last indexed (none yet: empty). */
  async function partsOf(language: string): Promise<Map<string, string>> {
    const kept = parts.get(language);
    return new Map(kept ? (JSON.parse((await inflate(kept)).toString('utf8')) as [string, string][]) : []);
  }

  /** Keeps a language's parts compressed: a fifth of the memory, for the node's whole life. */
  async function keep(language: string, own: Map<string, string>) {
    if (own.size === 0) parts.delete(language);
    else parts.set(language, await deflate(JSON.stringify([...own]), { level: 1 }));
  }

  async function run(): Promise<void> {
    do {
      const content = store.current();
      if (!content) return;
      const all = dirty === 'all';
      const paths = dirty === 'all' ? allSearchable(content) : [...dirty];
      dirty = new Set();
      if (paths.length > 0) {
        const started = performance.now();
        // Renders go one language after another; a language whose searchable pages changed goes to
        // a lane as soon as its pages are rendered, and is indexed there while the next renders.
        const byLanguage = new Map<string, string[]>();
        for (const path of paths) {
          const language = languageOf(path);
          if (!byLanguage.has(language)) byLanguage.set(language, []);
          byLanguage.get(language)!.push(path);
        }
        const indexing: Promise<void>[] = [];
        let reindexed = 0;
        for (const [language, list] of byLanguage) {
          const before = await partsOf(language);
          // Rendering every page starts from none, so the parts of pages gone since go too.
          const own = all ? new Map<string, string>() : new Map(before);
          let changed = !indexes.has(language);
          // A few renders in flight: the loopback request of one overlaps the render of the next.
          let next = 0;
          const renderSome = async () => {
            while (next < list.length) {
              const path = list[next++]!;
              const page = await pages.html(path);
              const part = page && searchablePart(page.html);
              if (part !== before.get(path)) changed = true;
              if (part) own.set(path, part);
              else own.delete(path);
            }
          };
          await Promise.all(Array.from({ length: RENDERS_IN_FLIGHT }, renderSome));
          if (all && own.size !== before.size) changed = true;
          if (!changed) continue;
          reindexed++;
          const sorted = [...own].sort(([a], [b]) => a.localeCompare(b));
          // The parts are kept once their index is in: if indexing fails, the next publish in this
          // language still finds them changed and indexes it again.
          indexing.push(
            (sorted.length === 0 ? Promise.resolve(undefined) : lanes.index(sorted)).then((index) => {
              if (index) indexes.set(language, index);
              else indexes.delete(language);
              return keep(language, own);
            }),
          );
        }
        const rendered = performance.now();
        const results = await Promise.allSettled(indexing);
        // Languages that failed keep their previous index in the bundle; the others are served.
        if (reindexed > 0) {
          previous = files;
          files = new Map(
            [...mergeIndexes(indexes.values())].map(([path, bytes]) => [`/pagefind/${path}`, bytes]),
          );
        }
        const failed = results.find((r) => r.status === 'rejected');
        if (failed) throw (failed as PromiseRejectedResult).reason;
        log.info(all ? 'site rendered and indexed' : 'search index updated', {
          job: 'search-index',
          count: paths.length,
          languages: reindexed,
          renderMs: Math.round(rendered - started),
          indexMs: Math.round(performance.now() - rendered),
          ...memoryMb(),
        });
      }
      // Nothing searchable changed (a publish of something no searchable page shows): still current.
      version = content.version;
      // Publishes that arrived during the run (the listener adds to `dirty` meanwhile).
    } while (!stopped && pending());
  }

  /** Pages come first: indexing waits for a quiet moment (at most QUIET_MAX_MS behind the first publish). */
  const QUIET_MS = 2_000;
  const QUIET_MAX_MS = 20_000;
  let firstPending = 0;

  function schedule(quietMs = QUIET_MS) {
    if (stopped) return;
    const now = Date.now();
    if (!timer) firstPending = now;
    else clearTimeout(timer);
    const wait = Math.max(0, Math.min(quietMs, firstPending + QUIET_MAX_MS - now));
    timer = setTimeout(() => {
      timer = undefined;
      if (running) return void running.then(() => schedule());
      running = run()
        .catch(() => log.error('search index refresh failed', { job: 'search-index' }))
        .finally(() => {
          running = undefined;
          started = true;
        });
    }, wait);
    timer.unref();
  }

  store.onChange((_content, changed) => {
    if (dirty === 'all') return schedule();
    for (const id of changed) {
      const affected = pagesOf(id);
      if (affected === 'all') {
        dirty = 'all';
        break;
      }
      for (const path of affected) dirty.add(path);
    }
    schedule();
  });
  // The build's index matches the build's content; the database may be ahead of it. At start
  // there is no burst of publishes to wait out: the first run begins at once, so the node is
  // ready (GET /api/ready) two seconds sooner.
  if (store.current()) schedule(0);

  return {
    get version() {
      return version;
    },
    get started() {
      return started;
    },
    serve(req, res, pathname) {
      if (files.size === 0) return false;
      const body = files.get(pathname) ?? previous.get(pathname);
      if (!body) return false;
      const hashed = /\.pf_|\/wasm\./.test(pathname);
      res.writeHead(200, {
        'content-type': contentTypeFor(pathname),
        'content-length': body.length,
        // The entry file and the script name the current fragments: always check them.
        'cache-control': hashed ? 'public, max-age=3600' : 'no-cache',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
      return true;
    },
    async idle() {
      for (;;) {
        if (timer) await new Promise((r) => setTimeout(r, 250));
        else if (running) await running;
        else if (version !== (store.current()?.version ?? 0)) await new Promise((r) => setTimeout(r, 100));
        else return;
      }
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      await lanes.close();
    },
  };
}

/** The node's memory in MB after a run: resident, V8's heap, and buffers outside it (cached pages). */
function memoryMb() {
  const { rss, heapUsed, external } = process.memoryUsage();
  const mb = (bytes: number) => Math.round(bytes / 1e6);
  return { rssMb: mb(rss), heapMb: mb(heapUsed), externalMb: mb(external) };
}
