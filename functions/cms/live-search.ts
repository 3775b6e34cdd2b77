/**
 * Keeps the search index (kernel/search/index-format.ts: one per language, searched in the
 * reader's browser) in step with the content snapshot. The index is built from the content itself
 * (kernel/search/site-documents.ts), not from rendered pages: a language's 800 pages index in about
 * 250 ms of this thread at 10,000 pages, so after a publish this node indexes again only the
 * languages the document shows in (a French guide: French; an English original: every language,
 * since those without their own version show it), and serves a language's new files only if its
 * index changed. Indexing runs in the background after a quiet moment (2 s, at most 20 s behind),
 * one run at a time, one language at a time and a hundred pages at a time, so a burst of publishes
 * costs one run and the pages' requests are answered in between; a language's files are
 * compressed on zlib's threads while the next is built. Files of the previous index stay served
 * too: a reader mid-search keeps finding the chunks and fragments their copy of the index file
 * names.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { brotliCompress, brotliDecompress, constants } from 'node:zlib';
import type { LiveContent } from '#kernel/content/live-content.ts';
import { LOCALE_CODES, type Locale } from '#kernel/i18n/locales.ts';
import { byUrl, createIndexBuilder } from '#kernel/search/index-builder.ts';
import { INDEX_FILE, SEARCH_INDEX_PATH } from '#kernel/search/index-format.ts';
import { siteDocuments } from '#kernel/search/site-documents.ts';
import type { Logger } from '../http/logger.ts';
import { pickEncoding } from '../server/content-types.ts';
import { ownCopy } from '../server/precompress.ts';
import type { ContentStore } from './content-store.ts';

const brotli = promisify(brotliCompress);
const unbrotli = promisify(brotliDecompress);
/**
 * As for pages a node renders, brotli 5: within a few percent of the smallest at a twentieth of
 * the time. The files are small (a chunk about 16 KB, a fragment a few), so a 128 KB window holds
 * any of them whole, and each compression allocates a fraction of the default 4 MB window's state.
 */
