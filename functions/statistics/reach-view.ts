/**
 * What campaign staff see: reads of a campaign's pages per day and language, and how many reports
 * and texts from the campaign's corridor came in during its dates beside the same number of days
 * before it. Counts below the threshold are hidden (with what would reveal them) unless the role
 * grants statistics:exact.
 */
import { z } from 'zod';
import { countryCodeSchema } from '#kernel/content/schemas.ts';
import { LOCALES } from '#kernel/i18n/locales.ts';
import type { Queryable } from '../db/database.ts';
import { itemsByDay } from './statistics-store.ts';
import { suppress } from './suppression/suppress.ts';

const day = z.iso.date();

/** A campaign as the console page has it from the content (kernel/content/schemas.ts). */
export const campaignReachQuery = z
  .object({
    slug: z.string().regex(/^[a-z0-9-]{1,100}$/),
    start: day,
    end: day.optional(),
    from: z.preprocess((v) => (typeof v === 'string' ? v.split(',') : v), z.array(countryCodeSchema).max(20)),
    to: z.preprocess((v) => (typeof v === 'string' ? v.split(',') : v), z.array(countryCodeSchema).max(20)),
  })
  .refine((q) => !q.end || q.end >= q.start, { path: ['end'], message: 'end must not be before start' });
export type CampaignReachQuery = z.infer<typeof campaignReachQuery>;

/** A small table with its totals; null where hidden. */
export interface ReachTable {
  columns: string[];
  rows: { label: string; values: (number | null)[]; total: number | null }[];
  totals: (number | null)[];
  total: number | null;
}

const DAY_MS = 86_400_000;
const addDays = (iso: string, days: number) =>
  new Date(Date.parse(iso) + days * DAY_MS).toISOString().slice(0, 10);

/** A rows x columns table with margins, suppressed as one linked table unless exact. */
export function tabulate(
  rowLabels: string[],
  columns: string[],
  value: (r: string, c: string) => number,
  exact: boolean,
): ReachTable {
  const cells: { key: string; value: number }[] = [];
  const relations: { whole: string; parts: string[] }[] = [];
  const at = (r: string, c: string) => `${r}\u0000${c}`;
  for (const r of rowLabels) {
    for (const c of columns) cells.push({ key: at(r, c), value: value(r, c) });
    cells.push({ key: at(r, '*'), value: columns.reduce((s, c) => s + value(r, c), 0) });
    relations.push({ whole: at(r, '*'), parts: columns.map((c) => at(r, c)) });
  }
  for (const c of columns) {
    cells.push({ key: at('*', c), value: rowLabels.reduce((s, r) => s + value(r, c), 0) });
    relations.push({ whole: at('*', c), parts: rowLabels.map((r) => at(r, c)) });
  }
  const grand = rowLabels.reduce((s, r) => s + columns.reduce((t, c) => t + value(r, c), 0), 0);
  cells.push({ key: at('*', '*'), value: grand });
  relations.push({ whole: at('*', '*'), parts: columns.map((c) => at('*', c)) });
  relations.push({ whole: at('*', '*'), parts: rowLabels.map((r) => at(r, '*')) });
  const hidden = exact ? new Set<string>() : suppress({ cells, relations }).hidden;
  const values = new Map(cells.map((c) => [c.key, hidden.has(c.key) ? null : c.value]));
  return {
    columns,
    rows: rowLabels.map((r) => ({
      label: r,
      values: columns.map((c) => values.get(at(r, c))!),
      total: values.get(at(r, '*'))!,
    })),
    totals: columns.map((c) => values.get(at('*', c))!),
    total: values.get(at('*', '*'))!,
  };
}

export async function campaignReach(
  db: Queryable,
  campaign: CampaignReachQuery,
  options: { exact: boolean; today: string },
) {
  const end = campaign.end && campaign.end < options.today ? campaign.end : options.today;
  const days: string[] = [];
  for (let d = campaign.start; d <= end && days.length < 366; d = addDays(d, 1)) days.push(d);
  const locales = LOCALES.map((l) => l.code);
  const paths = locales.map((l) => `/${l}/campaigns/${campaign.slug}/`);
  const reads = await db.query<{ day: string; path: string; reads: number }>(
    `select to_char(day, 'YYYY-MM-DD') as day, path, reads from reach_counts
     where path = any($1::text[]) and day between $2::date and $3::date`,
    [paths, campaign.start, end],
  );
  const readsAt = new Map(reads.map((r) => [`${r.day} ${r.path.split('/')[1]}`, Number(r.reads)]));
  const countries = [...new Set([...campaign.from, ...campaign.to])];
  const channels = ['web', 'sms', 'whatsapp'];
  const window = async (from: string, to: string) => {
    const rows = await itemsByDay(db, { from, to, countries });
    return (channel: string) => rows.filter((r) => r.channel === channel).reduce((s, r) => s + r.count, 0);
  };
  const during = await window(campaign.start, end);
  const before = await window(addDays(campaign.start, -days.length), addDays(campaign.start, -1));
  return {
    campaign: campaign.slug,
    days: { from: campaign.start, to: end },
    exact: options.exact,
    reads: tabulate(days, locales, (d, l) => readsAt.get(`${d} ${l}`) ?? 0, options.exact),
    // Reports (web) and texts (SMS, WhatsApp) from the corridor: during the campaign and the same
    // number of days before it.
    followUp: tabulate(
      ['before', 'during'],
      channels,
      (period, channel) => (period === 'during' ? during(channel) : before(channel)),
      options.exact,
    ),
  };
}
