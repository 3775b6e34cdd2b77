/**
 * Dispatches a web-standard Request to the route table and guarantees the error contract: every
 * failure becomes a problem+json response, unknown errors a bare 500 with a request id, and
 * nothing about the request body is ever logged.
 */
import { randomUUID } from 'node:crypto';
import type { Deps } from '../deps.ts';
import { authorize } from '../staff/authorize.ts';
import { clientAddressOf } from './client-address.ts';
import { HttpError } from './http-error.ts';
import { routeOf } from './logger.ts';
import { internalErrorResponse, problemResponse } from './problem.ts';
import { readValidBody } from './read-body.ts';
import type { Method, Route } from './route.ts';

const DEFAULT_MAX_BODY = 64 * 1024;

interface CompiledRoute {
  route: Route;
  pattern: RegExp;
  names: string[];
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.path
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(segment.slice(1));
      return '([^/]+)';
    })
    .join('/');
  return { route, pattern: new RegExp(`^${source}/?$`), names };
}

/** `connection.socketAddress`: the TCP peer, from which (and TRUST_PROXY) the client address is found. */
export type ApiHandler = (
  request: Request,
  deps: Deps,
  connection?: { socketAddress?: string },
) => Promise<Response>;

export function createRouter(routes: readonly Route[]): ApiHandler {
  const compiled = routes.map(compile);

  return async function handle(request, deps, connection = {}) {
    const requestId = request.headers.get('x-request-id') ?? randomUUID();
    const url = new URL(request.url);
    const started = performance.now();
    let response: Response;
    try {
      response = await dispatch(
        request,
        url,
        deps,
        requestId,
        clientAddressOf(request.headers, connection.socketAddress, deps.config.trustProxy),
      );
    } catch (error) {
      if (error instanceof HttpError) {
        response = problemResponse(error, requestId);
      } else {
        // The message may quote input; log only what kind of failure it was.
        deps.log.error('unhandled error', {
          requestId,
          route: routeOf(url.pathname),
          errorName: error instanceof Error ? error.name : typeof error,
          errorCode: (error as { code?: string } | null)?.code,
        });
        response = internalErrorResponse(requestId);
      }
    }
    response.headers.set('x-request-id', requestId);
    deps.log.debug('api', {
      requestId,
      method: request.method,
      route: routeOf(url.pathname),
      status: response.status,
      durationMs: Math.round(performance.now() - started),
    });
    return response;
  };

  async function dispatch(
    request: Request,
    url: URL,
    deps: Deps,
    requestId: string,
    clientAddress: string,
  ): Promise<Response> {
    let path: string;
    try {
      path = decodeURI(url.pathname);
    } catch {
      throw new HttpError(400, 'bad-path', 'The request path is not valid UTF-8.');
    }
    const matches = compiled
      .filter((c) => c.route.mountedWhen?.(deps.config) ?? true)
      .map((c) => ({ c, m: c.pattern.exec(path) }))
      .filter((x): x is { c: CompiledRoute; m: RegExpExecArray } => x.m !== null);
    if (matches.length === 0) throw new HttpError(404, 'not-found', 'There is no API route at this path.');

    const method = (request.method === 'HEAD' ? 'GET' : request.method) as Method;
    const allowed = [...new Set(matches.map((x) => x.c.route.method))];
    const found = matches.find((x) => x.c.route.method === method);
    if (request.method === 'OPTIONS') {
      return new Response(null, { status: 204, headers: { allow: [...allowed, 'OPTIONS'].join(', ') } });
    }
    if (!found) {
      throw new HttpError(405, 'method-not-allowed', `Use ${allowed.join(' or ')} on this path.`, {
        headers: { allow: allowed.join(', ') },
      });
    }

    const { route } = found.c;
    const limit = route.maxBodyBytes ?? DEFAULT_MAX_BODY;
    const declared = Number(request.headers.get('content-length') ?? '0');
    if (Number.isFinite(declared) && declared > limit) {
      throw new HttpError(413, 'body-too-large', `The request body may be at most ${limit} bytes.`);
    }

    const session =
      route.access === 'public'
        ? undefined
        : await authorize(request, deps, route.access.permission, undefined, { touch: !route.background });

    const params: Record<string, string> = {};
    found.c.names.forEach((name, i) => {
      params[name] = found.m[i + 1] ?? '';
    });
    const response = await route.handler(request, {
      deps,
      params,
      requestId,
      clientAddress,
      session,
      readBody: (schema) => readValidBody(request, schema, limit),
    });
    return request.method === 'HEAD' ? new Response(null, response) : response;
  }
}
