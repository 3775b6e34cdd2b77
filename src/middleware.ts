/**
 * Runs around every on-demand response (API routes, console pages, form endpoints): makes the
 * server's dependencies and the client's rate-limit identity available, and compresses text.
 * Prerendered pages are compressed at build time.
 */
import { defineMiddleware } from 'astro:middleware';
import { clientAddressOf } from '../functions/http/client-address.ts';
import { compressResponse } from '../functions/http/compress-response.ts';

export const onRequest = defineMiddleware(async (context, next) => {
  if (context.isPrerendered) return next();
  const { locals } = context;
  if (!locals.deps) {
    if (!import.meta.env.DEV) throw new Error('Waymark was started without its server: run `npm start`.');
    const { devDeps } = await import('../functions/dev-deps.ts');
    locals.deps = await devDeps();
    // The dev server has no front door to pass the socket's peer; Astro's own value is that here.
    locals.socketAddress = context.clientAddress;
  }
  locals.clientAddress = clientAddressOf(
    context.request.headers,
    locals.socketAddress,
    locals.deps.config.trustProxy,
  );
  const response = await next();
  return compressResponse(context.request, response);
});
