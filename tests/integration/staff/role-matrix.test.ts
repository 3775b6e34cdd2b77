/**
 * Every staff route in the API's routing table and every staff page in the console's page table,
 * called by every role (and by nobody): a role gets past the permission check exactly when it holds
 * the route's or page's permission. Derived from the two tables, so a new route or page is covered
 * the moment it is added.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consolePages, openConsoleRequest } from '../../../functions/console/pages.ts';
import { createPartner } from '../../../functions/referrals/partners.ts';
import { handleApi, routes } from '../../../functions/routes.ts';
import { can, ROLES, type Role } from '../../../functions/staff/roles.ts';
import { createSession, sessionCookie } from '../../../functions/staff/sessions.ts';
import { engines, type TestDatabase } from '../../helpers/databases.ts';
import { createTestDeps, type TestDeps } from '../../helpers/deps.ts';

const ORIGIN = 'https://hotline.example.org';
const staffRoutes = routes.filter((r) => r.access !== 'public');
const staffPages = consolePages.filter((p) => p.access !== 'public');

describe('role matrix over every staff API route and console page', () => {
  let t: TestDatabase;
  let deps: TestDeps;
  const sessions = new Map<Role, { cookie: string; csrf: string }>();

  beforeAll(async () => {
    t = await engines[0]!.create();
    deps = createTestDeps(t.db, { PUBLIC_BASE_URL: ORIGIN });
    const { id: partnerId } = await createPartner(deps, null, {
      name: 'Partner',
      services: ['shelter'],
      regions: [],
      languages: [],
      intakeContact: 'intake@example.org',
    });
    for (const role of ROLES) {
      const id = randomUUID();
      await t.db.query(
        `insert into staff_users (id, email, role, partner_id, active) values ($1, $2, $3, $4, true)`,
        [id, `${role}@example.org`, role, role === 'partner-caseworker' ? partnerId : null],
      );
      const { token, csrfToken } = await createSession(t.db, id, 'full', deps.now());
      sessions.set(role, { cookie: sessionCookie(deps.config, token).split(';')[0]!, csrf: csrfToken });
    }
  });
  afterAll(() => t.dispose());

  it('has staff routes to check', () => {
    expect(staffRoutes.length).toBeGreaterThan(5);
  });

  for (const route of staffRoutes) {
    const permission = (route.access as { permission: string }).permission;
    const path = route.path.replace(/:[a-zA-Z]+/g, randomUUID());
    const request = (headers: Record<string, string>) =>
      new Request(`${ORIGIN}${path}`, {
        method: route.method,
        headers: { 'content-type': 'application/json', origin: ORIGIN, ...headers },
        body: route.method === 'GET' ? undefined : '{}',
      });

    it(`${route.method} ${route.path} refuses anyone who is not signed in`, async () => {
      expect((await handleApi(request({}), deps)).status).toBe(401);
    });

    it.each(ROLES)(`${route.method} ${route.path} (${permission}) as %s`, async (role) => {
      const session = sessions.get(role)!;
      const response = await handleApi(
        request({ cookie: session.cookie, 'x-csrf-token': session.csrf }),
        deps,
      );
      if (route.method === 'GET' && route.path.endsWith('/events')) await response.body?.cancel();
      if (can(role, permission as never))
        expect([401, 403], `${role} should pass`).not.toContain(response.status);
      else expect(response.status, `${role} should be refused`).toBe(403);
    });
  }

  it('has staff pages to check', () => {
    expect(staffPages.length).toBeGreaterThan(5);
  });

  for (const page of staffPages) {
    const permission = (page.access as { permission: string }).permission;
    const path = page.path.replace(/:[a-zA-Z]+/g, randomUUID());
    const open = async (method: 'GET' | 'POST', headers: Record<string, string>, csrf?: string) => {
      const answer = await openConsoleRequest(
        new Request(`${ORIGIN}${path}`, {
          method,
          headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded', ...headers },
          body: method === 'POST' ? new URLSearchParams({ csrf: csrf ?? '', action: 'none' }) : undefined,
        }),
        deps,
        '192.0.2.1',
      );
      return 'response' in answer ? answer.response : new Response(null, { status: answer.view.status });
    };

    it(`page ${page.path} sends anyone who is not signed in to sign in`, async () => {
      for (const method of ['GET', 'POST'] as const) {
        const response = await open(method, {});
        expect(response.status).toBe(303);
        expect(response.headers.get('location')).toBe('/console/login');
      }
    });

    it.each(ROLES)(`page ${page.path} (${permission}) as %s`, async (role) => {
      const session = sessions.get(role)!;
      for (const method of ['GET', 'POST'] as const) {
        const response = await open(method, { cookie: session.cookie }, session.csrf);
        if (can(role, permission as never))
          expect([401, 403], `${role} should pass (${method})`).not.toContain(response.status);
        else if (page.otherwise && can(role, page.otherwise.permission))
          expect(response.headers.get('location'), `${role} is sent elsewhere`).toBe(page.otherwise.location);
        else expect(response.status, `${role} should be refused (${method})`).toBe(403);
      }
    });
  }

  it('knows no console page that is not in the table', async () => {
    const session = sessions.get('admin')!;
    for (const path of ['/console/nowhere', '/console/items', '/console/staff/extra']) {
      const answer = await openConsoleRequest(
        new Request(`${ORIGIN}${path}`, { headers: { cookie: session.cookie } }),
        deps,
        '192.0.2.1',
      );
      expect('response' in answer && answer.response.status, path).toBe(404);
    }
  });
});
