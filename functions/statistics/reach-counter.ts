/**
 * Campaign reach without tracking: the server counts reads of public pages as one number per path
 * per day (UTC), in memory, and adds them to reach_counts in batches, so serving a page never waits
 * on the database. Nothing about the reader is looked at or kept: no cookie, address, user agent or
 * referrer, and nothing is added to the page. Only successful GETs of pages the built site holds
 * under a locale count (not assets, API or console); memory is bounded by `maxPaths` distinct
 * paths a batch, and reads past it are dropped, never queued. A cache or CDN in front answers some
 * reads itself, so the counts are a lower bound.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isLocale } from '#kernel/i18n/locales.ts';
import type { Queryable } from '../db/database.ts';
import type { Logger } from '../http/logger.ts';

export interface ReachCounter {
  /** The front door's one call after the static site answered a request. */
  countRead(req: IncomingMessage, res: ServerResponse, site: { isPage(path: string): boolean }): void;
  /** Adds what was counted to the database now. */
  flush(): Promise<void>;
  /** Flushes and stops the timer (server shutdown). */
  stop(): Promise<void>;
  /** Paths waiting to be flushed. */
  readonly pending: number;
}

export interface ReachOptions {
  db: Queryable;
  now: () => Date;
  log: Logger;
  flushEveryMs?: number;
  /** A batch is flushed as soon as this many reads wait. */
  flushAtReads?: number;
  maxPaths?: number;
}

/** `/en/guides/x/` for both `/en/guides/x/` and `/en/guides/x/index.html`; null if not a page path. */
export function pagePath(url: string): string | null {
  const q = url.indexOf('?');
  const path = (q === -1 ? url : url.slice(0, q)).replace(/index\.html$/, '');
  const locale = /^\/([a-z]{2})\//.exec(path)?.[1];
  if (!locale || !isLocale(locale) || path.length > 300) return null;
  return path;
}

export function createReachCounter(options: ReachOptions): ReachCounter {
  const flushAtReads = options.flushAtReads ?? 1000;
  const maxPaths = options.maxPaths ?? 5000;
  let counts = new Map<string, number>();
  let reads = 0;
  let flushing: Promise<void> | null = null;

  const write = async (batch: Map<string, number>) => {
    const days: string[] = [];
    const paths: string[] = [];
    const numbers: number[] = [];
    for (const [key, n] of batch) {
      const split = key.indexOf(' ');
      days.push(key.slice(0, split));
      paths.push(key.slice(split + 1));
      numbers.push(n);
    }
    await options.db.query(
      `insert into reach_counts (day, path, reads)
       select * from unnest($1::date[], $2::text[], $3::integer[])
       on conflict (day, path) do update set reads = reach_counts.reads + excluded.reads`,
      [days, paths, numbers],
    );
  };

  const flush = (): Promise<void> => {
    if (flushing) return flushing;
    if (counts.size === 0) return Promise.resolve();
    const batch = counts;
    counts = new Map();
    reads = 0;
    flushing = write(batch)
      .catch((error: unknown) => {
        // Kept for the next batch, within the same bound; a database that stays down loses reads, never memory.
        for (const [key, n] of batch) {
          if (counts.has(key) || counts.size < maxPaths) counts.set(key, (counts.get(key) ?? 0) + n);
        }
        options.log.warn('reach counts not saved', { errorName: (error as Error)?.name });
      })
      .finally(() => {
        flushing = null;
      });
    return flushing;
  };

  const timer = setInterval(() => void flush(), options.flushEveryMs ?? 10_000);
  timer.unref();

  return {
    countRead(req, res, site) {
      if (req.method !== 'GET' || res.statusCode !== 200) return;
      const path = pagePath(req.url ?? '');
      if (!path || !site.isPage(path)) return;
      const key = `${options.now().toISOString().slice(0, 10)} ${path}`;
      const known = counts.get(key);
      if (known === undefined && counts.size >= maxPaths) return;
      counts.set(key, (known ?? 0) + 1);
      if (++reads >= flushAtReads) void flush();
    },
    flush: async () => {
      await flushing;
      await flush();
    },
    async stop() {
      clearInterval(timer);
      await flushing;
      await flush();
    },
    get pending() {
      return counts.size;
    },
  };
}
