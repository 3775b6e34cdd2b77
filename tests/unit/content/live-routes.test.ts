/**
 * Which request paths a node renders from the content snapshot: the site's pages in its languages,
 * never the console, the API or a language the site does not have.
 */
import { describe, expect, it } from 'vitest';
import { isLivePath } from '#kernel/content/live-routes.ts';

describe('live content paths', () => {
  it('are the content pages in every language of the site', () => {
    for (const path of [
      '/en/',
      '/ar/guides/',
      '/fr/guides/warning-signs/',
      '/bn/help/qa/',
      '/zh/search/',
      '/translations/',
      '/sitemap.xml',
    ])
      expect(isLivePath(path), path).toBe(true);
  });

  it('are never the console, the API or an unknown language', () => {
    for (const path of [
      '/console/',
      '/console/search/',
      '/console/help/qa/',
      '/api/',
      '/xx/',
      '/en',
      '/en/guides/Warning/',
      '/_content/en/',
    ])
      expect(isLivePath(path), path).toBe(false);
  });
});
