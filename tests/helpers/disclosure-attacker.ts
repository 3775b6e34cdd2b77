/**
 * An attacker who knows every published number and every relation between them (totals and their
 * parts, months and their year, tables sharing a total), that hidden counts are whole numbers of at
 * least 1 (zeros are published), and nothing else. For each hidden cell it computes the smallest
 * and largest value consistent with all of that, by integer linear programming (YALPS), which is
 * independent of the suppression code it checks: a hidden cell whose smallest and largest values
 * are equal has been recovered.
 */
import { type Constraint, solve } from 'yalps';

export interface PublishedCell {
  key: string;
  /** null when hidden. */
  value: number | null;
}

export interface Interval {
  min: number;
  max: number;
}

export function attackerIntervals(
  cells: PublishedCell[],
  relations: { whole: string; parts: string[] }[],
  targets?: string[],
): Map<string, Interval> {
  const value = new Map(cells.map((c) => [c.key, c.value]));
  const constraints = new Map<string, Constraint>();
  const coefficients = new Map<string, Map<string, number>>();
  for (const c of cells) if (c.value === null) coefficients.set(c.key, new Map());
  relations.forEach((r, i) => {
    const name = `r${i}`;
    // Hidden x = h + 1 with h >= 0: sum(coef * h) = -sum(coef * published) - sum(coef * 1 for hidden)
    let constant = 0;
    let hiddenTerms = 0;
    const terms: [string, number][] = [[r.whole, -1], ...r.parts.map((p) => [p, 1] as [string, number])];
    for (const [key, coef] of terms) {
      const v = value.get(key);
      if (v === undefined) throw new Error(`unknown cell ${key}`);
      if (v === null) {
        const row = coefficients.get(key)!;
        row.set(name, (row.get(name) ?? 0) + coef);
        constant -= coef;
        hiddenTerms++;
      } else constant -= coef * v;
    }
    if (hiddenTerms > 0) constraints.set(name, { equal: constant });
    else if (constant !== 0) throw new Error(`published relation ${i} does not add up`);
  });
  const intervals = new Map<string, Interval>();
  for (const key of targets ?? [...coefficients.keys()]) {
    const bound = (direction: 'maximize' | 'minimize') => {
      const variables = new Map<string, Map<string, number>>();
      for (const [k, row] of coefficients) {
        variables.set(k, k === key ? new Map([...row, ['objective', 1]]) : row);
      }
      const result = solve({ direction, objective: 'objective', constraints, variables, integers: true });
      if (result.status === 'unbounded') return direction === 'maximize' ? Infinity : 1;
      if (result.status !== 'optimal') throw new Error(`attacker model is ${result.status} for ${key}`);
      return result.result + 1;
    };
    intervals.set(key, { min: bound('minimize'), max: bound('maximize') });
  }
  return intervals;
}
