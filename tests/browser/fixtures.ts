/**
 * A `page` that records every request leaving the origin and fails the test if there is one:
 * public pages must load nothing from anywhere else.
 */
import { test as base, expect } from '@playwright/test';

export const NEUTRAL_URL = 'https://www.google.com/';

export const test = base.extend<{ foreignRequests: string[] }>({
  foreignRequests: async ({ page, baseURL }, use) => {
    const foreign: string[] = [];
    const origin = new URL(baseURL!).origin;
    // The quick exit's neutral site is the one place a reader is sent; answer it locally.
    await page.route(`${NEUTRAL_URL}**`, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Neutral</title><p>Neutral page' }),
    );
    page.on('request', (request) => {
      const url = request.url();
      if (url.startsWith('data:') || url.startsWith(NEUTRAL_URL)) return;
      if (new URL(url).origin !== origin) foreign.push(url);
    });
    await use(foreign);
    expect(foreign, 'requests that left the origin').toEqual([]);
  },
});

export { expect };
