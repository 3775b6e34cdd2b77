/**
 * Readers find help: the organisation's hotline on every page in every language, search that finds
 * a country's help page by the name readers type, the receipt on the first screen of a small phone
 * after a danger report, and the report page offline.
 */
import { readFileSync } from 'node:fs';
import { LOCALES } from '#kernel/i18n/locales.ts';
import { axeViolations } from './axe.ts';
import { expect, test } from './fixtures.ts';

/** The UI strings as the pages got them (read as files: the test runner has no bundler). */
const STRINGS: Record<string, Record<string, string>> = Object.fromEntries(
  LOCALES.map((l) => [l.code, JSON.parse(readFileSync(`kernel/i18n/strings/${l.code}.json`, 'utf8'))]),
);

const PAGES = [
  '/',
  '/guides/',
  '/guides/warning-signs/',
  '/campaigns/think-before-you-go/',
  '/help/',
  '/help/qa/',
  '/self-check/',
  '/faq/',
  '/about/',
  '/search/',
  '/offline/',
  '/report/',
  '/report/follow-up/',
  '/report/offline/',
];
const RECEIPT = /^\d{4}-\d{4}-\d{4}-\d{4}$/;

for (const locale of LOCALES) {
  test(`${locale.code}: every page shows the hotline as text, call and WhatsApp links`, async ({ page }) => {
    for (const path of PAGES) {
      await page.goto(`/${locale.code}${path}`);
      const footer = page.locator('footer .hotline');
      await expect(footer, path).toBeVisible();
      await expect(footer.locator('a[data-hotline="sms"]'), path).toHaveAttribute('href', /^sms:\+\d+$/);
      await expect(footer.locator('a[data-hotline="phone"]'), path).toHaveAttribute('href', /^tel:\+\d+$/);
      await expect(footer.locator('a[data-hotline="whatsapp"]'), path).toHaveAttribute(
        'href',
        /^https:\/\/wa\.me\/\d+$/,
      );
      // The shipped number is fictitious, and the page says so in the reader's language.
      await expect(footer.locator('.hotline-example'), path).toHaveText(
        STRINGS[locale.code]!['hotline.example']!,
      );
    }
  });

  test(`${locale.code}: search finds Qatar's help page by its name in ${locale.english}`, async ({
    page,
  }) => {
    const name = new Intl.DisplayNames([locale.code], { type: 'region' }).of('QA')!;
    await page.goto(`/${locale.code}/search/`);
    await page.locator('#search-input').fill(name);
    await page.locator('#search-form button').click();
    await expect(page.locator(`#search-results a[href="/${locale.code}/help/qa/"]`)).toBeVisible({
      timeout: 15_000,
    });
    // The count is said in the language's plural form (and digits) for that number.
    const status = page.locator('#search-status');
    const count = Number(await status.getAttribute('data-count'));
    expect(count).toBeGreaterThan(0);
    const category = new Intl.PluralRules(locale.code).select(count);
    const form = STRINGS[locale.code]![`search.found.${category}`]!;
    // Digits as the browser writes them in this language.
    const digits = await page.evaluate(([l, n]) => new Intl.NumberFormat(l).format(n), [
      locale.code,
      count,
    ] as const);
    await expect(status).toHaveText(form.replace('{count}', digits));
  });
}

test('search finds a help page by its English and its own name: “Qatar”, “Bangladesh”, “قطر”', async ({
  page,
}) => {
  for (const [locale, term, country] of [
    ['en', 'Qatar', 'qa'],
    ['en', 'Bangladesh', 'bd'],
    ['ar', 'قطر', 'qa'],
    ['en', 'قطر', 'qa'],
    ['fr', 'Bangladesh', 'bd'],
  ] as const) {
    await page.goto(`/${locale}/search/`);
    await page.locator('#search-input').fill(term);
    await page.locator('#search-form button').click();
    await expect(
      page.locator(`#search-results a[href="/${locale}/help/${country}/"]`),
      `${locale}: ${term}`,
    ).toBeVisible({
      timeout: 15_000,
    });
  }
});

