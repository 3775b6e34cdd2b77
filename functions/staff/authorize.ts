/**
 * The one place where staff access is decided, for API routes and console pages alike: a full
 * (two-factor) session of an active account, a role that grants the permission, for a partner's
 * caseworker an organisation that is still active, and for anything that changes state a CSRF
 * token and a same-origin request. Everything else is refused.
 */
import type { Deps } from '../deps.ts';
import { HttpError } from '../http/http-error.ts';
import { can, type Permission } from './roles.ts';
import { csrfMatches, readSession, type Session, tokenFromRequest } from './sessions.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export async function currentSession(
  request: Request,
  deps: Pick<Deps, 'db' | 'config' | 'now'>,
  options: { touch?: boolean } = {},
): Promise<Session | null> {
  return readSession(deps.db, tokenFromRequest(deps.config, request), deps.now(), options);
}

/** Same-origin check for state-changing requests: the browser's Origin must be this site's. */
export function sameOrigin(request: Request, deps: Pick<Deps, 'config'>): boolean {
  const origin = request.headers.get('origin');
  return origin === null || origin === deps.config.publicBaseUrl.origin;
}

/** Why this session may not use this permission, or null when it may. */
function refusal(session: Session | null, permission: Permission): HttpError | null {
  if (session?.stage !== 'full')
    return new HttpError(401, 'sign-in-required', 'Sign in to the console first.');
  if (session.partnerInactive)
    return new HttpError(403, 'partner-inactive', 'Your organisation no longer has access to the console.');
  if (!can(session.user.role, permission))
    return new HttpError(403, 'forbidden', 'Your role does not allow this.');
  return null;
}

export async function authorize(
  request: Request,
  deps: Pick<Deps, 'db' | 'config' | 'now'>,
  permission: Permission,
  csrfToken: string | null = request.headers.get('x-csrf-token'),
  /** `touch: false` for requests the browser makes by itself: they are not the person's activity. */
  options: { touch?: boolean } = {},
): Promise<Session> {
  const session = await currentSession(request, deps, options);
  const refused = refusal(session, permission);
  if (refused) throw refused;
  if (!SAFE_METHODS.has(request.method) && !sameOrigin(request, deps)) {
    throw new HttpError(
      403,
      'csrf',
      `This request came from ${request.headers.get('origin')}, but the console's address is ${deps.config.publicBaseUrl.origin} (PUBLIC_BASE_URL). Use the console at that address, or set PUBLIC_BASE_URL to the address in use.`,
    );
  }
  if (!SAFE_METHODS.has(request.method) && !csrfMatches(session!, csrfToken)) {
    throw new HttpError(
      403,
      'csrf',
      'This request did not come from a console page. Reload the page and try again.',
    );
  }
  return session!;
}

/**
 * For responses that stay open (live updates): does the session that opened it still hold, with
 * the same permission? Reading it does not count as activity, so an open stream alone lets the
 * session reach its idle timeout.
 */
export async function stillAuthorized(
  request: Request,
  deps: Pick<Deps, 'db' | 'config' | 'now'>,
  permission: Permission,
): Promise<boolean> {
  return refusal(await currentSession(request, deps, { touch: false }), permission) === null;
}
