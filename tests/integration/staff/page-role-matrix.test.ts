/**
 * Every console page, called by every role (and by nobody): a page names its permission where it
 * opens (`openConsolePage(Astro, '<permission>')`), and the one access check lets a role through
 * exactly when it holds that permission. Derived from the page files, so a new page is covered the
 * moment it is added; the statistics and directory pages' load functions refuse the same roles.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTranslations } from '#kernel/i18n/ui.ts';
import { HELP_ENTRIES } from '../../../functions/directory/bundled-help-entries.ts';
import { loadDirectoryPage } from '../../../functions/directory/directory-page.ts';
import { createPartner } from '../../../functions/referrals/partners.ts';
import { guardPage } from '../../../functions/staff/guard-page.ts';
import { can, PERMISSIONS, type Permission, ROLES, type Role } from '../../../functions/staff/roles.ts';
import { createSession, readSession, sessionCookie } from '../../../functions/staff/sessions.ts';
import { loadStatisticsDashboard } from '../../../functions/statistics/dashboard-page.ts';
import { engines, type TestDatabase } from '../../helpers/databases.ts';
import { createTestDeps, type TestDeps } from '../../helpers/deps.ts';

const ORIGIN = 'https://hotline.example.org';
const PAGES_DIR = 'src/pages/console';

function consolePages(dir = PAGES_DIR): { page: string; permission: Permission }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const file = path.join(dir, e.name);
    if (e.isDirectory()) return consolePages(file);
    if (!e.name.endsWith('.astro')) return [];
    const match = /openConsolePage\(Astro, '([a-z:]+)'\)/.exec(readFileSync(file, 'utf8'));
    return match ? [{ page: path.relative(PAGES_DIR, file), permission: match[1] as Permission }] : [];
  });
}

const pages = consolePages();

describe('role matrix over every console page', () => {
  let t: TestDatabase;
  let deps: TestDeps;
  const cookies = new Map<Role, string>();
  const staff = new Map<Role, { user: { id: string; email: string; role: Role } }>();

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
      const { token } = await createSession(t.db, id, 'full', deps.now());
      cookies.set(role, sessionCookie(deps.config, token).split(';')[0]!);
      const session = (await readSession(t.db, token, deps.now()))!;
      staff.set(role, { user: { id, email: session.user.email, role } });
    }
  });
  afterAll(() => t.dispose());

  it('finds the console pages, each with a known permission, the new ones included', () => {
    expect(pages.length).toBeGreaterThan(10);
    for (const p of pages) expect(PERMISSIONS, p.page).toContain(p.permission);
    expect(pages).toContainEqual({ page: 'statistics.astro', permission: 'statistics:read' });
    expect(pages).toContainEqual({ page: 'directory.astro', permission: 'directory:verify' });
  });

  for (const { page, permission } of pages) {
    const request = (cookie?: string) =>
      new Request(`${ORIGIN}/console/${page.replace(/\.astro$/, '')}`, {
        headers: cookie ? { cookie } : {},
      });

    it(`${page} sends anyone not signed in to the sign-in page`, async () => {
      const result = await guardPage(request(), deps, permission);
      expect('response' in result && result.response.status).toBe(303);
    });

    it.each(ROLES)(`${page} (${permission}) as %s`, async (role) => {
      const result = await guardPage(request(cookies.get(role)), deps, permission);
      if (can(role, permission)) expect('session' in result, `${role} should pass`).toBe(true);
      else expect('response' in result && result.response.status, `${role} should be refused`).toBe(403);
    });
  }

  it.each(ROLES)('the statistics and directory load functions follow the same matrix as %s', async (role) => {
    const who = staff.get(role)!;
    const stats = loadStatisticsDashboard(deps, who, {
      locale: 'en',
      t: useTranslations('en'),
      query: new URLSearchParams(),
    });
    if (can(role, 'statistics:read'))
      await expect(stats).resolves.toMatchObject({ exact: can(role, 'statistics:exact') });
    else await expect(stats).rejects.toMatchObject({ status: 403 });
    const directory = loadDirectoryPage(deps, who, HELP_ENTRIES, new URLSearchParams());
    if (can(role, 'directory:verify')) await expect(directory).resolves.toHaveProperty('countries');
    else await expect(directory).rejects.toMatchObject({ status: 403 });
  });
});
