/**
 * Recomputes the statistics: the monthly aggregates of every month not yet sealed, in one pass of
 * SQL over the facts (the same statements on PGlite and PostgreSQL), then seals the months whose
 * durations are final, deletes the facts of sealed months, and stores a new published release.
 * Run by the background job and, on demand, by an administrator; one run at a time (an advisory
 * lock), so two app nodes never interleave.
 */
import type { Deps } from '../deps.ts';
import { backfillReportFacts } from './backfill-facts.ts';
import { buildRelease } from './release.ts';
import { loadCounts, monthsBetween, saveRelease } from './statistics-store.ts';

/** A month is sealed this many days after it ends: every duration bucket is final by then. */
export const SEAL_AFTER_DAYS = 31;

export interface RefreshResult {
  /** Months recomputed (not sealed before this run). */
  recomputed: number;
  /** Months sealed by this run, YYYY-MM. */
  sealed: string[];
  backfilled: number;
  releaseId: string;
  /** Months in the new published release. */
  publishedMonths: number;
}

const ITEM_FACTS = `
  select s.day, s.month, s.channel,
    coalesce(s.country, 'unknown') as country,
    coalesce(s.exploitation, 'not-stated') as exploitation,
    coalesce(s.children, case when coalesce(q.minor, s.final_minor) then 'yes' else 'not-stated' end) as children,
    coalesce(q.priority, s.final_priority) as priority,
    case when q.id is null then s.first_response_seconds
      else floor(extract(epoch from fr.first_at - q.created_at))::integer end as first_response,
    case when q.id is null then s.close_seconds
      when q.status = 'closed' then floor(extract(epoch from q.closed_at - q.created_at))::integer end as to_close
  from statistics_items s
  left join queue_items q on q.id = s.item_id
  left join (
    select e.item_id, min(e.at) as first_at from queue_events e
    where e.kind in ('claimed', 'reply', 'referred', 'closed') group by e.item_id
  ) fr on fr.item_id = q.id
  where not s.excluded and not (s.month = any($1::date[]))`;

const INSERT_ITEM_CELLS = `
  insert into statistics_cells (month, measure, dimension, category, count)
  select f.month, 'items', v.dimension, v.category, count(*)::integer
  from (${ITEM_FACTS}) f
  cross join lateral (select
    case when f.first_response is null then 'over-7-days-or-none'
      when f.first_response < 300 then 'under-5-minutes'
      when f.first_response < 3600 then '5-to-60-minutes'
      when f.first_response < 86400 then '1-to-24-hours'
      when f.first_response < 604800 then '1-to-7-days'
      else 'over-7-days-or-none' end as first_response,
    case when f.to_close is null then 'over-30-days-or-open'
      when f.to_close < 86400 then 'under-1-day'
      when f.to_close < 604800 then '1-to-7-days'
      when f.to_close < 2592000 then '7-to-30-days'
      else 'over-30-days-or-open' end as to_close) b
  cross join lateral (values
    ('', ''),
    ('channel', f.channel),
    ('priority', f.priority),
    ('country', f.country),
    ('exploitation', f.exploitation),
    ('children', f.children),
    ('firstResponse', b.first_response),
    ('timeToClose', b.to_close),
    ('country|exploitation', f.country || '|' || f.exploitation),
    ('exploitation|children', f.exploitation || '|' || f.children),
    ('channel|priority', f.channel || '|' || f.priority)
  ) v(dimension, category)
  where f.priority is not null and f.priority <> 'noise'
  group by f.month, v.dimension, v.category`;

const INSERT_ITEM_DAYS = `
  insert into statistics_days (day, country, channel, count)
  select f.day, f.country, f.channel, count(*)::integer from (${ITEM_FACTS}) f
  where f.priority is not null and f.priority <> 'noise'
  group by f.day, f.country, f.channel`;

