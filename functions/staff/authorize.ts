/**
 * The one place where staff access is decided, for API routes and console pages alike: a full
 * (two-factor) session, a role that grants the permission, and for anything that changes state a
 * CSRF token and a same-origin request. Everything else is refused.
 */
import type { Deps } from '../deps.ts';
import { HttpError } from '../http/http-error.ts';
import { can, type Permission } from './roles.ts';
import { csrfMatches, readSession, type Session, tokenFromRequest } from './sessions.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export async function currentSession(
  request: Request,
  deps: Pick<Deps, 'db' | 'config' | 'now'>,
): Promise<Session | null> {
  return readSession(deps.db, tokenFromRequest(deps.config, request), deps.now());
}

/** Same-origin check for state-changing requests: the browser's Origin must be this site's. */
export function sameOrigin(request: Request, deps: Pick<Deps, 'config'>): boolean {
  const origin = request.headers.get('origin');
  return origin === null || origin === deps.config.publicBaseUrl.origin;
}

export async function authorize(
  request: Request,
  deps: Pick<Deps, 'db' | 'config' | 'now'>,
  permission: Permission,
  csrfToken: string | null = request.headers.get('x-csrf-token'),
): Promise<Session> {
  const session = await currentSession(request, deps);
  if (session?.stage !== 'full')
    throw new HttpError(401, 'sign-in-required', 'Sign in to the console first.');
  if (!can(session.user.role, permission))
    throw new HttpError(403, 'forbidden', 'Your role does not allow this.');
  if (!SAFE_METHODS.has(request.method) && (!sameOrigin(request, deps) || !csrfMatches(session, csrfToken))) {
    throw new HttpError(
      403,
      'csrf',
      'This request did not come from a console page. Reload the page and try again.',
    );
  }
  return session;
}
