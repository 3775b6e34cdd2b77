/**
 * `GET /api/console/queue/:id/attachments/:attachmentId`: one attachment of an item's thread, for
 * staff who may read the thread. It is served as a download that the browser may neither sniff nor
 * run (nosniff, a sandboxing CSP), never cached, and every view is audited like opening the item.
 */
import { z } from 'zod';
import { HttpError } from '../http/http-error.ts';
import type { RouteContext } from '../http/route.ts';
import { appendAudit } from '../staff/audit.ts';
import { type ChannelKind, channelOf } from '../threads/channels.ts';

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
};

export async function itemAttachment(_request: Request, context: RouteContext): Promise<Response> {
  const { deps, params, session } = context;
  const ids = z.object({ id: z.uuid(), attachmentId: z.uuid() }).safeParse(params);
  if (!ids.success) throw new HttpError(404, 'not-found', 'There is no such attachment.');
  const [item] = await deps.db.query<{ source: ChannelKind; source_id: string }>(
    'select source, source_id from queue_items where id = $1',
    [ids.data.id],
  );
  const file = item
    ? await channelOf(item.source).attachment(deps, item.source_id, ids.data.attachmentId)
    : null;
  if (!file) throw new HttpError(404, 'not-found', 'There is no such attachment.');
  await deps.db.transaction((tx) =>
    appendAudit(
      tx,
      deps.keys,
      {
        actorId: session!.user.id,
        action: 'record.attachment.view',
        subject: ids.data.id,
        details: { attachment: ids.data.attachmentId },
      },
      deps.now(),
    ),
  );
  const extension = EXTENSIONS[file.mediaType] ?? 'bin';
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      // Only the types the upload accepted (recognised by their bytes and cleaned); anything else
      // would be served as opaque bytes.
      'content-type': EXTENSIONS[file.mediaType] ? file.mediaType : 'application/octet-stream',
      'content-disposition': `attachment; filename="attachment-${ids.data.attachmentId.slice(0, 8)}.${extension}"`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "sandbox; default-src 'none'",
      'cache-control': 'no-store',
      'content-length': String(file.bytes.length),
    },
  });
}
