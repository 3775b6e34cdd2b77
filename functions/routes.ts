/**
 * The API's routing table: every endpoint Waymark serves under /api, with who may call it. The
 * Astro endpoint is a one-line shim around the router built from this list, and the fuzz suite
 * walks this list, so a new route is served and fuzzed the moment it is added here.
 */
import { health } from './health/health.ts';
import { defineRoutes } from './http/route.ts';
import { createRouter } from './http/router.ts';

export const routes = defineRoutes([
  { method: 'GET', path: '/api/health', access: 'public', handler: (_req, { deps }) => health(_req, deps) },
]);

export const handleApi = createRouter(routes);
