/** The anonymous report form in a real browser, with JavaScript off and on, in Arabic and two other locales. */
import { encryptedPdf, photo } from '../helpers/media-files.ts';
import { expect, test } from './fixtures.ts';

const LOCALES = ['ar', 'fr', 'vi'] as const;
const RECEIPT = /^\d{4}-\d{4}-\d{4}-\d{4}$/;

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  for (const locale of LOCALES) {
    test(`${locale}: a report is sent, the receipt shown once, and follow-up works`, async ({
      page,
      context,
    }) => {
      await page.goto(`/${locale}/report/`);
      await expect(page.locator('html')).toHaveAttribute('dir', locale === 'ar' ? 'rtl' : 'ltr');
      await page
        .locator('#field-description')
        .fill('The employer keeps our passports and we have not been paid for three months.');
      await page.locator('input[name="signs"][value="documents-taken"]').check();
      await page.locator('input[name="signs"][value="no-pay"]').check();
      await page.locator('input[name="inDanger"][value="no"]').check();
      await page.locator('form[data-report-form] button[type="submit"]').click();
      const receipt = (await page.locator('[data-receipt]').textContent())!.trim();
      expect(receipt).toMatch(RECEIPT);
      expect(page.url()).not.toContain(`${receipt.slice(0, 4)}-`);
      expect(await context.cookies()).toEqual([]);

      await page.goto(`/${locale}/report/follow-up/`);
      await page.locator('#receipt').fill(receipt);
      await page.locator('main form button[type="submit"]').click();
      await expect(page.locator('main .lead')).not.toBeEmpty();
      await page.locator('#message').fill('We are still at the same place.');
      await page.locator('main form button[type="submit"]').click();
      await expect(page.locator('main .cards li')).toHaveCount(1);
    });
  }

  test('a locked PDF is refused in the reader’s language; a photo is accepted', async ({ page }) => {
    await page.goto('/fr/report/');
    await page
      .locator('#field-description')
      .fill('Les ouvriers dorment dans l’atelier, la porte est fermée à clé.');
    await page.locator('#attachments').setInputFiles({
      name: 'contrat.pdf',
      mimeType: 'application/pdf',
      buffer: encryptedPdf(),
    });
    await page.locator('form[data-report-form] button[type="submit"]').click();
    await expect(page.locator('#attachments-error')).toContainText('protégé par un mot de passe');
    await expect(page.locator('#field-description')).toHaveValue(/porte est fermée/);
    await page.locator('#attachments').setInputFiles({
      name: 'maison.jpg',
      mimeType: 'image/jpeg',
      buffer: await photo('jpeg', { orientation: 6 }),
    });
    await page.locator('form[data-report-form] button[type="submit"]').click();
    await expect(page.locator('[data-receipt]')).toHaveText(RECEIPT);
  });

  test('a problem shows the form again with every answer kept', async ({ page }) => {
    await page.goto('/fr/report/');
    await page.locator('#field-description').fill('court');
    await page.locator('#field-place').fill('Marseille, port');
    await page.locator('input[name="exploitation"][value="labour"]').check();
    await page.locator('form[data-report-form] button[type="submit"]').click();
    await expect(page.locator('#form-errors')).toBeVisible();
    await expect(page.locator('#description-error')).toBeVisible();
    await expect(page.locator('#field-description')).toHaveValue('court');
    await expect(page.locator('#field-place')).toHaveValue('Marseille, port');
    await expect(page.locator('input[name="exploitation"][value="labour"]')).toBeChecked();
  });

  test('"in danger now": the receipt first, then the emergency number of the chosen country', async ({
    page,
  }) => {
    await page.goto('/en/report/');
    await page.locator('input[name="inDanger"][value="yes"]').check();
    await page
      .locator('#field-description')
      .fill('Three girls are locked in the back of the shop on Main Street right now.');
    await page.locator('#field-country').selectOption('GB');
    await page.locator('form[data-report-form] button[type="submit"]').click();
    const order = await page
      .locator('main [data-receipt], main #emergency-title')
      .evaluateAll((nodes) => nodes.map((n) => (n.id ? n.id : 'receipt')));
    expect(order).toEqual(['receipt', 'emergency-title']);
    await expect(page.locator('[data-chosen-country="GB"]')).toContainText('999');
  });
});

test.describe('with JavaScript', () => {
  for (const locale of LOCALES) {
    test(`${locale}: short steps with inline checks, proof of work, one report for a double click`, async ({
      page,
    }) => {
      const proofOfWork = page.waitForResponse((r) => r.url().endsWith('/api/reports/challenge') && r.ok());
      await page.goto(`/${locale}/report/`);
      const next = page.locator('button.report-next');
      await expect(page.locator('section[data-step="what"]')).toBeHidden();
      // "Yes, someone is in danger" shows the emergency numbers before anything else.
      await page.locator('input[name="inDanger"][value="yes"]').check();
      await expect(page.locator('[data-emergency-numbers] a[href^="tel:"]').first()).toBeVisible();
      // With the organisation's own hotline, to text or call.
      await expect(page.locator('[data-emergency-numbers] a[href^="sms:+"]')).toBeVisible();
      await next.click();
      await expect(page.locator('section[data-step="what"]')).toBeVisible();
      // Too short: an inline problem, and the text stays.
      await page.locator('#field-description').fill('help');
      await next.click();
      await expect(page.locator('#field-description')).toHaveAttribute('aria-invalid', 'true');
      await expect(page.locator('#field-description')).toHaveValue('help');
      await page
        .locator('#field-description')
        .fill('Workers are locked in a garment workshop behind the market, at night.');
      await next.click();
      await page.locator('#field-place').fill('Behind the central market');
      await next.click();
      await page.locator('input[name="signs"][value="locked-in"]').check();
      await next.click();
      await expect(page.locator('section[data-step="contact"]')).toBeVisible();
      await expect(page.locator('input[name="idempotencyKey"]')).toHaveValue(/^[0-9a-f-]{36}$/);
      const submit = page.locator('form[data-report-form] button[type="submit"]');
      await proofOfWork;
      const posts: string[] = [];
      page.on('request', (r) => {
        if (r.method() === 'POST' && r.url().endsWith('/report/sent/')) posts.push(r.postData() ?? '');
      });
      await submit.dblclick();
      const receipt = (await page.locator('[data-receipt]').textContent())!.trim();
      expect(receipt).toMatch(RECEIPT);
      await expect(page.locator('#emergency-title')).toBeVisible();
      // One post, carrying the proof of work and the idempotency key made in the browser.
      expect(posts).toHaveLength(1);
      expect(posts[0]).toContain('name="altcha"');
      expect(posts[0]).toContain('name="idempotencyKey"');
    });
  }
});
