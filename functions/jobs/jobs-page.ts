/**
 * The background-jobs room of the console's page table, for administrators: every job with its
 * interval, where and when it last ran, how long it took and its last error, as job_runs holds them
 * for all nodes; "run now" (jobs:run) runs one on the node that serves the page, and is audited.
 */
import { z } from 'zod';
import type { PageData, StaffPageContext } from '../console/page-table.ts';
import { staffPage } from '../console/page-table.ts';
import { HttpError } from '../http/http-error.ts';
import { appendAudit } from '../staff/audit.ts';
import { can } from '../staff/roles.ts';
import { listJobRuns } from './job-store.ts';

const runSchema = z.object({ job: z.string().regex(/^[a-z0-9-]{1,60}$/) });

export const jobsPage = staffPage({
  path: '/console/jobs',
  access: { permission: 'jobs:read' },
  async load({ deps, session }: StaffPageContext, state) {
    const rows = await listJobRuns(deps.db);
    return {
      notice: state?.notice as string | undefined,
      mayRun: can(session.user.role, 'jobs:run') && deps.jobs !== undefined,
      thisNode: deps.jobs?.nodeId ?? null,
      jobs: rows.map((r) => ({
        name: r.name,
        node: r.node || null,
        intervalSeconds: r.interval_seconds,
        lastStartedAt: r.last_started_at,
        lastFinishedAt: r.last_finished_at,
        lastDurationMs: r.last_duration_ms,
        lastError: r.last_error,
        lastErrorAt: r.last_error_at,
        runs: Number(r.runs),
        failures: Number(r.failures),
        runningOn: r.running_on,
      })),
    };
  },
  actions: {
    run: {
      permission: 'jobs:run',
      async run({ deps, session, t }, form) {
        const parsed = runSchema.safeParse({ job: String(form.get('job') ?? '') });
        if (!parsed.success) throw new HttpError(404, 'not-found', 'There is no such job.');
        if (!deps.jobs) throw new HttpError(409, 'jobs-not-running', 'This server runs no background jobs.');
        const name = parsed.data.job;
        const outcome = await deps.jobs.runNow(name);
        await deps.db.transaction((tx) =>
          appendAudit(
            tx,
            deps.keys,
            { actorId: session.user.id, action: 'job.run', subject: name, details: { outcome } },
            deps.now(),
          ),
        );
        return {
          state: {
            notice: outcome === 'busy' ? t('console.jobs.busy', { name }) : t('console.jobs.ran', { name }),
          },
        };
      },
    },
  },
});
export type JobsPageData = PageData<typeof jobsPage>;
