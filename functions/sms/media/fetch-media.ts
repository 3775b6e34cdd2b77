/**
 * The job that brings media sent to the hotline home. It claims due items (FOR UPDATE SKIP LOCKED,
 * so any number of nodes may run it), fetches each from Twilio within a size and a time limit,
 * recognises it by its bytes, cleans it in the same worker pool as web attachments, stores it
 * encrypted with the conversation's data key, and then deletes Twilio's copy. Fetch failures are
 * retried with exponential backoff; a file of a kind the hotline does not keep is refused and its
 * sender told, in their language, what can be sent. Deletions from Twilio are retried until done,
 * and each item shows whether (and when) Twilio's copy is gone.
 */
import { randomUUID } from 'node:crypto';
import type { Locale } from '#kernel/i18n/locales.ts';
import { decryptText, encryptField } from '../../crypto/envelope.ts';
import type { Queryable } from '../../db/database.ts';
import type { Deps } from '../../deps.ts';
import { isAudioType, type MediaType, sniffMediaType } from '../../media/sniff-media-type.ts';
import { conversationContext, insertSmsMessage, openConversationKey } from '../conversation-store.ts';
import { enqueueSms } from '../outbox.ts';
import { SMS_TEMPLATES } from '../templates.ts';
import { replyWindow } from '../whatsapp-window.ts';
import {
  claimDueDeletions,
  claimDueMedia,
  type MediaKind,
  type MediaRow,
  markDeletedFromTwilio,
  markDeleteFailed,
  markFetchFailed,
  markRefused,
  markStored,
} from './media-store.ts';
import { deleteTwilioMedia, fetchTwilioMedia, MediaFetchError } from './twilio-media.ts';

export interface MediaFetchOptions {
  /** Items claimed per run (default 4). */
  batch?: number;
  /** Largest file fetched (default 16 MiB: WhatsApp's limit; MMS is smaller). */
  maxBytes?: number;
  /** Time for the whole transfer of one file (default 30 s). */
  timeoutMs?: number;
  /** Fetch attempts before an item is given up on (default 8). */
  maxAttempts?: number;
  /** First retry delay; each next one doubles (default 10 s, capped at 30 minutes). */
  backoffMs?: number;
}

export interface MediaRunResult {
  stored: number;
  refused: number;
  retrying: number;
  failed: number;
  deleted: number;
  deleteFailed: number;
}

const STALE_CLAIM_MS = 5 * 60_000;
const MAX_BACKOFF_MS = 30 * 60_000;

