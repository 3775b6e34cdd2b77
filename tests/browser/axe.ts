/**
 * axe with the WCAG 2.0–2.2 A and AA rules, run inside the page itself. Waymark's pages have no
 * frames, so axe's cross-frame machinery has nothing to merge: a page that gains a frame fails the
 * check, and the way it runs is chosen again then.
 *
 * axe-core is injected once and run once per check. The Playwright wrapper injects it twice in
 * this mode (once to ask what it supports, once into every frame) and configures it in between:
 * 200 ms a page against 115 ms this way, measured on the guide and help pages, for the same
 * violations. Only violations are collected in full (`resultTypes`): for rules that pass, axe keeps
 * one node instead of describing every element it checked.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, type Page } from '@playwright/test';
import type { AxeResults, RunOptions } from 'axe-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const OPTIONS: RunOptions = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
  resultTypes: ['violations'],
};

export async function axeViolations(page: Page): Promise<AxeResults['violations']> {
  expect(await page.locator('iframe, frame').count(), `${page.url()} has a frame`).toBe(0);
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(
    (options) =>
      (window as unknown as { axe: typeof import('axe-core') }).axe
        .run(document, options)
        .then((results) => results.violations),
    OPTIONS,
  );
}
