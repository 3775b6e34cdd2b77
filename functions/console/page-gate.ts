/**
 * The console's one front door for pages. Before any page code runs it finds the page in the table
 * (a console path that is not there does not exist), decides access through the same check as API
 * routes (authorize.ts, with CSRF for every form), runs the form's action, and loads what the page
 * shows. The `.astro` page then only renders `Astro.locals.console`.
 */
import { negotiateLocale } from '#kernel/i18n/locales.ts';
import { type Translate, useTranslations } from '#kernel/i18n/ui.ts';
import type { Deps } from '../deps.ts';
import { HttpError } from '../http/http-error.ts';
import { readFormOrProblem } from '../http/read-form.ts';
import { currentSession, sameOrigin } from '../staff/authorize.ts';
import { guardPage } from '../staff/guard-page.ts';
import { originProblem } from '../staff/origin-problem.ts';
import { can } from '../staff/roles.ts';
import type { Session } from '../staff/sessions.ts';
import { consoleNav } from './console-nav.ts';
import { operatorTimeZone, timeFormat } from './operator-time.ts';
import {
  type ActionResult,
  type CompiledPage,
  type ConsolePage,
  type ConsoleView,
  compilePage,
  matchPage,
  type PageContext,
  WithStatus,
} from './page-table.ts';

export type GateAnswer = { response: Response } | { view: ConsoleView };

const plain = (text: string, status: number) =>
  new Response(text, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  });

const seeOther = (location: string) =>
  new Response(null, { status: 303, headers: { location, 'cache-control': 'no-store' } });

export function createPageGate(pages: readonly ConsolePage[]) {
  const compiled: CompiledPage[] = pages.map(compilePage);

  return async function openConsoleRequest(
    request: Request,
    deps: Deps,
    clientAddress: string,
  ): Promise<GateAnswer> {
    const url = new URL(request.url);
    const locale = negotiateLocale(request.headers.get('accept-language'));
    const t = useTranslations(locale, { markMissing: true });
    let path: string;
    try {
      path = decodeURI(url.pathname);
    } catch {
      return { response: plain(t('notFound.title'), 404) };
    }
    const found = matchPage(compiled, path);
    if (!found) return { response: plain(t('notFound.title'), 404) };
    const { page, params } = found;
    if (!['GET', 'HEAD', 'POST'].includes(request.method))
      return { response: new Response(null, { status: 405, headers: { allow: 'GET, HEAD, POST' } }) };

    const form = request.method === 'POST' ? await readFormOrProblem(request) : undefined;
    if (form instanceof Response) return { response: form };

    let session: Session | null;
    if (page.access === 'public') {
      session = await currentSession(request, deps);
    } else {
      if (form && !sameOrigin(request, deps))
        return { response: plain(originProblem(request, deps.config.publicBaseUrl, t).message, 403) };
      const guard = await guardPage(request, deps, page.access.permission, form);
      if ('response' in guard) {
        const other = page.otherwise;
        if (guard.response.status === 403 && other) {
          const refused = await currentSession(request, deps);
          if (refused?.stage === 'full' && can(refused.user.role, other.permission))
            return { response: seeOther(other.location) };
        }
        return { response: guard.response };
      }
      session = guard.session;
    }

    const timeZone = operatorTimeZone(request);
    const context: PageContext = {
      request,
      url,
      params,
      deps,
      session,
      form,
      locale,
      t,
      timeZone,
      clientAddress,
    };
    let status = 200;
    let problem: string | undefined;
    let fields: ConsoleView['fields'];
    let state: Record<string, unknown> | undefined;
    let headers: Record<string, string> | undefined;
    try {
      if (form) {
        const outcome = await runAction(page, context, form, t);
        if (outcome instanceof Response) return { response: outcome };
        if (typeof outcome === 'string') return { response: seeOther(outcome) };
        state = outcome.state;
      }
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      if (error.status === 404) return { response: plain(t('notFound.title'), 404) };
      status = error.status;
      problem = error.message;
      fields = error.fields;
      headers = error.headers;
    }
    let data: unknown;
    try {
      // biome-ignore lint/suspicious/noExplicitAny: the table's pages each type their own context
      data = await page.load(context as any, state);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      if (error.status === 404) return { response: plain(t('notFound.title'), 404) };
      return { response: plain(error.message, error.status) };
    }
    if (data instanceof Response) return { response: data };
    if (data instanceof WithStatus) {
      if (status === 200) status = data.status;
      data = data.data;
    }
    const nav = await consoleNav(deps, page.access === 'public' ? null : session, t);
    return {
      view: {
        session: page.access === 'public' ? null : session,
        locale,
        t,
        timeZone,
        when: timeFormat(locale, timeZone),
        data,
        problem,
        fields,
        nav,
        status,
        headers,
      },
    };
  };
}

async function runAction(
  page: ConsolePage,
  context: PageContext,
  form: FormData,
  t: Translate,
): Promise<ActionResult> {
  const name = String(form.get('action') ?? '').slice(0, 40) || 'default';
  const action = page.actions?.[name];
  if (!action) throw new HttpError(400, 'unknown-action', t('console.error.unknownAction'));
  if (page.access !== 'public' && action.permission && !can(context.session!.user.role, action.permission))
    throw new HttpError(403, 'forbidden', t('console.error.forbidden'));
  // biome-ignore lint/suspicious/noExplicitAny: see above
  return action.run(context as any, form);
}
