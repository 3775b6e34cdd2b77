// @ts-check
import { fileURLToPath } from 'node:url';
import node from '@astrojs/node';
import preact from '@astrojs/preact';
import { defineConfig } from 'astro/config';
import { precompress } from './functions/server/precompress.ts';
import { buildSearchIndex } from './src/build/search-index.ts';
import { DEFAULT_LOCALE, LOCALE_CODES } from './src/i18n/locales.ts';

export default defineConfig({
  site: process.env.PUBLIC_BASE_URL || 'http://localhost:4321',
  output: 'static',
  // A backstop for every on-demand route; each route refuses far earlier, and reads on to this size
  // so that the client still gets its 413 (MAX_DRAINED_BYTES in functions/http/read-body.ts).
  adapter: node({ mode: 'middleware', bodySizeLimit: 32 * 1024 * 1024 }),
  integrations: [
    preact(),
    {
      name: 'waymark:post-build',
      hooks: {
        'astro:build:done': async ({ dir, logger }) => {
          const { pages } = await buildSearchIndex(fileURLToPath(dir));
          logger.info(`search index: ${pages} pages`);
          const { files } = await precompress(fileURLToPath(dir));
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
