/**
 * The queue's own writes that other capabilities ask for: `functions/queue/` is the one folder that
 * writes `queue_items` (an architecture test holds it to that). Each runs inside the caller's
 * transaction, beside the caller's own rows.
 */
import type { Queryable } from '../db/database.ts';

/** An answer reached the person (a reply, a call): the SLA's first clock stops at the first one. */
export async function markAnswered(tx: Queryable, itemId: string, at: Date): Promise<void> {
  await tx.query(
    'update queue_items set first_response_at = coalesce(first_response_at, $2), updated_at = $2 where id = $1',
    [itemId, at],
  );
}

/** Something happened on the item elsewhere (a referral made): consoles showing it update. */
export async function touchItem(tx: Queryable, itemId: string, at: Date): Promise<void> {
  await tx.query('update queue_items set updated_at = $2 where id = $1', [itemId, at]);
}

/** Retention: the items go with their threads (their events and facts go by foreign key). */
export async function deleteItems(tx: Queryable, itemIds: readonly string[]): Promise<void> {
  if (itemIds.length === 0) return;
  await tx.query('delete from queue_items where id = any($1::uuid[])', [itemIds]);
}
