/**
 * The public pages a running node renders on demand from the content snapshot, by URL pattern.
 * Each has a twin route under `/_content/` (injected by astro.config.mjs) whose entry file renders
 * the same page component, so the static build and the live node produce the same bytes. The
 * server answers `/<locale>/guides/<slug>/` by rendering `/_content/<locale>/guides/<slug>/`
 * internally; `/_content/` itself is never reachable from outside.
 */
import { LOCALE_CODES } from '#kernel/i18n/locales.ts';

export const LIVE_PREFIX = '/_content';

export interface LiveRoute {
  /** Astro's route pattern, without the prefix. */
  pattern: string;
  /** The twin entry file (project-relative). */
  entrypoint: string;
}

export const LIVE_ROUTES: readonly LiveRoute[] = [
  { pattern: '/[locale]', entrypoint: 'src/live/home.astro' },
  { pattern: '/[locale]/about', entrypoint: 'src/live/about.astro' },
  { pattern: '/[locale]/faq', entrypoint: 'src/live/faq.astro' },
  { pattern: '/[locale]/offline', entrypoint: 'src/live/offline.astro' },
  { pattern: '/[locale]/search', entrypoint: 'src/live/search.astro' },
  { pattern: '/[locale]/self-check', entrypoint: 'src/live/self-check.astro' },
  { pattern: '/[locale]/404', entrypoint: 'src/live/not-found.astro' },
  { pattern: '/[locale]/guides', entrypoint: 'src/live/guides.astro' },
  { pattern: '/[locale]/guides/[slug]', entrypoint: 'src/live/guide.astro' },
  { pattern: '/[locale]/campaigns/[slug]', entrypoint: 'src/live/campaign.astro' },
  { pattern: '/[locale]/help', entrypoint: 'src/live/help.astro' },
  { pattern: '/[locale]/help/[country]', entrypoint: 'src/live/help-country.astro' },
  { pattern: '/[locale]/report', entrypoint: 'src/live/report.astro' },
  { pattern: '/[locale]/report/offline', entrypoint: 'src/live/report-offline.astro' },
  { pattern: '/translations', entrypoint: 'src/live/translations.astro' },
  { pattern: '/sitemap.xml', entrypoint: 'src/live/sitemap.xml.ts' },
];

const SEGMENT = '[a-z0-9][a-z0-9-]{0,99}';
// Only the site's languages: `/console/` and `/api/` are not a language's home page.
const LOCALE_SEGMENT = `(?:${LOCALE_CODES.join('|')})`;

function matcher(pattern: string): RegExp {
  const body = pattern
    .split('/')
    .slice(1)
    .map((part) =>
      part === '[locale]'
        ? LOCALE_SEGMENT
        : part.startsWith('[')
          ? SEGMENT
          : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('/');
  // Pages are folders (`/en/guides/`); the sitemap is a file.
  return pattern.includes('.') ? new RegExp(`^/${body}$`) : new RegExp(`^/${body}/$`);
}

const MATCHERS = LIVE_ROUTES.map((r) => matcher(r.pattern));

/** Whether a request path is a page the node renders from the snapshot (`/en/guides/x/`). */
export function isLivePath(pathname: string): boolean {
  return MATCHERS.some((m) => m.test(pathname));
}
