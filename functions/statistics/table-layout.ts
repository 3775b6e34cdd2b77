/**
 * Turns exact counts into the tables Waymark publishes, as cells with stable keys and the relations
 * between them: per month, one table per breakdown (all sharing the month's total); per year, the
 * same breakdowns (each cell the sum of its months) and the cross-tabulations (whose margins are
 * the year's breakdowns). Keys are shared wherever the same number appears twice, so suppression
 * sees every way one published number can be subtracted from another.
 */

import { DIMENSIONS, type Dimension, dimensionKey, LAYOUT, type Measure } from './dimensions.ts';
import type { RelationInput } from './suppression/cell-system.ts';

/** One exact count, as statistics_cells stores it. */
export interface CellCount {
  /** YYYY-MM */
  month: string;
  measure: Measure;
  dimension: string;
  category: string;
  count: number;
}

export interface TableShape {
  id: string;
  measure: Measure;
  /** YYYY-MM or YYYY */
  period: string;
  dimensions: Dimension[];
  totalKey: string;
  rows: { category: string[]; key: string }[];
}

export interface PeriodLayout {
  tables: TableShape[];
  values: Map<string, number>;
  relations: RelationInput[];
}

export const cellKey = (measure: Measure, period: string, dimension: string, category: string) =>
  `${measure}/${period}/${dimension}/${category}`;

/** Exact counts by key, for looking up any cell of any period (absent means zero). */
export class CountIndex {
  private readonly counts = new Map<string, number>();
  private readonly categories = new Map<string, Set<string>>();

  constructor(rows: Iterable<CellCount>) {
    for (const r of rows) {
      const year = r.month.slice(0, 4);
      for (const period of [r.month, year]) {
        const key = cellKey(r.measure, period, r.dimension, r.category);
        this.counts.set(key, (this.counts.get(key) ?? 0) + r.count);
        if (r.count > 0 && r.dimension !== '' && !r.dimension.includes('|')) {
          const seen = `${r.measure}/${period}/${r.dimension}`;
          if (!this.categories.has(seen)) this.categories.set(seen, new Set());
          this.categories.get(seen)!.add(r.category);
        }
      }
    }
  }

  count(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  /** A dimension's categories in a period: its fixed list, or those seen, in a stable order. */
  categoriesOf(measure: Measure, period: string, dimension: Dimension): string[] {
    const fixed = DIMENSIONS[dimension];
    if (fixed) return [...fixed];
    return [...(this.categories.get(`${measure}/${period}/${dimension}`) ?? [])].sort();
  }
}

function oneWayTable(index: CountIndex, measure: Measure, period: string, dimension: Dimension): TableShape {
  return {
    id: `${measure}/${period}/${dimension}`,
    measure,
    period,
    dimensions: [dimension],
    totalKey: cellKey(measure, period, '', ''),
    rows: index.categoriesOf(measure, period, dimension).map((c) => ({
      category: [c],
      key: cellKey(measure, period, dimension, c),
    })),
  };
}

function twoWayTable(
  index: CountIndex,
  measure: Measure,
  year: string,
  pair: [Dimension, Dimension],
): TableShape {
  const dimension = dimensionKey(pair);
  const rows = index
    .categoriesOf(measure, year, pair[0])
    .flatMap((a) =>
      index
        .categoriesOf(measure, year, pair[1])
        .map((b) => ({ category: [a, b], key: cellKey(measure, year, dimension, `${a}|${b}`) })),
    );
  return {
    id: `${measure}/${year}/${dimension}`,
    measure,
    period: year,
    dimensions: [...pair],
    totalKey: cellKey(measure, year, '', ''),
    rows,
  };
}

/** Every row of a table adds up to its total. */
function tableRelations(table: TableShape): RelationInput[] {
  if (table.dimensions.length === 1) return [{ whole: table.totalKey, parts: table.rows.map((r) => r.key) }];
  const [first, second] = table.dimensions as [Dimension, Dimension];
  const margin = (d: Dimension, c: string) => cellKey(table.measure, table.period, d, c);
  const byFirst = Map.groupBy(table.rows, (r) => r.category[0]!);
  const bySecond = Map.groupBy(table.rows, (r) => r.category[1]!);
  return [
    ...[...byFirst].map(([a, rows]) => ({ whole: margin(first, a), parts: rows.map((r) => r.key) })),
    ...[...bySecond].map(([b, rows]) => ({ whole: margin(second, b), parts: rows.map((r) => r.key) })),
  ];
}

function collect(index: CountIndex, tables: TableShape[], relations: RelationInput[]): PeriodLayout {
  const values = new Map<string, number>();
  for (const t of tables) {
    values.set(t.totalKey, index.count(t.totalKey));
    for (const r of t.rows) values.set(r.key, index.count(r.key));
  }
  return { tables, values, relations: [...tables.flatMap(tableRelations), ...relations] };
}

/** A month's tables: one per breakdown of each measure, all sharing the month's total. */
export function monthLayout(index: CountIndex, month: string): PeriodLayout {
  const tables = (Object.keys(LAYOUT) as Measure[]).flatMap((measure) =>
    LAYOUT[measure].oneWay.map((d) => oneWayTable(index, measure, month, d)),
  );
  return collect(index, tables, []);
}

/**
 * A year's tables: its breakdowns (each cell the sum of the months that list that category) and,
 * unless left out, its cross-tabulations.
 */
export function yearLayout(
  index: CountIndex,
  year: string,
  months: string[],
  options: { twoWay: boolean },
): PeriodLayout {
  const tables: TableShape[] = [];
  const relations: RelationInput[] = [];
  for (const measure of Object.keys(LAYOUT) as Measure[]) {
    relations.push({
      whole: cellKey(measure, year, '', ''),
      parts: months.map((m) => cellKey(measure, m, '', '')),
    });
    for (const d of LAYOUT[measure].oneWay) {
      const table = oneWayTable(index, measure, year, d);
      tables.push(table);
      for (const row of table.rows) {
        const c = row.category[0]!;
        const parts = months
          .filter((m) => index.categoriesOf(measure, m, d).includes(c))
          .map((m) => cellKey(measure, m, d, c));
        relations.push({ whole: row.key, parts });
      }
    }
    if (options.twoWay)
      for (const pair of LAYOUT[measure].twoWay) tables.push(twoWayTable(index, measure, year, pair));
  }
  return collect(index, tables, relations);
}
