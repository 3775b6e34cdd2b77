/** The public site in every locale: the reader's path, no trace, offline reading, and no JavaScript. */
import { LOCALES } from '#kernel/i18n/locales.ts';
import { axeViolations } from './axe.ts';
import { expect, test } from './fixtures.ts';

const PAGE_TYPES = [
  '/guides/',
  '/guides/warning-signs/',
  '/campaigns/think-before-you-go/',
  '/help/',
  '/help/np/',
  '/help/qa/',
  '/self-check/',
  '/faq/',
  '/about/',
  '/search/',
  '/statistics/',
  '/offline/',
  '/report/',
  '/report/offline/',
];

for (const locale of LOCALES) {
  test(`${locale.code}: home → a guide → the directory → the self-check, leaving no trace`, async ({
    page,
    context,
    foreignRequests,
  }) => {
    await page.goto(`/${locale.code}/`);
    await page.locator(`a[href="/${locale.code}/guides/warning-signs/"]`).first().click();
    await expect(page.locator('article h1')).not.toBeEmpty();
    await expect(page.locator('html')).toHaveAttribute('dir', locale.dir);
    await page.locator(`.site-nav a[href="/${locale.code}/help/"]`).click();
    await page.locator(`a[href="/${locale.code}/help/np/"]`).click();
    await expect(page.locator('.emergency a')).toHaveAttribute('href', 'tel:100');
    await page.locator(`.site-nav a[href="/${locale.code}/self-check/"]`).click();
    await expect(page.locator('h1')).not.toBeEmpty();
    expect(await context.cookies()).toEqual([]);
    expect(await page.evaluate(() => [localStorage.length, sessionStorage.length])).toEqual([0, 0]);
    expect(foreignRequests).toEqual([]);
  });

  test(`${locale.code}: every page type passes axe`, async ({ page }) => {
    // Fourteen pages, about a second of axe each on a loaded two-core machine.
    test.slow();
    for (const path of PAGE_TYPES) {
      const response = await page.goto(`/${locale.code}${path}`);
      expect(response?.status(), path).toBe(200);
      await expect(page.locator('html')).toHaveAttribute('lang', locale.code);
      const violations = await axeViolations(page);
      expect(violations.map((v) => `${path} ${v.id}: ${v.nodes[0]?.target}`)).toEqual([]);
    }
  });
}

test('a guide missing in a locale is shown in English with a notice, never blank', async ({ page }) => {
  // Every shipped guide is translated; the fallback is checked on the built site's behaviour
  // through hreflang: the French page lists only the languages it really exists in.
  await page.goto('/fr/guides/warning-signs/');
  const hreflangs = await page
    .locator('link[rel="alternate"][hreflang]')
    .evaluateAll((links) => links.map((l) => l.getAttribute('hreflang')));
  expect(hreflangs).toContain('fr');
  expect(hreflangs).toContain('x-default');
  await expect(page.locator('.fallback-notice')).toHaveCount(0);
});

test('offline reading: once turned on, guides load with the network off', async ({ page, context }) => {
  await page.goto('/en/offline/');
  await page.locator('#offline-on').click();
  await expect(page.locator('#offline-status')).toContainText(/\d+/, { timeout: 20_000 });
  await context.setOffline(true);
  await page.goto('/en/guides/rights-at-work/');
  await expect(page.locator('article h1')).not.toBeEmpty();
  await page.goto('/en/help/np/');
  await expect(page.locator('.emergency')).toContainText('100');
  await context.setOffline(false);
  await page.goto('/en/offline/');
  await page.locator('#offline-off').click();
  await expect(page.locator('#offline-status')).not.toBeEmpty();
  expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(0);
  expect(await page.evaluate(async () => (await caches.keys()).length)).toBe(0);
});

test('discreet mode shows a neutral title, for this tab only', async ({ page }) => {
  await page.goto('/en/offline/');
  await page.locator('#discreet-toggle').click();
  await page.goto('/en/guides/');
  await expect(page).toHaveTitle('Notes');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the site is fully readable', async ({ page }) => {
    for (const path of ['/ar/', '/ar/guides/before-you-go/', '/ar/help/qa/', '/ar/faq/']) {
      await page.goto(path);
      await expect(page.locator('main h1')).toBeVisible();
    }
  });

  test('the self-check is a printable checklist', async ({ page }) => {
    await page.goto('/en/self-check/');
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('#self-check-static')).toBeVisible();
    await expect(page.locator('[data-quick-exit]')).toBeHidden();
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.byteLength).toBeGreaterThan(5_000);
  });
});

test('the sitemap lists every locale with hreflang alternates', async ({ request }) => {
  const xml = await (await request.get('/sitemap.xml')).text();
  for (const locale of LOCALES) expect(xml).toContain(`/${locale.code}/guides/warning-signs/`);
  expect(xml).toContain('hreflang="ar"');
});

test('search finds guides in the reader’s language without putting the words in the URL', async ({
  page,
}) => {
  await page.goto('/es/search/');
  await page.locator('#search-input').fill('pasaporte');
  await page.locator('#search-form button').click();
  await expect(page.locator('#search-results li').first()).toBeVisible({ timeout: 15_000 });
  expect(page.url()).not.toContain('pasaporte');
  const first = await page.locator('#search-results li a').first().getAttribute('href');
  expect(first).toMatch(/^\/es\//);
});

test('the self-check works with the keyboard alone and sends nothing', async ({ page }) => {
  const requests: string[] = [];
  await page.goto('/en/self-check/');
  // Nothing the reader answers may leave the phone: no API call, no form post, nothing sent.
  page.on('request', (r) => {
    if (r.method() !== 'GET' || r.url().includes('/api/')) requests.push(`${r.method()} ${r.url()}`);
  });
  const form = page.locator('form.self-check');
  await expect(form).toBeVisible();
  // First question: Tab into the group, Space picks "yes" (a fee was asked for).
  await form.locator('input[type="radio"]').first().focus();
  await page.keyboard.press('Space');
  // Move through the remaining radio groups with Tab, leaving them unanswered, to the country list.
  await form.locator('select').focus();
  await page.keyboard.press('ArrowDown');
  await form.locator('button[type="submit"]').focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.sc-result')).toBeVisible();
  await expect(page.locator('.sc-result')).toHaveClass(/sc-serious/);
  expect(requests).toEqual([]);
});
