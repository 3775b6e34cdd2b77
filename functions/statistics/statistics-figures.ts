/**
 * One release, ready to draw: the per-month lines and, for one period, a chart per breakdown, each
 * with its table alternative and every word in the reader's language. The public statistics page
 * and the console dashboard both render this and nothing else, so they show the same figures in
 * the same order; which release they get (published or exact) is their load function's decision.
 */
import { z } from 'zod';
import type { Translate, UiKey } from '#kernel/i18n/ui.ts';
import type { Dimension, Measure } from './dimensions.ts';
import type { Release } from './release.ts';
import { barChart, type Chart, type ChartText, monthlyLine } from './statistics-charts.ts';

export const periodSchema = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/, 'a year (2026) or a month (2026-03)');

/** The breakdowns drawn for one period, in the order they appear. */
export const BREAKDOWNS: readonly { measure: Measure; dimension: Dimension }[] = [
  { measure: 'items', dimension: 'priority' },
  { measure: 'items', dimension: 'channel' },
  { measure: 'items', dimension: 'country' },
  { measure: 'items', dimension: 'exploitation' },
  { measure: 'items', dimension: 'children' },
  { measure: 'items', dimension: 'firstResponse' },
  { measure: 'items', dimension: 'timeToClose' },
  { measure: 'referrals', dimension: 'service' },
  { measure: 'referrals', dimension: 'outcome' },
];

export interface Figure {
  id: string;
  title: string;
  chart: Chart;
}

export interface StatisticsFigures {
  kind: Release['kind'];
  generatedAt: string;
  threshold: number;
  /** Periods with tables, newest first: years, then months. */
  periods: string[];
  /** The period of the breakdowns, or null when nothing is published. */
  period: string | null;
  perMonth: Figure[];
  breakdowns: Figure[];
}

/** How a category reads, per dimension; countries by their name in the reader's language. */
function categoryLabel(dimension: Dimension, locale: string, t: Translate): (category: string) => string {
  const regions = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' });
  const common: Record<string, UiKey> = {
    'not-stated': 'stats.notStated',
    'not-recorded': 'stats.notRecorded',
    multiple: 'stats.multiple',
    unknown: 'stats.unknown',
  };
  return (category) => {
    if (common[category]) return t(common[category]);
    switch (dimension) {
      case 'country':
        return /^[A-Z]{2}$/.test(category) ? regions.of(category)! : category;
      case 'priority':
        return t(`console.priority.${category}` as UiKey);
      case 'channel':
        return t(`stats.channel.${category}` as UiKey);
      case 'exploitation':
        return t(`report.exploitation.${category}` as UiKey);
      case 'children':
        return t(`report.answer.${category}` as UiKey);
      case 'service':
        return t(`help.service.${category}` as UiKey);
      default:
        return t(`stats.${dimension}.${category}` as UiKey);
    }
  };
}

/** Newest first: complete years, then every month. */
function periodsOf(release: Release): string[] {
  return [...[...release.years].reverse(), ...[...release.months].reverse()];
}

export function statisticsFigures(
  release: Release,
  options: { locale: string; t: Translate; period?: string },
): StatisticsFigures {
  const { locale, t } = options;
  const periods = periodsOf(release);
  const period = options.period && periods.includes(options.period) ? options.period : (periods[0] ?? null);
  const text = (title: string, headings: [string, string], label?: (c: string) => string): ChartText => ({
    locale,
    title,
    hidden: t('stats.hidden', { threshold: release.threshold || 11 }),
    headings,
    total: t('stats.total'),
    label,
  });
  const perMonth: Figure[] =
    release.months.length === 0
      ? []
      : (['items', 'referrals'] as const).map((measure) => {
          const title = t(`stats.perMonth.${measure}`);
          return {
            id: `${measure}-per-month`,
            title,
            chart: monthlyLine(release, measure, text(title, [t('stats.month'), t('stats.count')])),
          };
        });
  const breakdowns: Figure[] = [];
  for (const { measure, dimension } of BREAKDOWNS) {
    const table = release.tables.find(
      (tb) => tb.measure === measure && tb.period === period && tb.dimensions.join('|') === dimension,
    );
    if (!table) continue;
    const title = t(`stats.by.${dimension}` as UiKey);
    const label = categoryLabel(dimension, locale, t);
    breakdowns.push({
      id: `${measure}-${dimension}`,
      title,
      chart: barChart(table, text(title, [title, t('stats.count')], label)),
    });
  }
  return {
    kind: release.kind,
    generatedAt: release.generatedAt,
    threshold: release.threshold,
    periods,
    period,
    perMonth,
    breakdowns,
  };
}

/** A period as a reader says it: "2026" or "March 2026". */
export function periodName(period: string, locale: string): string {
  if (period.length === 4) return period;
  return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${period}-01T00:00:00Z`),
  );
}
