/**
 * The directory, read-only, in the shape of HSDS's API: paginated lists of services (fully
 * nested), organizations, locations and phones. The public help directory is public; the partner
 * directory is for staff who refer (a permission the routing table checks).
 */
import { z } from 'zod';
import { applyVerifications, type VerificationRecord } from '#kernel/content/verification.ts';
import type { Queryable } from '../db/database.ts';
import { HttpError } from '../http/http-error.ts';
import { json } from '../http/json.ts';
import type { RouteContext } from '../http/route.ts';
import { listPartners } from '../referrals/partners.ts';
import { HELP_ENTRIES } from './bundled-help-entries.ts';
import { hsdsFromHelpEntries } from './hsds-from-help.ts';
import { hsdsFromPartners } from './hsds-from-partners.ts';
import type { HsdsTables } from './hsds-tables.ts';
import { jsonShapes } from './hsds-tables.ts';
import { listVerifications, verificationsStamp } from './verifications.ts';

export const HSDS_LISTS = ['services', 'organizations', 'locations', 'phones'] as const;
export type HsdsList = (typeof HSDS_LISTS)[number];

export const hsdsQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  per_page: z.coerce.number().int().min(1).max(200).default(50),
  /** Only what serves this country (ISO 3166-1 alpha-2). */
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/)
    .transform((c) => c.toUpperCase())
    .optional(),
});
export type HsdsQuery = z.infer<typeof hsdsQuerySchema>;

function readQuery(request: Request): HsdsQuery {
  const query = hsdsQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success)
    throw new HttpError(
      400,
      'invalid-query',
      'Use page (1 or more), per_page (1 to 200) and country (ISO 3166-1 alpha-2) only.',
      {
        fields: query.error.issues.map((i) => ({ field: i.path.join('.') || 'query', message: i.message })),
      },
    );
  return query.data;
}

/** HSDS's page envelope around one page of a list. */
export function hsdsPage(all: readonly unknown[], query: Pick<HsdsQuery, 'page' | 'per_page'>) {
  const totalPages = Math.ceil(all.length / query.per_page);
  const contents = all.slice((query.page - 1) * query.per_page, query.page * query.per_page);
  return {
    total_items: all.length,
    total_pages: totalPages,
    page_number: query.page,
    size: contents.length,
    first_page: query.page === 1,
    last_page: query.page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

/**
 * Per database: the console's confirmations the shapes were made with (by their stamp), and at
 * most one set of shapes per country code and one for all. The content changes only with a build;
 * confirmations, whenever staff make one.
 */
const publicCache = new WeakMap<
  Queryable,
  { stamp: string; records: VerificationRecord[]; shapes: Map<string, ReturnType<typeof jsonShapes>> }
>();

/** The public directory, or one country of it, in HSDS shapes, with the console's confirmations. */
export async function publicDirectory(db: Queryable, country?: string) {
  const stamp = await verificationsStamp(db);
  let cached = publicCache.get(db);
  if (cached?.stamp !== stamp) {
    cached = { stamp, records: (await listVerifications(db)).map((v) => v.record), shapes: new Map() };
    publicCache.set(db, cached);
  }
  const key = country ?? '*';
  let shapes = cached.shapes.get(key);
  if (!shapes) {
    const entries = HELP_ENTRIES.filter((e) => !country || e.country === country);
    shapes = jsonShapes(hsdsFromHelpEntries(entries.map((e) => applyVerifications(e, cached.records))));
    cached.shapes.set(key, shapes);
  }
  return shapes;
}

export function publicHsdsList(list: HsdsList) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    const query = readQuery(request);
    return json(hsdsPage((await publicDirectory(context.deps.db, query.country))[list], query));
  };
}

export function partnerHsdsList(list: HsdsList) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    const query = readQuery(request);
    const partners = (await listPartners(context.deps.db, { includeInactive: true })).filter(
      (p) => !query.country || p.regions.length === 0 || p.regions.includes(query.country),
    );
    const tables: HsdsTables = hsdsFromPartners(partners);
    return json(hsdsPage(jsonShapes(tables)[list], query));
  };
}
