/**
 * The figures a person may see: the published release for everyone, the exact counts (including
 * the months not sealed yet) for staff whose role grants statistics:exact. Pages and API routes
 * call these and render; nothing here touches row-level data.
 */
import type { Queryable } from '../db/database.ts';
import { can, type Role } from '../staff/roles.ts';
import { exactRelease, type Release } from './release.ts';
import { latestRelease, loadCounts, monthsBetween } from './statistics-store.ts';

const EMPTY: Omit<Release, 'generatedAt'> = {
  kind: 'published',
  threshold: 11,
  months: [],
  years: [],
  tables: [],
};

/** The latest published release, or an empty one before the first refresh. */
export async function publishedStatistics(db: Queryable): Promise<Release> {
  return (await latestRelease(db)) ?? { ...EMPTY, generatedAt: new Date(0).toISOString() };
}

/** Exact counts from the aggregate table, as of the last refresh. */
export async function exactStatistics(db: Queryable, now: Date): Promise<Release> {
  const months = await monthsBetween(db, { sealedOnly: false });
  return exactRelease(await loadCounts(db, months), months, now);
}

/** What this role sees on the console's statistics page. */
export function statisticsFor(db: Queryable, role: Role, now: Date): Promise<Release> {
  return can(role, 'statistics:exact') ? exactStatistics(db, now) : publishedStatistics(db);
}

/** Only the tables of one period or one measure, for exports and charts. */
export function selectTables(release: Release, filter: { period?: string; measure?: string }): Release {
  return {
    ...release,
    tables: release.tables.filter(
      (t) =>
        (!filter.period || t.period === filter.period) && (!filter.measure || t.measure === filter.measure),
    ),
  };
}
