/**
 * The statistics API: the published tables for anyone (JSON, CSV, or the HTCDS-shaped aggregate),
 * the exact ones for roles with statistics:exact, an administrator's refresh on demand, campaign
 * reach, and the "exclude from statistics" mark. Every query is one zod schema.
 */
import { z } from 'zod';
import { HttpError } from '../http/http-error.ts';
import { json } from '../http/json.ts';
import type { RouteContext } from '../http/route.ts';
import { can } from '../staff/roles.ts';
import { exclusionSchema, setExcludedFromStatistics } from './exclude-item.ts';
import { releaseToCsv } from './export-csv.ts';
import { releaseToHtcds } from './export-htcds.ts';
import { campaignReach, campaignReachQuery } from './reach-view.ts';
import { refreshStatistics } from './refresh-statistics.ts';
import type { Release } from './release.ts';
import { exactStatistics, publishedStatistics, selectTables } from './statistics-views.ts';

export const statisticsQuery = z.object({
  format: z.enum(['json', 'csv']).default('json'),
  period: z
    .string()
    .regex(/^\d{4}(-\d{2})?$/, 'a year (2026) or a month (2026-03)')
    .optional(),
  measure: z.enum(['items', 'referrals']).optional(),
});

function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const parsed = schema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) {
    throw new HttpError(400, 'invalid-query', 'The query is invalid.', {
      fields: parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
    });
  }
  return parsed.data;
}

function answer(release: Release, query: z.infer<typeof statisticsQuery>, name: string): Response {
  const selected = selectTables(release, query);
  if (query.format === 'json') return json(selected);
  return new Response(releaseToCsv(selected), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${name}.csv"`,
      'cache-control': 'no-store',
    },
  });
}

export async function publishedStatisticsRoute(request: Request, context: RouteContext): Promise<Response> {
  const query = parseQuery(request, statisticsQuery);
  return answer(await publishedStatistics(context.deps.db), query, 'waymark-statistics');
}

export async function htcdsStatisticsRoute(request: Request, context: RouteContext): Promise<Response> {
  const query = parseQuery(request, statisticsQuery.pick({ period: true, measure: true }));
  return json(releaseToHtcds(selectTables(await publishedStatistics(context.deps.db), query)));
}

export async function exactStatisticsRoute(request: Request, context: RouteContext): Promise<Response> {
  const query = parseQuery(request, statisticsQuery);
  const release = await exactStatistics(context.deps.db, context.deps.now());
  return answer(release, query, 'waymark-statistics-exact');
}

export async function refreshStatisticsRoute(_request: Request, context: RouteContext): Promise<Response> {
  return json(await refreshStatistics(context.deps));
}

export async function campaignReachRoute(request: Request, context: RouteContext): Promise<Response> {
  const query = parseQuery(request, campaignReachQuery);
  const exact = can(context.session!.user.role, 'statistics:exact');
  const today = context.deps.now().toISOString().slice(0, 10);
  return json(await campaignReach(context.deps.db, query, { exact, today }));
}

export async function excludeFromStatisticsRoute(
  _request: Request,
  context: RouteContext,
): Promise<Response> {
  const id = context.params.id ?? '';
  if (!z.uuid().safeParse(id).success) throw new HttpError(404, 'not-found', 'There is no such item.');
  const { data } = await context.readBody(exclusionSchema);
  return json(await setExcludedFromStatistics(context.deps, context.session!.user.id, id, data.exclude));
}
