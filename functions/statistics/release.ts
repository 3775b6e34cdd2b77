/**
 * The published release: every table of every sealed month and of every complete year, with small
 * counts and the counts that would reveal them hidden. Months are decided one by one, each from its
 * own frozen counts, so a month's published numbers come out the same at every refresh; a year can
 * then only hide its own cells (its months are fixed), and a year's cross-tabulations, or its
 * tables altogether, are left out when nothing else protects a small count. The exact view has the
 * same shape, without suppression, for staff whose role allows it.
 */

import { type Dimension, type Measure, ORDERED_DIMENSIONS } from './dimensions.ts';
import { DEFAULT_THRESHOLD, suppress } from './suppression/suppress.ts';
import {
  type CellCount,
  CountIndex,
  monthLayout,
  type PeriodLayout,
  type TableShape,
  yearLayout,
} from './table-layout.ts';

export interface PublishedTable {
  id: string;
  measure: Measure;
  period: string;
  dimensions: Dimension[];
  /** null: hidden (fewer than 11, or hidden so that such a count cannot be worked out). */
  total: number | null;
  rows: { category: string[]; value: number | null }[];
  /** For time buckets: the bucket holding the median, when every bucket is published. */
  medianBucket?: string | null;
}

export interface Release {
  kind: 'published' | 'exact';
  generatedAt: string;
  threshold: number;
  /** Months and years with tables, oldest first. */
  months: string[];
  years: string[];
  tables: PublishedTable[];
}

type Decisions = Map<string, 'published' | 'hidden'>;

function medianBucket(dimension: Dimension, rows: PublishedTable['rows'], total: number | null) {
  const order = ORDERED_DIMENSIONS[dimension];
  if (!order) return undefined;
  if (total === null || total === 0 || rows.some((r) => r.value === null)) return null;
  let seen = 0;
  for (const r of rows) {
    seen += r.value!;
    if (seen * 2 >= total) return r.category[0]!;
  }
  return null;
}

function render(tables: TableShape[], numberAt: (key: string) => number | null): PublishedTable[] {
  return tables.map((t) => {
    const rows = t.rows.map((r) => ({ category: r.category, value: numberAt(r.key) }));
    const total = numberAt(t.totalKey);
    const table: PublishedTable = {
      id: t.id,
      measure: t.measure,
      period: t.period,
      dimensions: t.dimensions,
      total,
      rows,
    };
    const median = t.dimensions.length === 1 ? medianBucket(t.dimensions[0]!, rows, total) : undefined;
    if (median !== undefined) table.medianBucket = median;
    return table;
  });
}

function decide(layout: PeriodLayout, fixed: Decisions, threshold: number, decisions: Decisions): boolean {
  const cells = [...layout.values].map(([key, value]) => ({ key, value, fixed: fixed.get(key) }));
  const result = suppress({ cells, relations: layout.relations, threshold });
  if (result.unprotected.length > 0) return false;
  for (const [key] of layout.values) {
    if (!fixed.has(key)) decisions.set(key, result.hidden.has(key) ? 'hidden' : 'published');
  }
  return true;
}

const merge = (a: PeriodLayout, b: PeriodLayout): PeriodLayout => ({
  tables: [...a.tables, ...b.tables],
  values: new Map([...a.values, ...b.values]),
  relations: [...a.relations, ...b.relations],
});

/** `months`: every month to publish (sealed), oldest first, without gaps. */
export function buildRelease(
  counts: CellCount[],
  months: string[],
  now: Date,
  threshold = DEFAULT_THRESHOLD,
): Release {
  const index = new CountIndex(counts.filter((c) => months.includes(c.month)));
  const decisions: Decisions = new Map();
  const published: TableShape[] = [];
  const monthLayouts = new Map<string, PeriodLayout>();
  for (const month of months) {
    const layout = monthLayout(index, month);
    monthLayouts.set(month, layout);
    if (!decide(layout, new Map(), threshold, decisions)) {
      // Never expected with nothing fixed; if it happens, the month is published fully hidden.
      for (const [key] of layout.values) decisions.set(key, 'hidden');
    }
    published.push(...layout.tables);
  }
  const years: string[] = [];
  for (const year of new Set(months.map((m) => m.slice(0, 4)))) {
    if (!months.includes(`${year}-12`)) continue;
    const inYear = months.filter((m) => m.startsWith(year));
    const monthsOfYear = inYear.map((m) => monthLayouts.get(m)!).reduce(merge);
    const fixed: Decisions = new Map([...monthsOfYear.values.keys()].map((k) => [k, decisions.get(k)!]));
    for (const twoWay of [true, false]) {
      const layout = yearLayout(index, year, inYear, { twoWay });
      const combined = merge(monthsOfYear, layout);
      if (decide(combined, fixed, threshold, decisions)) {
        published.push(...layout.tables);
        years.push(year);
        break;
      }
    }
  }
  const numberAt = (key: string) => (decisions.get(key) === 'published' ? index.count(key) : null);
  return {
    kind: 'published',
    generatedAt: now.toISOString(),
    threshold,
    months,
    years,
    tables: render(published, numberAt),
  };
}

/** Every month and year with counts, unsuppressed: for roles with statistics:exact only. */
export function exactRelease(counts: CellCount[], months: string[], now: Date): Release {
  const index = new CountIndex(counts);
  const tables: TableShape[] = months.flatMap((m) => monthLayout(index, m).tables);
  const years = [...new Set(months.map((m) => m.slice(0, 4)))];
  for (const year of years) {
    const inYear = months.filter((m) => m.startsWith(year));
    tables.push(...yearLayout(index, year, inYear, { twoWay: true }).tables);
  }
  return {
    kind: 'exact',
    generatedAt: now.toISOString(),
    threshold: 0,
    months,
    years,
    tables: render(tables, (key) => index.count(key)),
  };
}
