// @ts-check
import { fileURLToPath } from 'node:url';
import node from '@astrojs/node';
import preact from '@astrojs/preact';
import { defineConfig } from 'astro/config';
import { isLivePath, LIVE_PREFIX, LIVE_ROUTES } from '#kernel/content/live-routes.ts';
import { DEFAULT_LOCALE, LOCALE_CODES } from '#kernel/i18n/locales.ts';
import { REPORT_BODY_BYTES } from './functions/reports/read-report-body.ts';
import { precompress } from './functions/server/precompress.ts';
import { buildSearchIndex } from './src/build/search-index.ts';

export default defineConfig({
  site: process.env.PUBLIC_BASE_URL || 'http://localhost:4321',
  output: 'static',
  // The server's front door bounds every body per path (functions/server/body-guard.ts) and answers
  // 413 itself; the adapter's limit is only a backstop above it, for `astro dev`.
  adapter: node({ mode: 'middleware', bodySizeLimit: REPORT_BODY_BYTES + 1024 * 1024 }),
  // Astro's own log lines become the server's JSON lines once it runs (see the destination's notes).
  logger: { entrypoint: './functions/server/astro-log-destination.ts' },
  integrations: [
    preact(),
    {
      name: 'waymark:post-build',
      hooks: {
        // Twins of the content pages, rendered on demand from the database's content snapshot
        // when a publish arrives (functions/cms/live-pages.ts); the build itself prerenders the originals.
        'astro:config:setup': ({ injectRoute }) => {
          for (const route of LIVE_ROUTES)
            injectRoute({
              pattern: LIVE_PREFIX + route.pattern,
              entrypoint: `./${route.entrypoint}`,
              prerender: false,
            });
        },
        'astro:build:done': async ({ dir, logger }) => {
          // The publish bench's baseline: Astro's own work alone, without index and compression.
          if (process.env.WAYMARK_PLAIN_BUILD === '1') return;
          const { pages } = await buildSearchIndex(fileURLToPath(dir));
          logger.info(`search index: ${pages} pages`);
          const { files } = await precompress(fileURLToPath(dir), { rendered: isLivePath });
          logger.info(`precompressed ${files} files (brotli + gzip)`);
        },
      },
    },
  ],
  i18n: {
    locales: LOCALE_CODES,
    defaultLocale: DEFAULT_LOCALE,
    // Pages live under src/pages/[locale]/ and `/` is negotiated by the server from Accept-Language.
    routing: 'manual',
  },
  // Twilio's and Sanity's webhooks are cross-origin form posts; the console checks CSRF itself.
  security: { checkOrigin: false },
  build: { format: 'directory', inlineStylesheets: 'always' },
  compressHTML: true,
  devToolbar: { enabled: false },
  prefetch: false,
  // Scripts are always separate files: the CSP allows no inline script.
  vite: { build: { assetsInlineLimit: 0 } },
});
