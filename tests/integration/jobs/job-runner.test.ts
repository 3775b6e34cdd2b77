/**
 * Background jobs: each registered job runs when due and its runs are kept in job_runs; a cluster
 * job runs on one node at a time even when two nodes tick at once, a node job on every node; a
 * failure is recorded by kind, never by message; administrators run one now from /console/jobs,
 * and that is audited.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openConsoleRequest } from '../../../functions/console/pages.ts';
import { createJobRunner, type JobDefinition } from '../../../functions/jobs/job-runner.ts';
import { listJobRuns } from '../../../functions/jobs/job-store.ts';
import { createSession, sessionCookie } from '../../../functions/staff/sessions.ts';
import { engines, type TestDatabase } from '../../helpers/databases.ts';
import { createTestDeps, type TestDeps } from '../../helpers/deps.ts';

const ORIGIN = 'https://hotline.example.org';

describe.each(engines)('background jobs on $name', (engine) => {
  let t: TestDatabase;
  let deps: TestDeps;
  beforeEach(async () => {
    t = await engine.create();
    deps = createTestDeps(t.db, { PUBLIC_BASE_URL: ORIGIN });
  });
  afterEach(() => t.dispose());

  const counting = (name: string, scope: 'cluster' | 'node', runs: string[], wait = 0): JobDefinition => ({
    name,
    intervalSeconds: 60,
    scope,
    run: async () => {
      runs.push(name);
      if (wait) await new Promise((r) => setTimeout(r, wait));
    },
  });

  it('runs a job when due, records it, and waits for its interval', async () => {
    const runs: string[] = [];
    const runner = createJobRunner(deps, [counting('tidy', 'cluster', runs)], 'node-a');
    await runner.start(3_600_000);
    await runner.stop();
    await runner.tick();
    const countAfterStart = runs.length;
    expect(countAfterStart).toBe(1);
    await runner.tick();
    expect(runs.length).toBe(1);
    deps.setNow(new Date(deps.now().getTime() + 61_000));
    await runner.tick();
    expect(runs.length).toBe(2);
    const [row] = await listJobRuns(t.db);
    expect(row).toMatchObject({ name: 'tidy', node: '', interval_seconds: 60, last_error: null });
    expect(Number(row!.runs)).toBe(2);
    expect(row!.last_started_at).toEqual(deps.now());
  });

  it('runs a cluster job on one node at a time, and a node job on every node', async () => {
    const runs: string[] = [];
    const jobs = [counting('shared', 'cluster', runs, 50), counting('mine', 'node', runs)];
    const a = createJobRunner(deps, jobs, 'node-a');
    const b = createJobRunner(deps, jobs, 'node-b');
    await a.start(3_600_000);
    await b.start(3_600_000);
    await Promise.all([a.stop(), b.stop()]);
    runs.length = 0;
    deps.setNow(new Date(deps.now().getTime() + 61_000));
    await Promise.all([a.tick(), b.tick()]);
    expect(runs.filter((r) => r === 'shared')).toHaveLength(1);
    expect(runs.filter((r) => r === 'mine')).toHaveLength(2);
    const rows = await listJobRuns(t.db);
    expect(rows.map((r) => `${r.name}@${r.node}`).sort()).toEqual(['mine@node-a', 'mine@node-b', 'shared@']);
  });

  it('records a failure by kind, never by its message, and lets a dead node’s lease run out', async () => {
    const failing: JobDefinition = {
      name: 'fragile',
      intervalSeconds: 60,
      scope: 'cluster',
      leaseSeconds: 30,
      run: async () => {
        throw Object.assign(new Error('phone +9779800000042 said help'), { code: 'EBROKEN' });
      },
    };
    const runner = createJobRunner(deps, [failing], 'node-a');
    await runner.start(3_600_000);
    await runner.stop();
    await runner.tick();
    const [row] = await listJobRuns(t.db);
    expect(row!.last_error).toBe('Error (EBROKEN)');
    expect(Number(row!.failures)).toBeGreaterThanOrEqual(1);
    expect(deps.logLines.join('\n')).not.toContain('9779800000042');
    // A node that took the job and died: its lease holds the job until it runs out.
    await t.db.query(`update job_runs set lease_until = $1, running_on = 'dead-node'`, [
      new Date(deps.now().getTime() + 30_000),
    ]);
    expect(await runner.runNow('fragile')).toBe('busy');
    deps.setNow(new Date(deps.now().getTime() + 31_000));
    expect(await runner.runNow('fragile')).toBe('failed');
  });

  it('lets an administrator run a job now from the console, audited', async () => {
    const runs: string[] = [];
    deps.jobs = createJobRunner(deps, [counting('tidy', 'cluster', runs)], 'node-a');
    await deps.jobs.start(3_600_000);
    await deps.jobs.stop();
    const before = runs.length;
    const id = randomUUID();
    await t.db.query(
      `insert into staff_users (id, email, role, active) values ($1, 'admin@example.org', 'admin', true)`,
      [id],
    );
    const { token, csrfToken } = await createSession(t.db, id, 'full', deps.now());
    const cookie = sessionCookie(deps.config, token).split(';')[0]!;
    const answer = await openConsoleRequest(
      new Request(`${ORIGIN}/console/jobs`, {
        method: 'POST',
        headers: { cookie, origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ csrf: csrfToken, action: 'run', job: 'tidy' }),
      }),
      deps,
      '192.0.2.1',
    );
    if (!('view' in answer)) throw new Error(`expected the page, got ${answer.response.status}`);
    expect(runs.length).toBe(before + 1);
    const data = answer.view.data as { notice: string; jobs: { name: string; runs: number }[] };
    expect(data.notice).toContain('tidy');
    expect(data.jobs.find((j) => j.name === 'tidy')?.runs).toBe(before + 1);
    const audits = await t.db.query<{ action: string }>(
      `select action from audit_log where action = 'job.run'`,
    );
    expect(audits).toHaveLength(1);
  });
});
