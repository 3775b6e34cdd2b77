/**
 * Runs around every on-demand response (API routes, console pages, form endpoints): makes the
 * server's dependencies and the client's rate-limit identity available, opens console pages through
 * their one front door (functions/console/pages.ts: access, form action and load, before any page
 * code runs), and compresses text. Prerendered pages are compressed at build time.
 */
import { defineMiddleware } from 'astro:middleware';
import { openConsoleRequest } from '../functions/console/pages.ts';
import { clientAddressOf } from '../functions/http/client-address.ts';
import { compressResponse } from '../functions/http/compress-response.ts';

const isConsole = (path: string) => path === '/console' || path.startsWith('/console/');

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
  if (isConsole(context.url.pathname)) {
    const gate = await openConsoleRequest(context.request, locals.deps, locals.clientAddress);
    if ('response' in gate) return compressResponse(context.request, gate.response);
    locals.console = gate.view;
    const rendered = await next();
    rendered.headers.set('cache-control', 'no-store');
    for (const [name, value] of Object.entries(gate.view.headers ?? {})) rendered.headers.set(name, value);
    const response =
      gate.view.status === rendered.status || rendered.status !== 200
        ? rendered
        : new Response(rendered.body, { status: gate.view.status, headers: rendered.headers });
    return compressResponse(context.request, response);
  }
  const response = await next();
  return compressResponse(context.request, response);
});
