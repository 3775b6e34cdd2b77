/**
 * Console pages use the same access decision as API routes (authorize.ts); this turns its answer
 * into what a browser needs: a redirect to sign in, or a plain refusal.
 */
import type { Deps } from '../deps.ts';
import { HttpError } from '../http/http-error.ts';
import { authorize } from './authorize.ts';
import type { Permission } from './roles.ts';
import type { Session } from './sessions.ts';

export async function guardPage(
  request: Request,
  deps: Deps,
  permission: Permission,
  form?: FormData,
): Promise<{ session: Session } | { response: Response }> {
  try {
    const csrf = form ? String(form.get('csrf') ?? '') : request.headers.get('x-csrf-token');
    return { session: await authorize(request, deps, permission, csrf) };
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    if (error.status === 401) {
      return {
        response: new Response(null, {
          status: 303,
          headers: { location: '/console/login', 'cache-control': 'no-store' },
        }),
      };
    }
    return {
      response: new Response(error.message, {
        status: error.status,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
      }),
    };
  }
}