const brotliFor = (bytes: Buffer) => ({
  params: {
    [constants.BROTLI_PARAM_QUALITY]: 5,
    [constants.BROTLI_PARAM_LGWIN]: 17,
    [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
  },
});

export interface LiveSearch {
  /** Answers `/search-index/*` from the live index; false until the first live index exists. */
  serve(req: IncomingMessage, res: ServerResponse, pathname: string): boolean;
  /** The content version the served index was built from (0: the build's own index). */
  readonly version: number;
  /** The first run after start has ended (its index written, or its failure logged). */
  readonly started: boolean;
  /** Resolves when the index has caught up with the store (tests, benches). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/** A file of the index, brotli-compressed (a reader's browser without brotli gets it decompressed). */
type ServedFile = Buffer;

/** One language's index: its files by name, compressed, and its index file as built. */
interface LanguageIndex {
  index: Buffer;
  files: Map<string, ServedFile>;
}

/**
 * The languages whose searchable pages a document shows in, by its id (`guide.warning-signs.fr`,
 * `helpEntry.np`, `faq.fr`, `siteSettings`).
 */
export function languagesOf(id: string): readonly Locale[] {
  const [type, ...rest] = id.split('.');
  const own = (language: string | undefined): readonly Locale[] =>
    // An English original shows wherever a language has no version of its own.
    language === 'en' || !LOCALE_CODES.includes(language as Locale) ? LOCALE_CODES : [language as Locale];
  switch (type) {
    case 'guide':
    case 'campaign':
    case 'page':
      return own(rest.at(-1));
    case 'faq':
      return own(rest[0]);
    case 'siteSettings':
      // The site's settings (its hotline, its name) are in no page's searchable text.
      return [];
    default:
      // A country's help (in every language's directory) and anything unknown: everything.
      return LOCALE_CODES;
  }
}

/** Files compressed at once: one for each of zlib's four threads. */
const COMPRESSIONS_IN_FLIGHT = 4;

async function compressAll(files: Map<string, Buffer>): Promise<Map<string, ServedFile>> {
  const out = new Map<string, ServedFile>();
  const queue = [...files];
  const work = async () => {
    for (let next = queue.pop(); next; next = queue.pop()) {
      const [name, bytes] = next;
      out.set(name, ownCopy(await brotli(bytes, brotliFor(bytes))));
    }
  };
  await Promise.all(Array.from({ length: COMPRESSIONS_IN_FLIGHT }, work));
  return out;
}

/** Pages indexed between two looks at the event loop: about 20 ms of work at a time. */
const PAGES_AT_A_TIME = 100;

/** Lets requests waiting on the event loop in between two pieces of indexing. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createLiveSearch(options: { store: ContentStore; log: Logger }): LiveSearch {
  const { store, log } = options;
  const languages = new Map<Locale, LanguageIndex>();
  let files = new Map<string, ServedFile>();
  let previous = new Map<string, ServedFile>();
  let version = 0;
  let dirty = new Set<Locale>(LOCALE_CODES);
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let started = false;

  /**
   * Builds one language's index again, a hundred pages at a time with requests answered between;
   * if it changed, also the promise of its files compressed (files the previous index had too,
   * named by their content, are kept as they were). `busyMs`: the time it held this thread.
   */
  async function reindex(
    content: LiveContent,
    language: Locale,
  ): Promise<{ pages: number; busyMs: number; longestMs: number; compressed?: Promise<void> }> {
    let busyMs = 0;
    let longestMs = 0;
    const busy = <T>(work: () => T): T => {
      const started = performance.now();
      try {
        return work();
      } finally {
        const took = performance.now() - started;
        busyMs += took;
        longestMs = Math.max(longestMs, took);
      }
    };
    const documents = busy(() => siteDocuments(content, language).sort(byUrl));
    const builder = createIndexBuilder(language);
    for (let i = 0; i < documents.length; i += PAGES_AT_A_TIME) {
      busy(() => {
        for (const doc of documents.slice(i, i + PAGES_AT_A_TIME)) builder.add(doc);
      });
      await breathe();
    }
    const built = busy(() => builder.files());
    const before = languages.get(language);
    const index = built.get(INDEX_FILE)!;
    if (before?.index.equals(index)) return { pages: documents.length, busyMs, longestMs };
    const kept = new Map<string, ServedFile>();
    const fresh = new Map<string, Buffer>();
    for (const [name, bytes] of built) {
      const had = name !== INDEX_FILE && before?.files.get(name);
      if (had) kept.set(name, had);
      else fresh.set(name, bytes);
    }
    const compressed = compressAll(fresh).then((done) => {
      for (const [name, served] of done) kept.set(name, served);
      languages.set(language, { index, files: kept });
    });
    return { pages: documents.length, busyMs, longestMs, compressed };
  }

  async function run(): Promise<void> {
    do {
      const content = store.current();
      if (!content) return;
      const pending = [...dirty];
      dirty = new Set();
      const all = pending.length === LOCALE_CODES.length;
      const started = performance.now();
      let pages = 0;
      /** Time on this thread; the rest of `indexMs` is compression and the requests served between. */
      let buildMs = 0;
      /** The longest this thread was held at a time. */
      let blockMs = 0;
      const changed: Locale[] = [];
      // One language compresses (on zlib's threads) while the next is built (on this one).
      let compressing: Promise<void> = Promise.resolve();
      try {
        for (const language of pending) {
          if (stopped) break;
          const indexed = await reindex(content, language);
          buildMs += indexed.busyMs;
          blockMs = Math.max(blockMs, indexed.longestMs);
          pages += indexed.pages;
          await compressing;
          if (indexed.compressed) {
            changed.push(language);
            compressing = indexed.compressed;
            // Its failure is taken where it is awaited, a language later.
            compressing.catch(() => undefined);
          }
          await breathe();
        }
        await compressing;
      } catch (error) {
        // Indexed again at the next run: what failed stays dirty.
        for (const language of pending) dirty.add(language);
        throw error;
      } finally {
        if (changed.length > 0) {
          previous = files;
          files = new Map();
          for (const [language, index] of languages)
            for (const [name, served] of index.files)
              files.set(`${SEARCH_INDEX_PATH}${language}/${name}`, served);
        }
      }
      if (stopped) return;
      if (pending.length > 0)
        log.info(all && version === 0 ? 'site indexed' : 'search index updated', {
          job: 'search-index',
          languages: changed.length,
          count: pages,
          indexMs: Math.round(performance.now() - started),
          buildMs: Math.round(buildMs),
          blockMs: Math.round(blockMs),
          ...memoryMb(),
        });
      version = content.version;
      // Publishes that arrived during the run (the listener adds to `dirty` meanwhile).
    } while (!stopped && dirty.size > 0);
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
    for (const id of changed) for (const language of languagesOf(id)) dirty.add(language);
    // A publish no searchable page shows still moves the index to the new version.
    schedule();
  });
  // The build's index matches the build's content; the database may be ahead of it. At start
  // there is no burst of publishes to wait out: the first run begins at once.
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
      const found = files.get(pathname) ?? previous.get(pathname);
      if (!found) return false;
      const brotliAccepted = pickEncoding(req.headers['accept-encoding']) === 'br';
      const headers: Record<string, string | number> = {
        'content-type': 'application/json; charset=utf-8',
        // What a reader searched for shows in which chunks they loaded: nothing is kept.
        'cache-control': 'no-store',
        vary: 'accept-encoding',
      };
      const send = (body: Buffer) => {
        headers['content-length'] = body.length;
        res.writeHead(200, headers);
        res.end(req.method === 'HEAD' ? undefined : body);
      };
      if (brotliAccepted) {
        headers['content-encoding'] = 'br';
        send(found);
      } else
        unbrotli(found).then(send, () => {
          res.writeHead(500).end();
        });
      return true;
    },
    async idle() {
      for (;;) {
        if (timer) await new Promise((r) => setTimeout(r, 100));
        else if (running) await running;
        else if (version !== (store.current()?.version ?? 0)) await new Promise((r) => setTimeout(r, 100));
        else return;
      }
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

/** The node's memory in MB after a run: resident, V8's heap, and buffers outside it (cached pages). */
function memoryMb() {
  const { rss, heapUsed, external } = process.memoryUsage();
  const mb = (bytes: number) => Math.round(bytes / 1e6);
  return { rssMb: mb(rss), heapMb: mb(heapUsed), externalMb: mb(external) };
}