test.describe('on a 360 x 740 phone, without JavaScript', () => {
  test.use({ viewport: { width: 360, height: 740 }, javaScriptEnabled: false });

  for (const locale of ['en', 'ar', 'bn', 'zh'] as const) {
    test(`${locale}: after a danger report the receipt and how to use it are on the first screen`, async ({
      page,
    }) => {
      await page.goto(`/${locale}/report/`);
      await page.locator('input[name="inDanger"][value="yes"]').check();
      await page
        .locator('#field-description')
        .fill('Two women are locked in a flat above the bakery and cannot leave.');
      await page.locator('#field-country').selectOption('QA');
      await page.locator('form[data-report-form] button[type="submit"]').click();
      const receipt = page.locator('[data-receipt]');
      expect((await receipt.textContent())!.trim()).toMatch(RECEIPT);
      // The page opens at the top; the receipt box (code and how to use it) ends within 740 px.
      const box = (await page.locator('[data-receipt-box]').boundingBox())!;
      expect(box.y + box.height, 'the receipt box ends within the first screen').toBeLessThanOrEqual(740);
      // Then the emergency numbers, the country chosen in the report first, and the hotline.
      await expect(page.locator('[data-chosen-country="QA"] a')).toHaveAttribute('href', 'tel:999');
      await expect(page.locator('#emergency-hotline')).toBeAttached();
    });
  }
});

test('the page after a danger report passes axe, with the steps of the JavaScript form', async ({ page }) => {
  await page.goto('/en/report/');
  const next = page.locator('button.report-next');
  await page.locator('input[name="inDanger"][value="yes"]').check();
  await next.click();
  await page
    .locator('#field-description')
    .fill('Two women are locked in a flat above the bakery and cannot leave.');
  await next.click();
  await page.locator('#field-country').selectOption('QA');
  await next.click();
  await next.click();
  await page.locator('form[data-report-form] button[type="submit"]').click();
  await expect(page.locator('[data-receipt]')).toHaveText(RECEIPT, { timeout: 25_000 });
  const violations = await axeViolations(page);
  expect(violations.map((v) => `${v.id}: ${v.nodes[0]?.target}`)).toEqual([]);
});

test('offline, the report page says reporting needs a connection and gives the hotline', async ({
  page,
  context,
}) => {
  await page.goto('/en/offline/');
  await page.locator('#offline-on').click();
  await expect(page.locator('#offline-status')).toContainText(/\d+/, { timeout: 20_000 });
  await context.setOffline(true);
  try {
    await page.goto('/en/report/');
    await expect(page.locator('main h1')).toHaveText(STRINGS.en!['report.offlineTitle']!);
    await expect(page.locator('main a[data-hotline="sms"]')).toHaveAttribute('href', /^sms:\+\d+$/);
    await expect(page.locator('main a[data-hotline="phone"]')).toHaveAttribute('href', /^tel:\+\d+$/);
    await expect(page.locator('main form')).toHaveCount(0);
  } finally {
    await context.setOffline(false);
  }
  await page.goto('/en/offline/');
  await page.locator('#offline-off').click();
  await expect(page.locator('#offline-status')).not.toBeEmpty();
});

test('losing the connection on the report form: the notice appears, nothing is sent or stored', async ({
  page,
  context,
}) => {
  await page.goto('/en/report/');
  const notice = page.locator('[data-when-offline]');
  await expect(notice).toBeHidden();
  await page.locator('input[name="inDanger"][value="no"]').check();
  await page.locator('button.report-next').click();
  await page.locator('#field-description').fill('The agent kept our passports at the airport.');
  await context.setOffline(true);
  try {
    await expect(notice).toBeVisible();
    await expect(notice.locator('a[data-hotline="sms"]')).toHaveAttribute('href', /^sms:\+\d+$/);
    // Sending offline keeps the page and what was typed, in memory only.
    await page.locator('form[data-report-form]').evaluate((form: HTMLFormElement) => form.requestSubmit());
    await expect(page).toHaveURL(/\/en\/report\/$/);
    await expect(page.locator('#field-description')).toHaveValue(
      'The agent kept our passports at the airport.',
    );
    expect(await page.evaluate(() => [localStorage.length, sessionStorage.length])).toEqual([0, 0]);
  } finally {
    await context.setOffline(false);
  }
  await expect(notice).toBeHidden();
});