const INSERT_REFERRAL_CELLS = `
  insert into statistics_cells (month, measure, dimension, category, count)
  select f.month, 'referrals', v.dimension, v.category, count(*)::integer
  from (
    select s.month, s.service,
      case coalesce(r.status, s.final_status) when 'accepted' then 'accepted' when 'declined' then 'declined'
        when 'withdrawn' then 'withdrawn' else 'pending' end as outcome
    from statistics_referrals s left join referrals r on r.id = s.referral_id
    where not (s.month = any($1::date[]))
  ) f
  cross join lateral (values
    ('', ''), ('service', f.service), ('outcome', f.outcome), ('service|outcome', f.service || '|' || f.outcome)
  ) v(dimension, category)
  group by f.month, v.dimension, v.category`;

const monthText = (d: Date | string) => (typeof d === 'string' ? d : d.toISOString()).slice(0, 7);

export async function refreshStatistics(
  deps: Pick<Deps, 'db' | 'keys' | 'now' | 'log'>,
): Promise<RefreshResult> {
  const started = performance.now();
  const backfilled = await backfillReportFacts(deps);
  const now = deps.now();
  const result = await deps.db.transaction(async (tx) => {
    await tx.query(`select pg_advisory_xact_lock(hashtext('waymark:statistics-refresh'))`);
    const sealedRows = await tx.query<{ month: string }>(
      `select to_char(month, 'YYYY-MM-DD') as month from statistics_months where sealed_at is not null`,
    );
    const sealedBefore = sealedRows.map((r) => r.month);
    await tx.query('delete from statistics_cells where not (month = any($1::date[]))', [sealedBefore]);
    await tx.query(
      `delete from statistics_days where not (date_trunc('month', day)::date = any($1::date[]))`,
      [sealedBefore],
    );
    await tx.query(INSERT_ITEM_CELLS, [sealedBefore]);
    await tx.query(INSERT_REFERRAL_CELLS, [sealedBefore]);
    await tx.query(INSERT_ITEM_DAYS, [sealedBefore]);
    const recomputed = await tx.query<{ month: string }>(
      `insert into statistics_months (month, refreshed_at)
       select distinct month, $2::timestamptz from (
         select month from statistics_items union select month from statistics_referrals
       ) m where not (month = any($1::date[]))
       on conflict (month) do update set refreshed_at = excluded.refreshed_at
       returning to_char(month, 'YYYY-MM') as month`,
      [sealedBefore, now],
    );
    // Months with nothing at all between the first month and now exist too (as zeros).
    await tx.query(
      `insert into statistics_months (month, refreshed_at)
       select g::date, $1::timestamptz from generate_series(
         (select min(month) from statistics_months), date_trunc('month', $1::timestamptz at time zone 'UTC'),
         interval '1 month') g
       on conflict (month) do nothing`,
      [now],
    );
    const sealed = await tx.query<{ month: string }>(
      `update statistics_months set sealed_at = $1
       where sealed_at is null and month + interval '1 month' + make_interval(days => $2) <= $1::timestamptz
       returning to_char(month, 'YYYY-MM') as month`,
      [now, SEAL_AFTER_DAYS],
    );
    // What was counted for a sealed month is never needed again: only its aggregates stay.
    await tx.query(
      `delete from statistics_items where month in (select month from statistics_months where sealed_at is not null)`,
    );
    await tx.query(
      `delete from statistics_referrals where month in (select month from statistics_months where sealed_at is not null)`,
    );
    const months = await monthsBetween(tx, { sealedOnly: true });
    const release = buildRelease(await loadCounts(tx, months), months, now);
    const releaseId = await saveRelease(tx, release);
    return {
      recomputed: recomputed.length,
      sealed: sealed.map((r) => monthText(r.month)).sort(),
      releaseId,
      publishedMonths: months.length,
    };
  });
  deps.log.info('statistics refreshed', {
    job: 'statistics-refresh',
    count: result.recomputed,
    durationMs: Math.round(performance.now() - started),
  });
  return { ...result, backfilled };
}
