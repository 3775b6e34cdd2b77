/**
 * The console's statistics dashboard (`/console/statistics`, statistics:read): the same figures as
 * the public page, exact where the role has statistics:exact (including months not sealed yet) and
 * the published release otherwise; page reads per page, day and language; and, for roles with
 * statistics:refresh, a recompute on demand (audited). The page renders what these return.
 */

import { z } from 'zod';
import type { Locale } from '#kernel/i18n/locales.ts';
import type { Translate } from '#kernel/i18n/ui.ts';
import { type PageData, type StaffPageContext, staffPage } from '../console/page-table.ts';
import type { Deps } from '../deps.ts';
import { HttpError } from '../http/http-error.ts';
import { appendAudit } from '../staff/audit.ts';
import { can, type Role } from '../staff/roles.ts';
import { CAMPAIGNS, type CampaignDates } from './bundled-campaigns.ts';
import { type PageReads, pageReads } from './page-reads.ts';
import { cachedPublishedRelease } from './public-page.ts';
import { campaignReach } from './reach-view.ts';
import { type RefreshResult, refreshStatistics } from './refresh-statistics.ts';
import { periodName, periodSchema, type StatisticsFigures, statisticsFigures } from './statistics-figures.ts';
import { exactStatistics } from './statistics-views.ts';

/** The days of page reads the dashboard shows. */
export const READ_DAYS = 14;

export const dashboardQuery = z.object({ period: periodSchema.optional() });

export interface DashboardStaff {
  user: { id: string; role: Role };
}

export interface CampaignReachView {
  campaign: CampaignDates;
  reach: Awaited<ReturnType<typeof campaignReach>>;
}

export interface StatisticsDashboard {
  exact: boolean;
  canRefresh: boolean;
  figures: StatisticsFigures;
  reads: PageReads;
  /** Campaigns that have started: reads of their pages, and reports and texts from their corridor. */
  campaigns: CampaignReachView[];
}

export async function loadStatisticsDashboard(
  deps: Pick<Deps, 'db' | 'now'>,
  staff: DashboardStaff,
  options: { locale: Locale; t: Translate; query: URLSearchParams; campaigns?: readonly CampaignDates[] },
): Promise<StatisticsDashboard> {
  const { role } = staff.user;
  if (!can(role, 'statistics:read')) throw new HttpError(403, 'forbidden', 'Your role does not allow this.');
  const query = dashboardQuery.safeParse(Object.fromEntries(options.query));
  const period = query.success ? query.data.period : undefined;
  const exact = can(role, 'statistics:exact');
  const now = deps.now();
  const release = exact
    ? await exactStatistics(deps.db, now)
    : (await cachedPublishedRelease(deps.db)).release;
  const today = now.toISOString().slice(0, 10);
  const campaigns: CampaignReachView[] = [];
  for (const campaign of (options.campaigns ?? CAMPAIGNS).filter((c) => c.start <= today)) {
    const { slug, start, end, from, to } = campaign;
    const reach = await campaignReach(deps.db, { slug, start, end, from, to }, { exact, today });
    campaigns.push({ campaign, reach });
  }
  return {
    exact,
    canRefresh: can(role, 'statistics:refresh'),
    figures: statisticsFigures(release, { locale: options.locale, t: options.t, period }),
    reads: await pageReads(deps.db, { today, days: READ_DAYS, exact }),
    campaigns,
  };
}

/** The dashboard's "Recompute now": statistics:refresh only, and recorded in the audit log. */
export async function refreshFromDashboard(
  deps: Pick<Deps, 'db' | 'keys' | 'now' | 'log'>,
  staff: DashboardStaff,
): Promise<RefreshResult> {
  if (!can(staff.user.role, 'statistics:refresh'))
    throw new HttpError(403, 'forbidden', 'Your role does not allow this.');
  const result = await refreshStatistics(deps);
  await deps.db.transaction((tx) =>
    appendAudit(
      tx,
      deps.keys,
      {
        actorId: staff.user.id,
        action: 'statistics.refresh',
        details: { recomputed: result.recomputed, releaseId: result.releaseId },
      },
      deps.now(),
    ),
  );
  return result;
}

/**
 * The dashboard in the console's page table: the figures (exact where the role allows) and page
 * reads; the "recompute now" form (statistics:refresh) recomputes, is audited, and says what it did.
 */
export const statisticsPage = staffPage({
  path: '/console/statistics',
  access: { permission: 'statistics:read' },
  async load({ deps, session, locale, t, url }: StaffPageContext, state) {
    const view = await loadStatisticsDashboard(deps, session, { locale, t, query: url.searchParams });
    // Every period the page names, in the reader's language.
    const periodNames = Object.fromEntries(view.figures.periods.map((p) => [p, periodName(p, locale)]));
    return { view, periodNames, notice: state?.notice as string | undefined };
  },
  actions: {
    refresh: {
      permission: 'statistics:refresh',
      async run({ deps, session, t }) {
        const result = await refreshFromDashboard(deps, session);
        return {
          state: {
            notice: t('console.stats.refreshed', {
              recomputed: result.recomputed,
              published: result.publishedMonths,
            }),
          },
        };
      },
    },
  },
});
export type StatisticsPageData = PageData<typeof statisticsPage>;
