/**
 * The statistics engine on real databases: facts recorded at intake, the SQL refresh against a
 * plain count in JavaScript, sealing, counts that survive retention, exclusion, and the routes.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeItem } from '../../../functions/queue/claims.ts';
import { purge } from '../../../functions/retention/purge.ts';
import { recordReportFacts } from '../../../functions/statistics/item-facts.ts';
import { refreshStatistics } from '../../../functions/statistics/refresh-statistics.ts';
import { loadCounts, monthsBetween } from '../../../functions/statistics/statistics-store.ts';
import { engines, type TestDatabase } from '../../helpers/databases.ts';
import { createTestDeps, type TestDeps } from '../../helpers/deps.ts';
import { CONSENT, ORIGIN, PACKET, referralWorld, signedIn } from '../../helpers/referrals.ts';
import { submitJson } from '../../helpers/report-client.ts';
import { countRecords, type FactRecord, random } from '../../helpers/statistics-data.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const firstResponseBucket = (ms: number | null) =>
  ms === null
    ? 'over-7-days-or-none'
    : ms < 5 * 60_000
      ? 'under-5-minutes'
      : ms < HOUR
        ? '5-to-60-minutes'
        : ms < DAY
          ? '1-to-24-hours'
          : ms < 7 * DAY
            ? '1-to-7-days'
            : 'over-7-days-or-none';
const closeBucket = (ms: number | null) =>
  ms === null
    ? 'over-30-days-or-open'
    : ms < DAY
      ? 'under-1-day'
      : ms < 7 * DAY
        ? '1-to-7-days'
        : ms < 30 * DAY
          ? '7-to-30-days'
          : 'over-30-days-or-open';

describe.each(engines)('statistics on $name', (engine) => {
  let t: TestDatabase;
  let deps: TestDeps;
  beforeEach(async () => {
    t = await engine.create();
    deps = createTestDeps(t.db, { PUBLIC_BASE_URL: ORIGIN });
  });
  afterEach(() => t.dispose());

  /** Items straight into the queue (the trigger gives each its facts row), with their history. */
  async function seedItems(count: number, seed: number): Promise<FactRecord[]> {
    const next = random(seed);
    const expected: FactRecord[] = [];
    const staff = randomUUID();
    await t.db.query(
      `insert into staff_users (id, email, role, active) values ($1, 's@example.org', 'operator', true)`,
      [staff],
    );
    for (let i = 0; i < count; i++) {
      const created = new Date(
        Date.UTC(2026, Math.floor(next() * 3), 1 + Math.floor(next() * 28), Math.floor(next() * 24)),
      );
      const priority = ['emergency', 'urgent', 'standard', 'noise'][Math.floor(next() * 4)]!;
      const country = ['NP', 'BD', 'PH'][Math.floor(next() * 3)]!;
      const kinds = [[], ['labour'], ['sexual', 'labour']][Math.floor(next() * 3)]!;
      const children = ['yes', 'no', undefined][Math.floor(next() * 3)];
      const responseMs = next() < 0.2 ? null : Math.floor(next() ** 3 * 9 * DAY);
      const closeMs = next() < 0.3 ? null : Math.floor(next() ** 2 * 40 * DAY);
      const id = randomUUID();
      await t.db.query(
        `insert into queue_items (id, source, source_id, priority, priority_rank, status, closed_at, created_at, updated_at)
         values ($1, 'report', $2, $3, 1, $4, $5, $6, $6)`,
        [
          id,
          randomUUID(),
          priority,
          closeMs === null ? 'waiting' : 'closed',
          closeMs === null ? null : new Date(created.getTime() + closeMs),
          created,
        ],
      );
      if (responseMs !== null) {
        await t.db.query(
          `insert into queue_events (item_id, at, actor_id, kind) values ($1, $2, $3, 'claimed')`,
          [id, new Date(created.getTime() + responseMs), staff],
        );
      }
      await recordReportFacts(t.db, id, { country, exploitation: kinds, childrenInvolved: children });
      if (priority === 'noise') continue;
      expected.push({
        month: created.toISOString().slice(0, 7),
        measure: 'items',
        channel: 'web',
        priority,
        country,
        exploitation: kinds.length === 0 ? 'not-stated' : kinds.length === 1 ? kinds[0]! : 'multiple',
        children: children ?? 'not-stated',
        firstResponse: firstResponseBucket(responseMs),
        timeToClose: closeBucket(closeMs),
      });
    }
    return expected;
  }

  const cells = async () => {
    const months = await monthsBetween(t.db, { sealedOnly: false });
    return (await loadCounts(t.db, months))
      .map((c) => `${c.month} ${c.measure} ${c.dimension} ${c.category} ${c.count}`)
      .sort();
  };

  it('counts in SQL exactly what a plain count of the facts gives, then seals and forgets the facts', async () => {
    const expected = await seedItems(300, 7);
    deps.setNow(new Date('2026-04-20T00:00:00Z'));
    const first = await refreshStatistics(deps);
    expect(first.sealed).toEqual(['2026-01', '2026-02']);
    const want = countRecords(expected).map(
      (c) => `${c.month} ${c.measure} ${c.dimension} ${c.category} ${c.count}`,
    );
    expect(await cells()).toEqual(want.sort());
    // Sealed months keep aggregates only.
    const facts = await t.db.query<{ month: string }>(
      `select distinct to_char(month, 'YYYY-MM') as month from statistics_items`,
    );
    expect(facts.map((f) => f.month)).toEqual(['2026-03']);
    // A second run changes nothing, and the release publishes January and February.
    const second = await refreshStatistics(deps);
    expect(second.sealed).toEqual([]);
    expect(await cells()).toEqual(want.sort());
    const response = await (await import('../../../functions/routes.ts')).handleApi(
      new Request(`${ORIGIN}/api/statistics`),
      deps,
    );
    const release = await response.json();
    expect(release.months).toEqual(['2026-01', '2026-02']);
    const numbers = release.tables.flatMap(
      (tb: { total: number | null; rows: { value: number | null }[] }) => [
        tb.total,
        ...tb.rows.map((r) => r.value),
      ],
    );
    expect(numbers.filter((n: number | null) => n !== null && n > 0 && n < 11)).toEqual([]);
    expect(numbers.filter((n: number | null) => n === null).length).toBeGreaterThan(0);
  });

  it("records a report's answers at intake and a referral's need, and counts both", async () => {
    const world = await referralWorld(t.db, deps);
    const response = await submitJson(deps, {
      description: 'My sister works in a factory and cannot leave.',
      locale: 'en',
      country: 'np',
      exploitation: ['labour'],
      childrenInvolved: 'yes',
    });
    expect(response.status).toBe(201);
    const [facts] = await t.db.query<Record<string, unknown>>(
      `select s.channel, s.country, s.exploitation, s.children, s.pending from statistics_items s
       join queue_items q on q.id = s.item_id order by q.created_at desc limit 1`,
    );
    expect(facts).toEqual({
      channel: 'web',
      country: 'NP',
      exploitation: 'labour',
      children: 'yes',
      pending: false,
    });
    const item = await world.newItem();
    const referred = await world.operator.call('POST', `/api/console/queue/${item}/referrals`, {
      partnerId: world.shelter.id,
      packet: PACKET,
      consent: CONSENT,
    });
    expect(referred.status).toBe(201);
    const [referral] = await t.db.query<{ service: string }>('select service from statistics_referrals');
    expect(referral!.service).toBe('multiple');
    await refreshStatistics(deps);
    const exact = await world.supervisor.call(
      'GET',
      '/api/console/statistics/exact?period=2026-11&measure=referrals',
    );
    expect(exact.status).toBe(200);
    const body = await exact.json();
    expect(
      body.tables.find((tb: { id: string }) => tb.id === 'referrals/2026-11/outcome').rows,
    ).toContainEqual({
      category: ['pending'],
      value: 1,
    });
    expect((await world.operator.call('GET', '/api/console/statistics/exact')).status).toBe(403);
    const csv = await (await import('../../../functions/routes.ts')).handleApi(
      new Request(`${ORIGIN}/api/statistics?format=csv`),
      deps,
    );
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect((await csv.text()).split('\r\n')[0]).toBe('measure,period,dimension,category,count,hidden');
  });

  it('still counts an item that retention deleted before its month was sealed', async () => {
    const world = await referralWorld(t.db, deps);
    deps = createTestDeps(t.db, { PUBLIC_BASE_URL: ORIGIN, RETENTION_DAYS: 'closed:1' });
    deps.setNow(new Date('2026-11-02T09:00:00Z'));
    const item = await world.newItem();
    await closeItem(deps, { id: world.operator.id, mayOverride: false }, item, 'referred');
    deps.setNow(new Date('2026-11-05T09:00:00Z'));
    const purged = await purge(deps, { dryRun: false });
    expect(purged.reports).toBe(1);
    await refreshStatistics(deps);
    const rows = await t.db.query<{ category: string; count: number }>(
      `select category, count from statistics_cells where dimension = 'timeToClose' and month = '2026-11-01'`,
    );
    expect(rows).toEqual([{ category: 'under-1-day', count: 1 }]);
  });

  it('lets a supervisor exclude an item until its month is sealed', async () => {
    const world = await referralWorld(t.db, deps);
    const item = await world.newItem();
    const operator = await signedIn(t.db, deps, 'operator');
    expect(
      (await operator.call('POST', `/api/console/queue/${item}/statistics`, { exclude: true })).status,
    ).toBe(403);
    const excluded = await world.supervisor.call('POST', `/api/console/queue/${item}/statistics`, {
      exclude: true,
    });
    expect(await excluded.json()).toEqual({ excluded: true });
    await refreshStatistics(deps);
    const totals = await t.db.query(
      `select count from statistics_cells where measure = 'items' and dimension = ''`,
    );
    expect(totals).toEqual([]);
    deps.setNow(new Date('2027-01-15T00:00:00Z'));
    await refreshStatistics(deps);
    // A new session: the clock moved past the first one's lifetime.
    const supervisor = await signedIn(t.db, deps, 'supervisor');
    const late = await supervisor.call('POST', `/api/console/queue/${item}/statistics`, {
      exclude: false,
    });
    expect(late.status).toBe(409);
  });
});
