/**
 * The public statistics page's and the console dashboard's load functions on real databases: the
 * public page shows only published numbers (0 or at least 11), revalidates with an ETag and sees a
 * new release at once; the dashboard is exact only for roles with statistics:exact, hides small
 * page-read counts otherwise, and recomputes (audited) only for statistics:refresh.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useTranslations } from '#kernel/i18n/ui.ts';
import type { Role } from '../../../functions/staff/roles.ts';
import { CAMPAIGNS } from '../../../functions/statistics/bundled-campaigns.ts';
import {
  loadStatisticsDashboard,
  refreshFromDashboard,
} from '../../../functions/statistics/dashboard-page.ts';
import { loadPublicStatistics } from '../../../functions/statistics/public-page.ts';
import { buildRelease } from '../../../functions/statistics/release.ts';
import type { StatisticsFigures } from '../../../functions/statistics/statistics-figures.ts';
import { saveRelease } from '../../../functions/statistics/statistics-store.ts';
import { engines, type TestDatabase } from '../../helpers/databases.ts';
import { createTestDeps, type TestDeps } from '../../helpers/deps.ts';
import { seedStatistics } from '../../helpers/statistics-seed.ts';

const HIDDEN = useTranslations('en')('stats.hidden', { threshold: 11 });

/** Every number written in the figures' tables (the charts carry the same ones). */
function writtenNumbers(figures: StatisticsFigures, locale = 'en'): { hidden: number; numbers: number[] } {
  const group = new Intl.NumberFormat(locale).format(1000).replace(/\d/g, '');
  let hidden = 0;
  const numbers: number[] = [];
  for (const f of [...figures.perMonth, ...figures.breakdowns]) {
    for (const row of f.chart.table.rows) {
      const value = row[row.length - 1]!;
      if (value === HIDDEN) hidden++;
      else numbers.push(Number(value.split(group).join('')));
    }
  }
  return { hidden, numbers };
}

