/**
 * Runs around every on-demand response (API routes, console pages): makes the server's
 * dependencies available and compresses text. Prerendered pages are compressed at build time.
 */
import { defineMiddleware } from 'astro:middleware';
import { compressResponse } from '../functions/http/compress-response.ts';

export const onRequest = defineMiddleware(async (context, next) => {
  if (context.isPrerendered) return next();
  if (!context.locals.deps) {
    if (!import.meta.env.DEV) throw new Error('Waymark was started without its server: run `npm start`.');
    const { devDeps } = await import('../functions/dev-deps.ts');
    context.locals.deps = await devDeps();
  }
  const response = await next();
  return compressResponse(context.request, response);
});