function backoff(base: number, attempts: number): number {
  return Math.min(base * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
}

export function mediaKind(type: MediaType): MediaKind {
  if (isAudioType(type)) return 'audio';
  return type === 'application/pdf' ? 'document' : 'image';
}

/** Tells the sender, in their language, what the hotline can receive (unless they opted out). */
async function replyRefused(tx: Queryable, deps: Deps, conversationId: string, now: Date): Promise<void> {
  const [c] = await tx.query<{ sender: Uint8Array; lang: string | null; opted_out: boolean }>(
    'select sender, lang, opted_out from conversations where id = $1',
    [conversationId],
  );
  if (!c || c.opted_out) return;
  // Past WhatsApp's 24-hour window only templates may be sent; the operator sees the refusal instead.
  if (!(await replyWindow(tx, conversationId, now)).open) return;
  const body = SMS_TEMPLATES[(c.lang as Locale | null) ?? 'en'].mediaRefused;
  const key = await openConversationKey(tx, deps.keys, conversationId);
  const messageId = randomUUID();
  await insertSmsMessage(tx, {
    id: messageId,
    conversationId,
    direction: 'out',
    messageSid: null,
    body: await encryptField(key, body, conversationContext.message(conversationId)),
    status: 'queued',
    now,
  });
  const to = await decryptText(key, c.sender, conversationContext.sender(conversationId));
  await enqueueSms(tx, deps, { kind: 'reply', to, body, conversationId, messageId }, now);
}

type Outcome = 'stored' | 'refused' | 'retrying' | 'failed';

async function refuse(deps: Deps, row: MediaRow, reason: string): Promise<Outcome> {
  await deps.db.transaction(async (tx) => {
    await markRefused(tx, row.id, reason, deps.now());
    await replyRefused(tx, deps, row.conversation_id, deps.now());
  });
  deps.log.info('sms media refused', { id: row.id, errorCode: reason });
  return 'refused';
}

async function fetchOne(deps: Deps, row: MediaRow, o: Required<MediaFetchOptions>): Promise<Outcome> {
  let bytes: Uint8Array;
  try {
    bytes = await fetchTwilioMedia(deps, row, o);
  } catch (error) {
    const e = error instanceof MediaFetchError ? error : new MediaFetchError('error', true);
    if (e.code === 'too-large') return refuse(deps, row, 'too-large');
    const giveUp = !e.retry || row.attempts >= o.maxAttempts;
    const now = deps.now();
    await markFetchFailed(
      deps.db,
      row.id,
      e.code,
      giveUp ? null : new Date(now.getTime() + backoff(o.backoffMs, row.attempts)),
      now,
    );
    deps.log.warn('sms media fetch failed', { id: row.id, attempt: row.attempts, errorCode: e.code });
    return giveUp ? 'failed' : 'retrying';
  }
  const type = sniffMediaType(bytes, { audio: true });
  if (!type) return refuse(deps, row, 'unsupported-type');
  const cleaned = await deps.media.clean({ bytes, type });
  if (!cleaned.ok) {
    if (cleaned.refusal === 'busy') {
      const now = deps.now();
      await markFetchFailed(deps.db, row.id, 'busy', new Date(now.getTime() + o.backoffMs), now);
      return 'retrying';
    }
    return refuse(deps, row, cleaned.refusal);
  }
  await deps.db.transaction(async (tx) => {
    // The conversation may have been purged meanwhile: then there is nothing to store into.
    const [alive] = await tx.query('select 1 from sms_media where id = $1 for update', [row.id]);
    if (!alive) return;
    const key = await openConversationKey(tx, deps.keys, row.conversation_id);
    await markStored(tx, row.id, {
      kind: mediaKind(cleaned.mediaType),
      mediaType: cleaned.mediaType,
      content: await encryptField(key, cleaned.bytes, conversationContext.media(row.conversation_id, row.id)),
      byteSize: cleaned.bytes.byteLength,
      now: deps.now(),
    });
  });
  return 'stored';
}

/** Deletes Twilio's copy of every item that is done with it; failures are retried later. */
export async function runTwilioDeletions(
  deps: Deps,
  limit = 20,
): Promise<{ deleted: number; failed: number }> {
  const rows = await claimDueDeletions(deps.db, deps.now(), limit);
  let deleted = 0;
  let failed = 0;
  for (const row of rows) {
    try {
      await deleteTwilioMedia(deps, row);
      await markDeletedFromTwilio(deps.db, row.id, deps.now());
      deleted += 1;
    } catch (error) {
      const code = error instanceof MediaFetchError ? error.code : 'error';
      const retryAt = new Date(deps.now().getTime() + backoff(10_000, row.delete_attempts));
      await markDeleteFailed(deps.db, row.id, code, retryAt);
      deps.log.warn('sms media deletion failed', {
        id: row.id,
        attempt: row.delete_attempts,
        errorCode: code,
      });
      failed += 1;
    }
  }
  return { deleted, failed };
}

/** One run of the job: fetch what is due, then delete from Twilio what is done. */
export async function runMediaFetches(deps: Deps, options: MediaFetchOptions = {}): Promise<MediaRunResult> {
  const o: Required<MediaFetchOptions> = {
    batch: options.batch ?? 4,
    maxBytes: options.maxBytes ?? 16 * 1024 * 1024,
    timeoutMs: options.timeoutMs ?? 30_000,
    maxAttempts: options.maxAttempts ?? 8,
    backoffMs: options.backoffMs ?? 10_000,
  };
  const now = deps.now();
  const rows = await claimDueMedia(deps.db, now, new Date(now.getTime() - STALE_CLAIM_MS), o.batch);
  const outcomes = await Promise.all(rows.map((row) => fetchOne(deps, row, o)));
  const count = (kind: Outcome) => outcomes.filter((x) => x === kind).length;
  const deletions = await runTwilioDeletions(deps);
  return {
    stored: count('stored'),
    refused: count('refused'),
    retrying: count('retrying'),
    failed: count('failed'),
    deleted: deletions.deleted,
    deleteFailed: deletions.failed,
  };
}
