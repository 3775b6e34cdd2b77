/**
 * What every console page does first: read the form of a POST (a body that is not a form is
 * answered with its problem, never read as an empty one), decide access through the one access
 * check (guard-page.ts), and pick the staff member's language. A page either gets its context or
 * the response to send instead (a redirect to sign in, or a refusal).
 */

import { type Locale, negotiateLocale } from '#kernel/i18n/locales.ts';
import { type Translate, useTranslations } from '#kernel/i18n/ui.ts';
import type { Deps } from '../../functions/deps.ts';
import { readFormOrProblem } from '../../functions/http/read-form.ts';
import { guardPage } from '../../functions/staff/guard-page.ts';
import type { Permission } from '../../functions/staff/roles.ts';
import type { Session } from '../../functions/staff/sessions.ts';

export interface ConsolePage {
  deps: Deps;
  session: Session;
  /** The posted form, for POST requests. */
  form?: FormData;
  locale: Locale;
  t: Translate;
}

export async function openConsolePage(
  astro: { request: Request; locals: { deps: Deps } },
  permission: Permission,
): Promise<ConsolePage | { response: Response }> {
  const { request } = astro;
  const deps = astro.locals.deps;
  const form = request.method === 'POST' ? await readFormOrProblem(request) : undefined;
  if (form instanceof Response) return { response: form };
  const guard = await guardPage(request, deps, permission, form);
  if ('response' in guard) return guard;
  const locale = negotiateLocale(request.headers.get('accept-language'));
  return { deps, session: guard.session, form, locale, t: useTranslations(locale, { markMissing: true }) };
}
