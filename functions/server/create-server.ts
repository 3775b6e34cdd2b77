/**
 * The HTTP front door: request ids, security headers, locale negotiation for `/`, request bodies
 * bounded and always drained, the prebuilt static site, and the Astro app (API routes and console
 * pages) for everything else. The Node adapter does none of the first five by itself.
 */
import { randomUUID } from 'node:crypto';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { liveContentScope } from '#kernel/content/live-content.ts';
import { LIVE_PREFIX } from '#kernel/content/live-routes.ts';
import { negotiateLocale } from '#kernel/i18n/locales.ts';
import { SEARCH_INDEX_PATH } from '#kernel/search/index-format.ts';
import type { ContentStore } from '../cms/content-store.ts';
import type { LivePages } from '../cms/live-pages.ts';
import type { LiveSearch } from '../cms/live-search.ts';
import type { Deps } from '../deps.ts';
import { routeOf } from '../http/logger.ts';
import { internalErrorResponse } from '../http/problem.ts';
import { createReachCounter, type ReachCounter } from '../statistics/reach-counter.ts';
import { guardBody } from './body-guard.ts';
import { withRequest } from './request-context.ts';
import { securityHeaders } from './security-headers.ts';
import type { StaticSite } from './static-files.ts';

/** What the front door hands every on-demand page and route (Astro's `locals`), per request. */
export interface RequestLocals {
  deps: Deps;
  /** The TCP peer: the client, or the nearest proxy (see http/client-address.ts). */
  socketAddress: string | undefined;
}

export type AppHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (error?: unknown) => void,
  locals: RequestLocals,
) => void | Promise<void>;

export interface ServerParts {
  deps: Deps;
  site: StaticSite;
  app: AppHandler;
  /** Page-read counting; by default one is made when REACH_COUNTING is on. */
  reach?: ReachCounter | null;
  /** Content pages rendered from the database's content snapshot, ahead of the build's files. */
  live?: { pages: LivePages; store: ContentStore; search?: LiveSearch };
}

function pathnameOf(url: string): string | undefined {
  const q = url.indexOf('?');
  try {
    return decodeURIComponent(q === -1 ? url : url.slice(0, q));
  } catch {
    return undefined;
  }
}

async function notFound(req: IncomingMessage, res: ServerResponse, site: StaticSite, live?: LivePages) {
  // A reader who mistypes a page gets the "not found" page in their own language.
  const locale = /^\/([a-z]{2})(\/|$)/.exec(req.url ?? '')?.[1];
  const page =
    locale && (site.has(`/${locale}/404/`) || live?.handles(`/${locale}/404/`))
      ? `/${locale}/404/`
      : '/404.html';
  if (req.method === 'GET' || req.method === 'HEAD') {
    const original = res.writeHead.bind(res);
    // Reuse the page's path (encodings, headers) but answer 404.
    res.writeHead = ((_status: number, ...rest: unknown[]) =>
      (original as (...args: unknown[]) => ServerResponse)(404, ...rest)) as typeof res.writeHead;
    req.headers['if-none-match'] = undefined;
    if (live?.handles(page) && (await live.serve(req, res, page))) return;
    req.url = page;
    if (site.has(page) && site.serve(req, res)) return;
    res.writeHead = original;
  }
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
  res.end('Not found');
}

export function createServer({ deps, site, app, reach: given, live }: ServerParts): Server {
  const headers = securityHeaders({ https: deps.config.https });
  const reach = given === undefined ? (deps.config.reachCounting ? createReachCounter(deps) : null) : given;
  const server = createHttpServer({ requestTimeout: 30_000, headersTimeout: 15_000 }, (req, res) => {
    const requestId = randomUUID();
    const started = performance.now();
    // Taken now, before anything rewrites req.url; routeOf drops the query and any token in the path.
    const route = routeOf(req.url ?? '/');
    req.headers['x-request-id'] = requestId;
    res.setHeader('x-request-id', requestId);
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    // Public pages send no referrer at all, which makes browsers send `Origin: null` on form posts;
    // the console's forms need their real Origin for the same-origin check. Console pages are also
    // never stored. Both are set here, before any page code runs: a header that a layout sets while
    // its page is already streaming can be lost.
    if (req.url?.startsWith('/console/')) {
      res.setHeader('referrer-policy', 'same-origin');
      res.setHeader('cache-control', 'no-store');
    }
    res.on('finish', () => {
      deps.log.info('request', {
        requestId,
        method: req.method,
        route,
        status: res.statusCode,
        durationMs: Math.round(performance.now() - started),
      });
    });

    if ((req.url === '/' || req.url?.startsWith('/?')) && (req.method === 'GET' || req.method === 'HEAD')) {
      // Choose the reader's language from the browser, not from a cookie or their address.
      res.writeHead(302, {
        location: `/${negotiateLocale(req.headers['accept-language'])}/`,
        vary: 'accept-language',
        'cache-control': 'no-store',
      });
      res.end();
      return;
    }
    if (!guardBody(req, res, requestId)) return;
    const fail = async () => {
      if (res.headersSent) return void res.end();
      const problem = internalErrorResponse(requestId);
      res.writeHead(problem.status, Object.fromEntries(problem.headers));
      res.end(await problem.text());
    };
    const pathname = pathnameOf(req.url ?? '/') ?? '';
    // The twin routes that render content pages are for the node itself (functions/cms/live-pages.ts).
    if (pathname === LIVE_PREFIX || pathname.startsWith(`${LIVE_PREFIX}/`)) {
      notFound(req, res, site, live?.pages).catch(fail);
      return;
    }
    if (live && (req.method === 'GET' || req.method === 'HEAD')) {
      if (pathname.startsWith(SEARCH_INDEX_PATH) && live.search?.serve(req, res, pathname)) return;
      if (live.pages.handles(pathname)) {
        live.pages
          .serve(req, res, pathname)
          .then((served) => {
            if (served) reach?.countRead(req, res, { isPage: (path) => path.endsWith('/') });
            else return notFound(req, res, site, live.pages);
          })
          .catch(fail);
        return;
      }
      if (!pathname.endsWith('/') && live.pages.handles(`${pathname}/`)) {
        const q = (req.url ?? '').indexOf('?');
        res.writeHead(301, {
          location: `${pathname}/${q === -1 ? '' : (req.url ?? '').slice(q)}`,
          'cache-control': 'no-store',
        });
        res.end();
        return;
      }
    }
    if (site.serve(req, res)) {
      reach?.countRead(req, res, site);
      return;
    }
    const locals: RequestLocals = { deps, socketAddress: req.socket.remoteAddress };
    const content = live?.store.current();
    const answered = withRequest({ requestId, route: routeOf(req.url ?? '/') }, () => {
      const next = () => void notFound(req, res, site, live?.pages).catch(fail);
      // On-demand pages (the report's receipt, follow-up) read the same published content.
      return content
        ? liveContentScope.run(content, () => app(req, res, next, locals))
        : app(req, res, next, locals);
    });
    Promise.resolve(answered).catch(fail);
  });
  server.on('close', () => void reach?.stop());
  return server;
}
