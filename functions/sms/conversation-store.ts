/**
 * SQL for conversations and their messages; message bodies and numbers arrive here encrypted. A
 * conversation's encryption contexts are named here and nowhere else; its data key lives in
 * record_keys (crypto/record-keys.ts) and is destroyed with the conversation.
 */
import type { Keys } from '../config/secrets.ts';
import { openRecordKey, storeRecordKey } from '../crypto/record-keys.ts';
import type { Queryable } from '../db/database.ts';
import type { Priority } from '../queue/priority.ts';

export interface ConversationRow {
  id: string;
  channel: 'sms' | 'whatsapp';
  sender: Uint8Array;
  lang: string | null;
  lang_confirmed: boolean;
  country: string | null;
  opted_out: boolean;
  priority: Priority;
  minor: boolean;
}

const COLUMNS = 'id, channel, sender, lang, lang_confirmed, country, opted_out, priority, minor';

export const conversationContext = {
  key: (id: string) => `conversation:${id}`,
  sender: (id: string) => `conversation:${id}:sender`,
  message: (id: string) => `conversation:${id}:message`,
  /** A photo, voice note or document the texter sent (sms_media, media/media-store.ts). */
  media: (id: string, mediaId: string) => `conversation:${id}:media:${mediaId}`,
};

export function openConversationKey(db: Queryable, keys: Keys, conversationId: string): Promise<Buffer> {
  return openRecordKey(db, keys, conversationContext.key(conversationId));
}

export async function lockConversation(
  db: Queryable,
  senderHash: Buffer,
): Promise<ConversationRow | undefined> {
  const rows = await db.query<ConversationRow>(
    `select ${COLUMNS} from conversations where sender_hash = $1 for update`,
    [senderHash],
  );
  return rows[0];
}

/** Stores the conversation with its data key, or returns nothing when the number already has one. */
export async function insertConversation(
  db: Queryable,
  keys: Keys,
  c: {
    id: string;
    senderHash: Buffer;
    channel: string;
    dataKey: Buffer;
    sender: Buffer;
    country?: string;
    now: Date;
  },
): Promise<ConversationRow | undefined> {
  // Two first messages from one number can arrive at once; the second finds the first's row.
  const rows = await db.query<ConversationRow>(
    `insert into conversations (id, sender_hash, channel, sender, country, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $6)
     on conflict (sender_hash) do nothing
     returning ${COLUMNS}`,
    [c.id, c.senderHash, c.channel, c.sender, c.country ?? null, c.now],
  );
  if (rows[0]) await storeRecordKey(db, keys, conversationContext.key(c.id), c.dataKey);
  return rows[0];
}

export async function updateConversation(
  db: Queryable,
  id: string,
  changes: {
    lang?: string;
    langConfirmed?: boolean;
    optedOut?: boolean;
    priority?: Priority;
    minor?: boolean;
  },
  now: Date,
): Promise<void> {
  await db.query(
    `update conversations set
       lang = coalesce($2, lang),
       lang_confirmed = coalesce($3, lang_confirmed),
       opted_out = coalesce($4, opted_out),
       priority = coalesce($5, priority),
       minor = coalesce($6, minor),
       updated_at = $7
     where id = $1`,
    [
      id,
      changes.lang ?? null,
      changes.langConfirmed ?? null,
      changes.optedOut ?? null,
      changes.priority ?? null,
      changes.minor ?? null,
      now,
    ],
  );
}

export async function messageSeen(db: Queryable, messageSid: string): Promise<boolean> {
  return (await db.query('select 1 from sms_messages where message_sid = $1', [messageSid])).length > 0;
}

export async function insertSmsMessage(
  db: Queryable,
  m: {
    id: string;
    conversationId: string;
    direction: 'in' | 'out';
    messageSid: string | null;
    body: Buffer;
    priority?: string;
    reasons?: string[];
    status: string;
    now: Date;
  },
): Promise<void> {
  await db.query(
    `insert into sms_messages (id, conversation_id, direction, message_sid, body, priority, reasons, status, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
    [
      m.id,
      m.conversationId,
      m.direction,
      m.messageSid,
      m.body,
      m.priority ?? null,
      m.reasons ?? [],
      m.status,
      m.now,
    ],
  );
}

export async function recentInbound(
  db: Queryable,
  conversationId: string,
  limit = 10,
): Promise<{ body: Uint8Array }[]> {
  const rows = await db.query<{ body: Uint8Array }>(
    `select body from sms_messages where conversation_id = $1 and direction = 'in' order by created_at desc limit $2`,
    [conversationId, limit],
  );
  return rows.reverse();
}
