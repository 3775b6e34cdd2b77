/**
 * Small-cell suppression for linked tables. Primary suppression hides every count from 1 to
 * threshold - 1 (zeros are published: "nobody" harms nobody, and hiding zeros would only hide more).
 * Complementary suppression then hides other counts until no hidden count can be recovered from the
 * published ones:
 *
 * 1. No relation (a total and its parts, in any table, across months, across tables that share a
 *    total) may have exactly one hidden cell: it would be the total minus the rest. While one does,
 *    the smallest published non-zero cell of that relation is hidden too (least information lost).
 * 2. Two hidden cells in every relation is not enough (a hidden cell can still be pinned by chains
 *    of relations, or by "every hidden cell is at least 1"), so every primary cell must then have a
 *    move (find-move.ts): a change of the hidden cells that keeps every published number true and
 *    changes that cell. A primary cell without one gets another cell hidden next to it, nearest
 *    relation first, until it has one. Moves are sought depth-first, then by linear programming.
 *
 * Hiding more never breaks a move already found, so the result is final once every primary cell has
 * one. Cells marked `fixed` (decided by an earlier release) are never changed; a primary cell that
 * cannot be protected without changing them is reported, and the caller withholds the table.
 */
import { buildCellSystem, type CellInput, type CellSystem, type RelationInput } from './cell-system.ts';
import { findMove } from './find-move.ts';
import { lpMove } from './lp-move.ts';

export const DEFAULT_THRESHOLD = 11;

export interface SuppressionInput {
  cells: CellInput[];
  relations: RelationInput[];
  /** Counts from 1 to threshold - 1 are hidden. */
  threshold?: number;
}

export interface SuppressionResult {
  hidden: Set<string>;
  /** The hidden cells that are small themselves (the rest protect them). */
  primary: Set<string>;
  /** Primary cells no move protects even with everything that may be hidden hidden. */
  unprotected: string[];
}

const mayHide = (system: CellSystem, hidden: Uint8Array, cell: number) =>
  hidden[cell] === 0 && system.fixed[cell] === undefined && system.values[cell]! > 0;

/** Rule 1, to a fixed point. */
function hideLonelyCells(system: CellSystem, hidden: Uint8Array): void {
  let changed = true;
  while (changed) {
    changed = false;
    for (const relation of system.relations) {
      let count = 0;
      for (const t of relation.terms) count += hidden[t.cell]!;
      if (count !== 1) continue;
      let best = -1;
      for (const t of relation.terms) {
        if (mayHide(system, hidden, t.cell) && (best === -1 || system.values[t.cell]! < system.values[best]!))
          best = t.cell;
      }
      if (best !== -1) {
        hidden[best] = 1;
        changed = true;
      }
    }
  }
}

/** The nearest cell to hide for `start`: breadth-first over relations through hidden cells. */
function nearestCandidate(system: CellSystem, hidden: Uint8Array, start: number): number {
  const seenRelations = new Set<number>();
  let frontier = [start];
  const seenCells = new Set(frontier);
  while (frontier.length > 0) {
    let best = -1;
    const next: number[] = [];
    for (const cell of frontier) {
      for (const { relation } of system.relationsOf[cell]!) {
        if (seenRelations.has(relation)) continue;
        seenRelations.add(relation);
        for (const t of system.relations[relation]!.terms) {
          if (mayHide(system, hidden, t.cell)) {
            if (best === -1 || system.values[t.cell]! < system.values[best]!) best = t.cell;
          } else if (hidden[t.cell] === 1 && !seenCells.has(t.cell)) {
            seenCells.add(t.cell);
            next.push(t.cell);
          }
        }
      }
    }
    if (best !== -1) return best;
    frontier = next;
  }
  return -1;
}

export function suppress(input: SuppressionInput): SuppressionResult {
  const threshold = input.threshold ?? DEFAULT_THRESHOLD;
  const system = buildCellSystem(input.cells, input.relations);
  const hidden = new Uint8Array(system.keys.length);
  const primary: number[] = [];
  system.values.forEach((value, cell) => {
    const small = value > 0 && value < threshold;
    if (system.fixed[cell] === 'hidden' || (small && system.fixed[cell] !== 'published')) hidden[cell] = 1;
    if (small && hidden[cell] === 1) primary.push(cell);
  });

  hideLonelyCells(system, hidden);
  const unprotected: string[] = [];
  // A move protects every cell it changes, not only the one it was sought for.
  const shielded = new Uint8Array(system.keys.length);
  const moveFor = (cell: number): number[] | null => {
    const move = findMove(system, hidden, cell, 1) ?? findMove(system, hidden, cell, -1);
    return move ? [...move.changes.keys()] : lpMove(system, hidden, cell);
  };
  for (const cell of primary) {
    if (shielded[cell] === 1) continue;
    for (;;) {
      const moved = moveFor(cell);
      if (moved) {
        for (const c of moved) shielded[c] = 1;
        break;
      }
      const extra = nearestCandidate(system, hidden, cell);
      if (extra === -1) {
        unprotected.push(system.keys[cell]!);
        break;
      }
      hidden[extra] = 1;
      hideLonelyCells(system, hidden);
    }
  }
  const keysWhere = (cells: Iterable<number>) => new Set([...cells].map((c) => system.keys[c]!));
  return {
    hidden: keysWhere(system.keys.map((_, c) => c).filter((c) => hidden[c] === 1)),
    primary: keysWhere(primary),
    unprotected,
  };
}
