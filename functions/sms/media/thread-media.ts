/**
 * What the console needs of a conversation's media: the list (kind, state, size, whether Twilio's
 * copy is gone), whether any is still on its way, and one item's bytes for a permitted staff
 * member. Served as a download that the browser may not sniff or run: `nosniff`, a sandboxing CSP,
 * no caching. Every view is audited.
 */
import { z } from 'zod';
import { decryptField } from '../../crypto/envelope.ts';
import type { Deps } from '../../deps.ts';
import { HttpError } from '../../http/http-error.ts';
import type { RouteContext } from '../../http/route.ts';
import { appendAudit } from '../../staff/audit.ts';
import { can, type Role } from '../../staff/roles.ts';
import { conversationContext, openConversationKey } from '../conversation-store.ts';
import {
  type MediaKind,
  type MediaState,
  mediaInFlight,
  mediaOfConversation,
  mediaWithContent,
} from './media-store.ts';

export interface ThreadMedia {
  id: string;
  messageId: string;
  position: number;
  kind: MediaKind | null;
  state: MediaState;
  /** Bytes as stored (after cleaning); null until stored. */
  size: number | null;
  /** The type found in the bytes (null until stored); `declaredType` is what Twilio said. */
  type: string | null;
  declaredType: string | null;
  attempts: number;
  /** Why the last fetch failed or the item was refused (a code, never content). */
  error: string | null;
  /** When Twilio's copy was deleted; null while it is still on Twilio. */
  deletedFromTwilioAt: Date | null;
  deleteError: string | null;
}

async function conversationOf(deps: Pick<Deps, 'db'>, itemId: string): Promise<string | null> {
  if (!z.uuid().safeParse(itemId).success) return null;
  const [item] = await deps.db.query<{ source: string; source_id: string }>(
    'select source, source_id from queue_items where id = $1',
    [itemId],
  );
  return item?.source === 'sms' ? item.source_id : null;
}

/** A queue item's media, oldest first (none for a web report: its attachments are elsewhere). */
export async function listThreadMedia(deps: Pick<Deps, 'db'>, itemId: string): Promise<ThreadMedia[]> {
  const conversationId = await conversationOf(deps, itemId);
  if (!conversationId) return [];
  return (await mediaOfConversation(deps.db, conversationId)).map((m) => ({
    id: m.id,
    messageId: m.message_id,
    position: m.position,
    kind: m.kind,
    state: m.state,
    size: m.byte_size,
    type: m.media_type,
    declaredType: m.declared_type,
    attempts: m.attempts,
    error: m.last_error,
    deletedFromTwilioAt: m.twilio_deleted_at,
    deleteError: m.delete_error,
  }));
}

/** How many of a queue item's media are still being fetched (0: everything has arrived or ended). */
export async function mediaStillFetching(deps: Pick<Deps, 'db'>, itemId: string): Promise<number> {
  const conversationId = await conversationOf(deps, itemId);
  return conversationId ? mediaInFlight(deps.db, conversationId) : 0;
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
  'audio/ogg': 'ogg',
  'audio/amr': 'amr',
  'audio/amr-wb': 'awb',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
};

/** One item's cleaned bytes, for a staff member whose role has `media:view`; audited. */
export async function serveMedia(
  _request: Request,
  deps: Deps,
  staff: { id: string; role: Role },
  mediaId: string,
): Promise<Response> {
  if (!can(staff.role, 'media:view')) throw new HttpError(403, 'forbidden', 'Your role does not allow this.');
  if (!z.uuid().safeParse(mediaId).success) throw new HttpError(404, 'not-found', 'There is no such file.');
  const row = await mediaWithContent(deps.db, mediaId);
  if (!row) throw new HttpError(404, 'not-found', 'There is no such file.');
  if (row.state !== 'stored' || !row.content || !row.media_type) {
    throw new HttpError(
      409,
      'media-not-stored',
      row.state === 'pending' || row.state === 'fetching'
        ? 'This file is still being fetched from Twilio.'
        : 'This file was not kept: it could not be fetched or was refused.',
    );
  }
  const key = await openConversationKey(deps.db, deps.keys, row.conversation_id);
  const bytes = await decryptField(key, row.content, conversationContext.media(row.conversation_id, row.id));
  await deps.db.transaction((tx) =>
    appendAudit(
      tx,
      deps.keys,
      { actorId: staff.id, action: 'media.view', subject: row.id, details: { kind: row.kind } },
      deps.now(),
    ),
  );
  return new Response(new Uint8Array(bytes), {
    headers: {
      'content-type': row.media_type,
      'content-length': String(bytes.byteLength),
      'content-disposition': `attachment; filename="media-${row.id}.${EXTENSIONS[row.media_type] ?? 'bin'}"`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "sandbox; default-src 'none'",
      'cache-control': 'no-store',
    },
  });
}

/** `GET /api/media/:id`: the router has already checked the session for `media:view`. */
export function mediaRoute(request: Request, { deps, params, session }: RouteContext): Promise<Response> {
  if (!session) throw new HttpError(401, 'sign-in-required', 'Sign in to the console first.');
  return serveMedia(request, deps, session.user, params.id ?? '');
}
