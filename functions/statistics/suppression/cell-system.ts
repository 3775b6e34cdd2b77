/**
 * Published tables as the suppression algorithm sees them: numbered cells and the additive
 * relations between them (a total is the sum of its parts). Tables that share a cell (the same
 * month total under every breakdown, a year total beside its months) share it here by key, so
 * what is linked across tables is linked in the arithmetic too.
 */

export interface CellInput {
  /** Identity across tables: the same key is the same number wherever it is published. */
  key: string;
  value: number;
  /** Decided in an earlier release, or by the caller: not to be changed. */
  fixed?: 'published' | 'hidden';
}

export interface RelationInput {
  whole: string;
  parts: string[];
}

export interface Term {
  cell: number;
  /** +1 for a part, -1 for the whole: the terms of a relation sum to zero. */
  coefficient: 1 | -1;
}

export interface CellSystem {
  keys: string[];
  values: number[];
  fixed: (CellInput['fixed'] | undefined)[];
  relations: { terms: Term[] }[];
  /** For each cell, the relations it takes part in. */
  relationsOf: { relation: number; coefficient: 1 | -1 }[][];
  index: Map<string, number>;
}

export function buildCellSystem(cells: CellInput[], relations: RelationInput[]): CellSystem {
  const index = new Map<string, number>();
  const keys: string[] = [];
  const values: number[] = [];
  const fixed: CellSystem['fixed'] = [];
  for (const cell of cells) {
    if (!Number.isInteger(cell.value) || cell.value < 0) {
      throw new Error(`Cell ${cell.key} must count a whole number of people, not ${cell.value}`);
    }
    const known = index.get(cell.key);
    if (known !== undefined) {
      if (values[known] !== cell.value) throw new Error(`Cell ${cell.key} is given two values`);
      continue;
    }
    index.set(cell.key, keys.length);
    keys.push(cell.key);
    values.push(cell.value);
    fixed.push(cell.fixed);
  }
  const at = (key: string) => {
    const i = index.get(key);
    if (i === undefined) throw new Error(`A relation names an unknown cell: ${key}`);
    return i;
  };
  const relationsOf: CellSystem['relationsOf'] = keys.map(() => []);
  const built = relations.map((r, relation) => {
    const terms: Term[] = [
      { cell: at(r.whole), coefficient: -1 },
      ...r.parts.map((p) => ({ cell: at(p), coefficient: 1 as const })),
    ];
    const sum = terms.reduce((s, t) => s + t.coefficient * values[t.cell]!, 0);
    if (sum !== 0) throw new Error(`The parts of ${r.whole} do not add up to it`);
    for (const t of terms) relationsOf[t.cell]!.push({ relation, coefficient: t.coefficient });
    return { terms };
  });
  return { keys, values, fixed, relations: built, relationsOf, index };
}
