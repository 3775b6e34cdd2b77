/**
 * The console's sign-in steps as pages of the page table: email and password, then the
 * authenticator code, the one-time set-up, and signing out. They are public (nobody is signed in
 * yet), so each form checks its origin itself, and the second step its session's CSRF token.
 */
import { type PageData, publicPage, WithStatus } from '../console/page-table.ts';
import { HttpError } from '../http/http-error.ts';
import { appendAudit } from './audit.ts';
import { sameOrigin } from './authorize.ts';
import { deviceCookie, deviceFromRequest } from './known-devices.ts';
import { originProblem } from './origin-problem.ts';
import { MIN_PASSWORD_LENGTH } from './password.ts';
import { clearedCookie, endSession, sessionCookie } from './sessions.ts';
import { openSetupLink } from './setup-links.ts';
import { setupSecret } from './setup-secret.ts';
import { completeSecondFactor, finishSetup, signInAfterSetup, signInWithPassword } from './sign-in.ts';
import { base32Encode, otpauthUri } from './totp.ts';
import { totpQrSvg } from './totp-qr.ts';

const signedIn = (location: string, cookies: string[]) => {
  const headers = new Headers({ location, 'cache-control': 'no-store' });
  for (const cookie of cookies) headers.append('set-cookie', cookie);
  return new Response(null, { status: 303, headers });
};

export const loginPage = publicPage({
  path: '/console/login',
  access: 'public',
  load: async ({ form, url }) => ({
    email: String(form?.get('email') ?? '').slice(0, 200),
    // After too many wrong codes the second step sends the person back here to start over.
    exhausted: url.searchParams.has('exhausted'),
  }),
  actions: {
    default: {
      async run({ request, deps, clientAddress, t }, form) {
        const email = String(form.get('email') ?? '').slice(0, 200);
        if (!sameOrigin(request, deps)) throw originProblem(request, deps.config.publicBaseUrl, t);
        try {
          const { token } = await signInWithPassword(
            deps,
            { email, password: String(form.get('password') ?? '').slice(0, 1000) },
            clientAddress,
            deviceFromRequest(deps.config, request),
          );
          return signedIn('/console/second-factor', [sessionCookie(deps.config, token)]);
        } catch (error) {
          if (!(error instanceof HttpError)) throw error;
          const retryAfter = error.headers?.['retry-after'];
          if (error.status === 429 && retryAfter) {
            throw new HttpError(
              429,
              error.code,
              t('console.error.wait', { minutes: Math.max(1, Math.ceil(Number(retryAfter) / 60)) }),
              { headers: { 'retry-after': retryAfter } },
            );
          }
          throw new HttpError(error.status, error.code, t('console.error.signIn'));
        }
      },
    },
  },
});

export const secondFactorPage = publicPage({
  path: '/console/second-factor',
  access: 'public',
  load: async ({ session }) => {
    if (session?.stage !== 'password')
      return new Response(null, { status: 303, headers: { location: '/console/login' } });
    return { csrf: session.csrfToken };
  },
  actions: {
    default: {
      async run({ request, deps, session, clientAddress, t }, form) {
        if (session?.stage !== 'password') return '/console/login';
        if (!sameOrigin(request, deps)) throw originProblem(request, deps.config.publicBaseUrl, t);
        if (form.get('csrf') !== session.csrfToken)
          throw new HttpError(403, 'csrf', t('console.error.origin'));
        try {
          const { token, device } = await completeSecondFactor(
            deps,
            session,
            String(form.get('code') ?? '').slice(0, 20),
            clientAddress,
          );
          return signedIn('/console/', [
            sessionCookie(deps.config, token),
            deviceCookie(deps.config, device),
          ]);
        } catch (error) {
          if (!(error instanceof HttpError)) throw error;
          if (error.code === 'second-factor-exhausted') {
            const response = new Response(null, {
              status: 303,
              headers: { location: '/console/login?exhausted=1', 'cache-control': 'no-store' },
            });
            response.headers.append('set-cookie', clearedCookie(deps.config));
            return response;
          }
          throw new HttpError(error.status, error.code, t('console.error.code'));
        }
      },
    },
  },
});

export const setupPage = publicPage({
  path: '/console/setup/:token',
  access: 'public',
  load: async ({ deps, params }) => {
    const link = await openSetupLink(deps.db, params.token ?? '', deps.now());
    if (!link) return new WithStatus(404, { link: null });
    // Derived from the link itself: the same key on every reload, so a code scanned before a
    // reload still matches.
    const secret = setupSecret(deps.keys.hashKey, params.token ?? '');
    const uri = otpauthUri(secret, link.email);
    const text = base32Encode(secret);
    return {
      link: { email: link.email },
      secret: text,
      grouped: text.match(/.{1,4}/g)!.join(' '),
      uri,
      qr: totpQrSvg(uri),
      minPassword: MIN_PASSWORD_LENGTH,
    };
  },
  actions: {
    default: {
      async run({ request, deps, params, t }, form) {
        if (!sameOrigin(request, deps)) throw originProblem(request, deps.config.publicBaseUrl, t);
        const token = params.token ?? '';
        const enrolled = await finishSetup(deps, {
          token,
          password: String(form.get('password') ?? '').slice(0, 1000),
          secret: base32Encode(setupSecret(deps.keys.hashKey, token)),
          code: String(form.get('code') ?? '').slice(0, 20),
        });
        const { token: session, device } = await signInAfterSetup(deps, enrolled);
        return signedIn('/console/', [
          sessionCookie(deps.config, session),
          deviceCookie(deps.config, device),
        ]);
      },
    },
  },
});

export const logoutPage = publicPage({
  path: '/console/logout',
  access: 'public',
  load: async () => new Response(null, { status: 303, headers: { location: '/console/' } }),
  actions: {
    default: {
      async run({ request, deps, session }, form) {
        if (session && sameOrigin(request, deps) && form.get('csrf') === session.csrfToken) {
          await endSession(deps.db, session.idHash);
          await deps.db.transaction((tx) =>
            appendAudit(tx, deps.keys, { actorId: session.user.id, action: 'sign-out' }, deps.now()),
          );
        }
        return new Response(null, {
          status: 303,
          headers: {
            location: '/console/login',
            'set-cookie': clearedCookie(deps.config),
            'cache-control': 'no-store',
          },
        });
      },
    },
  },
});

export type LoginPageData = PageData<typeof loginPage>;
export type SecondFactorPageData = PageData<typeof secondFactorPage>;
export type SetupPageData = PageData<typeof setupPage>;
