/**
 * The job_runs table, owned here: a job's row is created when a node registers it, taken with a
 * lease for a run (one UPDATE, so two nodes never both win a cluster job), and finished with its
 * outcome. Nothing else writes it.
 */
import type { Queryable } from '../db/database.ts';

export interface JobRow {
  name: string;
  node: string;
  interval_seconds: number;
  last_started_at: Date | null;
  last_finished_at: Date | null;
  last_duration_ms: number | null;
  last_error: string | null;
  last_error_at: Date | null;
  runs: string | number;
  failures: string | number;
  running_on: string | null;
  lease_until: Date | null;
  run_requested_at: Date | null;
}

export async function registerJob(
  db: Queryable,
  job: { name: string; node: string; intervalSeconds: number },
): Promise<void> {
  await db.query(
    `insert into job_runs (name, node, interval_seconds) values ($1, $2, $3)
     on conflict (name, node) do update set interval_seconds = excluded.interval_seconds`,
    [job.name, job.node, job.intervalSeconds],
  );
}

/**
 * Takes the job for a run when it is due (or `force`d by run-now) and nobody holds its lease.
 * Returns false when another node holds it or it is not due.
 */
export async function takeJob(
  db: Queryable,
  job: { name: string; node: string; holder: string; leaseSeconds: number },
  now: Date,
  force = false,
): Promise<boolean> {
  const rows = await db.query(
    `update job_runs
        set running_on = $3, lease_until = $4, last_started_at = $5, run_requested_at = null
      where name = $1 and node = $2
        and (lease_until is null or lease_until < $5)
        and ($6 or run_requested_at is not null or last_started_at is null
             or last_started_at + make_interval(secs => interval_seconds) <= $5)
      returning 1`,
    [job.name, job.node, job.holder, new Date(now.getTime() + job.leaseSeconds * 1000), now, force],
  );
  return rows.length > 0;
}

export async function finishJob(
  db: Queryable,
  job: { name: string; node: string },
  outcome: { error: string | null; durationMs: number },
  now: Date,
): Promise<void> {
  await db.query(
    `update job_runs
        set running_on = null, lease_until = null, last_finished_at = $3, last_duration_ms = $4,
            runs = runs + 1,
            failures = failures + case when $5::text is null then 0 else 1 end,
            last_error = coalesce($5::text, last_error),
            last_error_at = case when $5::text is null then last_error_at else $3 end
      where name = $1 and node = $2`,
    [job.name, job.node, now, Math.round(outcome.durationMs), outcome.error],
  );
}

export async function listJobRuns(db: Queryable): Promise<JobRow[]> {
  return db.query<JobRow>('select * from job_runs order by name, node');
}
