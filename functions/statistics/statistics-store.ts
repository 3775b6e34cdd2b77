/**
 * Reads of the aggregate tables and the releases: what views, exports and the refresh share. Public
 * figures come from the latest stored release only; exact ones from statistics_cells. Neither ever
 * reads a report, a conversation or a queue item.
 */
import type { Queryable } from '../db/database.ts';
import type { Measure } from './dimensions.ts';
import type { Release } from './release.ts';
import type { CellCount } from './table-layout.ts';

/** How many releases are kept (older ones are deleted when a new one is stored). */
const RELEASES_KEPT = 12;

/** Months from the first with statistics: all of them, or up to the last sealed one. */
export async function monthsBetween(db: Queryable, options: { sealedOnly: boolean }): Promise<string[]> {
  const rows = await db.query<{ month: string }>(
    `select to_char(g, 'YYYY-MM') as month from generate_series(
       (select min(month) from statistics_months),
       (select max(month) from statistics_months where $1::boolean is false or sealed_at is not null),
       interval '1 month') g order by g`,
    [options.sealedOnly],
  );
  return rows.map((r) => r.month);
}

export async function loadCounts(db: Queryable, months: string[]): Promise<CellCount[]> {
  if (months.length === 0) return [];
  const rows = await db.query<{
    month: string;
    measure: Measure;
    dimension: string;
    category: string;
    count: number;
  }>(
    `select to_char(month, 'YYYY-MM') as month, measure, dimension, category, count from statistics_cells
     where month = any($1::date[])`,
    [months.map((m) => `${m}-01`)],
  );
  return rows.map((r) => ({ ...r, count: Number(r.count) }));
}

export async function saveRelease(db: Queryable, release: Release): Promise<string> {
  const rows = await db.query<{ id: string }>(
    'insert into statistics_releases (created_at, body) values ($1, $2) returning id',
    [release.generatedAt, JSON.stringify(release)],
  );
  await db.query(
    `delete from statistics_releases where id not in (
       select id from statistics_releases order by id desc limit $1)`,
    [RELEASES_KEPT],
  );
  return String(rows[0]!.id);
}

/** The id of the latest release, to tell whether a cached copy is still the latest (null: none yet). */
export async function latestReleaseId(db: Queryable): Promise<string | null> {
  const rows = await db.query<{ id: string }>('select id from statistics_releases order by id desc limit 1');
  return rows[0] ? String(rows[0].id) : null;
}

export async function latestRelease(db: Queryable): Promise<Release | null> {
  const rows = await db.query<{ body: Release | string }>(
    'select body from statistics_releases order by id desc limit 1',
  );
  const body = rows[0]?.body;
  if (body === undefined) return null;
  return typeof body === 'string' ? (JSON.parse(body) as Release) : body;
}

/** Items per day and channel in the given countries, between two days (inclusive), exact. */
export async function itemsByDay(
  db: Queryable,
  range: { from: string; to: string; countries: string[] },
): Promise<{ day: string; channel: string; count: number }[]> {
  const rows = await db.query<{ day: string; channel: string; count: number }>(
    `select to_char(day, 'YYYY-MM-DD') as day, channel, sum(count)::integer as count from statistics_days
     where day between $1::date and $2::date and country = any($3::text[])
     group by day, channel order by day, channel`,
    [range.from, range.to, range.countries],
  );
  return rows.map((r) => ({ ...r, count: Number(r.count) }));
}

export async function releaseById(db: Queryable, id: string): Promise<Release | null> {
  const rows = await db.query<{ body: Release | string }>(
    'select body from statistics_releases where id = $1',
    [id],
  );
  const body = rows[0]?.body;
  if (body === undefined) return null;
  return typeof body === 'string' ? (JSON.parse(body) as Release) : body;
}
