/**
 * An operator's answer. To a texter: stored encrypted in the thread and sent by SMS through the
 * outbox, in the same transaction. To a web reporter: added to the report's messages, which the
 * reporter reads with the receipt code.
 */
import { randomUUID } from 'node:crypto';
import { decryptText, encryptField } from '../crypto/envelope.ts';
import type { Deps } from '../deps.ts';
import { HttpError } from '../http/http-error.ts';
import { insertMessage, openReportKey, reportContext } from '../reports/report-store.ts';
import { conversationContext, insertSmsMessage, openConversationKey } from '../sms/conversation-store.ts';
import { enqueueSms } from '../sms/outbox.ts';
import { appendAudit } from '../staff/audit.ts';

export async function replyToItem(
  deps: Deps,
  staffId: string,
  itemId: string,
  message: string,
): Promise<void> {
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    const [item] = await tx.query<{ source: 'report' | 'sms'; source_id: string; claimed_by: string | null }>(
      'select source, source_id, claimed_by from queue_items where id = $1 for update',
      [itemId],
    );
    if (!item) throw new HttpError(404, 'not-found', 'There is no such item.');
    if (item.claimed_by !== staffId)
      throw new HttpError(409, 'not-yours', 'Claim the item before you answer, so nobody answers twice.');
    if (item.source === 'sms') {
      const [c] = await tx.query<{
        id: string;
        sender: Uint8Array;
        opted_out: boolean;
      }>('select id, sender, opted_out from conversations where id = $1', [item.source_id]);
      if (!c) throw new HttpError(404, 'not-found', 'The conversation is gone.');
      if (c.opted_out)
        throw new HttpError(
          409,
          'opted-out',
          'This person texted STOP: no message can be sent until they text START.',
        );
      const key = await openConversationKey(tx, deps.keys, c.id);
      const messageId = randomUUID();
      await insertSmsMessage(tx, {
        id: messageId,
        conversationId: c.id,
        direction: 'out',
        messageSid: null,
        body: await encryptField(key, message, conversationContext.message(c.id)),
        status: 'queued',
        now,
      });
      const to = await decryptText(key, c.sender, conversationContext.sender(c.id));
      await enqueueSms(tx, deps, { kind: 'reply', to, body: message, conversationId: c.id, messageId }, now);
    } else {
      const [r] = await tx.query<{ id: string }>('select id from reports where id = $1', [item.source_id]);
      if (!r) throw new HttpError(404, 'not-found', 'The report is gone.');
      const key = await openReportKey(tx, deps.keys, r.id);
      await insertMessage(tx, {
        reportId: r.id,
        author: 'staff',
        body: await encryptField(key, message, reportContext.message(r.id)),
        now,
      });
      await tx.query(
        `update reports set status = 'in-review', updated_at = $2 where id = $1 and status = 'received'`,
        [r.id, now],
      );
    }
    await tx.query('insert into queue_events (item_id, at, actor_id, kind) values ($1, $2, $3, $4)', [
      itemId,
      now,
      staffId,
      'reply',
    ]);
    await appendAudit(tx, deps.keys, { actorId: staffId, action: 'queue.reply', subject: itemId }, now);
  });
}
