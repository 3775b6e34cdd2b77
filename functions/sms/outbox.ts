/**
 * The transactional outbox for outgoing SMS (operator replies, on-call alerts). A message is
 * written in the same transaction as whatever caused it, so it is never lost and never sent for
 * something that rolled back. Any app node may send: rows are claimed with FOR UPDATE SKIP LOCKED,
 * failures are retried with exponential backoff, and a claim abandoned by a crashed node is taken
 * over after a while (so a message may, rarely, be sent twice; it is never dropped).
 */
import { randomUUID } from 'node:crypto';
import { decryptText, encryptField } from '../crypto/envelope.ts';
import { createRecordKey, openRecordKey } from '../crypto/record-keys.ts';
import type { Queryable } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { assertFreeFormAllowed } from './whatsapp-window.ts';

export const MAX_ATTEMPTS = 8;
const STALE_CLAIM_MS = 5 * 60 * 1000;

export function backoffMs(attempts: number): number {
  // 5 s, 10 s, 20 s, ... capped at 30 minutes.
  return Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 30 * 60 * 1000);
}

export interface OutgoingSms {
  kind: 'reply' | 'alert';
  to: string;
  /** The text; for a WhatsApp template, what the thread shows of it. */
  body: string;
  conversationId?: string;
  messageId?: string;
  /** A WhatsApp template (Twilio Content SID) sent instead of free text. */
  template?: WhatsAppTemplate;
}

export interface WhatsAppTemplate {
  contentSid: string;
  /** The template's {{1}}, {{2}}... values. */
  variables?: Record<string, string>;
}

export async function enqueueSms(
  db: Queryable,
  deps: Pick<Deps, 'keys'>,
  sms: OutgoingSms,
  now: Date,
): Promise<string> {
  // A free-form answer on WhatsApp after 24 hours would be refused by WhatsApp: say so now.
  if (sms.kind === 'reply' && sms.conversationId && !sms.template)
    await assertFreeFormAllowed(db, sms.conversationId, now);
  const id = randomUUID();
  const dataKey = await createRecordKey(db, deps.keys, `outbox:${id}`);
  await db.query(
    `insert into outbox (id, kind, conversation_id, message_id, recipient, body, next_attempt_at, created_at, updated_at,
       content_sid, content_variables)
     values ($1, $2, $3, $4, $5, $6, $7, $7, $7, $8, $9)`,
    [
      id,
      sms.kind,
      sms.conversationId ?? null,
      sms.messageId ?? null,
      await encryptField(dataKey, sms.to, `outbox:${id}:to`),
      await encryptField(dataKey, sms.body, `outbox:${id}:body`),
      now,
      sms.template?.contentSid ?? null,
      sms.template?.variables
        ? await encryptField(dataKey, JSON.stringify(sms.template.variables), `outbox:${id}:variables`)
        : null,
    ],
  );
  return id;
}

export interface SmsSender {
  send(to: string, body: string, template?: WhatsAppTemplate): Promise<{ sid: string }>;
}

interface Claimed {
  id: string;
  message_id: string | null;
  attempts: number;
  recipient: Uint8Array;
  body: Uint8Array;
  content_sid: string | null;
  content_variables: Uint8Array | null;
}

async function claim(db: Queryable, now: Date, limit: number): Promise<Claimed[]> {
  return db.query<Claimed>(
    `update outbox set status = 'sending', attempts = attempts + 1, updated_at = $1
     where id in (
       select id from outbox
       where (status = 'pending' and next_attempt_at <= $1)
          or (status = 'sending' and updated_at < $2)
       order by next_attempt_at
       limit $3
       for update skip locked
     )
     returning id, message_id, attempts, recipient, body, content_sid, content_variables`,
    [now, new Date(now.getTime() - STALE_CLAIM_MS), limit],
  );
}

/** Sends what is due; returns how many were sent. Safe to call from every node at once. */
export async function sendDue(
  deps: Deps,
  sender: SmsSender,
  limit = 20,
): Promise<{ sent: number; failed: number }> {
  const now = deps.now();
  const rows = await claim(deps.db, now, limit);
  let sent = 0;
  let failed = 0;
  for (const row of rows) {
    const key = await openRecordKey(deps.db, deps.keys, `outbox:${row.id}`);
    try {
      const template = row.content_sid
        ? {
            contentSid: row.content_sid,
            variables: row.content_variables
              ? (JSON.parse(
                  await decryptText(key, row.content_variables, `outbox:${row.id}:variables`),
                ) as Record<string, string>)
              : undefined,
          }
        : undefined;
      const { sid } = await sender.send(
        await decryptText(key, row.recipient, `outbox:${row.id}:to`),
        await decryptText(key, row.body, `outbox:${row.id}:body`),
        template,
      );
      await deps.db.transaction(async (tx) => {
        await tx.query(
          `update outbox set status = 'sent', provider_sid = $2, last_error = null, updated_at = $3 where id = $1`,
          [row.id, sid, deps.now()],
        );
        if (row.message_id) {
          await tx.query(
            `update sms_messages set message_sid = $2, status = 'sent', updated_at = $3 where id = $1`,
            [row.message_id, sid, deps.now()],
          );
        }
      });
      sent += 1;
    } catch (error) {
      failed += 1;
      const giveUp = row.attempts >= MAX_ATTEMPTS;
      // Only the error's code is kept: messages from the API can quote the recipient.
      const code = String(
        (error as { code?: unknown; status?: unknown }).code ??
          (error as { status?: unknown }).status ??
          'error',
      );
      await deps.db.query(
        `update outbox set status = $2, next_attempt_at = $3, last_error = $4, updated_at = $5 where id = $1`,
        [
          row.id,
          giveUp ? 'failed' : 'pending',
          new Date(deps.now().getTime() + backoffMs(row.attempts)),
          code.slice(0, 40),
          deps.now(),
        ],
      );
      if (row.message_id && giveUp) {
        await deps.db.query(`update sms_messages set status = 'failed', error_code = $2 where id = $1`, [
          row.message_id,
          code.slice(0, 40),
        ]);
      }
      deps.log.warn('sms send failed', { id: row.id, attempt: row.attempts, errorCode: code.slice(0, 40) });
    }
  }
  return { sent, failed };
}
