/**
 * Waymark's background work in one room: each job is registered with a name, an interval and a
 * scope, and its runs (last start, last finish, last error) are kept in job_runs so administrators
 * see them from any node. A cluster job runs on one node at a time (a lease taken in one UPDATE on
 * its row); a node job (the node's own audit checkpoints, its key check) runs on every node.
 */
import { randomUUID } from 'node:crypto';
import type { Deps } from '../deps.ts';
import { HttpError } from '../http/http-error.ts';
import { finishJob, listJobRuns, registerJob, takeJob } from './job-store.ts';

export interface JobDefinition {
  name: string;
  intervalSeconds: number;
  /** `cluster`: one node at a time; `node`: every node runs its own. */
  scope: 'cluster' | 'node';
  /** How long a run may hold a cluster job before another node may take it (default 10 minutes). */
  leaseSeconds?: number;
  run(): Promise<void>;
}

export type RunOutcome = 'ran' | 'failed' | 'busy' | 'not-due';

/** What failed, by kind: an error's name and code, never its message (it may quote data). */
export function describeError(error: unknown): string {
  if (error instanceof HttpError) return `${error.name} ${error.status} (${error.code})`;
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' || typeof code === 'number' ? `${error.name} (${code})` : error.name;
  }
  return typeof error;
}

export interface JobRunner {
  readonly nodeId: string;
  readonly jobs: readonly JobDefinition[];
  /** Registers every job and starts ticking. */
  start(tickMs?: number): Promise<void>;
  /** One look at what is due, and runs it (awaits the runs; the timer does not). */
  tick(): Promise<void>;
  /** Runs the job now on this node, unless another node is running it. */
  runNow(name: string): Promise<RunOutcome>;
  /** Stops ticking and waits for runs in progress. */
  stop(): Promise<void>;
}

export function createJobRunner(
  deps: Pick<Deps, 'db' | 'log' | 'now'>,
  jobs: readonly JobDefinition[],
  nodeId: string = randomUUID(),
): JobRunner {
  const running = new Map<string, Promise<RunOutcome>>();
  let timer: ReturnType<typeof setInterval> | undefined;
  let ticking: Promise<void> | null = null;
  let stopped = false;
  const nodeOf = (job: JobDefinition) => (job.scope === 'node' ? nodeId : '');

  async function attempt(job: JobDefinition, force: boolean): Promise<RunOutcome> {
    if (running.has(job.name)) return 'busy';
    const run = (async (): Promise<RunOutcome> => {
      const key = { name: job.name, node: nodeOf(job) };
      const taken = await takeJob(
        deps.db,
        { ...key, holder: nodeId, leaseSeconds: job.leaseSeconds ?? 600 },
        deps.now(),
        force,
      );
      if (!taken) return force ? 'busy' : 'not-due';
      const started = performance.now();
      let error: string | null = null;
      try {
        await job.run();
      } catch (failure) {
        error = describeError(failure);
        deps.log.error('background job failed', { job: job.name, error });
      }
      await finishJob(deps.db, key, { error, durationMs: performance.now() - started }, deps.now());
      return error ? 'failed' : 'ran';
    })();
    running.set(job.name, run);
    try {
      return await run;
    } finally {
      running.delete(job.name);
    }
  }

  function tick(): Promise<void> {
    if (stopped) return Promise.resolve();
    ticking ??= look().finally(() => {
      ticking = null;
    });
    return ticking;
  }

  async function look(): Promise<void> {
    const now = deps.now().getTime();
    const rows = await listJobRuns(deps.db);
    const due = jobs.filter((job) => {
      const row = rows.find((r) => r.name === job.name && r.node === nodeOf(job));
      if (!row || running.has(job.name)) return false;
      if (row.lease_until && row.lease_until.getTime() > now) return false;
      return (
        row.run_requested_at !== null ||
        row.last_started_at === null ||
        row.last_started_at.getTime() + row.interval_seconds * 1000 <= now
      );
    });
    await Promise.all(due.map((job) => attempt(job, false)));
  }

  return {
    nodeId,
    jobs,
    async start(tickMs = 1_000) {
      stopped = false;
      for (const job of jobs)
        await registerJob(deps.db, {
          name: job.name,
          node: nodeOf(job),
          intervalSeconds: job.intervalSeconds,
        });
      const safeTick = () =>
        tick().catch((error) => deps.log.error('job scheduler failed', { error: describeError(error) }));
      timer = setInterval(safeTick, tickMs);
      void safeTick();
    },
    tick,
    async runNow(name) {
      const job = jobs.find((j) => j.name === name);
      if (!job) throw new HttpError(404, 'not-found', 'There is no such job.');
      return attempt(job, true);
    },
    async stop() {
      clearInterval(timer);
      stopped = true;
      await ticking?.catch(() => {});
      await Promise.allSettled([...running.values()]);
      // Ticks called by hand (tests, run-now) still work after the timer stopped.
      stopped = false;
    },
  };
}
