/**
 * Replies to a WhatsApp conversation whose 24-hour window has closed: only the organisation's
 * approved templates (WHATSAPP_TEMPLATES, Twilio Content SIDs by language) may be sent, in the
 * conversation's language when there is one for it. The console reads the window and the offer
 * with `GET /api/console/queue/:id/reply-window` and sends with `POST .../whatsapp-template`.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { LOCALE_CODES } from '#kernel/i18n/locales.ts';
import { decryptText, encryptField } from '../crypto/envelope.ts';
import type { Deps } from '../deps.ts';
import { HttpError } from '../http/http-error.ts';
import { json } from '../http/json.ts';
import type { RouteContext } from '../http/route.ts';
import { appendAudit } from '../staff/audit.ts';
import { conversationContext, insertSmsMessage, openConversationKey } from './conversation-store.ts';
import { enqueueSms } from './outbox.ts';
import { type ReplyWindow, replyWindow, templatesFor } from './whatsapp-window.ts';

export interface ReplyOptions extends ReplyWindow {
  /** Approved templates, the conversation's language first; offered when the window is closed. */
  templates: { locale: string; contentSid: string }[];
}

function parseItemId(id: string | undefined): string {
  if (!z.uuid().safeParse(id ?? '').success) throw new HttpError(404, 'not-found', 'There is no such item.');
  return id!;
}

async function conversationOfItem(deps: Pick<Deps, 'db'>, itemId: string) {
  const [row] = await deps.db.query<{ id: string; lang: string | null; claimed_by: string | null }>(
    `select c.id, c.lang, q.claimed_by from queue_items q join conversations c on c.id = q.source_id
     where q.id = $1 and q.source = 'sms'`,
    [itemId],
  );
  if (!row) throw new HttpError(404, 'not-found', 'There is no such conversation.');
  return row;
}

/** Whether free-form replies are possible now, and which templates are offered instead. */
export async function replyOptions(
  deps: Pick<Deps, 'db' | 'config' | 'now'>,
  itemId: string,
): Promise<ReplyOptions> {
  const c = await conversationOfItem(deps, itemId);
  const window = await replyWindow(deps.db, c.id, deps.now());
  return { ...window, templates: window.channel === 'whatsapp' ? templatesFor(deps.config, c.lang) : [] };
}

export const templateRequestSchema = z.object({
  /** Which language's template; by default the conversation's (or English). */
  locale: z.enum(LOCALE_CODES).optional(),
  variables: z
    .record(
      z.string().regex(/^[1-9][0-9]?$/, 'template variables are numbered 1 to 99'),
      z.string().min(1).max(200),
    )
    .optional(),
});

/** Sends an approved template to the conversation of a queue item the staff member holds. */
export async function sendWhatsAppTemplate(
  deps: Deps,
  staffId: string,
  itemId: string,
  request: z.infer<typeof templateRequestSchema>,
): Promise<{ locale: string; contentSid: string }> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const [item] = await tx.query<{ claimed_by: string | null; source: string; source_id: string }>(
      'select claimed_by, source, source_id from queue_items where id = $1 for update',
      [itemId],
    );
    if (item?.source !== 'sms') throw new HttpError(404, 'not-found', 'There is no such conversation.');
    if (item.claimed_by !== staffId)
      throw new HttpError(409, 'not-yours', 'Claim the item before you answer, so nobody answers twice.');
    const [c] = await tx.query<{
      id: string;
      channel: string;
      lang: string | null;
      sender: Uint8Array;
      opted_out: boolean;
    }>('select id, channel, lang, sender, opted_out from conversations where id = $1', [item.source_id]);
    if (!c) throw new HttpError(404, 'not-found', 'The conversation is gone.');
    if (c.channel !== 'whatsapp')
      throw new HttpError(
        409,
        'not-whatsapp',
        'Templates are for WhatsApp conversations; answer this one with a text.',
      );
    if (c.opted_out)
      throw new HttpError(
        409,
        'opted-out',
        'This person texted STOP: no message can be sent until they text START.',
      );
    const offered = templatesFor(deps.config, c.lang);
    const chosen = request.locale ? offered.find((t) => t.locale === request.locale) : offered[0];
    if (!chosen)
      throw new HttpError(
        422,
        'no-template',
        offered.length === 0
          ? 'No approved WhatsApp template is configured (WHATSAPP_TEMPLATES).'
          : 'There is no approved template in that language.',
      );
    const key = await openConversationKey(tx, deps.keys, c.id);
    const messageId = randomUUID();
    const shown = `[WhatsApp template ${chosen.locale} ${chosen.contentSid}]`;
    await insertSmsMessage(tx, {
      id: messageId,
      conversationId: c.id,
      direction: 'out',
      messageSid: null,
      body: await encryptField(key, shown, conversationContext.message(c.id)),
      status: 'queued',
      now,
    });
    const to = await decryptText(key, c.sender, conversationContext.sender(c.id));
    await enqueueSms(
      tx,
      deps,
      {
        kind: 'reply',
        to,
        body: shown,
        conversationId: c.id,
        messageId,
        template: { contentSid: chosen.contentSid, variables: request.variables },
      },
      now,
    );
    await tx.query('insert into queue_events (item_id, at, actor_id, kind) values ($1, $2, $3, $4)', [
      itemId,
      now,
      staffId,
      'reply',
    ]);
    await appendAudit(
      tx,
      deps.keys,
      {
        actorId: staffId,
        action: 'queue.reply-template',
        subject: itemId,
        details: { locale: chosen.locale },
      },
      now,
    );
    return chosen;
  });
}

export async function replyWindowRoute(_request: Request, context: RouteContext): Promise<Response> {
  return json(await replyOptions(context.deps, parseItemId(context.params.id)));
}

export async function whatsappTemplateRoute(_request: Request, context: RouteContext): Promise<Response> {
  const { data } = await context.readBody(templateRequestSchema);
  const sent = await sendWhatsAppTemplate(
    context.deps,
    context.session!.user.id,
    parseItemId(context.params.id),
    data,
  );
  return json({ sent }, { status: 202 });
}
