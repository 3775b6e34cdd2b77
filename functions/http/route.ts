/**
 * How an API route is declared. Every route states who may call it: `public`, or a permission that
 * the console's session check grants. A route without a declaration does not type-check, so nothing
 * is reachable by default.
 */
import type { z } from 'zod';
import type { Config } from '../config/load-config.ts';
import type { Deps } from '../deps.ts';
import type { Permission } from '../staff/roles.ts';
import type { Session } from '../staff/sessions.ts';
import type { BodyKind } from './read-body.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteContext {
  deps: Deps;
  params: Record<string, string>;
  requestId: string;
  /**
   * The client's address, for rate limiting only: use it inside a keyed hash, never store or log it.
   */
  clientAddress: string;
  /** The signed-in staff member's session, on routes that need a permission. */
  session?: Session;
  /** Reads the JSON or form body within the route's byte limit and validates it. */
  readBody<S extends z.ZodType>(schema: S): Promise<{ kind: BodyKind; data: z.infer<S> }>;
}

export interface Route {
  method: Method;
  /** Path pattern with `:name` segments, e.g. `/api/referrals/:id`. */
  path: string;
  /** `public`, or the permission a signed-in staff member needs (checked by the router). */
  access: 'public' | { permission: Permission };
  /** Largest accepted request body in bytes (default 64 KiB). */
  maxBodyBytes?: number;
  /**
   * A request the browser makes by itself (live updates): it does not count as the staff member's
   * activity, so it does not extend the session's idle timeout.
   */
  background?: boolean;
  /** Served only under this configuration; otherwise the path does not exist (404). */
  mountedWhen?: (config: Config) => boolean;
  handler: (request: Request, context: RouteContext) => Promise<Response>;
}

export function defineRoutes<const T extends readonly Route[]>(routes: T): T {
  return routes;
}
