/**
 * axe with the WCAG 2.0–2.2 A and AA rules. It runs inside the page itself (axe's "legacy" mode):
 * Waymark's pages have no frames, and the cross-frame mode would open a blank page for every run to
 * merge the frames' results, which costs about 40% of each check and finds nothing more here. A page
 * that gains a frame fails the check, so the mode is chosen again then.
 *
 * Only violations are collected in full (`resultTypes`): for rules that pass, axe keeps one node
 * instead of describing every element it checked, which is a tenth of each run and nothing the
 * check reads. The rules set comes after `options()`, which would otherwise replace it.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export async function axeViolations(page: Page) {
  expect(await page.locator('iframe, frame').count(), `${page.url()} has a frame`).toBe(0);
  return (
    await new AxeBuilder({ page })
      .setLegacyMode()
      .options({ resultTypes: ['violations'] })
      .withTags(WCAG_TAGS)
      .analyze()
  ).violations;
}
