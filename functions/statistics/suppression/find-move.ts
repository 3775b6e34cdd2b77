/**
 * The proof that a hidden cell cannot be worked out: a *move*, i.e. a change of +1 or -1 to some
 * hidden cells that keeps every published relation (whole = sum of parts) true and every hidden
 * cell at 1 or more (zeros are published, so a reader knows a hidden cell is at least 1). If a move
 * changes cell k, the published numbers fit at least two values of k, so no subtraction, however
 * combined, recovers it. Finding no move does not prove the opposite; the caller then hides more,
 * which errs on the side of the person counted.
 */
import type { CellSystem } from './cell-system.ts';

/** Past this, the search gives up and the linear program (lp-move.ts) takes over. */
const STEP_LIMIT = 2_000;

export interface Move {
  /** The cells that change, with the direction of their change. */
  changes: Map<number, 1 | -1>;
}

/**
 * Searches for a move that changes `start` in `direction`. Depth-first: each assignment can leave
 * relations unbalanced by one; the first unbalanced relation is fixed by changing one more hidden
 * cell in it, trying increases first, then the largest cells (they can move farthest).
 */
export function findMove(
  system: CellSystem,
  hidden: Uint8Array,
  start: number,
  direction: 1 | -1,
): Move | null {
  const changes = new Map<number, 1 | -1>();
  const imbalance = new Int32Array(system.relations.length);
  let steps = 0;

  const canMove = (cell: number, d: 1 | -1) =>
    hidden[cell] === 1 && !changes.has(cell) && (d === 1 || system.values[cell]! >= 2);

  const apply = (cell: number, d: 1 | -1, sign: 1 | -1) => {
    for (const { relation, coefficient } of system.relationsOf[cell]!) {
      imbalance[relation]! += sign * d * coefficient;
    }
  };

  const firstUnbalanced = (): number => {
    // Only relations touched by a change can be unbalanced.
    for (const cell of changes.keys()) {
      for (const { relation } of system.relationsOf[cell]!) if (imbalance[relation] !== 0) return relation;
    }
    return -1;
  };

  const search = (): boolean => {
    if (++steps > STEP_LIMIT) return false;
    const relation = firstUnbalanced();
    if (relation === -1) return true;
    const need = -imbalance[relation]!;
    const candidates: { cell: number; d: 1 | -1 }[] = [];
    for (const { cell, coefficient } of system.relations[relation]!.terms) {
      // Changing `cell` by d shifts the relation by d * coefficient; it must go towards balance.
      const d = (Math.sign(need) * coefficient) as 1 | -1;
      if (canMove(cell, d)) candidates.push({ cell, d });
    }
    // Increases are never blocked by the floor of 1, so a chain of them closes most often.
    candidates.sort((a, b) => b.d - a.d || system.values[b.cell]! - system.values[a.cell]!);
    for (const { cell, d } of candidates) {
      changes.set(cell, d);
      apply(cell, d, 1);
      if (search()) return true;
      apply(cell, d, -1);
      changes.delete(cell);
      if (steps > STEP_LIMIT) return false;
    }
    return false;
  };

  if (!canMove(start, direction)) return null;
  changes.set(start, direction);
  apply(start, direction, 1);
  return search() ? { changes } : null;
}
