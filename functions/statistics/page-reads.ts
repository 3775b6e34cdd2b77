/**
 * Reads of public pages over the last days, as the console dashboard shows them: per page (the
 * path without its locale) and language, and per day and language, each a table with margins,
 * small counts hidden (with what would reveal them) unless the role grants statistics:exact. The
 * counts come from reach_counts only: a number per path per day, nothing about a reader.
 */
import { LOCALES } from '#kernel/i18n/locales.ts';
import type { Queryable } from '../db/database.ts';
import { type ReachTable, tabulate } from './reach-view.ts';

const DAY_MS = 86_400_000;

export interface PageReads {
  from: string;
  to: string;
  days: number;
  locales: string[];
  byPage: ReachTable;
  byDay: ReachTable;
}

export async function pageReads(
  db: Queryable,
  options: { today: string; days: number; exact: boolean },
): Promise<PageReads> {
  const to = options.today;
  const from = new Date(Date.parse(to) - (options.days - 1) * DAY_MS).toISOString().slice(0, 10);
  const rows = await db.query<{ day: string; path: string; reads: number }>(
    `select to_char(day, 'YYYY-MM-DD') as day, path, reads from reach_counts
     where day between $1::date and $2::date`,
    [from, to],
  );
  const locales = LOCALES.map((l) => l.code as string);
  const byPage = new Map<string, number>();
  const byDay = new Map<string, number>();
  const pages = new Set<string>();
  for (const r of rows) {
    const [, locale, ...rest] = r.path.split('/');
    if (!locale || !locales.includes(locale)) continue;
    const page = `/${rest.join('/')}`;
    pages.add(page);
    const add = (map: Map<string, number>, key: string) =>
      map.set(key, (map.get(key) ?? 0) + Number(r.reads));
    add(byPage, `${page} ${locale}`);
    add(byDay, `${r.day} ${locale}`);
  }
  const days: string[] = [];
  for (let i = 0; i < options.days; i++)
    days.push(new Date(Date.parse(from) + i * DAY_MS).toISOString().slice(0, 10));
  return {
    from,
    to,
    days: options.days,
    locales,
    byPage: tabulate([...pages].sort(), locales, (p, l) => byPage.get(`${p} ${l}`) ?? 0, options.exact),
    byDay: tabulate(days, locales, (d, l) => byDay.get(`${d} ${l}`) ?? 0, options.exact),
  };
}
