/**
 * How a console page is declared: its path, who may open it, what it loads and what its forms may
 * do. The gate (page-gate.ts) checks the declaration before any page code runs, so a page cannot
 * forget its permission, and the `.astro` file only renders what `load` returned.
 */
import type { Locale } from '#kernel/i18n/locales.ts';
import type { Translate } from '#kernel/i18n/ui.ts';
import type { Deps } from '../deps.ts';
import type { Permission } from '../staff/roles.ts';
import type { Session } from '../staff/sessions.ts';

export interface PageContext {
  request: Request;
  url: URL;
  params: Record<string, string>;
  deps: Deps;
  /** The full session on staff pages; on public pages (sign-in steps) whatever session exists. */
  session: Session | null;
  /** The posted form, for POST requests. */
  form?: FormData;
  locale: Locale;
  t: Translate;
  /** The operator's time zone (IANA name), UTC until the browser said which. */
  timeZone: string;
  /** The client's rate-limit identity: use it inside a keyed hash only. */
  clientAddress: string;
}

/** A staff page's context: the session is always there. */
export interface StaffPageContext extends PageContext {
  session: Session;
}

/**
 * What an action answers: a Response (a redirect, with cookies), a path to go to with 303, or a
 * state the page's `load` receives to show what just happened (a notice, a preview).
 */
export type ActionResult = Response | string | { state: Record<string, unknown> };

export interface PageAction<C extends PageContext = StaffPageContext> {
  /** Needed on top of the page's own permission; defaults to the page's permission. */
  permission?: Permission;
  run(context: C, form: FormData): Promise<ActionResult>;
}

interface PageCommon<C extends PageContext, D> {
  /** Path pattern with `:name` segments; `/console/` also answers `/console`. */
  path: string;
  /** `load` returns the data the page renders, or a Response to send instead. */
  load(context: C, state?: Record<string, unknown>): Promise<D | Response>;
  /** Named form actions (the form's `action` field); a form without one runs `default`. */
  actions?: Record<string, PageAction<C>>;
}

export interface StaffPage<D = unknown> extends PageCommon<StaffPageContext, D> {
  access: { permission: Permission };
  /**
   * Where a signed-in member who lacks the permission goes instead, when the role holds another:
   * a partner's caseworker has no hotline queue, its start page is its intake queue.
   */
  otherwise?: { permission: Permission; location: string };
}

/** A page anyone may open: the steps of signing in. Its actions check origin and CSRF themselves. */
export interface PublicPage<D = unknown> extends PageCommon<PageContext, D> {
  access: 'public';
}

// biome-ignore lint/suspicious/noExplicitAny: the table holds pages of every data type
export type ConsolePage = StaffPage<any> | PublicPage<any>;

export function staffPage<D>(page: StaffPage<D>): StaffPage<D> {
  return page;
}

export function publicPage<D>(page: PublicPage<D>): PublicPage<D> {
  return page;
}

/** What a page's `.astro` file receives as `data`: its load's answer, less the responses. */
export type PageData<P> = P extends { load(...args: never[]): Promise<infer D> }
  ? Unwrap<Exclude<D, Response>>
  : never;
type Unwrap<D> = D extends WithStatus<infer E> ? E : D;

/** What the gate leaves for the page in `Astro.locals.console`. */
export interface ConsoleView<D = unknown> {
  /** The full session on staff pages (null on public pages). */
  session: Session | null;
  locale: Locale;
  t: Translate;
  /** The operator's time zone, and date-and-time in it with the zone's name. */
  timeZone: string;
  when: Intl.DateTimeFormat;
  data: D;
  /** A refused action's problem, in words, shown above the page. */
  problem?: string;
  /** Per-field problems of a refused action. */
  fields?: { field: string; message: string }[];
  /** What the layout's menu shows. */
  nav: ConsoleNav;
  /** The HTTP status to answer with (422 after a refused form). */
  status: number;
  /** Headers a refusal asks for (Retry-After after too many sign-in attempts). */
  headers?: Record<string, string>;
}

export interface ConsoleNav {
  email?: string;
  csrf?: string;
  /** The role reads the queue: the page listens for live updates and new emergencies. */
  live?: boolean;
  links: { href: string; label: string; attention?: string }[];
}

export interface CompiledPage {
  page: ConsolePage;
  pattern: RegExp;
  names: string[];
}

export function compilePage(page: ConsolePage): CompiledPage {
  const names: string[] = [];
  const source = page.path
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(segment.slice(1));
      return '([^/]+)';
    })
    .join('/')
    .replace(/\/$/, '');
  return { page, pattern: new RegExp(`^${source}/?$`), names };
}

export function matchPage(
  compiled: readonly CompiledPage[],
  path: string,
): { page: ConsolePage; params: Record<string, string> } | null {
  for (const c of compiled) {
    const m = c.pattern.exec(path);
    if (!m) continue;
    const params: Record<string, string> = {};
    c.names.forEach((name, i) => {
      params[name] = m[i + 1] ?? '';
    });
    return { page: c.page, params };
  }
  return null;
}

/** Data a page renders with another status than 200 (a set-up link that no longer works: 404). */
export class WithStatus<D> {
  readonly status: number;
  readonly data: D;
  constructor(status: number, data: D) {
    this.status = status;
    this.data = data;
  }
}
