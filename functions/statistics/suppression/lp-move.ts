/**
 * The move search's second resort: a linear program (YALPS, a small pure-TypeScript solver) that
 * looks for a direction in which the hidden cells can change together, every published relation
 * staying true and no hidden cell going below 1, with the given cell changing. It sees chains the
 * depth-first search gives up on. Only the hidden cells linked to the given one take part.
 */
import { type Constraint, solve } from 'yalps';
import type { CellSystem } from './cell-system.ts';

const EPSILON = 1e-7;

/** Hidden cells reachable from `start` through relations with hidden terms. */
function component(
  system: CellSystem,
  hidden: Uint8Array,
  start: number,
): { cells: number[]; relations: number[] } {
  const cells = [start];
  const seen = new Set(cells);
  const relations = new Set<number>();
  for (let i = 0; i < cells.length; i++) {
    for (const { relation } of system.relationsOf[cells[i]!]!) {
      if (relations.has(relation)) continue;
      relations.add(relation);
      for (const t of system.relations[relation]!.terms) {
        if (hidden[t.cell] === 1 && !seen.has(t.cell)) {
          seen.add(t.cell);
          cells.push(t.cell);
        }
      }
    }
  }
  return { cells, relations: [...relations] };
}

/** The cells that change in a direction found for `start`, or null when it cannot change. */
export function lpMove(system: CellSystem, hidden: Uint8Array, start: number): number[] | null {
  const { cells, relations } = component(system, hidden, start);
  const constraints = new Map<string, Constraint>();
  for (const r of relations) constraints.set(`r${r}`, { equal: 0 });
  for (const cell of cells) constraints.set(`b${cell}`, { max: 1 });
  const variablesFor = (objective: 'up' | 'down') => {
    const variables = new Map<string, Map<string, number>>();
    for (const cell of cells) {
      const coefficients = (sign: 1 | -1) => {
        const row = new Map<string, number>([[`b${cell}`, 1]]);
        for (const { relation, coefficient } of system.relationsOf[cell]!) {
          row.set(`r${relation}`, sign * coefficient);
        }
        return row;
      };
      const up = coefficients(1);
      if (cell === start && objective === 'up') up.set('objective', 1);
      variables.set(`u${cell}`, up);
      // A cell of 1 cannot go down: the reader knows it is at least 1.
      if (system.values[cell]! >= 2) {
        const down = coefficients(-1);
        if (cell === start && objective === 'down') down.set('objective', 1);
        variables.set(`d${cell}`, down);
      }
    }
    return variables;
  };
  for (const objective of ['up', 'down'] as const) {
    if (objective === 'down' && system.values[start]! < 2) continue;
    const result = solve({
      direction: 'maximize',
      objective: 'objective',
      constraints,
      variables: variablesFor(objective),
    });
    if (result.status !== 'optimal' || result.result < EPSILON) continue;
    const change = new Map<number, number>();
    for (const [name, value] of result.variables) {
      const cell = Number(name.slice(1));
      change.set(cell, (change.get(cell) ?? 0) + (name[0] === 'u' ? value : -value));
    }
    return [...change].filter(([, v]) => Math.abs(v) > EPSILON).map(([cell]) => cell);
  }
  return null;
}
