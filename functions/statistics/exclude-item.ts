/**
 * "Exclude from statistics": staff mark an item that should not count (a training message, a
 * duplicate, a test) so that it never appears in any figure. The mark can be undone until the
 * item's month is sealed; after that the month's figures are final. Every change is audited.
 */
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { HttpError } from '../http/http-error.ts';
import { appendAudit } from '../staff/audit.ts';

export const exclusionSchema = z.object({ exclude: z.boolean() });

export async function setExcludedFromStatistics(
  deps: Pick<Deps, 'db' | 'keys' | 'now'>,
  actorId: string,
  itemId: string,
  exclude: boolean,
): Promise<{ excluded: boolean }> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const [item] = await tx.query<{ id: string }>('select id from queue_items where id = $1', [itemId]);
    if (!item) throw new HttpError(404, 'not-found', 'There is no such item.');
    const updated = await tx.query(
      'update statistics_items set excluded = $2 where item_id = $1 returning id',
      [itemId, exclude],
    );
    if (updated.length === 0) {
      throw new HttpError(409, 'statistics-sealed', "This item's month is sealed: its figures are final.");
    }
    await appendAudit(
      tx,
      deps.keys,
      { actorId, action: exclude ? 'statistics.exclude' : 'statistics.include', subject: itemId },
      now,
    );
    return { excluded: exclude };
  });
}

/** Whether the item is excluded from statistics (null: it has no statistics record, or its month is sealed). */
export async function excludedFromStatistics(
  deps: Pick<Deps, 'db'>,
  itemId: string,
): Promise<boolean | null> {
  const [row] = await deps.db.query<{ excluded: boolean }>(
    'select excluded from statistics_items where item_id = $1',
    [itemId],
  );
  return row ? row.excluded : null;
}
