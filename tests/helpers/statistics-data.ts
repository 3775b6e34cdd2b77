/**
 * Synthetic statistics for tests: random items and referrals full of small cells, counted in plain
 * JavaScript the way the refresh counts them in SQL, and the relations a reader can derive from a
 * published release (read from the release itself, not from the code that built it).
 */
import { DIMENSIONS, dimensionKey, LAYOUT, type Measure } from '../../functions/statistics/dimensions.ts';
import type { Release } from '../../functions/statistics/release.ts';
import type { CellCount } from '../../functions/statistics/table-layout.ts';

export type FactRecord = { month: string; measure: Measure } & Record<string, string>;

/** A small deterministic generator (mulberry32), so a failing seed can be replayed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(next: () => number, list: readonly T[], skew = 1.6): T =>
  list[Math.min(list.length - 1, Math.floor(list.length * next() ** skew))]!;

export function randomRecords(seed: number, options: { year?: string; items: number; referrals: number }) {
  const next = random(seed);
  const year = options.year ?? '2025';
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  const countries = ['NP', 'BD', 'IN', 'PH', 'VN', 'RO', 'ID', 'QA', 'MY', 'AE'];
  const records: FactRecord[] = [];
  for (let i = 0; i < options.items; i++) {
    const record: FactRecord = { month: pick(next, months, 1), measure: 'items' };
    for (const d of LAYOUT.items.oneWay) record[d] = pick(next, DIMENSIONS[d] ?? countries);
    records.push(record);
  }
  for (let i = 0; i < options.referrals; i++) {
    const record: FactRecord = { month: pick(next, months, 1), measure: 'referrals' };
    for (const d of LAYOUT.referrals.oneWay) record[d] = pick(next, DIMENSIONS[d] ?? countries);
    records.push(record);
  }
  return { records, months };
}

/** What statistics_cells would hold for these records. */
export function countRecords(records: FactRecord[]): CellCount[] {
  const counts = new Map<string, CellCount>();
  const add = (r: FactRecord, dimension: string, category: string) => {
    const key = `${r.month}/${r.measure}/${dimension}/${category}`;
    const cell = counts.get(key) ?? { month: r.month, measure: r.measure, dimension, category, count: 0 };
    cell.count++;
    counts.set(key, cell);
  };
  for (const r of records) {
    add(r, '', '');
    for (const d of LAYOUT[r.measure].oneWay) add(r, d, r[d]!);
    for (const pair of LAYOUT[r.measure].twoWay) add(r, dimensionKey(pair), pair.map((d) => r[d]).join('|'));
  }
  return [...counts.values()];
}

/**
 * Every published number of a release, keyed by where it appears, and the sums a reader knows hold
 * between them: each table adds up to its total, a cross-tabulation's rows and columns add up to
 * the year's breakdowns, a year's cells are the sums of its months' cells (a category a month does
 * not list is zero in that month).
 */
export function readerView(release: Release) {
  const cells = new Map<string, number | null>();
  const relations: { whole: string; parts: string[] }[] = [];
  const key = (measure: string, period: string, dimension: string, category: string) =>
    `${measure}/${period}/${dimension}/${category}`;
  for (const t of release.tables) {
    const total = key(t.measure, t.period, '', '');
    cells.set(total, t.total);
    const dimension = t.dimensions.join('|');
    for (const r of t.rows) cells.set(key(t.measure, t.period, dimension, r.category.join('|')), r.value);
    if (t.dimensions.length === 1) {
      relations.push({
        whole: total,
        parts: t.rows.map((r) => key(t.measure, t.period, dimension, r.category[0]!)),
      });
    } else {
      for (const axis of [0, 1]) {
        const groups = Map.groupBy(t.rows, (r) => r.category[axis]!);
        for (const [c, rows] of groups) {
          relations.push({
            whole: key(t.measure, t.period, t.dimensions[axis]!, c),
            parts: rows.map((r) => key(t.measure, t.period, dimension, r.category.join('|'))),
          });
        }
      }
    }
  }
  for (const year of release.years) {
    const months = release.months.filter((m) => m.startsWith(year));
    for (const t of release.tables.filter((t) => t.period === year)) {
      const dimension = t.dimensions.join('|');
      const yearCells = [
        key(t.measure, year, '', ''),
        ...(t.dimensions.length === 1
          ? t.rows.map((r) => key(t.measure, year, dimension, r.category[0]!))
          : []),
      ];
      for (const whole of yearCells) {
        const suffix = whole.slice(`${t.measure}/${year}`.length);
        const parts = months.map((m) => `${t.measure}/${m}${suffix}`).filter((p) => cells.has(p));
        if (!relations.some((r) => r.whole === whole && r.parts.join() === parts.join()))
          relations.push({ whole, parts });
      }
    }
  }
  return { cells: [...cells].map(([k, value]) => ({ key: k, value })), relations };
}
