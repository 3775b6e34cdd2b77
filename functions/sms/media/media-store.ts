/**
 * SQL for media sent to the hotline (sms_media): the webhook records each item as pending work,
 * the fetch job claims, stores, refuses or fails it, and the deletion from Twilio is recorded
 * here. The cleaned bytes arrive here already encrypted with the conversation's data key.
 */
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../db/database.ts';
import type { InboundMedia } from '../twilio-params.ts';

export const MEDIA_STATES = ['pending', 'fetching', 'stored', 'refused', 'failed'] as const;
export type MediaState = (typeof MEDIA_STATES)[number];
export type MediaKind = 'image' | 'audio' | 'document';

export interface MediaRow {
  id: string;
  message_id: string;
  conversation_id: string;
  position: number;
  account_sid: string;
  message_sid: string;
  media_sid: string;
  declared_type: string | null;
  state: MediaState;
  attempts: number;
  last_error: string | null;
  kind: MediaKind | null;
  media_type: string | null;
  byte_size: number | null;
  twilio_deleted_at: Date | null;
  delete_attempts: number;
  delete_error: string | null;
}

const COLUMNS = `id, message_id, conversation_id, position, account_sid, message_sid, media_sid, declared_type,
  state, attempts, last_error, kind, media_type, byte_size, twilio_deleted_at, delete_attempts, delete_error`;

/** Records a message's media as pending work, in the webhook's transaction. */
export async function insertPendingMedia(
  db: Queryable,
  m: { messageId: string; conversationId: string; items: InboundMedia[]; now: Date },
): Promise<void> {
  for (const item of m.items) {
    await db.query(
      `insert into sms_media (id, message_id, conversation_id, position, account_sid, message_sid, media_sid,
         declared_type, next_attempt_at, created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $9)
       on conflict (media_sid) do nothing`,
      [
        randomUUID(),
        m.messageId,
        m.conversationId,
        item.position,
        item.accountSid,
        item.messageSid,
        item.mediaSid,
        item.declaredType,
        m.now,
      ],
    );
  }
}

/**
 * Claims up to `limit` items due for fetching; an item left `fetching` by a node that died is
 * taken over once its claim is older than `staleBefore`.
 */
export async function claimDueMedia(
  db: Queryable,
  now: Date,
  staleBefore: Date,
  limit: number,
): Promise<MediaRow[]> {
  return db.query<MediaRow>(
    `update sms_media set state = 'fetching', attempts = attempts + 1, updated_at = $1
     where id in (
       select id from sms_media
       where (state = 'pending' and next_attempt_at <= $1)
          or (state = 'fetching' and updated_at < $2)
       order by next_attempt_at
       limit $3
       for update skip locked
     )
     returning ${COLUMNS}`,
    [now, staleBefore, limit],
  );
}

export async function markStored(
  db: Queryable,
  id: string,
  s: { kind: MediaKind; mediaType: string; content: Buffer; byteSize: number; now: Date },
): Promise<void> {
  await db.query(
    `update sms_media set state = 'stored', kind = $2, media_type = $3, content = $4, byte_size = $5,
       last_error = null, next_delete_at = $6, updated_at = $6
     where id = $1`,
    [id, s.kind, s.mediaType, s.content, s.byteSize, s.now],
  );
}

/** Refused for good (a type the hotline does not keep, or a file the cleaner would not clean). */
export async function markRefused(db: Queryable, id: string, reason: string, now: Date): Promise<void> {
  await db.query(
    `update sms_media set state = 'refused', last_error = $2, next_delete_at = $3, updated_at = $3 where id = $1`,
    [id, reason.slice(0, 60), now],
  );
}

/** A fetch that failed: back to pending after `retryAt`, or failed for good when `retryAt` is null. */
export async function markFetchFailed(
  db: Queryable,
  id: string,
  error: string,
  retryAt: Date | null,
  now: Date,
): Promise<void> {
  await db.query(
    `update sms_media set state = $2, last_error = $3, next_attempt_at = coalesce($4, next_attempt_at),
       next_delete_at = case when $2 = 'failed' then $5::timestamptz else next_delete_at end, updated_at = $5
     where id = $1`,
    [id, retryAt ? 'pending' : 'failed', error.slice(0, 60), retryAt, now],
  );
}

/** Items whose copy on Twilio is due for deletion (fetched, refused or given up on). */
export async function claimDueDeletions(db: Queryable, now: Date, limit: number): Promise<MediaRow[]> {
  return db.query<MediaRow>(
    `update sms_media set delete_attempts = delete_attempts + 1,
       next_delete_at = $1::timestamptz + interval '10 minutes'
     where id in (
       select id from sms_media
       where twilio_deleted_at is null and next_delete_at <= $1
       order by next_delete_at
       limit $2
       for update skip locked
     )
     returning ${COLUMNS}`,
    [now, limit],
  );
}

export async function markDeletedFromTwilio(db: Queryable, id: string, now: Date): Promise<void> {
  await db.query(
    `update sms_media set twilio_deleted_at = $2, delete_error = null, next_delete_at = null where id = $1`,
    [id, now],
  );
}

export async function markDeleteFailed(
  db: Queryable,
  id: string,
  error: string,
  retryAt: Date,
): Promise<void> {
  await db.query('update sms_media set delete_error = $2, next_delete_at = $3 where id = $1', [
    id,
    error.slice(0, 60),
    retryAt,
  ]);
}

/** A conversation's media, oldest first, without content. */
export async function mediaOfConversation(db: Queryable, conversationId: string): Promise<MediaRow[]> {
  return db.query<MediaRow>(
    `select ${COLUMNS} from sms_media where conversation_id = $1 order by created_at, position`,
    [conversationId],
  );
}

export async function mediaWithContent(
  db: Queryable,
  id: string,
): Promise<(MediaRow & { content: Uint8Array | null }) | undefined> {
  const [row] = await db.query<MediaRow & { content: Uint8Array | null }>(
    `select ${COLUMNS}, content from sms_media where id = $1`,
    [id],
  );
  return row;
}

/** Whether any of a conversation's media is still on its way (pending or being fetched). */
export async function mediaInFlight(db: Queryable, conversationId: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `select count(*)::int as n from sms_media where conversation_id = $1 and state in ('pending', 'fetching')`,
    [conversationId],
  );
  return row?.n ?? 0;
}
