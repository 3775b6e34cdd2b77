/**
 * The public statistics page on the real server with a published release: charts drawn on the
 * server with their tables, in English and in Arabic (right to left) and Bengali, axe clean, no
 * cookie, nothing from another origin, no script of its own, every number 0 or at least 11, periods
 * reachable without JavaScript, and the page within the first round trip's budget.
 */

import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { get } from 'node:http';
import path from 'node:path';
import { migrate } from '../../functions/db/migrate.ts';
import { openPglite } from '../../functions/db/open-pglite.ts';
import { createSession } from '../../functions/staff/sessions.ts';
import { type RunningServer, startServer } from '../helpers/running-server.ts';
import { seedStatistics } from '../helpers/statistics-seed.ts';
import { axeViolations } from './axe.ts';
import { expect, test } from './fixtures.ts';

const FIRST_ROUND_TRIP = 14_600;

let server: RunningServer;
let dataFolder = '';
/** A signed-in administrator's session token, made in the database before the server starts. */
let adminToken = '';

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(600_000);
  server = await startServer(
    {
      REACH_COUNTING: 'off',
    },
    {
      beforeStart: async (dataDir) => {
        // startServer has put a blank cluster there: it is opened, not created.
        const db = await openPglite(path.join(dataDir, 'pglite'));
        await migrate(db);
        await seedStatistics(db);
        const id = randomUUID();
        await db.query(
          `insert into staff_users (id, email, role, active) values ($1, 'admin@example.org', 'admin', true)`,
          [id],
        );
        adminToken = (await createSession(db, id, 'full', new Date())).token;
        dataFolder = dataDir;
        await db.close();
      },
    },
  );
});
test.afterAll(async () => {
  await server?.stop();
});

for (const [locale, dir] of [
  ['en', 'ltr'],
  ['ar', 'rtl'],
  ['bn', 'ltr'],
] as const) {
  test(`${locale}: the statistics page shows published figures as charts and tables, axe clean`, async ({
    page,
    context,
  }) => {
    const foreign: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(server.url)) foreign.push(r.url());
    });
    const response = await page.goto(`${server.url}/${locale}/statistics/`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['cache-control']).toMatch(/^public, max-age=\d+$/);
    await expect(page.locator('html')).toHaveAttribute('dir', dir);
    await expect(page.locator('html')).toHaveAttribute('lang', locale);
    // Two lines per month and nine breakdowns of the latest complete year.
    await expect(page.locator('[data-figure] svg[role="img"]')).toHaveCount(11);
    await expect(page.locator('[data-figure] details table')).toHaveCount(11);
    const html = await page.content();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect([...html.matchAll(/<script[^>]*\bsrc=/g)].length).toBeLessThanOrEqual(1);
    const numbers = await page
      .locator('[data-figure] td')
      .evaluateAll((cells) =>
        cells
          .map((c) => c.textContent ?? '')
          .filter((text) => /^[\d\u0660-\u0669\u09e6-\u09ef.,\u066b\u066c\s]+$/.test(text)),
      );
    expect(numbers.length).toBeGreaterThan(20);
    for (const text of numbers) {
      const latin = text
        .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
        .replace(/[\u09e6-\u09ef]/g, (d) => String(d.charCodeAt(0) - 0x09e6));
      const value = Number(latin.replace(/[^\d]/g, ''));
      expect(value === 0 || value >= 11, text).toBe(true);
    }
    await page.locator('[data-figure] details summary').first().click();
    const violations = await axeViolations(page);
    expect(violations.map((v) => `${v.id}: ${v.nodes[0]?.target}`)).toEqual([]);
    expect(await context.cookies()).toEqual([]);
    expect(foreign).toEqual([]);
  });
}

