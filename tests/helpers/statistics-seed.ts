/**
 * A database with statistics as a refresh leaves them, without queue items: exact counts in
 * statistics_cells, their months sealed, and the published release built from those counts.
 */
import type { Queryable } from '../../functions/db/database.ts';
import { buildRelease } from '../../functions/statistics/release.ts';
import { saveRelease } from '../../functions/statistics/statistics-store.ts';
import { countRecords, type FactRecord, randomRecords } from './statistics-data.ts';

export async function seedStatistics(
  db: Queryable,
  options: { seed?: number; items?: number; referrals?: number; year?: string; extra?: FactRecord[] } = {},
) {
  const { records, months } = randomRecords(options.seed ?? 7, {
    year: options.year ?? '2025',
    items: options.items ?? 900,
    referrals: options.referrals ?? 200,
  });
  const counts = countRecords([...records, ...(options.extra ?? [])]);
  await db.query(
    `insert into statistics_cells (month, measure, dimension, category, count)
     select * from unnest($1::date[], $2::text[], $3::text[], $4::text[], $5::integer[])`,
    [
      counts.map((c) => `${c.month}-01`),
      counts.map((c) => c.measure),
      counts.map((c) => c.dimension),
      counts.map((c) => c.category),
      counts.map((c) => c.count),
    ],
  );
  for (const m of months) {
    await db.query(
      'insert into statistics_months (month, sealed_at, refreshed_at) values ($1::date, $2, $2)',
      [`${m}-01`, new Date('2026-02-01T00:00:00Z')],
    );
  }
  const release = buildRelease(counts, months, new Date('2026-02-01T00:00:00Z'));
  const releaseId = await saveRelease(db, release);
  return { counts, months, release, releaseId };
}