describe.each(engines)('statistics pages on $name', (engine) => {
  let t: TestDatabase;
  let deps: TestDeps;
  beforeEach(async () => {
    t = await engine.create();
    deps = createTestDeps(t.db);
  });
  afterEach(() => t.dispose());

  const page = (query = '', headers: Record<string, string> = {}) =>
    loadPublicStatistics(
      deps,
      new Request(`https://hotline.example.org/en/statistics/${query}`, { headers }),
      'en',
      useTranslations('en'),
    );

  async function staff(role: Role) {
    const id = randomUUID();
    await t.db.query('insert into staff_users (id, email, role, active) values ($1, $2, $3, true)', [
      id,
      `${role}-${id}@example.org`,
      role,
    ]);
    return { user: { id, role } };
  }

  it('says nothing is published before the first release', async () => {
    const result = await page();
    if ('response' in result) throw new Error('expected a page');
    expect(result.status).toBe(200);
    expect(result.figures.period).toBeNull();
    expect(result.figures.breakdowns).toEqual([]);
  });

  it('shows only published numbers: every one is 0 or at least 11, small ones hidden', async () => {
    await seedStatistics(t.db);
    const result = await page();
    if ('response' in result) throw new Error('expected a page');
    expect(result.figures.period).toBe('2025');
    expect(result.figures.breakdowns.map((f) => f.id)).toEqual([
      'items-priority',
      'items-channel',
      'items-country',
      'items-exploitation',
      'items-children',
      'items-firstResponse',
      'items-timeToClose',
      'referrals-service',
      'referrals-outcome',
    ]);
    expect(result.figures.perMonth.map((f) => f.chart.table.rows.length)).toEqual([12, 12]);
    const month = await page('?period=2025-03');
    if ('response' in month) throw new Error('expected a page');
    for (const figures of [result.figures, month.figures]) {
      const { hidden, numbers } = writtenNumbers(figures);
      expect(
        numbers.every((n) => Number.isInteger(n) && (n === 0 || n >= 11)),
        numbers.join(),
      ).toBe(true);
      expect(hidden).toBeGreaterThan(0);
    }
    for (const f of month.figures.breakdowns) {
      expect(f.chart.svg).toMatch(/^<svg [^>]*role="img"/);
      expect(f.chart.svg).not.toMatch(/<script|href=|https?:\/\/(?!www\.w3\.org)/);
    }
  });

  it('answers a known ETag with 304, and a new release at once with new figures', async () => {
    await seedStatistics(t.db);
    const first = await page();
    if ('response' in first) throw new Error('expected a page');
    const etag = first.headers.etag!;
    expect(first.headers['cache-control']).toMatch(/^public, max-age=\d+$/);
    const again = await page('', { 'if-none-match': etag });
    expect('response' in again && again.response.status).toBe(304);
    await saveRelease(t.db, buildRelease([], [], new Date('2026-03-01T00:00:00Z')));
    const after = await page('', { 'if-none-match': etag });
    if ('response' in after) throw new Error('a new release must not be answered with 304');
    expect(after.figures.period).toBeNull();
  });

  it('says so when the period is invalid (400) or has no figures (404), and shows the latest', async () => {
    await seedStatistics(t.db);
    for (const [query, status] of [
      ['?period=2025-13', 400],
      ['?period=x', 400],
      ['?period=2019', 404],
    ] as const) {
      const result = await page(query);
      if ('response' in result) throw new Error('expected a page');
      expect(result.status, query).toBe(status);
      expect(result.problem, query).toBeTruthy();
      expect(result.figures.period).toBe('2025');
    }
  });

  it('gives supervisors exact figures and operators the published ones; caseworkers nothing', async () => {
    const { counts } = await seedStatistics(t.db);
    const t_ = useTranslations('en');
    const query = new URLSearchParams({ period: '2025-03' });
    const small = counts.find(
      (c) => c.month === '2025-03' && c.dimension === 'country' && c.count > 0 && c.count < 11,
    )!;
    expect(small).toBeDefined();
    const supervisor = await loadStatisticsDashboard(deps, await staff('supervisor'), {
      locale: 'en',
      t: t_,
      query,
    });
    const operator = await loadStatisticsDashboard(deps, await staff('operator'), {
      locale: 'en',
      t: t_,
      query,
    });
    expect(supervisor.exact).toBe(true);
    expect(operator.exact).toBe(false);
    expect(supervisor.canRefresh).toBe(false);
    const countryRow = (view: typeof supervisor) => {
      const figure = view.figures.breakdowns.find((f) => f.id === 'items-country')!;
      const name = new Intl.DisplayNames(['en'], { type: 'region' }).of(small.category)!;
      return figure.chart.table.rows.find((r) => r[0] === name)![1];
    };
    expect(countryRow(supervisor)).toBe(String(small.count));
    expect(countryRow(operator)).toBe(HIDDEN);
    expect(writtenNumbers(supervisor.figures).hidden).toBe(0);
    await expect(
      loadStatisticsDashboard(
        deps,
        { user: { id: randomUUID(), role: 'partner-caseworker' } },
        { locale: 'en', t: t_, query },
      ),
    ).rejects.toMatchObject({ status: 403 });
  });

  it('shows page reads per page, day and language, small counts hidden unless exact', async () => {
    const today = deps.now().toISOString().slice(0, 10);
    await t.db.query(
      `insert into reach_counts (day, path, reads) values ($1, '/en/guides/warning-signs/', 40),
       ($1, '/fr/guides/warning-signs/', 3), ($1, '/en/help/qa/', 25), ('2020-01-01', '/en/help/qa/', 99)`,
      [today],
    );
    const t_ = useTranslations('en');
    const query = new URLSearchParams();
    const exact = await loadStatisticsDashboard(deps, await staff('admin'), { locale: 'en', t: t_, query });
    const published = await loadStatisticsDashboard(deps, await staff('operator'), {
      locale: 'en',
      t: t_,
      query,
    });
    const row = (view: typeof exact, page: string) => view.reads.byPage.rows.find((r) => r.label === page)!;
    const fr = exact.reads.locales.indexOf('fr');
    expect(exact.reads.byPage.rows.map((r) => r.label)).toEqual(['/guides/warning-signs/', '/help/qa/']);
    expect(row(exact, '/guides/warning-signs/').values[fr]).toBe(3);
    expect(exact.reads.byPage.total).toBe(68);
    expect(row(published, '/guides/warning-signs/').values[fr]).toBeNull();
    const all = published.reads.byPage.rows.flatMap((r) => [...r.values, r.total]);
    expect(all.every((v) => v === null || v === 0 || v >= 11)).toBe(true);
    expect(exact.reads.byDay.rows).toHaveLength(14);
  });

  it("shows each started campaign's reads and the reports and texts from its corridor", async () => {
    expect(CAMPAIGNS.map((c) => c.slug).sort()).toEqual(['know-the-signs', 'think-before-you-go']);
    const campaigns = [
      { slug: 'go', title: 'Go', start: '2026-11-10', from: ['NP'], to: ['QA'] },
      { slug: 'later', title: 'Later', start: '2027-01-01', from: ['NP'], to: ['QA'] },
    ];
    await t.db.query(
      `insert into reach_counts (day, path, reads) values ('2026-11-12', '/en/campaigns/go/', 30),
       ('2026-11-12', '/ne/campaigns/go/', 4), ('2026-11-09', '/en/campaigns/go/', 50)`,
    );
    await t.db.query(
      `insert into statistics_days (day, country, channel, count) values ('2026-11-12', 'NP', 'sms', 14),
       ('2026-11-13', 'QA', 'web', 2), ('2026-11-05', 'NP', 'sms', 12), ('2026-11-12', 'IN', 'sms', 40)`,
    );
    const t_ = useTranslations('en');
    const query = new URLSearchParams();
    const exact = await loadStatisticsDashboard(deps, await staff('supervisor'), {
      locale: 'en',
      t: t_,
      query,
      campaigns,
    });
    const published = await loadStatisticsDashboard(deps, await staff('operator'), {
      locale: 'en',
      t: t_,
      query,
      campaigns,
    });
    expect(exact.campaigns.map((c) => c.campaign.slug)).toEqual(['go']);
    const [go] = exact.campaigns;
    expect(go!.reach.days).toEqual({ from: '2026-11-10', to: '2026-11-22' });
    expect(go!.reach.reads.total).toBe(34);
    const sms = go!.reach.followUp.columns.indexOf('sms');
    expect(go!.reach.followUp.rows.map((r) => [r.label, r.values[sms], r.total])).toEqual([
      ['before', 12, 12],
      ['during', 14, 16],
    ]);
    const hiddenReads = published.campaigns[0]!.reach.reads;
    expect(hiddenReads.totals[hiddenReads.columns.indexOf('ne')]).toBeNull();
    const web = published.campaigns[0]!.reach.followUp.columns.indexOf('web');
    expect(published.campaigns[0]!.reach.followUp.rows[1]!.values[web]).toBeNull();
  });

  it('recomputes from the dashboard only for statistics:refresh, and audits it', async () => {
    for (const role of ['operator', 'supervisor'] as const) {
      await expect(refreshFromDashboard(deps, await staff(role))).rejects.toMatchObject({ status: 403 });
    }
    const admin = await staff('admin');
    const result = await refreshFromDashboard(deps, admin);
    expect(result.releaseId).toBeTruthy();
    const audit = await t.db.query<{ action: string; actor_id: string }>(
      `select action, actor_id from audit_log where action = 'statistics.refresh'`,
    );
    expect(audit).toEqual([{ action: 'statistics.refresh', actor_id: admin.user.id }]);
  });
});
