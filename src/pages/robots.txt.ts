import type { APIRoute } from 'astro';

export const GET: APIRoute = ({ site }) =>
  new Response(
    `User-agent: *\nAllow: /\nDisallow: /api/\nDisallow: /console/\nDisallow: /translations/\n\nSitemap: ${new URL('/sitemap.xml', site ?? 'http://localhost:4321').href}\n`,
    { headers: { 'content-type': 'text/plain; charset=utf-8' } },
  );
