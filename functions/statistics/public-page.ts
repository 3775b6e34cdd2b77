/**
 * What the public statistics page (`/<locale>/statistics/`) shows: the latest published release
 * only (suppressed, every number at least 11 people), drawn for the reader's language. The page is
 * rendered on demand because releases change after a refresh, not at build time; it stays cheap:
 * one indexed read of the latest release id per visit, the release itself parsed once per release
 * and kept in memory, and an ETag so browsers and caches revalidate with a 304. No cookie is read
 * or set and nothing about the reader is looked at.
 */
import type { Locale } from '#kernel/i18n/locales.ts';
import type { Translate } from '#kernel/i18n/ui.ts';
import type { Queryable } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import type { Release } from './release.ts';
import { periodSchema, type StatisticsFigures, statisticsFigures } from './statistics-figures.ts';
import { latestReleaseId, releaseById } from './statistics-store.ts';
import { publishedStatistics } from './statistics-views.ts';

/** Browsers and caches may keep the page this long before asking again (with If-None-Match). */
const MAX_AGE_SECONDS = 300;

const cache = new WeakMap<Queryable, { id: string; release: Release }>();

/** Part of every ETag: a new server version (new wording, new charts) is never answered with 304. */
const SERVER_START = Date.now().toString(36);

/** The latest published release, parsed once per release and database. */
export async function cachedPublishedRelease(db: Queryable): Promise<{ id: string; release: Release }> {
  const id = await latestReleaseId(db);
  if (id === null) return { id: 'none', release: await publishedStatistics(db) };
  const kept = cache.get(db);
  if (kept?.id === id) return kept;
  const release = (await releaseById(db, id)) ?? (await publishedStatistics(db));
  const entry = { id, release };
  cache.set(db, entry);
  return entry;
}

export type PublicStatisticsPage =
  | { response: Response }
  | {
      figures: StatisticsFigures;
      /** A problem with the query, in the reader's language; the page shows the latest figures. */
      problem?: string;
      status: number;
      headers: Record<string, string>;
    };

export async function loadPublicStatistics(
  deps: Pick<Deps, 'db'>,
  request: Request,
  locale: Locale,
  t: Translate,
): Promise<PublicStatisticsPage> {
  const asked = new URL(request.url).searchParams.get('period') ?? undefined;
  const parsed = asked === undefined ? undefined : periodSchema.safeParse(asked);
  const { id, release } = await cachedPublishedRelease(deps.db);
  const period = parsed?.success ? parsed.data : undefined;
  const etag = `"statistics-${SERVER_START}-${id}-${locale}-${period ?? 'latest'}"`;
  const headers = { 'cache-control': `public, max-age=${MAX_AGE_SECONDS}`, etag };
  if (request.headers.get('if-none-match') === etag)
    return { response: new Response(null, { status: 304, headers }) };
  const figures = statisticsFigures(release, { locale, t, period });
  if (parsed && !parsed.success)
    return { figures, problem: t('stats.badPeriod'), status: 400, headers: { 'cache-control': 'no-store' } };
  if (period && figures.period !== period)
    return {
      figures,
      problem: t('stats.noSuchPeriod'),
      status: 404,
      headers: { 'cache-control': 'no-store' },
    };
  return { figures, status: 200, headers };
}
