/**
 * How an API route is declared. Every route states who may call it: `public`, or a permission that
 * the console's session check grants. A route without a declaration does not type-check, so nothing
 * is reachable by default.
 */
import type { z } from 'zod';
import type { Deps } from '../deps.ts';
import type { BodyKind } from './read-body.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteContext {
  deps: Deps;
  params: Record<string, string>;
  requestId: string;
  /** Reads the JSON or form body within the route's byte limit and validates it. */
  readBody<S extends z.ZodType>(schema: S): Promise<{ kind: BodyKind; data: z.infer<S> }>;
}

export interface Route {
  method: Method;
  /** Path pattern with `:name` segments, e.g. `/api/referrals/:id`. */
  path: string;
  access: 'public';
  /** Largest accepted request body in bytes (default 64 KiB). */
  maxBodyBytes?: number;
  handler: (request: Request, context: RouteContext) => Promise<Response>;
}

export function defineRoutes<const T extends readonly Route[]>(routes: T): T {
  return routes;
}