test('periods are links that work without JavaScript, and an unknown one says so', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${server.url}/en/statistics/`);
  await page.locator('a[href="/en/statistics/?period=2025-03#period"]').click();
  await expect(page.locator('#period')).toHaveText('Figures for March 2025');
  await expect(page.locator('[data-figure="items-country"] svg')).toHaveCount(1);
  const missing = await page.goto(`${server.url}/en/statistics/?period=2019`);
  expect(missing?.status()).toBe(404);
  await expect(page.locator('[role="alert"]')).toBeVisible();
  await context.close();
});

/** The bytes on the wire (fetch would decompress them). */
function brotliBytes(url: string): Promise<{ encoding?: string; etag?: string; size: number }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'accept-encoding': 'br' } }, (res) => {
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
      });
      res.on('end', () =>
        resolve({ encoding: res.headers['content-encoding'], etag: res.headers.etag, size }),
      );
    }).on('error', reject);
  });
}

test('the page revalidates with its ETag and fits the first round trip compressed', async () => {
  for (const locale of ['en', 'ar', 'bn']) {
    const first = await brotliBytes(`${server.url}/${locale}/statistics/`);
    expect(first.encoding).toBe('br');
    expect(first.size, `${locale}: ${first.size} bytes`).toBeLessThanOrEqual(FIRST_ROUND_TRIP);
    const again = await fetch(`${server.url}/${locale}/statistics/`, {
      headers: { 'if-none-match': first.etag! },
    });
    expect(again.status).toBe(304);
  }
});

test('the console dashboard and the directory page, as an administrator, axe clean', async ({
  page,
  context,
}) => {
  await context.addCookies([{ name: 'waymark-staff', value: adminToken, url: server.url }]);
  await page.goto(`${server.url}/console/statistics`);
  await expect(page.locator('h1')).toHaveText('Statistics');
  await expect(page.locator('[data-statistics-kind]')).toHaveAttribute('data-statistics-kind', 'exact');
  await expect(page.locator('[data-figure] svg[role="img"]')).toHaveCount(11);
  await expect(page.locator('[data-no-reads]')).toBeVisible();
  // The shipped campaigns have started: each shows its corridor's reports and texts.
  await expect(page.locator('[data-campaign] table').first()).toBeVisible();
  expect(await page.locator('[data-campaign]').count()).toBeGreaterThanOrEqual(1);
  let violations = await axeViolations(page);
  expect(violations.map((v) => `${v.id}: ${v.nodes[0]?.target}`)).toEqual([]);
  await page.locator('main form button[value="refresh"]').click();
  await expect(page.locator('main [role="status"]')).toContainText('months are published');

  await page.goto(`${server.url}/console/directory`);
  await page.locator('main nav a[href="/console/directory?country=QA"]').click();
  const row = page.locator('[data-directory-items] tr', { hasText: 'IOM Qatar' });
  await expect(row).toContainText('Not verified');
  violations = await axeViolations(page);
  expect(violations.map((v) => `${v.id}: ${v.nodes[0]?.target}`)).toEqual([]);
  await row.locator('button[type="submit"]').click();
  await expect(page.locator('[data-confirmed]')).toContainText('QA/organisations/IOM Qatar');
  // Readers see the check on the country's page within seconds, without a rebuild.
  const helpPage = async () => {
    const html = await (await fetch(`${server.url}/en/help/qa/`)).text();
    const at = html.indexOf('IOM Qatar');
    // The organisation's own entry, up to where the next one starts.
    return at < 0 ? '' : html.slice(at, html.indexOf('</li>', at));
  };
  await expect.poll(helpPage, { timeout: 5000 }).toContain('Checked on');
  await expect(page.locator('[data-directory-items] tr', { hasText: 'IOM Qatar' })).toContainText(
    'admin@example.org',
  );
  const snapshot = path.join(dataFolder, 'directory-verifications.json');
  expect(existsSync(snapshot)).toBe(true);
  expect(JSON.parse(readFileSync(snapshot, 'utf8'))).toMatchObject([
    { country: 'QA', item: { list: 'organisations', name: 'IOM Qatar' }, verifiedBy: 'admin@example.org' },
  ]);
});
