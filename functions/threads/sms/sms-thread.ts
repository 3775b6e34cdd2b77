/**
 * SMS conversations as a thread channel: the texts both ways (decrypted), the language the texter
 * chose, STOP, and answers that go out through the outbox as texts.
 */
import { randomUUID } from 'node:crypto';
import { decryptText, encryptField } from '../../crypto/envelope.ts';
import { HttpError } from '../../http/http-error.ts';
import { conversationContext, insertSmsMessage, openConversationKey } from '../../sms/conversation-store.ts';
import { enqueueSms } from '../../sms/outbox.ts';
import type { ThreadChannel, ThreadEntry } from '../thread-channel.ts';

export const smsThread: ThreadChannel = {
  kind: 'sms',
  tools: { segmentCounter: true, templates: true, maxLength: 1600 },
  linkedLabel: 'console.linkedReport',

  async load(deps, conversationId) {
    const [c] = await deps.db.query<{
      id: string;
      lang: string | null;
      opted_out: boolean;
      linked: string | null;
    }>(
      `select c.id, c.lang, c.opted_out, q.id as linked
       from conversations c left join queue_items q on q.source = 'report' and q.source_id = c.report_id
       where c.id = $1`,
      [conversationId],
    );
    if (!c) return null;
    const key = await openConversationKey(deps.db, deps.keys, c.id);
    const rows = await deps.db.query<{
      direction: 'in' | 'out';
      body: Uint8Array;
      created_at: Date;
      status: string;
      reasons: string[];
    }>(
      'select direction, body, created_at, status, reasons from sms_messages where conversation_id = $1 order by created_at, direction',
      [c.id],
    );
    const thread: ThreadEntry[] = [];
    for (const m of rows) {
      thread.push({
        direction: m.direction,
        text: await decryptText(key, m.body, conversationContext.message(c.id)),
        at: m.created_at,
        status: m.status,
        reasons: m.reasons,
      });
    }
    return { thread, lang: c.lang, optedOut: c.opted_out, linkedItemId: c.linked, attachments: [] };
  },

  fields: () => [],

  known: () => ({ exploitationTypes: [] }),

  async reply(tx, deps, conversationId, message, now) {
    const [c] = await tx.query<{ id: string; sender: Uint8Array; opted_out: boolean }>(
      'select id, sender, opted_out from conversations where id = $1',
      [conversationId],
    );
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
  },

  async setPriority(tx, conversationId, priority) {
    // The conversation keeps the person's decision: triage only ever raises it again.
    await tx.query('update conversations set priority = $2 where id = $1', [conversationId, priority]);
  },

  attachment: async () => null,
};
