import { describe, expect, it } from 'vitest';
import { buildRelease } from '../../../functions/statistics/release.ts';
import { suppress } from '../../../functions/statistics/suppression/suppress.ts';
import { attackerIntervals } from '../../helpers/disclosure-attacker.ts';
import { countRecords, random, randomRecords, readerView } from '../../helpers/statistics-data.ts';

/** An R x C table with row totals, column totals and a grand total, as cells and relations. */
function table(values: number[][]) {
  const cells: { key: string; value: number }[] = [];
  const relations: { whole: string; parts: string[] }[] = [];
  const rows = values.length;
  const cols = values[0]!.length;
  for (const [i, row] of values.entries()) {
    for (const [j, v] of row.entries()) cells.push({ key: `${i},${j}`, value: v });
  }
  for (let i = 0; i < rows; i++) {
    cells.push({ key: `${i},+`, value: values[i]!.reduce((a, b) => a + b, 0) });
    relations.push({ whole: `${i},+`, parts: values[i]!.map((_, j) => `${i},${j}`) });
  }
  for (let j = 0; j < cols; j++) {
    cells.push({ key: `+,${j}`, value: values.reduce((a, r) => a + r[j]!, 0) });
    relations.push({ whole: `+,${j}`, parts: values.map((_, i) => `${i},${j}`) });
  }
  cells.push({ key: '+,+', value: values.flat().reduce((a, b) => a + b, 0) });
  relations.push({ whole: '+,+', parts: values.map((_, i) => `${i},+`) });
  relations.push({ whole: '+,+', parts: values[0]!.map((_, j) => `+,${j}`) });
  return { cells, relations };
}

function recovered(
  cells: { key: string; value: number | null }[],
  relations: { whole: string; parts: string[] }[],
  targets: string[],
) {
  const intervals = attackerIntervals(cells, relations, targets);
  return targets.filter((k) => intervals.get(k)!.min === intervals.get(k)!.max);
}

describe('the disclosure attacker', () => {
  it('recovers a small cell when only small cells are hidden (so it can catch a leak)', () => {
    const { cells, relations } = table([
      [3, 40, 25],
      [30, 22, 18],
    ]);
    const naive = cells.map((c) => ({ key: c.key, value: c.value > 0 && c.value < 11 ? null : c.value }));
    expect(recovered(naive, relations, ['0,0'])).toEqual(['0,0']);
  });

  it('recovers two hidden ones in a row whose total leaves room for exactly 1 each', () => {
    // 1 + 1 + 11 = 13: hiding the two ones satisfies "two hidden per line" but each must be 1.
    const cells = [
      { key: 'a', value: null },
      { key: 'b', value: null },
      { key: 'c', value: 11 },
      { key: 't', value: 13 },
    ];
    expect(recovered(cells, [{ whole: 't', parts: ['a', 'b', 'c'] }], ['a', 'b'])).toEqual(['a', 'b']);
  });
});

describe('suppression', () => {
  it('hides the row partner that bounds alone would give away', () => {
    const result = suppress({
      cells: [
        { key: 'a', value: 1 },
        { key: 'b', value: 1 },
        { key: 'c', value: 11 },
        { key: 't', value: 13 },
      ],
      relations: [{ whole: 't', parts: ['a', 'b', 'c'] }],
    });
    expect([...result.hidden].sort()).toEqual(['a', 'b', 'c']);
  });

  it('publishes zeros and every count of 11 or more that protects nothing', () => {
    const result = suppress(
      table([
        [0, 40],
        [25, 30],
      ]),
    );
    expect(result.hidden.size).toBe(0);
  });

  it('leaves no small count published and none recoverable, in 150 random tables full of small cells', () => {
    for (let seed = 1; seed <= 150; seed++) {
      const next = random(seed);
      const rows = 2 + Math.floor(next() * 4);
      const cols = 2 + Math.floor(next() * 4);
      const values = Array.from({ length: rows }, () =>
        Array.from({ length: cols }, () => (next() < 0.2 ? 0 : Math.floor(next() ** 2 * 30))),
      );
      const { cells, relations } = table(values);
      const result = suppress({ cells, relations });
      const published = cells.map((c) => ({ key: c.key, value: result.hidden.has(c.key) ? null : c.value }));
      expect(
        published.filter((c) => c.value !== null && c.value > 0 && c.value < 11),
        `seed ${seed}`,
      ).toEqual([]);
      expect(recovered(published, relations, [...result.primary]), `seed ${seed}`).toEqual([]);
    }
  });
});

describe('a release of linked tables', () => {
  it('publishes no count below 11, and no combination of its tables recovers a hidden one', () => {
    for (const seed of [3, 17]) {
      const { records, months } = randomRecords(seed, { items: 240 + seed * 5, referrals: 60 });
      const counts = countRecords(records);
      const release = buildRelease(counts, months, new Date('2026-03-01T00:00:00Z'));
      const view = readerView(release);
      const small = view.cells.filter((c) => c.value !== null && c.value > 0 && c.value < 11);
      expect(small, `seed ${seed}`).toEqual([]);
      // Every hidden count that is small is the attacker's target; the relations are those a reader
      // derives from the release: table totals, the year's sums of months, cross-tabulation margins.
      const exact = new Map<string, number | null>();
      for (const t of buildRelease(counts, months, new Date(), 1).tables) {
        exact.set(`${t.measure}/${t.period}//`, t.total);
        for (const r of t.rows) {
          exact.set(`${t.measure}/${t.period}/${t.dimensions.join('|')}/${r.category.join('|')}`, r.value);
        }
      }
      const targets = view.cells
        .filter((c) => c.value === null && (exact.get(c.key) ?? 0) > 0 && (exact.get(c.key) ?? 0) < 11)
        .map((c) => c.key);
      expect(targets.length, `seed ${seed} hides small cells`).toBeGreaterThan(10);
      expect(release.years).toEqual(['2025']);
      expect(recovered(view.cells, view.relations, targets), `seed ${seed}`).toEqual([]);
    }
  }, 120_000);
});
