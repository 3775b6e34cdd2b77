import { LOCALES } from '#kernel/i18n/locales.ts';
import { axeViolations } from './axe.ts';
import { expect, NEUTRAL_URL, test } from './fixtures.ts';

test.describe('every locale home page', () => {
  for (const locale of LOCALES) {
    test(`${locale.code}: language, direction, no cookies, no foreign requests, no axe violations`, async ({
      page,
      context,
      foreignRequests,
    }) => {
      const response = await page.goto(`/${locale.code}/`);
      expect(response?.status()).toBe(200);
      await expect(page.locator('html')).toHaveAttribute('lang', locale.code);
      await expect(page.locator('html')).toHaveAttribute('dir', locale.dir);
      await expect(page.locator('h1')).not.toBeEmpty();
      await expect(page.locator('[data-quick-exit]')).toBeVisible();
      const violations = await axeViolations(page);
      expect(violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
      expect(await context.cookies()).toEqual([]);
      expect(foreignRequests).toEqual([]);
    });
  }
});

test('/ leads to the reader’s language', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ locale: 'fr-FR', baseURL });
  const page = await context.newPage();
  await page.goto('/');
  expect(new URL(page.url()).pathname).toBe('/fr/');
  await context.close();
});

test('Arabic is laid out right to left', async ({ page }) => {
  await page.goto('/ar/');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  const brand = await page.locator('.brand').boundingBox();
  const exit = await page.locator('[data-quick-exit]').boundingBox();
  // In RTL the brand sits on the right and the exit on the left.
  expect(brand!.x).toBeGreaterThan(exit!.x);
});

test('the language switcher opens the same page in another language, by keyboard', async ({ page }) => {
  await page.goto('/en/');
  await page.locator('.lang-switcher summary').focus();
  await page.keyboard.press('Enter');
  await page.locator('.lang-switcher a[hreflang="vi"]').click();
  await expect(page).toHaveURL(/\/vi\/$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
});

test('quick exit replaces the history entry and lands on the neutral site', async ({
  page,
  foreignRequests,
}) => {
  await page.goto('/en/');
  await page.goto('/fr/');
  const before = await page.evaluate(() => history.length);
  await page.locator('[data-quick-exit]').click();
  await page.waitForURL(NEUTRAL_URL);
  expect(await page.evaluate(() => history.length)).toBe(before);
  expect(foreignRequests).toEqual([]);
});

test('Esc is a quick exit from anywhere on the page', async ({ page, foreignRequests }) => {
  await page.goto('/es/');
  await page.keyboard.press('Escape');
  await page.waitForURL(NEUTRAL_URL);
  expect(foreignRequests).toEqual([]);
});

test('quick exit works without JavaScript', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
  const page = await context.newPage();
  await page.route(`${NEUTRAL_URL}**`, (route) => route.fulfill({ status: 200, body: 'neutral' }));
  await page.goto('/ro/');
  await page.locator('[data-quick-exit]').click();
  await page.waitForURL(NEUTRAL_URL);
  await context.close();
});

test('unknown pages answer 404 in the reader’s language', async ({ page }) => {
  const response = await page.goto('/ne/no-such-page/');
  expect(response?.status()).toBe(404);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ne');
});

test('print hides the navigation and the quick exit', async ({ page }) => {
  await page.goto('/en/');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('[data-quick-exit]')).toBeHidden();
  await expect(page.locator('h1')).toBeVisible();
});
