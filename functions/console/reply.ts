/**
 * An operator's answer, to the person who holds the item's thread, through its channel
 * (functions/threads/): a texter gets an SMS through the outbox, a web reporter a message read with
 * the receipt code; either way in the same transaction as the queue event and the audit entry.
 */

import type { Deps } from '../deps.ts';
import { HttpError } from '../http/http-error.ts';
import { markAnswered } from '../queue/item-writes.ts';
import { appendAudit } from '../staff/audit.ts';
import { type ChannelKind, channelOf } from '../threads/channels.ts';

export async function replyToItem(
  deps: Deps,
  staffId: string,
  itemId: string,
  message: string,
): Promise<void> {
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    const [item] = await tx.query<{ source: ChannelKind; source_id: string; claimed_by: string | null }>(
      'select source, source_id, claimed_by from queue_items where id = $1 for update',
      [itemId],
    );
    if (!item) throw new HttpError(404, 'not-found', 'There is no such item.');
    if (item.claimed_by !== staffId)
      throw new HttpError(409, 'not-yours', 'Claim the item before you answer, so nobody answers twice.');
    await channelOf(item.source).reply(tx, deps, item.source_id, message, now);
    // The first answer stops the SLA's first clock.
    await markAnswered(tx, itemId, now);
    await tx.query('insert into queue_events (item_id, at, actor_id, kind) values ($1, $2, $3, $4)', [
      itemId,
      now,
      staffId,
      'reply',
    ]);
    await appendAudit(tx, deps.keys, { actorId: staffId, action: 'queue.reply', subject: itemId }, now);
  });
}

/**
 * An operator called the person back (or took their call): an answer too, so it stops the SLA's
 * first clock like a reply does. Recorded as a queue event and audited; the call itself is not.
 */
export async function recordCall(deps: Deps, staffId: string, itemId: string): Promise<void> {
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    const [item] = await tx.query<{ claimed_by: string | null }>(
      'select claimed_by from queue_items where id = $1 for update',
      [itemId],
    );
    if (!item) throw new HttpError(404, 'not-found', 'There is no such item.');
    if (item.claimed_by !== staffId)
      throw new HttpError(409, 'not-yours', 'Claim the item before you call, so nobody calls twice.');
    await markAnswered(tx, itemId, now);
    await tx.query('insert into queue_events (item_id, at, actor_id, kind) values ($1, $2, $3, $4)', [
      itemId,
      now,
      staffId,
      'call',
    ]);
    await appendAudit(tx, deps.keys, { actorId: staffId, action: 'queue.call', subject: itemId }, now);
  });
}
