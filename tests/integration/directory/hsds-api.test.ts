/**
 * The read-only HSDS API: the public directory for anyone, paginated in HSDS's page envelope and
 * filtered by country; the partner directory only for staff who refer. Every answer is checked
 * against the HSDS schemas (see tests/unit/directory/hsds.test.ts for how they follow the spec).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  hsdsLocationSchema,
  hsdsOrganizationSchema,
  hsdsPageSchema,
  hsdsPhoneSchema,
  hsdsServiceSchema,
} from '../../../functions/directory/hsds-schema.ts';
import { handleApi, routes } from '../../../functions/routes.ts';
import { can, ROLES } from '../../../functions/staff/roles.ts';
import { engines, type TestDatabase } from '../../helpers/databases.ts';
import { createTestDeps, type TestDeps } from '../../helpers/deps.ts';
import { ORIGIN, referralWorld } from '../../helpers/referrals.ts';

const SCHEMAS: Record<string, z.ZodType> = {
  services: hsdsServiceSchema,
  organizations: hsdsOrganizationSchema,
  locations: hsdsLocationSchema,
  phones: hsdsPhoneSchema,
};

describe.each(engines)('HSDS API on $name', (engine) => {
  let t: TestDatabase;
  let deps: TestDeps;
  beforeEach(async () => {
    t = await engine.create();
    deps = createTestDeps(t.db, { PUBLIC_BASE_URL: ORIGIN });
  });
  afterEach(() => t.dispose());

  const get = (path: string, headers: Record<string, string> = {}) =>
    handleApi(new Request(`${ORIGIN}${path}`, { headers }), deps);

  it.each(Object.keys(SCHEMAS))(
    'GET /api/directory/hsds/%s: public, paginated, every object HSDS',
    async (list) => {
      const first = await get(`/api/directory/hsds/${list}?per_page=25`);
      expect(first.status).toBe(200);
      const page = hsdsPageSchema(SCHEMAS[list]!).parse(await first.json());
      expect(page).toMatchObject({ page_number: 1, first_page: true, size: 25, empty: false });
      expect(page.total_items).toBeGreaterThan(25);
      const last = hsdsPageSchema(SCHEMAS[list]!).parse(
        await (await get(`/api/directory/hsds/${list}?per_page=25&page=${page.total_pages}`)).json(),
      );
      expect(last.last_page).toBe(true);
      expect(last.size).toBe(page.total_items - 25 * (page.total_pages - 1));
      const beyond = await (
        await get(`/api/directory/hsds/${list}?page=${page.total_pages + 1}&per_page=25`)
      ).json();
      expect(beyond).toMatchObject({ empty: true, size: 0, contents: [] });
    },
  );

  it('filters by country: Qatar gives Qatar’s emergency number and the embassies there', async () => {
    const page = hsdsPageSchema(hsdsServiceSchema).parse(
      await (await get('/api/directory/hsds/services?country=qa&per_page=200')).json(),
    );
    const names = page.contents.map((s) => s.name);
    expect(names).toContain('Emergency number – Qatar');
    expect(names).toContain('Embassy of Nepal in Doha');
    expect(page.contents.every((s) => s.service_areas?.every((a) => a.extent === 'QA'))).toBe(true);
    const none = await (await get('/api/directory/hsds/services?country=ZZ')).json();
    expect(none).toMatchObject({ total_items: 0, empty: true });
  });

  it.each([
    ['a page of 0', '?page=0'],
    ['too many per page', '?per_page=500'],
    ['a country name', '?country=Qatar'],
    ['a parameter it does not know', '?search=qatar'],
  ])('refuses %s with a problem naming the field', async (_, query) => {
    const response = await get(`/api/directory/hsds/services${query}`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect((await response.json()).code).toBe('invalid-query');
  });

  it('serves the partner directory only to staff who refer, and lists inactive partners as inactive', async () => {
    const world = await referralWorld(t.db, deps);
    expect((await get('/api/directory/partners/hsds/services')).status).toBe(401);
    expect((await world.shelterWorker.call('GET', '/api/directory/partners/hsds/services')).status).toBe(403);
    for (const caller of [world.operator, world.supervisor, world.admin]) {
      const response = await caller.call('GET', '/api/directory/partners/hsds/services?country=LB');
      expect(response.status).toBe(200);
      const page = hsdsPageSchema(hsdsServiceSchema).parse(await response.json());
      expect(page.contents.map((s) => s.name).sort()).toEqual(['Migrant Legal Aid', 'Safe House Beirut']);
    }
    await world.admin.call('POST', `/api/console/partners/${world.legal.id}/deactivate`, {});
    const page = hsdsPageSchema(hsdsServiceSchema).parse(
      await (await world.operator.call('GET', '/api/directory/partners/hsds/services')).json(),
    );
    expect(page.contents.find((s) => s.name === 'Migrant Legal Aid')!.status).toBe('inactive');
    const organizations = await world.operator.call('GET', '/api/directory/partners/hsds/organizations');
    hsdsPageSchema(hsdsOrganizationSchema).parse(await organizations.json());
  });
});

describe('who may read the partner directory', () => {
  it('is every role with partner:manage or referral:create, as the route’s one permission grants', () => {
    const partnerRoutes = routes.filter((r) => r.path.startsWith('/api/directory/partners/'));
    expect(partnerRoutes).toHaveLength(4);
    for (const route of partnerRoutes) {
      expect(route.access).toEqual({ permission: 'referral:create' });
      for (const role of ROLES) {
        expect(can(role, 'referral:create'), role).toBe(
          can(role, 'partner:manage') || can(role, 'referral:create'),
        );
      }
    }
  });
});
